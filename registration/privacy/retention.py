"""The retention period: registrations of events that ended long enough ago become anonymous counts.

`purge` first folds the registrations into the anonymous reach tables (see
registration/reach.py), then deletes the rows themselves and every outbox mail that
belongs to them (and the people left without any), in one write transaction, so the dashboard shows the same totals
before and after. Run daily: `flask --app registration purge` (docs/privacy.md).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlite_utils import Database

from leerstad.content import Content
from registration.privacy.person_key import fill_person_keys
from registration.privacy.reach import fold_registrations
from registration.signup.people import forget_people_without_registrations
from registration.store import immediate_transaction, iso

# Keeps each DELETE ... IN (...) well below SQLite's limit on bound parameters.
CHUNK = 500


@dataclass
class PurgeResult:
    cutoff: dt.datetime
    dry_run: bool
    registrations: int = 0
    outbox_mails: int = 0
    events: list[str] = field(default_factory=list)


def expired_event_slugs(content: Content, cutoff: dt.datetime) -> set[str]:
    """Events that ended before `cutoff`."""
    return {slug for slug, event in content.events.items() if event.end <= cutoff}


def purge(db: Database, content: Content, secret: str | bytes, *, now: dt.datetime, retention_days: int, dry_run: bool = False) -> PurgeResult:
    """Reduce registrations of events that ended more than `retention_days` ago to anonymous counts.

    A registration whose event is no longer in the content has no end date to go by; it
    goes when it has not changed for `retention_days`, so it is not kept for ever.
    """
    cutoff = now - dt.timedelta(days=retention_days)
    result = PurgeResult(cutoff=cutoff, dry_run=dry_run)
    expired = expired_event_slugs(content, cutoff)
    known = set(content.events)
    with immediate_transaction(db):
        fill_person_keys(db, secret)
        rows = [
            dict(r) for r in db.execute("SELECT * FROM registrations ORDER BY id")
            if r["event_slug"] in expired or (r["event_slug"] not in known and r["updated_at"] <= iso(cutoff))
        ]
        ids = [r["id"] for r in rows]
        result.registrations = len(ids)
        result.events = sorted({r["event_slug"] for r in rows})
        result.outbox_mails = _count_outbox(db, ids)
        if dry_run or not rows:
            return result
        fold_registrations(db, rows, content)
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start:start + CHUNK]
            marks = ", ".join("?" for _ in chunk)
            db.execute(f"DELETE FROM outbox WHERE registration_id IN ({marks})", chunk)
            # A link mailed with a purged registration goes with it, as its mail does.
            db.execute(f"DELETE FROM person_links WHERE registration_id IN ({marks})", chunk)
            db.execute(f"DELETE FROM registrations WHERE id IN ({marks})", chunk)
        # Someone with nothing left is forgotten too: address and links go, feeds become tombstones.
        forget_people_without_registrations(db, now=now)
    return result


def _count_outbox(db: Database, ids: list[int]) -> int:
    total = 0
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        marks = ", ".join("?" for _ in chunk)
        total += db.execute(f"SELECT count(*) FROM outbox WHERE registration_id IN ({marks})", chunk).fetchone()[0]
    return total
