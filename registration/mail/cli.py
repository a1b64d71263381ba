"""Command-line task `flask --app registration send-mail`: cancellation notices, then the outbox over SMTP."""

from __future__ import annotations

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from registration import clock
from registration.extensions import get_catalogue, get_db, get_mailer
from registration.mail import outbox
from registration.mail.sending import smtp_settings
from registration.signup import rules as signups


@click.command("send-mail")
@with_appcontext
@click.option("--retry-now", is_flag=True, help="Send every pending mail now, also those waiting for their next retry.")
def send_mail(retry_now: bool) -> None:
    """Queue notices for newly cancelled events, then send due mails from the outbox (cron, every minute)."""
    db = get_db()
    now = clock.now()
    mailer = get_mailer()
    # Events cancelled in the content since the last run: queue a notice for each registrant first.
    for event in get_catalogue().events.values():
        signups.notify_event_cancelled(db, event, mailer=mailer, now=now)
    total_sent = total_failed = 0
    while True:  # in batches, so a long backlog does not hold thousands of rows claimed at once
        report = outbox.deliver(db, smtp_settings(current_app.config), now=now, ignore_backoff=retry_now, limit=200)
        total_sent += report.sent
        total_failed += report.failed
        if report.sent + report.failed == 0 or report.failed:
            break
    click.echo(f"verstuurd: {total_sent}, mislukt: {total_failed}, nog in de wachtrij: {outbox.pending_count(db)}")
    if total_failed:
        raise SystemExit(1)


def init_app(app: Flask) -> None:
    app.cli.add_command(send_mail)
