"""Sign-up rules: seats, the waiting list, cancellation and promotion, each in one write transaction.

Plain functions on a sqlite-utils Database; the views only call these. A rule works out
what happened to which registration (a list of `Change`) and, at the end of the same
transaction, hands that list once to the mail step (registration/mail/notices.py), which
queues one mail per change in the outbox. So a change is never committed without its
mail, nor a mail without its change, and no rule composes a mail itself.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from leerstad.model import Event
from registration.mail.compose import Mailer
from registration.mail.notices import queue_notices
from registration.signup.people import add_link, get_or_create_person, normalise_address
from registration.store import immediate_transaction, iso
from registration.tokens import new_token

Row = dict[str, Any]


class RegistrationState(enum.Enum):
    """Why an event does or does not take sign-ups; each has its own page."""

    OPEN = "open"
    UNKNOWN = "unknown"
    CANCELLED = "cancelled"
    PAST = "past"
    STARTED = "started"
    CLOSED = "closed"
    NOT_NEEDED = "not_needed"


def registration_state(event: Event | None, now: dt.datetime) -> RegistrationState:
    """The event's own sign-up state (`Event.signup_state`, the one rule), or UNKNOWN for no event."""
    return RegistrationState.UNKNOWN if event is None else RegistrationState(event.signup_state(now))


@dataclass(frozen=True)
class Applicant:
    """What someone filled in on the sign-up form, already validated."""

    name: str
    email: str
    seats: int = 1
    school: str | None = None
    education_level: str | None = None
    age_group: str | None = None
    postcode: str | None = None


class Outcome(enum.Enum):
    CONFIRMED = "confirmed"
    WAITING = "waiting"
    ALREADY_REGISTERED = "already_registered"


class Happened(enum.Enum):
    """What a rule did to one registration; the mail step sends one mail for each."""

    CONFIRMED = "confirmed"
    WAITING = "waiting"
    PROMOTED = "promoted"
    CANCELLED = "cancelled"
    LINK_RESENT = "link_resent"  # signed up again for the same event: a new link to the owner, nothing else
    PERSONAL_LINK = "personal_link"  # asked for their link with the "stuur mijn link opnieuw" form
    EVENT_CANCELLED = "event_cancelled"


@dataclass(frozen=True)
class Change:
    """One thing that happened, with the registration as it is after it (and the new tokens, where some were made)."""

    happened: Happened
    registration: Row
    token: str | None = None  # a new personal link of the registration's person
    position: int | None = None
    feed_token: str | None = None  # the feed address of a person made just now (known only then)


@dataclass
class SignupResult:
    outcome: Outcome
    registration_id: int
    waiting_position: int | None
    token: str
    outbox_ids: list[int] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)


@dataclass
class CancelResult:
    cancelled: bool  # False when it was already cancelled
    promoted_ids: list[int] = field(default_factory=list)
    outbox_ids: list[int] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)


def email_key(email: str) -> str:
    """Jan@School.nl and jan@school.nl are one person; straße@ and strasse@ are two (see people.normalise_address)."""
    return normalise_address(email)


def seats_taken(db: Database, event_slug: str) -> int:
    row = db.execute(
        "SELECT coalesce(sum(seats), 0) FROM registrations WHERE event_slug = ? AND status = 'confirmed'",
        [event_slug],
    ).fetchone()
    return int(row[0])


def counts_per_event(db: Database) -> dict[str, tuple[int, int]]:
    """(seats taken, registrations waiting) for every event with registrations, in one query."""
    rows = db.execute(
        "SELECT event_slug, coalesce(sum(CASE WHEN status = 'confirmed' THEN seats END), 0),"
        " count(CASE WHEN status = 'waiting' THEN 1 END) FROM registrations GROUP BY event_slug"
    ).fetchall()
    return {row[0]: (int(row[1]), int(row[2])) for row in rows}


def waiting_position(db: Database, registration: Row) -> int | None:
    """1 for the first in line; None when the registration is not waiting."""
    if registration["status"] != "waiting":
        return None
    row = db.execute(
        "SELECT count(*) FROM registrations WHERE event_slug = ? AND status = 'waiting' AND id <= ?",
        [registration["event_slug"], registration["id"]],
    ).fetchone()
    return int(row[0])


def get_registration(db: Database, registration_id: int) -> Row | None:
    row = db.execute("SELECT * FROM registrations WHERE id = ?", [registration_id]).fetchone()
    return dict(row) if row else None


def sign_up(db: Database, event: Event, applicant: Applicant, *, mailer: Mailer, now: dt.datetime) -> SignupResult:
    """Register `applicant`: a seat if enough are left, else a place on the waiting list.

    Counting the seats taken and inserting happen in one BEGIN IMMEDIATE transaction,
    so concurrent sign-ups (also from other worker processes) are serialised and the
    capacity is never exceeded.
    """
    if event.capacity is None:
        raise ValueError(f"event {event.slug} has no capacity; it takes no sign-ups")
    if not 1 <= applicant.seats <= event.max_seats:
        raise ValueError(f"{applicant.seats} seats for {event.slug}; one registration takes 1 to {event.max_seats}")
    key = email_key(applicant.email)
    token, token_digest = new_token()
    stamp = iso(now)
    with immediate_transaction(db):
        person = get_or_create_person(db, applicant.email, now=now)
        existing = db.execute(
            "SELECT * FROM registrations WHERE event_slug = ? AND (person_id = ? OR email_key = ?) AND status != 'cancelled'",
            [event.slug, person.id, key],
        ).fetchone()
        if existing is not None:
            # A new link for the owner, by mail only; the links they already have keep working.
            registration = dict(existing)
            add_link(db, person.id, now=now, registration_id=registration["id"], token=token, token_hash=token_digest)
            change = Change(Happened.LINK_RESENT, registration, token=token, position=waiting_position(db, registration))
            outbox_ids = queue_notices(db, [change], event, mailer=mailer, now=now)
            return SignupResult(Outcome.ALREADY_REGISTERED, registration["id"], change.position, token, outbox_ids, [change])
        # Seats may have been freed by a raised capacity in the content: let the line move first.
        changes = _promote(db, event, now=now)
        taken = seats_taken(db, event.slug)
        status = "confirmed" if taken + applicant.seats <= event.capacity else "waiting"
        # token_hash: the link mailed with this registration (also one of the person's links below).
        cursor = db.execute(
            "INSERT INTO registrations (event_slug, name, email, email_key, seats, school, education_level, age_group,"
            " postcode, status, token_hash, created_at, updated_at, person_id)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [event.slug, applicant.name, applicant.email, key, applicant.seats, applicant.school,
             applicant.education_level, applicant.age_group, applicant.postcode, status, token_digest,
             stamp, stamp, person.id],
        )
        registration = get_registration(db, cursor.lastrowid)
        assert registration is not None
        add_link(db, person.id, now=now, registration_id=registration["id"], token=token, token_hash=token_digest)
        position = waiting_position(db, registration)
        happened = Happened.CONFIRMED if status == "confirmed" else Happened.WAITING
        changes.append(Change(happened, registration, token=token, position=position, feed_token=person.feed_token))
        outbox_ids = queue_notices(db, changes, event, mailer=mailer, now=now)
    outcome = Outcome.CONFIRMED if status == "confirmed" else Outcome.WAITING
    return SignupResult(outcome, registration["id"], position, token, outbox_ids, changes)


def send_personal_link(db: Database, address: str, *, mailer: Mailer, now: dt.datetime) -> list[int]:
    """The "stuur mijn link opnieuw" form: a new link by mail when the address is known, else nothing.

    The caller answers the same either way, so the form does not tell who is registered.
    """
    with immediate_transaction(db):
        person = db.execute("SELECT id FROM people WHERE address = ?", [normalise_address(address)]).fetchone()
        if person is None:
            return []
        # The newest registration gives the name to greet and the address the owner typed; its
        # outbox row goes with it on erasure and purge.
        latest = db.execute(
            "SELECT * FROM registrations WHERE person_id = ? ORDER BY id DESC LIMIT 1", [person[0]]
        ).fetchone()
        if latest is None:
            return []
        token = add_link(db, person[0], now=now)
        return queue_notices(db, [Change(Happened.PERSONAL_LINK, dict(latest), token=token)], None, mailer=mailer, now=now)


def cancel(db: Database, registration_id: int, event: Event | None, *, mailer: Mailer, now: dt.datetime) -> CancelResult:
    """Cancel a registration and hand its seats to the first waiting registrations that fit."""
    with immediate_transaction(db):
        registration = get_registration(db, registration_id)
        if registration is None or registration["status"] == "cancelled":
            return CancelResult(cancelled=False)
        stamp = iso(now)
        db.execute(
            "UPDATE registrations SET status = 'cancelled', cancelled_at = ?, updated_at = ? WHERE id = ?",
            [stamp, stamp, registration_id],
        )
        changes = [Change(Happened.CANCELLED, get_registration(db, registration_id))]
        # Also when sign-ups are closed: people already in line keep their chance until it starts.
        if event is not None and not event.is_cancelled and now < event.start:
            changes += _promote(db, event, now=now)
        outbox_ids = queue_notices(db, changes, event, mailer=mailer, now=now)
    promoted = [c.registration["id"] for c in changes if c.happened is Happened.PROMOTED]
    return CancelResult(True, promoted, outbox_ids, changes)


def notify_event_cancelled(db: Database, event: Event, *, mailer: Mailer, now: dt.datetime) -> list[int]:
    """Mail everyone with a seat or waiting place that a cancelled event will not take place, once each.

    Their registrations stay as they are (nothing is lost; the admin pages still show them);
    the event's own cancellation is what the manage page and personal feed show.
    """
    if not event.is_cancelled:
        return []
    with immediate_transaction(db):
        rows = db.execute(
            "SELECT * FROM registrations WHERE event_slug = ? AND status != 'cancelled' AND event_cancelled_notified_at IS NULL"
            " ORDER BY id",
            [event.slug],
        ).fetchall()
        changes = [Change(Happened.EVENT_CANCELLED, dict(row)) for row in rows]
        for row in rows:
            db.execute("UPDATE registrations SET event_cancelled_notified_at = ? WHERE id = ?", [iso(now), row["id"]])
        return queue_notices(db, changes, event, mailer=mailer, now=now)


def promote_from_waiting_list(db: Database, event: Event, *, mailer: Mailer, now: dt.datetime) -> list[int]:
    """Give free seats to waiting registrations in order of arrival; returns the promoted ids."""
    with immediate_transaction(db):
        changes = _promote(db, event, now=now)
        queue_notices(db, changes, event, mailer=mailer, now=now)
    return [change.registration["id"] for change in changes]


def _promote(db: Database, event: Event, *, now: dt.datetime) -> list[Change]:
    """Inside a write transaction: move waiting registrations that fit to confirmed, oldest first.

    A class of 25 that does not fit does not block a single person behind it who does;
    the class keeps its place at the head of the line for the next freed seats.
    """
    if event.capacity is None:
        return []
    waiting = db.execute(
        "SELECT * FROM registrations WHERE event_slug = ? AND status = 'waiting' ORDER BY id", [event.slug]
    ).fetchall()
    if not waiting:
        return []
    free = event.capacity - seats_taken(db, event.slug)
    stamp = iso(now)
    changes = []
    for row in waiting:
        if free <= 0:
            break
        if row["seats"] > free:
            continue
        db.execute(
            "UPDATE registrations SET status = 'confirmed', promoted_at = ?, updated_at = ? WHERE id = ?",
            [stamp, stamp, row["id"]],
        )
        free -= row["seats"]
        # The promotion mail carries a link of its own, so it never points to an older mail.
        token = add_link(db, row["person_id"], now=now, registration_id=row["id"]) if row["person_id"] is not None else None
        changes.append(Change(Happened.PROMOTED, get_registration(db, row["id"]), token=token))
    return changes
