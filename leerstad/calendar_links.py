"""Links that put events in someone's calendar: subscribe (webcal://, Google Agenda, a copyable https
address) and add one event (Google Agenda, Outlook personal and Outlook for work or school).

Built from the documented URL templates of Google Calendar ("render?action=TEMPLATE",
"render?cid=" with the webcal:// address: Google refuses an https:// cid) and Outlook on the web
("deeplink/compose" on outlook.live.com and outlook.office.com, times in UTC with a Z), so they
work without JavaScript. docs/calendars.md says which client does what.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import quote, urlencode, urlsplit

from leerstad.model import Event
from leerstad.urls import event_path


def webcal_url(site_url: str, path: str) -> str:
    """`webcal://host/path` for subscribing to a feed at `path` on the site."""
    parts = urlsplit(site_url)
    return f"webcal://{parts.netloc}{parts.path.rstrip('/')}{path}"


def google_subscribe_url(webcal: str) -> str:
    """Google Agenda's "add this calendar" page for a feed; it takes the webcal:// address, URL-encoded."""
    return "https://calendar.google.com/calendar/render?cid=" + quote(webcal, safe="")


@dataclass(frozen=True)
class SubscribeLinks:
    """The three ways to subscribe to one feed: Apple (webcal), Google Agenda, and the https address to copy."""

    webcal: str
    google: str
    https: str


def subscribe_links(site_url: str, path: str) -> SubscribeLinks:
    webcal = webcal_url(site_url, path)
    return SubscribeLinks(webcal=webcal, google=google_subscribe_url(webcal), https=site_url.rstrip("/") + path)


def _details(event: Event, site_url: str) -> str:
    return f"{event.summary}\n\n{site_url.rstrip('/')}{event_path(event.slug)}"


def _location(event: Event) -> str:
    return f"{event.location}, {event.address}"


def _utc(value: dt.datetime, form: str) -> str:
    return value.astimezone(dt.UTC).strftime(form)


def google_calendar_url(event: Event, site_url: str) -> str:
    def utc(value: dt.datetime) -> str:
        return _utc(value, "%Y%m%dT%H%M%SZ")

    query = {
        "action": "TEMPLATE",
        "text": event.title,
        "dates": f"{utc(event.start)}/{utc(event.end)}",
        "details": _details(event, site_url),
        "location": _location(event),
        "ctz": "Europe/Amsterdam",
    }
    return "https://calendar.google.com/calendar/render?" + urlencode(query)


# Outlook on the web: personal accounts (outlook.com, hotmail) and Microsoft 365 work or school accounts.
OUTLOOK_PERSONAL = "outlook.live.com"
OUTLOOK_WORK = "outlook.office.com"


def outlook_calendar_url(event: Event, site_url: str, host: str = OUTLOOK_PERSONAL) -> str:
    if host not in (OUTLOOK_PERSONAL, OUTLOOK_WORK):
        raise ValueError(f"Outlook on the web is {OUTLOOK_PERSONAL} or {OUTLOOK_WORK}, not {host}")
    query = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": event.title,
        "startdt": _utc(event.start, "%Y-%m-%dT%H:%M:%SZ"),
        "enddt": _utc(event.end, "%Y-%m-%dT%H:%M:%SZ"),
        "body": _details(event, site_url),
        "location": _location(event),
    }
    return f"https://{host}/calendar/0/deeplink/compose?" + urlencode(query)
