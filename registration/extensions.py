"""Flask extensions shared by the blueprints: CSRF protection and the rate limiter."""

from __future__ import annotations

from flask import current_app
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()
# Memory storage counts per worker process: with 4 workers the real limit is up to 4x.
limiter = Limiter(get_remote_address, storage_uri="memory://")


def signup_limit() -> str:
    return current_app.config["SIGNUP_RATE_LIMIT"]


def login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]
