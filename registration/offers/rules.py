"""Internship offers submitted by employers: submit, edit, withdraw, approve, reject, and mark exported.

Plain functions on a sqlite-utils Database; the views and the export command only call
these. Each change and the mail it causes are written in one transaction (the outbox),
so an offer is never approved without its mail, nor a mail sent about a change that
did not happen. An offer can only be edited or withdrawn while it waits for moderation;
once decided it is read-only for its submitter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from leerstad import urls
from leerstad.internship_file import OFFER_FIELDS, InternshipOffer, offer_field_texts, offer_from_field_texts
from registration.admin import audit
from registration.mail import compose as mails
from registration.mail import outbox
from registration.store import immediate_transaction, iso
from registration.tokens import new_token

Row = dict[str, Any]

PENDING = "pending"
APPROVED = "approved"
REJECTED = "rejected"
WITHDRAWN = "withdrawn"

REASON_MAX = 2000


@dataclass(frozen=True)
class Contact:
    """Who submitted the offer; never published, only used to mail about the offer."""

    name: str
    email: str


@dataclass(frozen=True)
class Submitted:
    offer_id: int
    token: str
    outbox_ids: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class Change:
    """Outcome of edit, withdraw, approve or reject: `done` is False when the offer was not pending."""

    done: bool
    outbox_ids: list[int] = field(default_factory=list)


# Columns of internship_offers whose name or stored form differs from the field's own text;
# every other field is stored as its content-file text in a column named after its attribute.
_LEGACY_COLUMNS: dict[str, tuple[str, Callable[[str], Any], Callable[[Any], str]]] = {
    "group": ("is_group", lambda text: int(text == "yes"), lambda stored: "yes" if stored else "no"),
    # Stored as "vmbo,mbo" since the first release; the content file's text is "vmbo, mbo".
    "levels": ("levels", lambda text: text.replace(", ", ","), str),
}


def _offer_columns(offer: InternshipOffer) -> dict[str, Any]:
    """The offer as the columns of its row: one per internship field, empty ones as NULL."""
    columns: dict[str, Any] = {}
    for attr, text in offer_field_texts(offer).items():
        if attr in _LEGACY_COLUMNS:
            column, to_stored, _ = _LEGACY_COLUMNS[attr]
            columns[column] = to_stored(text)
        else:
            columns[attr] = text or None
    return columns


def offer_from_row(row: Row) -> InternshipOffer:
    """The offer's content fields as stored, typed as the content model types them."""
    texts = {}
    for attr in [spec.attr for spec in OFFER_FIELDS] + ["description"]:
        if attr in _LEGACY_COLUMNS:
            column, _, from_stored = _LEGACY_COLUMNS[attr]
            texts[attr] = from_stored(row[column])
        else:
            texts[attr] = "" if row[attr] is None else str(row[attr])
    return offer_from_field_texts(texts)


def _mail_context(row: Row, site_url: str, token: str | None = None, **extra: Any) -> dict[str, Any]:
    return {
        "offer": row,
        "expires": dt.date.fromisoformat(row["expires"]),
        "manage_url": urls.absolute(site_url, urls.offer_manage_path(token)) if token else None,
        "internships_url": urls.absolute(site_url, urls.internships_index_path()),
        "offer_form_url": urls.absolute(site_url, urls.offer_form_path()),
        "contact_url": urls.absolute(site_url, urls.page_path("contact")),
        **extra,
    }


def get_offer(db: Database, offer_id: int) -> Row | None:
    row = db.execute("SELECT * FROM internship_offers WHERE id = ?", [offer_id]).fetchone()
    return dict(row) if row else None


def submit(db: Database, offer: InternshipOffer, contact: Contact, *, site_url: str, now: dt.datetime) -> Submitted:
    """Store a new offer as pending and queue the confirmation mail with its manage link."""
    token, token_digest = new_token()
    stamp = iso(now)
    columns = {
        "status": PENDING,
        "token_hash": token_digest,
        "contact_name": contact.name,
        "contact_email": contact.email,
        **_offer_columns(offer),
        "created_at": stamp,
        "updated_at": stamp,
    }
    names = ", ".join(columns)
    marks = ", ".join("?" for _ in columns)
    with immediate_transaction(db):
        cursor = db.execute(f"INSERT INTO internship_offers ({names}) VALUES ({marks})", list(columns.values()))
        row = get_offer(db, cursor.lastrowid)
        assert row is not None
        mail = mails.compose("offer_received", contact.email, _mail_context(row, site_url, token))
        outbox_id = outbox.enqueue(db, mail, registration_id=None, now=now)
    return Submitted(row["id"], token, [outbox_id])


def edit(db: Database, offer_id: int, offer: InternshipOffer, *, now: dt.datetime) -> Change:
    """Replace a pending offer's fields; an offer already decided on stays as it is."""
    columns = _offer_columns(offer)
    assignments = ", ".join(f"{name} = ?" for name in columns)
    with immediate_transaction(db):
        # The status check is part of the UPDATE: an approval that just happened wins.
        cursor = db.execute(
            f"UPDATE internship_offers SET {assignments}, updated_at = ? WHERE id = ? AND status = ?",
            [*columns.values(), iso(now), offer_id, PENDING],
        )
    return Change(cursor.rowcount == 1)


def withdraw(db: Database, offer_id: int, *, site_url: str, now: dt.datetime) -> Change:
    """The submitter takes back a pending offer; they get a short confirmation."""
    stamp = iso(now)
    with immediate_transaction(db):
        cursor = db.execute(
            "UPDATE internship_offers SET status = ?, decided_at = ?, updated_at = ? WHERE id = ? AND status = ?",
            [WITHDRAWN, stamp, stamp, offer_id, PENDING],
        )
        if cursor.rowcount != 1:
            return Change(False)
        row = get_offer(db, offer_id)
        assert row is not None
        mail = mails.compose("offer_withdrawn", row["contact_email"], _mail_context(row, site_url))
        return Change(True, [outbox.enqueue(db, mail, registration_id=None, now=now)])


def _decide(
    db: Database, offer_id: int, status: str, *, admin: str, now: dt.datetime, site_url: str, reason: str | None = None
) -> Change:
    stamp = iso(now)
    with immediate_transaction(db):
        cursor = db.execute(
            "UPDATE internship_offers SET status = ?, decided_at = ?, decided_by = ?, reject_reason = ?, updated_at = ?"
            " WHERE id = ? AND status = ?",
            [status, stamp, admin, reason, stamp, offer_id, PENDING],
        )
        if cursor.rowcount != 1:
            return Change(False)
        row = get_offer(db, offer_id)
        assert row is not None
        kind = "offer_approved" if status == APPROVED else "offer_rejected"
        mail = mails.compose(kind, row["contact_email"], _mail_context(row, site_url, reason=reason))
        outbox_id = outbox.enqueue(db, mail, registration_id=None, now=now)
        action = "stage goedgekeurd" if status == APPROVED else "stage afgewezen"
        audit.record(db, username=admin, action=action, now=now, detail=f"aanbod {offer_id}: {row['organisation']} – {row['title']}")
    return Change(True, [outbox_id])


def approve(db: Database, offer_id: int, *, admin: str, now: dt.datetime, site_url: str) -> Change:
    """Accept a pending offer for publication; the export command writes it into content/."""
    return _decide(db, offer_id, APPROVED, admin=admin, now=now, site_url=site_url)


def reject(db: Database, offer_id: int, reason: str, *, admin: str, now: dt.datetime, site_url: str) -> Change:
    """Turn down a pending offer; the reason is required and mailed to the submitter."""
    reason = reason.strip()
    if not reason:
        raise ValueError("a rejection needs a reason; the submitter is told why")
    return _decide(db, offer_id, REJECTED, admin=admin, now=now, site_url=site_url, reason=reason)


def pending(db: Database) -> list[Row]:
    """Offers waiting for moderation, oldest first."""
    return [dict(r) for r in db.execute("SELECT * FROM internship_offers WHERE status = ? ORDER BY id", [PENDING])]


def approved_not_exported(db: Database) -> list[Row]:
    """Approved offers that have no content file yet, oldest first."""
    rows = db.execute("SELECT * FROM internship_offers WHERE status = ? AND exported_at IS NULL ORDER BY id", [APPROVED])
    return [dict(r) for r in rows]


def recently_decided(db: Database, limit: int = 50) -> list[Row]:
    rows = db.execute(
        "SELECT * FROM internship_offers WHERE status != ? ORDER BY coalesce(decided_at, updated_at) DESC, id DESC LIMIT ?",
        [PENDING, limit],
    )
    return [dict(r) for r in rows]


def exported_slugs(db: Database) -> set[str]:
    return {r["slug"] for r in db.execute("SELECT slug FROM internship_offers WHERE slug IS NOT NULL")}


def mark_exported(db: Database, offer_id: int, slug: str, *, now: dt.datetime) -> bool:
    """Record that the offer now has content/stagemarkt/<slug>.md; call inside the export's transaction."""
    cursor = db.execute(
        "UPDATE internship_offers SET exported_at = ?, slug = ?, updated_at = ? WHERE id = ? AND status = ? AND exported_at IS NULL",
        [iso(now), slug, iso(now), offer_id, APPROVED],
    )
    return cursor.rowcount == 1


@dataclass(frozen=True)
class Purged:
    offers: int
    mails: int


def purge(db: Database, *, now: dt.datetime, retention_days: int) -> Purged:
    """Forget offers and their mails `retention_days` after they stopped mattering.

    Rejected and withdrawn offers go that long after the decision; approved and still pending
    ones that long after their expiry date (an exported offer's content file, which has no
    contact details, stays in git). Sent offer mails go that long after sending.
    """
    cutoff = now - dt.timedelta(days=retention_days)
    with immediate_transaction(db):
        gone = db.execute(
            "DELETE FROM internship_offers WHERE (status IN (?, ?) AND decided_at < ?) OR (status IN (?, ?) AND expires < ?)",
            [REJECTED, WITHDRAWN, iso(cutoff), APPROVED, PENDING, cutoff.date().isoformat()],
        ).rowcount
        mails = db.execute(
            "DELETE FROM outbox WHERE kind LIKE 'offer\\_%' ESCAPE '\\' AND status = 'sent' AND sent_at < ?", [iso(cutoff)]
        ).rowcount
    return Purged(gone, mails)
