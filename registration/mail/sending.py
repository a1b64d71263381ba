"""Sends a request's queued mails right after its response, without making the response wait."""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Mapping
from typing import Any

from flask import Response, after_this_request, current_app

from registration import store
from registration.mail import outbox

log = logging.getLogger(__name__)


def smtp_settings(config: Mapping[str, Any]) -> outbox.SmtpSettings:
    return outbox.SmtpSettings(
        host=config["SMTP_HOST"],
        port=int(config["SMTP_PORT"]),
        user=config["SMTP_USER"],
        password=config["SMTP_PASSWORD"],
        starttls=bool(config["SMTP_STARTTLS"]),
        timeout=float(config["SMTP_TIMEOUT"]),
        mail_from=config["MAIL_FROM"],
        reply_to=config["PROGRAMME_MAILBOX"],
    )


def send_soon(outbox_ids: list[int]) -> None:
    """Try these outbox rows once the response is out; the cron `send-mail` retries failures."""
    if not outbox_ids or not current_app.config["MAIL_SEND_AFTER_REQUEST"]:
        return
    database = current_app.config["DATABASE"]
    settings = smtp_settings(current_app.config)
    ids = list(outbox_ids)

    @after_this_request
    def _schedule(response: Response) -> Response:
        # A thread, so a slow SMTP server (timeouts of seconds) never holds the worker or the visitor.
        response.call_on_close(
            lambda: threading.Thread(target=_deliver, args=(database, settings, ids), daemon=True, name="outbox").start()
        )
        return response


def _deliver(database: str, settings: outbox.SmtpSettings, ids: list[int]) -> None:
    db = store.connect(database)
    try:
        # Fresh rows of this request: due now whatever the clock says (tests run with a fixed one).
        outbox.deliver(db, settings, now=dt.datetime.now(dt.UTC), ids=ids, ignore_backoff=True)
    except Exception:  # the rows stay pending; cron picks them up
        log.exception("sending outbox rows %s right after the request failed", ids)
    finally:
        db.close()
