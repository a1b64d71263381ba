"""The audit log: which admin looked at, exported or changed registrant data, and when."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlite_utils import Database

from registration.store import iso


def record(db: Database, *, username: str, action: str, now: dt.datetime, event_slug: str | None = None, detail: str | None = None) -> None:
    db.execute(
        "INSERT INTO audit_log (at, username, action, event_slug, detail) VALUES (?, ?, ?, ?, ?)",
        [iso(now), username, action, event_slug, detail],
    )


def recent(db: Database, limit: int = 200) -> list[dict[str, Any]]:
    return [dict(r) for r in db.execute("SELECT * FROM audit_log ORDER BY id DESC LIMIT ?", [limit])]
