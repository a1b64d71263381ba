"""The mail step of the sign-up rules: one mail in the outbox for each change a rule reports.

The one place that knows which change gets which mail. Called once, at the end of the
rule's own write transaction, so the mails commit together with the change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from sqlite_utils import Database

from leerstad.calendar import CANCEL, REQUEST
from leerstad.model import Event
from registration.mail import outbox
from registration.mail.compose import Mailer

if TYPE_CHECKING:
    from registration.signup.rules import Change

# Change.happened.value -> (mail template, the invitation that goes with it). A seat gets an
# invitation (REQUEST); the waiting list gets none, because there is no seat to put in a calendar
# yet; a cancellation cancels the invitation (CANCEL), but only where one was sent.
MAIL_FOR = {
    "confirmed": ("confirmation", REQUEST),
    "waiting": ("waiting_list", None),
    "promoted": ("promotion", REQUEST),
    "cancelled": ("cancellation", CANCEL),
    "link_resent": ("link_resend", None),
    "personal_link": ("personal_link", None),
    "event_cancelled": ("event_cancelled", CANCEL),
}


def _was_invited(db: Database, registration_id: int) -> bool:
    """Whether this registration's invitation went into the outbox: only then is there one to cancel."""
    row = db.execute(
        "SELECT 1 FROM outbox WHERE registration_id = ? AND attachment IS NOT NULL AND kind IN ('confirmation', 'promotion')"
        " LIMIT 1",
        [registration_id],
    ).fetchone()
    return row is not None


def queue_notices(db: Database, changes: Iterable[Change], event: Event | None, *, mailer: Mailer, now: dt.datetime) -> list[int]:
    """Compose and enqueue the mail of each change, in order; returns the outbox ids. Call inside the rule's transaction."""
    outbox_ids = []
    for change in changes:
        kind, method = MAIL_FOR[change.happened.value]
        if method == CANCEL and not _was_invited(db, change.registration["id"]):
            method = None
        mail = mailer.compose(
            kind, registration=change.registration, event=event, now=now, token=change.token, position=change.position,
            feed_token=change.feed_token, calendar_method=method,
        )
        outbox_ids.append(outbox.enqueue(db, mail, registration_id=change.registration["id"], now=now))
    return outbox_ids
