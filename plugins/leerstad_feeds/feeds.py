"""Writes every static .ics feed of the site at the paths in leerstad.urls, byte-stable per content state."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Iterator
from pathlib import Path

from pelican.generators import Generator

from leerstad import urls
from leerstad.build import NOW_KEY, build_content
from leerstad.calendar import build_calendar, calendar_bytes, event_calendar, feed_dtstamp
from leerstad.content import Content
from leerstad.dates import dutch_date
from leerstad.event_versions import EventVersion, event_versions
from leerstad.model import TIMEZONE, Event

logger = logging.getLogger(__name__)

VERSIONS_KEY = "leerstad_event_versions"

# Subscribers keep seeing an event for a while after it ended (a calendar app deletes what
# leaves the feed); older events drop out of the multi-event feeds. Event feeds stay forever.
PAST_EVENTS_KEPT = dt.timedelta(days=30)

SITE_NAME = "Leerstad Rotterdam"


class Feed:
    """One .ics file: where it goes, what it is called and which events it holds."""

    def __init__(self, path: str, name: str, description: str, events: Iterable[Event], *, uid: str | None = None) -> None:
        self.path = path
        self.name = name
        self.description = description
        self.events = list(events)
        self.uid = uid or f"{path.strip('/')}@{urls.SITE_DOMAIN}"


def site_feeds(content: Content, now: dt.datetime) -> Iterator[Feed]:
    """Every multi-event feed of the site; past events older than PAST_EVENTS_KEPT left out."""

    def current(events: Iterable[Event]) -> list[Event]:
        return [e for e in events if not e.is_past(now - PAST_EVENTS_KEPT)]

    yield Feed(
        urls.programme_ics_path(),
        f"{SITE_NAME} – programma",
        "Alle evenementen van Leerstad Rotterdam voor scholieren, studenten, werkzoekenden, docenten en werkgevers.",
        current(content.events_in_order()),
    )
    for sector in content.sectors_in_order():
        yield Feed(
            urls.sector_ics_path(sector.slug),
            f"{SITE_NAME} – {sector.title}",
            f"Evenementen van Leerstad Rotterdam in de sector {sector.title}.",
            current(content.events_for_sector(sector.slug)),
        )
    for hub in sorted(content.hubs.values(), key=lambda h: h.slug):
        yield Feed(
            urls.hub_ics_path(hub.slug),
            f"{SITE_NAME} – {hub.title}",
            f"Evenementen in {hub.title} ({hub.wijk}).",
            current(content.events_for_hub(hub.slug)),
        )
    editions = sorted({e.edition for e in content.events.values() if e.edition is not None})
    for edition in editions:
        sessions = content.events_for_edition(edition)
        yield Feed(
            urls.edition_ics_path(edition),
            f"Netwerkweek {edition}",
            f"Alle sessies van de Netwerkweek {edition} van Leerstad Rotterdam.",
            current(sessions),
        )
        # Every day with a session gets its feed, also once it is past, so links keep working.
        days = sorted({e.start.astimezone(TIMEZONE).date() for e in sessions})
        for day in days:
            yield Feed(
                urls.day_ics_path(day),
                f"Netwerkweek {edition} – {dutch_date(day)}",
                f"Sessies van de Netwerkweek {edition} op {dutch_date(day)}.",
                current(e for e in sessions if e.start.astimezone(TIMEZONE).date() == day),
            )


class FeedsGenerator(Generator):
    """Loads (or reuses) the build's Content and writes the .ics feeds into the output folder."""

    def generate_context(self) -> None:
        content = self._content()
        found = event_versions(Path(self.settings["PATH"]), content.events)
        for warning in found.warnings:
            logger.warning("%s", warning)
        self.context[VERSIONS_KEY] = found.versions

    def _content(self) -> Content:
        return build_content(self.context, self.settings)

    def generate_output(self, writer) -> None:
        content = self._content()
        versions: dict[str, EventVersion] = self.context[VERSIONS_KEY]
        now = self.context[NOW_KEY]
        site_url = self.settings["SITEURL"]
        sector_titles = {slug: sector.title for slug, sector in content.sectors.items()}
        newest = feed_dtstamp(content.events.values(), versions, fallback=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
        written = 0
        for feed in site_feeds(content, now):
            calendar = build_calendar(
                feed.events,
                name=feed.name,
                description=feed.description,
                site_url=site_url,
                dtstamp=feed_dtstamp(feed.events, versions, fallback=newest),
                versions=versions,
                uid=feed.uid,
                source=site_url.rstrip("/") + feed.path,
                sector_titles=sector_titles,
            )
            self._write(feed.path, calendar_bytes(calendar))
            written += 1
        for event in content.events_in_order():
            version = versions.get(event.slug)
            calendar = event_calendar(
                event,
                site_url=site_url,
                dtstamp=version.last_modified if version else newest,
                version=version,
                sector_titles=sector_titles,
                reminder=True,  # a download is added once: remind the day before, as the mail's invitation does
            )
            self._write(urls.event_ics_path(event.slug), calendar_bytes(calendar))
            written += 1
        logger.info("Wrote %d calendar feeds", written)

    def _write(self, path: str, data: bytes) -> None:
        target = Path(self.output_path) / path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
