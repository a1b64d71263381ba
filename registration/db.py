"""One database connection per request (like the Flask tutorial's db.py), schema upgraded at start-up."""

from __future__ import annotations

from flask import Flask, current_app, g
from sqlite_utils import Database

from registration import store


def get_db() -> Database:
    if "db" not in g:
        g.db = store.connect(current_app.config["DATABASE"])
    return g.db


def close_db(_error: BaseException | None = None) -> None:
    database = g.pop("db", None)
    if database is not None:
        database.close()


def init_app(app: Flask) -> None:
    store.migrate(app.config["DATABASE"])
    app.teardown_appcontext(close_db)
