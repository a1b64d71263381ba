"""The database connection for a request (like the Flask tutorial's db.py), schema upgraded at start-up.

Unlike the tutorial, a connection is kept per thread and reused across requests: opening
one costs its PRAGMAs, and closing the last one makes SQLite checkpoint and delete the
WAL, which under load cost more than the sign-up itself.
"""

from __future__ import annotations

import threading

from flask import Flask, current_app
from sqlite_utils import Database

from registration import store


def get_db() -> Database:
    local = current_app.extensions["leerstad_db"]
    database = getattr(local, "database", None)
    if database is None:
        database = local.database = store.connect(current_app.config["DATABASE"])
    return database


def end_request(_error: BaseException | None = None) -> None:
    database = getattr(current_app.extensions["leerstad_db"], "database", None)
    # A view that failed half-way must not leave its transaction (and SQLite's write lock) behind.
    if database is not None and database.conn.in_transaction:
        database.conn.rollback()


def init_app(app: Flask) -> None:
    store.migrate(app.config["DATABASE"])
    app.extensions["leerstad_db"] = threading.local()
    app.teardown_appcontext(end_request)
