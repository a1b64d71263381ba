"""Pelican plugin: fills the privacy page's placeholders ({{ retention_days }}, {{ website_statistics }} …) from leerstad.privacy."""

from pelican import signals

from .placeholders import fill_placeholders


def register() -> None:
    signals.content_object_init.connect(fill_placeholders)
