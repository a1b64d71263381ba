"""The mail outbox: mails are rows written with the change that causes them, sent later.

A sign-up is committed even when SMTP is down; `deliver` retries with exponential
back-off and never deletes a row, so no mail that was once queued is lost.
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
import ssl
from collections.abc import Iterable
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

import idna
from sqlite_utils import Database

from leerstad.calendar import calendar_method
from leerstad.model import TIMEZONE
from registration.mail.compose import Mail, html_body
from registration.store import immediate_transaction, iso

log = logging.getLogger(__name__)

FIRST_RETRY = dt.timedelta(minutes=1)
LONGEST_RETRY = dt.timedelta(hours=6)
# A sender that crashes mid-send leaves its claim; after this the row is picked up again.
CLAIM_DURATION = dt.timedelta(minutes=5)


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int = 25
    user: str | None = None
    password: str | None = None
    starttls: bool = False
    timeout: float = 10.0
    mail_from: str = "Leerstad Rotterdam <noreply@leerstad.rotterdam.nl>"
    reply_to: str | None = None  # the city's programme mailbox: answers reach a person, not no-reply


# Mails to the city's own mailbox: a Reply-To there would send the city's answer back to itself, and
# staff read the visitor's words best exactly as typed, so these stay plain text only.
TO_THE_CITY = frozenset({"idea_to_city"})


@dataclass(frozen=True)
class DeliveryReport:
    sent: int
    failed: int


def enqueue(db: Database, mail: Mail, *, registration_id: int | None, now: dt.datetime) -> int:
    """Queue one mail; call inside the transaction of the change it reports."""
    cursor = db.execute(
        "INSERT INTO outbox (kind, registration_id, to_address, subject, body, attachment_name, attachment,"
        " created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [mail.kind, registration_id, mail.to_address, mail.subject, mail.body, mail.attachment_name,
         mail.attachment, iso(now), iso(now)],
    )
    return cursor.lastrowid


def retry_delay(attempts: int) -> dt.timedelta:
    """1, 2, 4, 8 … minutes after each failed attempt, at most six hours."""
    return min(FIRST_RETRY * (2 ** max(attempts - 1, 0)), LONGEST_RETRY)


def sendable_address(address: str) -> str:
    """The address with its domain in ASCII (punycode), as every SMTP server takes it.

    The form accepts jan@exämple.nl; sent as it is, it needs SMTPUTF8, and a server without it
    refuses the mail on every retry. A non-ASCII local part (é@example.nl) has no ASCII form
    and still needs SMTPUTF8.
    """
    local, at, domain = address.rpartition("@")
    if not at or domain.isascii():
        return address
    try:
        return f"{local}@{idna.encode(domain, uts46=True).decode('ascii')}"
    except idna.IDNAError:
        return address  # the server's refusal is kept in last_error, as for any other failure


def build_message(row: dict, mail_from: str, reply_to: str | None = None, *, now: dt.datetime | None = None) -> EmailMessage:
    """The mail as sent: plain text and HTML as alternatives, and an invitation inline and as a file.

    multipart/mixed [multipart/alternative [text/plain, text/html, text/calendar; method=…], <slug>.ics]:
    the inline text/calendar part with the iTIP method is what Gmail and Outlook turn into an
    invitation card, the attachment is for clients that only offer files (docs/calendars.md).
    """
    # EmailMessage refuses CR/LF inside header values, so a crafted subject or address
    # cannot add headers; the form rejects them earlier with a clear message anyway.
    message = EmailMessage()
    message["From"] = mail_from
    message["To"] = sendable_address(row["to_address"])
    to_the_city = row.get("kind") in TO_THE_CITY
    if reply_to and not to_the_city:
        message["Reply-To"] = reply_to
    message["Subject"] = row["subject"]
    # With the zone, not "-0000" (which RFC 5322 reserves for "zone unknown").
    message["Date"] = format_datetime((now or dt.datetime.now(dt.UTC)).astimezone(TIMEZONE).replace(microsecond=0))
    message["Message-ID"] = make_msgid(domain="leerstad.rotterdam.nl")
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no out-of-office replies to this
    message.set_content(row["body"])
    if not to_the_city:
        message.add_alternative(html_body(row["body"], row["subject"]), subtype="html")
    if row["attachment"]:
        data = bytes(row["attachment"])
        params = {"charset": "utf-8"}  # RFC 5545 erratum 2038: without it accents garble
        method = calendar_method(data)
        if method:
            params = {"method": method} | params
        message.add_alternative(data, maintype="text", subtype="calendar", params=params)
        message.add_attachment(data, maintype="text", subtype="calendar", filename=row["attachment_name"], params=params)
    return message


def _claim(db: Database, *, now: dt.datetime, ids: Iterable[int] | None, ignore_backoff: bool, limit: int) -> list[dict]:
    """Mark due rows as being sent by us so that two senders never send the same row at once."""
    conditions = ["status = 'pending'", "(claimed_until IS NULL OR claimed_until < :now)"]
    params: dict = {"now": iso(now), "until": iso(now + CLAIM_DURATION), "limit": limit}
    if not ignore_backoff:
        conditions.append("next_attempt_at <= :now")
    if ids is not None:
        id_list = [int(i) for i in ids]
        if not id_list:
            return []
        conditions.append(f"id IN ({', '.join(str(i) for i in id_list)})")
    where = " AND ".join(conditions)
    with immediate_transaction(db):
        rows = [dict(r) for r in db.execute(f"SELECT * FROM outbox WHERE {where} ORDER BY id LIMIT :limit", params)]
        if rows:
            db.execute(
                f"UPDATE outbox SET claimed_until = :until WHERE id IN ({', '.join(str(r['id']) for r in rows)})",
                params,
            )
    return rows


def deliver(
    db: Database,
    smtp: SmtpSettings,
    *,
    now: dt.datetime,
    ids: Iterable[int] | None = None,
    ignore_backoff: bool = False,
    limit: int = 500,
) -> DeliveryReport:
    """Send due pending mails (or only `ids`); failures are rescheduled, never dropped."""
    rows = _claim(db, now=now, ids=ids, ignore_backoff=ignore_backoff, limit=limit)
    if not rows:
        return DeliveryReport(0, 0)
    sent = failed = 0
    connection: smtplib.SMTP | None = None
    try:
        try:
            connection = _open(smtp)
        except (OSError, smtplib.SMTPException) as error:
            for row in rows:
                _mark_failed(db, row, error, now)
            return DeliveryReport(0, len(rows))
        for row in rows:
            try:
                connection.send_message(build_message(row, smtp.mail_from, smtp.reply_to))
            except (OSError, smtplib.SMTPException, ValueError) as error:
                _mark_failed(db, row, error, now)
                failed += 1
            else:
                db.execute(
                    "UPDATE outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1, claimed_until = NULL,"
                    " last_error = NULL WHERE id = ?",
                    [iso(now), row["id"]],
                )
                sent += 1
    finally:
        if connection is not None:
            try:
                connection.quit()
            except (OSError, smtplib.SMTPException):
                pass
    return DeliveryReport(sent, failed)


def _open(smtp: SmtpSettings) -> smtplib.SMTP:
    connection = smtplib.SMTP(smtp.host, smtp.port, timeout=smtp.timeout)
    if smtp.starttls:
        connection.starttls(context=ssl.create_default_context())
    if smtp.user:
        connection.login(smtp.user, smtp.password or "")
    return connection


def _mark_failed(db: Database, row: dict, error: Exception, now: dt.datetime) -> None:
    attempts = row["attempts"] + 1
    log.warning("mail %s to outbox row could not be sent (attempt %s): %s", row["id"], attempts, error)
    db.execute(
        "UPDATE outbox SET attempts = ?, next_attempt_at = ?, claimed_until = NULL, last_error = ? WHERE id = ?",
        [attempts, iso(now + retry_delay(attempts)), f"{type(error).__name__}: {error}"[:500], row["id"]],
    )


def pending_count(db: Database) -> int:
    return db.execute("SELECT count(*) FROM outbox WHERE status = 'pending'").fetchone()[0]
