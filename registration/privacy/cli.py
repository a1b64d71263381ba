"""Privacy on the command line: `flask purge` (retention) and `flask my-data show|forget EMAIL`.

`my-data` is for requests that arrive by mail: someone whose registrations are already purged has
no manage link any more, yet their keyed hash may still be kept for unique counts (docs/privacy.md);
the privacy officer uses these.
"""

from __future__ import annotations

import json

import click
from flask import Flask, current_app
from flask.cli import AppGroup, with_appcontext

from registration import clock
from registration.extensions import get_catalogue, get_db, get_mailer
from registration.privacy.my_data import erase_email, export_for_email
from registration.privacy.person_key import person_key_secret
from registration.privacy.retention import purge


@click.command("purge")
@click.option("--dry-run", is_flag=True, help="Alleen tellen wat weg zou gaan; niets wijzigen.")
@with_appcontext
def purge_command(dry_run: bool) -> None:
    """Reduce registrations of events that ended more than RETENTION_DAYS ago to anonymous counts (run daily)."""
    config = current_app.config
    content = get_catalogue().content()
    result = purge(get_db(), content, person_key_secret(config), now=clock.now(), retention_days=config["RETENTION_DAYS"], dry_run=dry_run)
    verb = "zou verwijderen" if dry_run else "verwijderd"
    click.echo(
        f"{verb}: {result.registrations} aanmeldingen en {result.outbox_mails} mails van {len(result.events)} evenementen"
        f" die eindigden vóór {result.cutoff:%Y-%m-%d %H:%M} UTC ({config['RETENTION_DAYS']} dagen bewaartermijn)"
    )
    for slug in result.events:
        click.echo(f"  {slug}")


my_data = AppGroup("my-data", help="Inzage en verwijdering op verzoek van een deelnemer.")


@my_data.command("show")
@click.argument("email")
def show(email: str) -> None:
    """Print everything stored about EMAIL as JSON."""
    data = export_for_email(get_db(), email, person_key_secret(current_app.config), now=clock.now())
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


@my_data.command("forget")
@click.argument("email")
@click.option("--yes", is_flag=True, help="Niet om bevestiging vragen.")
def forget(email: str, yes: bool) -> None:
    """Delete everything stored about EMAIL; only anonymous counts remain."""
    if not yes:
        click.confirm(f"Alle gegevens van {email} verwijderen? Dit kan niet ongedaan worden gemaakt.", abort=True)
    result = erase_email(
        get_db(),
        get_catalogue().content(),
        email,
        person_key_secret(current_app.config),
        mailer=get_mailer(),
        now=clock.now(),
    )
    click.echo(
        f"verwijderd: {result.registrations} aanmeldingen en {result.mails} mails;"
        f" {len(result.promoted_ids)} van de wachtlijst kregen een plaats"
    )


def init_app(app: Flask) -> None:
    app.cli.add_command(purge_command)
    app.cli.add_command(my_data)
