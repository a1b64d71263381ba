"""Ideas for youth projects from the jongerenhubs form: passed on to the city's mailbox, nothing else kept.

An idea is not stored in a table of its own: the mail to the city and the receipt to the
sender are written to the outbox in one transaction, and that is all the app keeps.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlite_utils import Database

from registration.mail import compose as mails
from registration.mail import outbox
from registration.store import immediate_transaction, iso

IDEA_MAX = 2000


@dataclass(frozen=True)
class Idea:
    """What someone sent in, already validated; `hub` is a hub slug from the content, or None."""

    name: str
    email: str
    text: str
    hub: str | None = None
    hub_title: str | None = None


def send_idea(db: Database, idea: Idea, *, mailbox: str, now: dt.datetime) -> list[int]:
    """Queue the idea for the city's mailbox and a receipt for the sender; returns the outbox ids."""
    context = {"idea": idea, "received_at": now}
    to_city = mails.compose("idea_to_city", mailbox, context)
    # The receipt does not repeat the idea's text: otherwise the form could be used to send
    # any text to any address under our name.
    receipt = mails.compose("idea_receipt", idea.email, context)
    with immediate_transaction(db):
        return [
            outbox.enqueue(db, to_city, registration_id=None, now=now),
            outbox.enqueue(db, receipt, registration_id=None, now=now),
        ]


def purge_sent(db: Database, *, now: dt.datetime, retention_days: int) -> int:
    """Delete idea mails sent more than `retention_days` ago; unsent ones wait until they are delivered."""
    cutoff = iso(now - dt.timedelta(days=retention_days))
    with immediate_transaction(db):
        return db.execute(
            "DELETE FROM outbox WHERE kind IN ('idea_to_city', 'idea_receipt') AND status = 'sent' AND sent_at < ?", [cutoff]
        ).rowcount
