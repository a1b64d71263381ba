"""`flask stats roll-over`: end yesterday's statistics just after midnight, also when nobody visits (cron)."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup, with_appcontext

from registration import clock
from registration.extensions import get_stats_db
from registration.stats import rules

stats = AppGroup("stats", help="Websitestatistieken.")


@stats.command("roll-over")
@with_appcontext
def roll_over_command() -> None:
    """Count the ended day's unique visitors and funnels, then delete its visitor codes and salt."""
    ended = rules.roll_over(get_stats_db(), rules.local_day(clock.now()))
    click.echo("vorige dag afgesloten: bezoekerscodes en zout verwijderd" if ended else "niets af te sluiten")


def init_app(app: Flask) -> None:
    app.cli.add_command(stats)
