"""The mail step of the sign-up rules: one mail in the outbox for each change a rule reports.

The one place that knows which change gets which mail. Called once, at the end of the
rule's own write transaction, so the mails commit together with the change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from sqlite_utils import Database

from leerstad.model import Event
from registration.mail import outbox
from registration.mail.compose import Mailer

if TYPE_CHECKING:
    from registration.signup.rules import Change

# Change.happened.value -> (mail template, whether the event's .ics goes with it)
MAIL_FOR = {
    "confirmed": ("confirmation", True),
    "waiting": ("waiting_list", False),
    "promoted": ("promotion", True),
    "cancelled": ("cancellation", False),
    "link_resent": ("link_resend", False),
    "personal_link": ("personal_link", False),
    "event_cancelled": ("event_cancelled", False),
}


def queue_notices(db: Database, changes: Iterable[Change], event: Event | None, *, mailer: Mailer, now: dt.datetime) -> list[int]:
    """Compose and enqueue the mail of each change, in order; returns the outbox ids. Call inside the rule's transaction."""
    outbox_ids = []
    for change in changes:
        kind, attach_calendar = MAIL_FOR[change.happened.value]
        mail = mailer.compose(
            kind, registration=change.registration, event=event, now=now, token=change.token, position=change.position,
            feed_token=change.feed_token, attach_calendar=attach_calendar,
        )
        outbox_ids.append(outbox.enqueue(db, mail, registration_id=change.registration["id"], now=now))
    return outbox_ids
