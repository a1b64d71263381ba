"""Wires retention and privacy into the app: config defaults, `flask purge` and `flask my-data`."""

from __future__ import annotations

import datetime as dt

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from leerstad.privacy import RETENTION_DAYS, parse_retention_days
from registration.db import get_db
from registration.privacy.my_data_cli import my_data
from registration.privacy.person_key import person_key_secret
from registration.privacy.retention import purge


@click.command("purge")
@click.option("--dry-run", is_flag=True, help="Alleen tellen wat weg zou gaan; niets wijzigen.")
@with_appcontext
def purge_command(dry_run: bool) -> None:
    """Reduce registrations of events that ended more than RETENTION_DAYS ago to anonymous counts (run daily)."""
    config = current_app.config
    now = config.get("NOW") or dt.datetime.now(dt.UTC)
    content = current_app.extensions["leerstad_catalogue"].content()
    result = purge(get_db(), content, person_key_secret(config), now=now, retention_days=config["RETENTION_DAYS"], dry_run=dry_run)
    verb = "zou verwijderen" if dry_run else "verwijderd"
    click.echo(
        f"{verb}: {result.registrations} aanmeldingen en {result.outbox_mails} mails van {len(result.events)} evenementen"
        f" die eindigden vóór {result.cutoff:%Y-%m-%d %H:%M} UTC ({config['RETENTION_DAYS']} dagen bewaartermijn)"
    )
    for slug in result.events:
        click.echo(f"  {slug}")


def init_app(app: Flask) -> None:
    """Defaults, checked at start-up so a wrong RETENTION_DAYS stops the app instead of a purge at night."""
    app.config.setdefault("RETENTION_DAYS", RETENTION_DAYS)
    app.config.setdefault("PERSON_KEY_SECRET", None)
    try:
        app.config["RETENTION_DAYS"] = parse_retention_days(app.config["RETENTION_DAYS"])
    except ValueError as error:
        raise RuntimeError(str(error)) from None
    app.cli.add_command(purge_command)
    app.cli.add_command(my_data)
