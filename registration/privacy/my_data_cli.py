"""Registrant rights for requests that arrive by mail: `flask --app registration my-data show|forget EMAIL`.

Someone whose registrations are already purged has no manage link any more, yet their keyed
hash may still be kept for unique counts (docs/privacy.md); the privacy officer uses these.
"""

from __future__ import annotations

import datetime as dt
import json

import click
from flask import current_app
from flask.cli import AppGroup

from registration.db import get_db
from registration.privacy.my_data import erase_email, export_for_email
from registration.privacy.person_key import person_key_secret

my_data = AppGroup("my-data", help="Inzage en verwijdering op verzoek van een deelnemer.")


def _now() -> dt.datetime:
    return current_app.config.get("NOW") or dt.datetime.now(dt.UTC)


@my_data.command("show")
@click.argument("email")
def show(email: str) -> None:
    """Print everything stored about EMAIL as JSON."""
    data = export_for_email(get_db(), email, person_key_secret(current_app.config), now=_now())
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
        current_app.extensions["leerstad_catalogue"].content(),
        email,
        person_key_secret(current_app.config),
        mailer=current_app.extensions["leerstad_mailer"],
        now=_now(),
    )
    click.echo(
        f"verwijderd: {result.registrations} aanmeldingen en {result.mails} mails;"
        f" {len(result.promoted_ids)} van de wachtlijst kregen een plaats"
    )
