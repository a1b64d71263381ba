"""Pelican plugin that writes Leerstad's iCalendar feeds (programme, sector, Netwerkweek, hub, event)."""

from pelican import signals

from .feeds import FeedsGenerator


def get_generators(pelican):
    return [FeedsGenerator]


def register() -> None:
    signals.get_generators.connect(get_generators)
