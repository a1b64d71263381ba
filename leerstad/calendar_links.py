"""Links that put one event in someone's calendar: webcal://, Google Agenda and Outlook.

Built from the documented URL templates of Google Calendar ("render?action=TEMPLATE")
and Outlook on the web ("deeplink/compose"), so they work without JavaScript.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode, urlsplit

from leerstad.model import Event
from leerstad.urls import event_path


def webcal_url(site_url: str, path: str) -> str:
    """`webcal://host/path` for subscribing to a feed at `path` on the site."""
    parts = urlsplit(site_url)
    return f"webcal://{parts.netloc}{parts.path.rstrip('/')}{path}"


def _details(event: Event, site_url: str) -> str:
    return f"{event.summary}\n\n{site_url.rstrip('/')}{event_path(event.slug)}"


def _location(event: Event) -> str:
    return f"{event.location}, {event.address}"


def google_calendar_url(event: Event, site_url: str) -> str:
    def utc(value: dt.datetime) -> str:
        return value.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")

    query = {
        "action": "TEMPLATE",
        "text": event.title,
        "dates": f"{utc(event.start)}/{utc(event.end)}",
        "details": _details(event, site_url),
        "location": _location(event),
        "ctz": "Europe/Amsterdam",
    }
    return "https://calendar.google.com/calendar/render?" + urlencode(query)


def outlook_calendar_url(event: Event, site_url: str) -> str:
    query = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": event.title,
        "startdt": event.start.isoformat(),
        "enddt": event.end.isoformat(),
        "body": _details(event, site_url),
        "location": _location(event),
    }
    return "https://outlook.live.com/calendar/0/deeplink/compose?" + urlencode(query)
