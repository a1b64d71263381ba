"""The app's notion of now: the real clock, or a fixed moment set in config by tests."""

from __future__ import annotations

import datetime as dt

from flask import current_app


def now() -> dt.datetime:
    fixed = current_app.config.get("NOW")
    return fixed if fixed is not None else dt.datetime.now(dt.UTC)
