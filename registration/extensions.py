"""What the app shares across requests: CSRF, the rate limiter, and accessors for the databases, catalogue and mailer.

Views ask `get_db()`, `get_stats_db()`, `get_catalogue()` and `get_mailer()`, never `current_app.extensions[...]` by a key string.

Unlike the Flask tutorial's db.py, a database connection is kept per thread and reused across
requests: opening one costs its PRAGMAs, and closing the last one makes SQLite checkpoint and
delete the WAL, which under load cost more than the sign-up itself.
"""

from __future__ import annotations

import threading

from flask import Flask, current_app
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_wtf.csrf import CSRFProtect
from sqlite_utils import Database

from registration import config, store
from registration.catalogue import EventCatalogue
from registration.mail.compose import Mailer
from registration.stats import database as stats_database

csrf = CSRFProtect()
# Storage comes from RATELIMIT_STORAGE_URI (registration/config.py). Memory storage counts per
# worker process: with 4 workers the real limit is up to 4x.
limiter = Limiter(get_remote_address)

_DB = "leerstad_db"
_STATS_DB = "leerstad_stats_db"
_CATALOGUE = "leerstad_catalogue"
_MAILER = "leerstad_mailer"


def signup_limit() -> str:
    return current_app.config["SIGNUP_RATE_LIMIT"]


def login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def doe_mee_limit() -> str:
    """Submissions per visitor address for the /doe-mee/ forms."""
    return current_app.config["DOE_MEE_RATE_LIMIT"]


def get_db() -> Database:
    """This thread's connection to the app's database."""
    local = current_app.extensions[_DB]
    database = getattr(local, "database", None)
    if database is None:
        database = local.database = store.connect(current_app.config["DATABASE"])
    return database


def get_stats_db() -> Database:
    """This thread's connection to the website statistics, a file of its own with its own write lock."""
    local = current_app.extensions[_STATS_DB]
    database = getattr(local, "database", None)
    if database is None:
        database = local.database = stats_database.connect(config.stats_database(current_app.config))
    return database


def stats_limit() -> str:
    return current_app.config["STATS_RATE_LIMIT"]


def get_catalogue() -> EventCatalogue:
    """The content (events, sectors, hubs), reloaded when a file changes."""
    return current_app.extensions[_CATALOGUE]


def get_mailer() -> Mailer:
    return current_app.extensions[_MAILER]


def _end_request(_error: BaseException | None = None) -> None:
    for key in (_DB, _STATS_DB):
        database = getattr(current_app.extensions[key], "database", None)
        # A view that failed half-way must not leave its transaction (and SQLite's write lock) behind.
        if database is not None and database.conn.in_transaction:
            database.conn.rollback()


def init_app(app: Flask) -> None:
    """Upgrade the schema, then set up the extensions and the shared objects the accessors return."""
    store.migrate(app.config["DATABASE"])
    stats_database.migrate(config.stats_database(app.config))
    app.extensions[_DB] = threading.local()
    app.extensions[_STATS_DB] = threading.local()
    app.teardown_appcontext(_end_request)
    csrf.init_app(app)
    limiter.init_app(app)
    catalogue = EventCatalogue(app.config["CONTENT_DIR"], check_interval=float(app.config["CONTENT_CHECK_INTERVAL"]))
    app.extensions[_CATALOGUE] = catalogue
    app.extensions[_MAILER] = Mailer(
        app.config["SITE_URL"], versions=catalogue.versions, sector_titles=catalogue.sector_titles,
        programme_mailbox=app.config["PROGRAMME_MAILBOX"],
    )
