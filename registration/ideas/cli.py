"""Command-line task for ideas: `flask --app registration ideas purge`."""

from __future__ import annotations

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from registration import clock
from registration.extensions import get_db
from registration.ideas import rules as ideas

# AppGroup runs each command inside the app context (database, config, clock).
ideas_group = AppGroup("ideas", help="Ideeën voor jongerenprojecten.")


@ideas_group.command("purge")
def purge_ideas() -> None:
    """Delete idea mails sent more than DOE_MEE_RETENTION_DAYS ago (run daily)."""
    days = current_app.config["DOE_MEE_RETENTION_DAYS"]
    count = ideas.purge_sent(get_db(), now=clock.now(), retention_days=days)
    click.echo(f"verwijderd: {count} verstuurde mails met ideeën (bewaartermijn {days} dagen)")



def init_app(app: Flask) -> None:
    app.cli.add_command(ideas_group)
