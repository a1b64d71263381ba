"""Composes the Dutch mails from templates/mail/*.txt (Jinja2, no Flask); the HTML part is derived from the same text."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import jinja2
from markupsafe import Markup, escape

from leerstad import urls
from leerstad.calendar import PROGRAMME_MAILBOX, Invitation, calendar_bytes, invitation_calendar, invitation_uid, personalised
from leerstad.calendar_links import subscribe_links
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


_URL = re.compile(r"(?:https?|webcal)://[^\s<>\"]+")
# "Label: https://…" on one line of a mail becomes a link named by its label in the HTML part.
_LABELLED_URL = re.compile(r"^(?P<label>[^:\n]{2,80}): (?P<url>(?:https?|webcal)://[^\s<>\"]+)$")


def _linked(line: str) -> Markup:
    labelled = _LABELLED_URL.match(line)
    if labelled:
        return Markup('<a href="{url}">{label}</a>').format(url=labelled["url"], label=labelled["label"])
    parts, last = [], 0
    for found in _URL.finditer(line):
        parts += [escape(line[last:found.start()]), Markup('<a href="{0}">{0}</a>').format(found.group(0))]
        last = found.end()
    parts.append(escape(line[last:]))
    return Markup("").join(parts)


def html_body(text: str, subject: str) -> str:
    """The mail's plain text as HTML: paragraphs re-flowed, every character escaped, addresses made links.

    Derived from the one rendered text, so every mail has one source of wording.
    """
    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    rendered = []
    for paragraph in paragraphs:
        lines = [line.strip() for line in paragraph.splitlines()]
        # A paragraph of links or "Label: value" lines keeps its lines; running text flows again.
        keep_lines = any(_URL.search(line) for line in lines) or all(": " in line for line in lines) and len(lines) > 1
        separator = Markup("<br>\n") if keep_lines else Markup(" ")
        rendered.append(Markup("<p>{}</p>").format(separator.join(_linked(line) for line in lines)))
    return (
        Markup('<!DOCTYPE html>\n<html lang="nl">\n<head><meta charset="utf-8"><title>{}</title></head>\n<body>\n').format(subject)
        + Markup("\n").join(rendered)
        + Markup("\n</body>\n</html>\n")
    )


class Mailer:
    """Builds each kind of mail the sign-up rules send; knows the site URL for links and the programme mailbox."""

    def __init__(
        self,
        site_url: str,
        versions: Callable[[], Mapping[str, EventVersion]] | None = None,
        sector_titles: Callable[[], Mapping[str, str]] | None = None,
        programme_mailbox: str = PROGRAMME_MAILBOX,
    ) -> None:
        self.site_url = site_url.rstrip("/")
        # Invitations carry the event's SEQUENCE, so a changed event outranks the invitation before it.
        self._versions = versions or dict
        self._sector_titles = sector_titles or dict
        self.programme_mailbox = programme_mailbox
        self._invitation_cache: dict[tuple, bytes] = {}

    def _invitation(self, event: Event, registration: Mapping[str, Any], method: str, now: dt.datetime) -> bytes:
        """The registration's own invitation (REQUEST) or its cancellation (CANCEL).

        Built once per event version and method, then given each registration's UID and ATTENDEE
        (`personalised`): serialising with icalendar took longer than the rest of a sign-up.
        DTSTAMP is the event's last change, so the cached bytes do not depend on the sending time;
        SEQUENCE, not DTSTAMP, is what orders an invitation and its cancellation.
        """
        invitation = Invitation(
            uid=invitation_uid(registration["id"], event.slug),
            attendee_email=registration["email"],
            attendee_name=registration["name"],
            method=method,
            organizer_email=self.programme_mailbox,
            sequence_offset=1 if method == "CANCEL" else 0,
        )
        version = self._versions().get(event.slug)
        titles = self._sector_titles()
        key = (calendar_fingerprint(event), version, tuple(sorted(titles.items())), method, self.programme_mailbox)
        template = self._invitation_cache.get(key)
        if template is None:
            if len(self._invitation_cache) > 500:
                self._invitation_cache.clear()
            stamp = version.last_modified if version else event.start
            calendar = invitation_calendar(event, invitation, site_url=self.site_url, dtstamp=stamp, version=version, sector_titles=titles)
            template = self._invitation_cache[key] = calendar_bytes(calendar)
        return personalised(template, invitation)

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
        calendar_method: str | None = None,
    ) -> Mail:
        """One mail of `kind`; with `calendar_method` (REQUEST or CANCEL) the registration's invitation goes with it."""
        # The feed address is its own (read-only) token, known only when it was made.
        feed = subscribe_links(self.site_url, urls.personal_feed_path(feed_token)) if feed_token else None
        context = {
            "registration": registration,
            "event": event,
            "event_title": event.title if event else registration["event_slug"],
            "event_url": urls.absolute(self.site_url, urls.event_path(event.slug)) if event else None,
            "manage_url": urls.absolute(self.site_url, urls.manage_path(token)) if token else None,
            "feed": feed,
            "feed_url": feed.https if feed else None,
            "position": position,
            "site_url": self.site_url,
            "events_url": urls.absolute(self.site_url, urls.events_index_path()),
            "calendar_method": calendar_method if event is not None else None,
        }
        mail = compose(kind, registration["email"], context)
        if calendar_method and event is not None:
            mail = dataclasses.replace(
                mail, attachment_name=f"{event.slug}.ics", attachment=self._invitation(event, registration, calendar_method, now)
            )
        return mail
