"""Composes the Dutch plain-text mails from templates/mail/*.txt (Jinja2, no Flask)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import jinja2

from leerstad import urls
from leerstad.calendar import REGISTERED, calendar_bytes, event_calendar
from leerstad.dates import dutch_date, dutch_period
from leerstad.event_versions import EventVersion, calendar_fingerprint
from leerstad.model import Event


@dataclass(frozen=True)
class Mail:
    """One message waiting in the outbox; headers are built from these at sending time."""

    kind: str
    to_address: str
    subject: str
    body: str
    attachment_name: str | None = None
    attachment: bytes | None = None


_environment = jinja2.Environment(
    loader=jinja2.PackageLoader("registration", "templates/mail"),
    autoescape=False,  # plain text; nothing here is HTML
    undefined=jinja2.StrictUndefined,
    keep_trailing_newline=True,
    trim_blocks=True,
    lstrip_blocks=True,
)
_environment.filters["period"] = lambda event: dutch_period(event.start, event.end)
_environment.filters["dutch_date"] = dutch_date


def compose(kind: str, to_address: str, context: Mapping[str, Any]) -> Mail:
    """Render templates/mail/<kind>.txt: first line `Onderwerp: …`, an empty line, then the body."""
    text = _environment.get_template(f"{kind}.txt").render(context)
    subject_line, _, body = text.partition("\n\n")
    subject = " ".join(subject_line.removeprefix("Onderwerp:").split())
    return Mail(kind, to_address, subject, body)


class Mailer:
    """Builds each kind of mail the sign-up rules send; knows the site URL for links."""

    def __init__(
        self,
        site_url: str,
        versions: Callable[[], Mapping[str, EventVersion]] | None = None,
        sector_titles: Callable[[], Mapping[str, str]] | None = None,
    ) -> None:
        self.site_url = site_url.rstrip("/")
        # Attachments carry the event's SEQUENCE, so a later feed update replaces them in calendars.
        self._versions = versions or dict
        self._sector_titles = sector_titles or dict
        self._ics_cache: dict[tuple, bytes] = {}

    def _event_ics(self, event: Event) -> bytes:
        """The event as .ics; the same bytes for every registrant until the event changes.

        DTSTAMP is the event's last change, not the sending time, so the attachment can be
        built once per event version (building it took half the time of a sign-up).
        """
        version = self._versions().get(event.slug)
        titles = self._sector_titles()
        key = (calendar_fingerprint(event), version, tuple(sorted(titles.items())))
        cached = self._ics_cache.get(key)
        if cached is None:
            if len(self._ics_cache) > 500:
                self._ics_cache.clear()
            stamp = version.last_modified if version else event.start
            calendar = event_calendar(
                event, site_url=self.site_url, dtstamp=stamp, status=REGISTERED, version=version, sector_titles=titles
            )
            cached = self._ics_cache[key] = calendar_bytes(calendar)
        return cached

    def compose(
        self,
        kind: str,
        *,
        registration: Mapping[str, Any],
        event: Event | None,
        now: dt.datetime,
        token: str | None = None,
        position: int | None = None,
        feed_token: str | None = None,
        attach_calendar: bool = False,
    ) -> Mail:
        context = {
            "registration": registration,
            "event": event,
            "event_title": event.title if event else registration["event_slug"],
            "event_url": urls.absolute(self.site_url, urls.event_path(event.slug)) if event else None,
            "manage_url": urls.absolute(self.site_url, urls.manage_path(token)) if token else None,
            # The feed address is its own (read-only) token, known only when it was made.
            "feed_url": urls.absolute(self.site_url, urls.personal_feed_path(feed_token)) if feed_token else None,
            "position": position,
            "site_url": self.site_url,
            "events_url": urls.absolute(self.site_url, urls.events_index_path()),
        }
        mail = compose(kind, registration["email"], context)
        if attach_calendar and event is not None:
            mail = dataclasses.replace(mail, attachment_name=f"{event.slug}.ics", attachment=self._event_ics(event))
        return mail
