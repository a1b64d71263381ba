"""Pelican plugin: fills the privacy page's placeholders ({{ retention_days }}, {{ stored_fields }}, {{ website_statistics }}, {{ server_logs }} …) from leerstad.privacy."""

from pelican import signals

from .placeholders import fill_placeholders


def register() -> None:
    signals.content_object_init.connect(fill_placeholders)
