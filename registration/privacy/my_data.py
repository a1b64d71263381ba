"""A registrant's rights (AVG art. 15 and 17): everything held about an address, and erasing it.

Reached from a personal link (never from the read-only feed address): whoever holds a live
link of a person speaks for that person's address. No Flask here; privacy/my_data_views.py
is the thin view on top.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from leerstad.content import Content
from leerstad.model import Event
from registration.mail.compose import Mailer
from registration.privacy.person_key import fill_person_keys, person_key
from registration.privacy.reach import fold_registrations, people_scopes, stored_sectors
from registration.signup.people import forget_person
from registration.signup.rules import email_key, promote_from_waiting_list
from registration.store import immediate_transaction, iso

# Outbox columns shown in a download; the .ics attachment itself is only named.
OUTBOX_EXPORT_COLUMNS = ("id", "kind", "registration_id", "to_address", "subject", "body", "attachment_name",
                         "created_at", "status", "attempts", "sent_at")


def _person_id(db: Database, email: str) -> int | None:
    row = db.execute("SELECT id FROM people WHERE address = ?", [email_key(email)]).fetchone()
    return row[0] if row else None


def _registrations_of(db: Database, email: str, key: str) -> list[dict[str, Any]]:
    rows = db.execute(
        "SELECT * FROM registrations WHERE email_key = ? OR person_key = ? OR person_id = ? ORDER BY id",
        [email_key(email), key, _person_id(db, email)],
    ).fetchall()
    return [dict(r) for r in rows]


def _links_of(db: Database, email: str) -> list[dict[str, Any]]:
    # When each link was made and revoked; never the hashes, which are keys, not data about a person.
    rows = db.execute(
        "SELECT created_at, revoked_at FROM person_links WHERE person_id = ? ORDER BY id", [_person_id(db, email)]
    ).fetchall()
    return [dict(r) for r in rows]


def _outbox_of(db: Database, email: str, registration_ids: set[int]) -> list[dict[str, Any]]:
    # Compared in Python: SQLite's lower() leaves non-ASCII letters alone, casefold() does not.
    wanted = email_key(email)
    return [
        dict(r) for r in db.execute("SELECT * FROM outbox ORDER BY id")
        if r["registration_id"] in registration_ids or email_key(r["to_address"]) == wanted
    ]


def export_for_email(db: Database, email: str, secret: str | bytes, *, now: dt.datetime) -> dict[str, Any]:
    """Everything stored about `email`, as JSON-ready data."""
    key = person_key(email, secret)
    with immediate_transaction(db):
        fill_person_keys(db, secret)
        registrations = _registrations_of(db, email, key)
        mails = _outbox_of(db, email, {r["id"] for r in registrations})
        scopes = sorted(r[0] for r in db.execute("SELECT scope FROM reach_people WHERE person_key = ?", [key]))
        links = _links_of(db, email)
    return {
        "email": email,
        "exported_at": iso(now),
        "registrations": registrations,
        "personal_links": links,
        "mails": [{column: mail[column] for column in OUTBOX_EXPORT_COLUMNS} for mail in mails],
        # Sectors ('' = whole programme) where only the keyed hash of the address is kept to count unique people.
        "counted_in_reach_scopes": scopes,
    }


@dataclass
class ErasureResult:
    registrations: int = 0
    mails: int = 0
    promoted_ids: list[int] = field(default_factory=list)


def erase_email(db: Database, content: Content, email: str, secret: str | bytes, *, mailer: Mailer, now: dt.datetime) -> ErasureResult:
    """Delete every row holding `email` or its keyed hash; keep only anonymous counts.

    Registrations of events that have started are folded into the anonymous reach counts
    first (they happened); those of future events simply go, and their freed seats go to
    the waiting list under the sign-up rules. The person still counts once in each sector
    they were reached in, as a number without a key (reach_erased_people).
    """
    key = person_key(email, secret)
    result = ErasureResult()
    freed: dict[str, Event] = {}
    with immediate_transaction(db):
        fill_person_keys(db, secret)
        rows = _registrations_of(db, email, key)
        ids = {r["id"] for r in rows}
        happened = [r for r in rows if _has_started(content, r["event_slug"], now)]
        stored = {slug: stored_sectors(db, slug) for slug in {r["event_slug"] for r in happened}}
        scopes = {scope for scope, _ in people_scopes(happened, content, stored)}
        scopes |= {r[0] for r in db.execute("SELECT scope FROM reach_people WHERE person_key = ?", [key])}
        fold_registrations(db, happened, content, keep_people=False)
        for scope in scopes:
            db.execute(
                "INSERT INTO reach_erased_people (scope, people) VALUES (?, 1)"
                " ON CONFLICT (scope) DO UPDATE SET people = people + 1",
                [scope],
            )
        db.execute("DELETE FROM reach_people WHERE person_key = ?", [key])
        mails = _outbox_of(db, email, ids)
        for mail in mails:
            db.execute("DELETE FROM outbox WHERE id = ?", [mail["id"]])
        for row in rows:
            db.execute("DELETE FROM registrations WHERE id = ?", [row["id"]])
            event = content.events.get(row["event_slug"])
            if row["status"] == "confirmed" and event is not None and not event.is_cancelled and now < event.start:
                freed[event.slug] = event
        person_id = _person_id(db, email)
        if person_id is not None:
            # Links stop working; feed addresses keep only their hash, to answer an empty calendar.
            forget_person(db, person_id, now=now)
        result.registrations, result.mails = len(rows), len(mails)
    # Separate transactions, as in a cancellation; should this fail, the next sign-up
    # or cancellation for the event moves the line anyway.
    for event in freed.values():
        result.promoted_ids += promote_from_waiting_list(db, event, mailer=mailer, now=now)
    return result


def _has_started(content: Content, event_slug: str, now: dt.datetime) -> bool:
    event = content.events.get(event_slug)
    # An event gone from the content cannot take place any more: count what was there.
    return event is None or event.start <= now
