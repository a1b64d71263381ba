"""People, not tokens: one person per normalised address, owning revocable links and one read-only feed address.

Plain functions on a sqlite-utils Database (no Flask); call the writing ones inside the caller's
write transaction. Only SHA-256 hashes of links and feed tokens are stored (registration/tokens.py).
A revoked feed, or the feed of an erased person, stays as a tombstone (hash and moment, no
person) so it can answer an empty calendar for FEED_GRACE_DAYS and 410 after.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import idna
from sqlite_utils import Database

from leerstad.privacy import FEED_GRACE_DAYS
from registration.store import iso
from registration.tokens import find_by_token, new_token

Row = dict[str, Any]
# A calendar app keeps polling a feed address for months: an empty calendar for FEED_GRACE_DAYS lets
# it clear the events quietly, after which 410 tells it to stop.


def normalise_address(address: str) -> str:
    """The identity of an address: local part lower-cased as typed, domain as lower-case ASCII (IDNA).

    str.lower(), not casefold(): `straße@` and `strasse@` are different mailboxes, so two people.
    """
    address = address.strip()
    local, at, domain = address.rpartition("@")
    if not at:
        return address.lower()
    try:
        ascii_domain = idna.encode(domain, uts46=True).decode("ascii")
    except (idna.IDNAError, UnicodeError):
        ascii_domain = domain  # the form validated it already; an odd domain still gets one stable key
    return f"{local.lower()}@{ascii_domain.lower()}"


@dataclass(frozen=True)
class Person:
    id: int
    address: str
    feed_token: str | None = None  # only for a person made just now: the one moment the token is known


def get_or_create_person(db: Database, address: str, *, now: dt.datetime) -> Person:
    """The person of `address`; a new one gets exactly one feed token, returned once."""
    key = normalise_address(address)
    row = db.execute("SELECT id FROM people WHERE address = ?", [key]).fetchone()
    if row is not None:
        return Person(row[0], key)
    cursor = db.execute("INSERT INTO people (address, created_at) VALUES (?, ?)", [key, iso(now)])
    person_id = int(cursor.lastrowid)
    feed_token = add_feed(db, person_id, now=now)
    return Person(person_id, key, feed_token=feed_token)


def add_link(db: Database, person_id: int, *, now: dt.datetime, registration_id: int | None = None,
             token: str | None = None, token_hash: str | None = None) -> str:
    """A new personal link for the person; earlier links keep working. Returns the token (shown once)."""
    if token is None or token_hash is None:
        token, token_hash = new_token()
    db.execute(
        "INSERT INTO person_links (token_hash, person_id, registration_id, created_at) VALUES (?, ?, ?, ?)",
        [token_hash, person_id, registration_id, iso(now)],
    )
    return token


def add_feed(db: Database, person_id: int, *, now: dt.datetime) -> str:
    token, token_hash = new_token()
    db.execute(
        "INSERT INTO person_feeds (token_hash, person_id, created_at) VALUES (?, ?, ?)", [token_hash, person_id, iso(now)]
    )
    return token


def renew_feed(db: Database, person_id: int, *, now: dt.datetime) -> str:
    """Revoke every feed address of the person and make one new one (its token is returned once)."""
    db.execute(
        "UPDATE person_feeds SET revoked_at = ? WHERE person_id = ? AND revoked_at IS NULL", [iso(now), person_id]
    )
    return add_feed(db, person_id, now=now)


def link_of(db: Database, token: str) -> Row | None:
    """The live link a token opens, with `address` of its person; None when unknown, malformed or revoked."""
    link = find_by_token(db, "person_links", token)
    if link is None or link["revoked_at"] is not None:
        return None
    person = db.execute("SELECT address FROM people WHERE id = ?", [link["person_id"]]).fetchone()
    if person is None:
        return None
    return {**link, "address": person[0]}


def links_of(db: Database, person_id: int) -> list[Row]:
    rows = db.execute(
        "SELECT id, person_id, registration_id, created_at, revoked_at FROM person_links"
        " WHERE person_id = ? AND revoked_at IS NULL ORDER BY id",
        [person_id],
    ).fetchall()
    return [dict(r) for r in rows]


def revoke_link(db: Database, person_id: int, link_id: int, *, now: dt.datetime) -> bool:
    """Revoke one of the person's own links (never another person's); False when there was none to revoke."""
    cursor = db.execute(
        "UPDATE person_links SET revoked_at = ? WHERE id = ? AND person_id = ? AND revoked_at IS NULL",
        [iso(now), link_id, person_id],
    )
    return cursor.rowcount == 1


def registrations_of(db: Database, person_id: int) -> list[Row]:
    rows = db.execute("SELECT * FROM registrations WHERE person_id = ? ORDER BY id", [person_id]).fetchall()
    return [dict(r) for r in rows]


class FeedState:
    LIVE = "live"
    EMPTY = "empty"  # revoked or erased, within the grace period
    GONE = "gone"  # revoked or erased longer ago: 410


def feed_of(db: Database, token: str, *, now: dt.datetime) -> tuple[str, Row] | None:
    """What a feed address answers: (state, feed row), or None for a token that never was a feed."""
    feed = find_by_token(db, "person_feeds", token)
    if feed is None:
        return None
    if feed["revoked_at"] is None and feed["person_id"] is not None:
        return FeedState.LIVE, feed
    revoked = dt.datetime.fromisoformat(feed["revoked_at"])
    if now - revoked < dt.timedelta(days=FEED_GRACE_DAYS):
        return FeedState.EMPTY, feed
    return FeedState.GONE, feed


def forget_person(db: Database, person_id: int, *, now: dt.datetime) -> None:
    """Inside a write transaction: delete the person and their links; their feeds become tombstones.

    The person's registrations must be gone already (erasure and the purge delete them first).
    """
    db.execute(
        "UPDATE person_feeds SET person_id = NULL, revoked_at = coalesce(revoked_at, ?) WHERE person_id = ?",
        [iso(now), person_id],
    )
    db.execute("DELETE FROM person_links WHERE person_id = ?", [person_id])
    db.execute("UPDATE registrations SET person_id = NULL WHERE person_id = ?", [person_id])
    db.execute("DELETE FROM people WHERE id = ?", [person_id])


def forget_people_without_registrations(db: Database, *, now: dt.datetime) -> int:
    """Inside a write transaction: forget everyone none of whose registrations are left (after a purge)."""
    ids = [r[0] for r in db.execute(
        "SELECT id FROM people WHERE NOT EXISTS (SELECT 1 FROM registrations WHERE registrations.person_id = people.id)"
    )]
    for person_id in ids:
        forget_person(db, person_id, now=now)
    return len(ids)
