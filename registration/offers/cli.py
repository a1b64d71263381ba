"""Command-line tasks for internship offers: `flask --app registration offers export` and `offers purge`."""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from registration import clock
from registration.extensions import get_db
from registration.offers import rules as offers
from registration.offers.export import export_approved

# AppGroup runs each command inside the app context (database, config, clock).
offers_group = AppGroup("offers", help="Stageaanbod van werkgevers.")


@offers_group.command("export")
@click.option(
    "--content-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="De content-map waarin content/stagemarkt/ staat (standaard CONTENT_DIR van de app).",
)
def export(content_dir: Path | None) -> None:
    """Write every approved, not yet exported offer as stagemarkt/<slug>.md, for an editor to review and commit."""
    root = content_dir or Path(current_app.config["CONTENT_DIR"])
    if not (root / "sectors").is_dir():
        raise click.ClickException(f"{root} lijkt geen content-map (er is geen map sectors/); geef de juiste map met --content-dir")
    report = export_approved(get_db(), root, now=clock.now())
    for written in report.written:
        click.echo(f"geschreven: {written.path} (aanbod {written.offer_id}: {written.organisation} – {written.title})")
    for refused in report.refused:
        click.echo(f"niet geschreven: aanbod {refused.offer_id} ({refused.organisation} – {refused.title}): {refused.reason}", err=True)
    if not report.written and not report.refused:
        click.echo("Er is geen goedgekeurd aanbod dat nog geëxporteerd moet worden.")
    elif report.written:
        click.echo("Controleer de bestanden (make check), en zet ze met git add en git commit op de site.")
    if report.refused:
        raise SystemExit(1)


@offers_group.command("purge")
def purge_offers() -> None:
    """Delete decided offers, their contact details and sent offer mails after DOE_MEE_RETENTION_DAYS (run daily)."""
    days = current_app.config["DOE_MEE_RETENTION_DAYS"]
    result = offers.purge(get_db(), now=clock.now(), retention_days=days)
    click.echo(f"verwijderd: {result.offers} stageaanbiedingen en {result.mails} verstuurde mails (bewaartermijn {days} dagen)")


def init_app(app: Flask) -> None:
    app.cli.add_command(offers_group)
