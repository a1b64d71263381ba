"""iCalendar (RFC 5545) for Leerstad's events: static feeds, downloads, mail attachments, personal feeds.

Public API (used by plugins/leerstad_feeds and by the registration app):

    build_calendar(events, *, name, site_url, dtstamp, versions=None, statuses=None,
                   description=None, uid=None, source=None, sector_titles=None) -> icalendar.Calendar
    event_calendar(event, *, site_url, dtstamp, version=None, status=None, sector_titles=None,
                   reminder=False) -> icalendar.Calendar   # one event: the .ics download
    invitation_calendar(event, invitation, *, site_url, dtstamp, version=None, sector_titles=None,
                        reminder=True) -> icalendar.Calendar  # mail attachment: iTIP REQUEST or CANCEL
    invitation_uid(registration_id, event_slug) -> str      # one UID per registration
    personalised(template, invitation) -> bytes  # a cached invitation with another registration's UID and ATTENDEE
    calendar_method(data) -> str | None  # METHOD of calendar bytes, for the MIME type of a mail part
    calendar_bytes(cal) -> bytes         # CRLF lines folded at 75 octets, UTF-8
    calendar_etag(data) -> str           # strong ETag for HTTP responses
    feed_dtstamp(events, versions, fallback) -> datetime   # deterministic DTSTAMP for a feed
    CONTENT_TYPE = "text/calendar; charset=utf-8"
# The city's programme mailbox: ORGANIZER of every event; the app's PROGRAMME_MAILBOX setting overrides it.
PROGRAMME_MAILBOX = "programma@leerstad.rotterdam.nl"
ORGANIZER_NAME = "Leerstad Rotterdam"
# iTIP methods (RFC 5546): site files and feeds publish; mails invite and cancel.
PUBLISH, REQUEST, CANCEL = "PUBLISH", "REQUEST", "CANCEL"
    REGISTERED, WAITING_LIST, WITHDRAWN  # values of `statuses` for personal feeds

`versions` maps event slug -> `leerstad.event_versions.EventVersion`; get them from
`leerstad.event_versions.event_versions(content_root, content.events).versions`. An event
without a version gets SEQUENCE 0 and no LAST-MODIFIED. `statuses` maps slug -> one of
REGISTERED, WAITING_LIST, WITHDRAWN for a person's own feed; the event's own cancellation
always wins over it.

SEQUENCE and LAST-MODIFIED come from the content's git history, not from a ledger file:
editors only commit Markdown, and every clone of a commit must give the same numbers.
`leerstad.event_versions` explains how.

Output is byte-stable for the same input: DTSTAMP and the calendar UID are passed in or
derived from the input, never from the clock. Cancelled events stay in with
STATUS:CANCELLED (and "Geannuleerd:" before the title, because some clients show
cancelled events from subscriptions like any other), so subscribers see the cancellation
instead of an event that silently disappears.

Every event names the city's programme mailbox as ORGANIZER (RFC 5546 wants one in
PUBLISH too). Mail attachments are invitations (RFC 5546/6047): METHOD:REQUEST with the
registrant as ATTENDEE and a UID per registration, METHOD:CANCEL when it ends; site files
and feeds stay METHOD:PUBLISH with the event's UID. A file with one event carries no
calendar name (X-WR-CALNAME makes Outlook desktop open it as a new calendar instead of
adding the event). docs/calendars.md has the evidence.

Times that fall in the hour the clocks repeat in autumn (02:00-03:00 on the last Sunday of
October) are written in UTC: "DTSTART;TZID=Europe/Amsterdam:20271031T023000" is ambiguous,
and Thunderbird, Evolution and KDE pick the other 02:30 than icalendar and Google do.
Every other time keeps its TZID, so clients show it in Amsterdam time with the zone's name.

The VTIMEZONE is written in the compact RRULE form (last Sunday of March / October)
that Google Calendar also publishes, not the RDATE list that icalendar derives from
zoneinfo: Outlook mishandles RDATE-based VTIMEZONEs and shifts summer events by an
hour. The rule is the EU rule Rotterdam has followed since 1996; a test compares it with
tzdata for every year up to 2037, so a change in the law shows up as a failing test.
`add_missing_timezones()` still runs afterwards for any other time zone.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from icalendar import Alarm, Calendar, Timezone, TimezoneDaylight, TimezoneStandard, vCalAddress, vDuration, vText
from icalendar import Event as VEvent
from icalendar.parser import Contentline

from leerstad.event_versions import EventVersion
from leerstad.model import TIMEZONE, Event
from leerstad.urls import SITE_DOMAIN, event_path

CONTENT_TYPE = "text/calendar; charset=utf-8"
# The city's programme mailbox: ORGANIZER of every event; the app's PROGRAMME_MAILBOX setting overrides it.
PROGRAMME_MAILBOX = "programma@leerstad.rotterdam.nl"
ORGANIZER_NAME = "Leerstad Rotterdam"
# iTIP methods (RFC 5546): site files and feeds publish; mails invite and cancel.
PUBLISH, REQUEST, CANCEL = "PUBLISH", "REQUEST", "CANCEL"
PRODID = "-//Leerstad Rotterdam//Kalender//NL"
TZID = "Europe/Amsterdam"
# How often subscribers should fetch the feed again (RFC 7986 and the older Microsoft name).
REFRESH_INTERVAL = dt.timedelta(hours=12)

# A person's part in an event, for their personal feed and their confirmation mail.
REGISTERED = "registered"
WAITING_LIST = "waiting_list"
WITHDRAWN = "withdrawn"  # they cancelled their registration
PERSONAL_STATUSES = (REGISTERED, WAITING_LIST, WITHDRAWN)

# Dutch wording shown inside calendar apps, kept together here.
CANCELLED_PREFIX = "Geannuleerd: "
CANCELLED_NOTE = "Dit evenement gaat niet door."
WAITING_LIST_SUFFIX = " (wachtlijst)"
WAITING_LIST_NOTE = "Je staat op de wachtlijst. We mailen je als er een plek voor je vrijkomt."
WITHDRAWN_PREFIX = "Afgemeld: "
WITHDRAWN_NOTE = "Je hebt je afgemeld voor dit evenement."
ORGANISER_LABEL = "Organisatie"
AUDIENCE_LABEL = "Voor"
SECTORS_LABEL = "Sectoren"
MORE_LABEL = "Meer informatie en aanmelden"
REMINDER_TEXT = "Morgen: "
REMINDER_BEFORE = dt.timedelta(days=1)


@dataclass(frozen=True)
class Invitation:
    """The per-registration part of a mail attachment: who is invited, under which UID, and how."""

    uid: str
    attendee_email: str
    attendee_name: str
    method: str = REQUEST  # REQUEST (new or changed) or CANCEL
    organizer_email: str = PROGRAMME_MAILBOX
    # Added to the event's content SEQUENCE: a cancellation must outrank the invitation before it.
    sequence_offset: int = 0


def invitation_uid(registration_id: int, event_slug: str) -> str:
    """A UID per registration: two registrations on one address are two invitations in a calendar.

    From the registration's id and the event (ids may be reused after a purge, but never for the same
    event, which is long past by then); no token and nothing personal in it.
    """
    return f"registration-{int(registration_id)}-{event_slug}@{SITE_DOMAIN}"


def amsterdam_vtimezone() -> Timezone:
    """Europe/Amsterdam as a two-rule VTIMEZONE that every client we target reads correctly."""
    timezone = Timezone()
    timezone.add("TZID", TZID)
    timezone.add("X-LIC-LOCATION", TZID)
    for part, name, start, offset_from, offset_to, month in (
        (TimezoneDaylight(), "CEST", dt.datetime(1970, 3, 29, 2, 0), 1, 2, 3),
        (TimezoneStandard(), "CET", dt.datetime(1970, 10, 25, 3, 0), 2, 1, 10),
    ):
        part.add("TZNAME", name)
        part.add("TZOFFSETFROM", dt.timedelta(hours=offset_from))
        part.add("TZOFFSETTO", dt.timedelta(hours=offset_to))
        part.add("DTSTART", start)
        part.add("RRULE", {"FREQ": "YEARLY", "BYMONTH": month, "BYDAY": "-1SU"})
        timezone.add_component(part)
    return timezone


def in_repeated_hour(moment: dt.datetime) -> bool:
    """Whether the Amsterdam wall-clock time of `moment` happens twice (the autumn switch back)."""
    local = moment.astimezone(TIMEZONE)
    return local.utcoffset() != local.replace(fold=1 - local.fold).utcoffset()


def _calendar_time(moment: dt.datetime) -> dt.datetime:
    # Only the ambiguous hour goes out in UTC; see the module doc.
    return _utc(moment, "time") if in_repeated_hour(moment) else moment.astimezone(TIMEZONE)


def _organizer(email: str) -> vCalAddress:
    organizer = vCalAddress(f"mailto:{email}")
    organizer.params["CN"] = ORGANIZER_NAME
    return organizer


def _attendee(email: str, name: str) -> vCalAddress:
    attendee = vCalAddress(f"mailto:{email}")
    # A double quote cannot be written inside a quoted parameter value (RFC 5545 3.2).
    attendee.params["CN"] = " ".join(name.replace('"', "'").split())
    attendee.params["ROLE"] = "REQ-PARTICIPANT"
    attendee.params["PARTSTAT"] = "ACCEPTED"  # signing up is the answer; nothing to accept in the mail
    attendee.params["RSVP"] = "FALSE"
    return attendee


def _reminder(title: str) -> Alarm:
    alarm = Alarm()
    alarm.add("ACTION", "DISPLAY")
    alarm.add("DESCRIPTION", REMINDER_TEXT + title)
    alarm.add("TRIGGER", -REMINDER_BEFORE)
    return alarm


def _utc(moment: dt.datetime, what: str) -> dt.datetime:
    if moment.tzinfo is None:
        raise ValueError(f"{what} must be timezone-aware, got {moment!r}")
    return moment.astimezone(dt.UTC).replace(microsecond=0)


def _description(event: Event, url: str, note: str | None, sector_titles: Mapping[str, str]) -> str:
    lines = [note, ""] if note else []
    lines += [
        event.summary,
        "",
        f"{ORGANISER_LABEL}: {event.organiser}",
        f"{AUDIENCE_LABEL}: {', '.join(event.audience)}",
        f"{SECTORS_LABEL}: {', '.join(sector_titles.get(s, s) for s in event.sectors)}",
        "",
        f"{MORE_LABEL}: {url}",
    ]
    return "\n".join(lines)


def _vevent(
    event: Event,
    *,
    site_url: str,
    dtstamp: dt.datetime,
    version: EventVersion | None,
    personal: str | None,
    sector_titles: Mapping[str, str],
    organizer_email: str = PROGRAMME_MAILBOX,
    invitation: Invitation | None = None,
    reminder: bool = False,
) -> VEvent:
    url = site_url.rstrip("/") + event_path(event.slug)
    summary, status, note = event.title, "CONFIRMED", None
    if event.is_cancelled:
        summary, status, note = CANCELLED_PREFIX + event.title, "CANCELLED", CANCELLED_NOTE
    elif personal == WAITING_LIST:
        summary, status, note = event.title + WAITING_LIST_SUFFIX, "TENTATIVE", WAITING_LIST_NOTE
    elif personal == WITHDRAWN or (invitation is not None and invitation.method == CANCEL):
        summary, status, note = WITHDRAWN_PREFIX + event.title, "CANCELLED", WITHDRAWN_NOTE
    sequence = version.sequence if version else 0
    vevent = VEvent.new(
        uid=invitation.uid if invitation else f"{event.slug}@{SITE_DOMAIN}",
        stamp=dtstamp,
        start=_calendar_time(event.start),
        end=_calendar_time(event.end),
        summary=summary,
        description=_description(event, url, note, sector_titles),
        location=f"{event.location}, {event.address}",
        url=url,
        categories=[sector_titles.get(s, s) for s in event.sectors],
        sequence=sequence + (invitation.sequence_offset if invitation else 0),
        last_modified=_utc(version.last_modified, "last_modified") if version else None,
        status=status,
        # A cancelled or withdrawn event should not block the time in someone's agenda.
        transparency="TRANSPARENT" if status == "CANCELLED" else "OPAQUE",
    )
    vevent.add("ORGANIZER", _organizer(invitation.organizer_email if invitation else organizer_email))
    if invitation is not None:
        vevent.add("ATTENDEE", _attendee(invitation.attendee_email, invitation.attendee_name))
    if reminder and status != "CANCELLED":
        vevent.add_component(_reminder(event.title))
    return vevent


def _calendar_head(*, method: str, site_url: str, uid: str, **feed: object) -> Calendar:
    return Calendar.new(prodid=PRODID, calscale="GREGORIAN", method=method, uid=uid, url=site_url.rstrip("/") + "/", **feed)


def build_calendar(
    events: Iterable[Event],
    *,
    name: str,
    site_url: str,
    dtstamp: dt.datetime,
    versions: Mapping[str, EventVersion] | None = None,
    statuses: Mapping[str, str] | None = None,
    description: str | None = None,
    uid: str | None = None,
    source: str | None = None,
    sector_titles: Mapping[str, str] | None = None,
    organizer_email: str = PROGRAMME_MAILBOX,
) -> Calendar:
    """A feed (METHOD:PUBLISH) holding `events` in start order; see the module doc."""
    stamp = _utc(dtstamp, "dtstamp")
    versions = versions or {}
    statuses = statuses or {}
    sector_titles = sector_titles or {}
    for slug, status in statuses.items():
        if status not in PERSONAL_STATUSES:
            raise ValueError(f"unknown personal status {status!r} for event {slug!r}; use one of {', '.join(PERSONAL_STATUSES)}")
    calendar = _calendar_head(
        method=PUBLISH,
        site_url=site_url,
        uid=uid or str(uuid.uuid5(uuid.NAMESPACE_URL, f"{site_url.rstrip('/')}#{name}")),
        description=description,
        source=source,
        refresh_interval=REFRESH_INTERVAL,
    )
    # Set by hand: icalendar 7.3 writes NAME and the X-WR-* names unescaped, which breaks on a comma.
    calendar["NAME"] = vText(name)
    calendar["X-WR-CALNAME"] = vText(name)
    if description:
        calendar["X-WR-CALDESC"] = vText(description)
    # RFC 7986 requires the VALUE parameter on REFRESH-INTERVAL.
    calendar["REFRESH-INTERVAL"].params["VALUE"] = "DURATION"
    calendar.add("X-PUBLISHED-TTL", vDuration(REFRESH_INTERVAL))
    calendar.add("X-WR-TIMEZONE", TZID)
    # Always present, so even a feed without events is a valid calendar (RFC 5545 wants a component).
    calendar.add_component(amsterdam_vtimezone())
    for event in sorted(events, key=lambda e: (e.start, e.slug)):
        calendar.add_component(
            _vevent(
                event,
                site_url=site_url,
                dtstamp=stamp,
                version=versions.get(event.slug),
                personal=statuses.get(event.slug),
                sector_titles=sector_titles,
                organizer_email=organizer_email,
            )
        )
    calendar.add_missing_timezones()
    return calendar


def _single_event_calendar(event: Event, vevent: VEvent, *, method: str, site_url: str, uid: str) -> Calendar:
    # No NAME / X-WR-CALNAME, no refresh interval: one event to add, not a calendar to subscribe to.
    calendar = _calendar_head(method=method, site_url=site_url, uid=uid)
    calendar.add_component(amsterdam_vtimezone())
    calendar.add_component(vevent)
    calendar.add_missing_timezones()
    return calendar


def event_calendar(
    event: Event,
    *,
    site_url: str,
    dtstamp: dt.datetime,
    version: EventVersion | None = None,
    status: str | None = None,
    sector_titles: Mapping[str, str] | None = None,
    organizer_email: str = PROGRAMME_MAILBOX,
    reminder: bool = False,
) -> Calendar:
    """A calendar (METHOD:PUBLISH) with one event under the event's UID: the .ics download."""
    if status is not None and status not in PERSONAL_STATUSES:
        raise ValueError(f"unknown personal status {status!r} for event {event.slug!r}; use one of {', '.join(PERSONAL_STATUSES)}")
    vevent = _vevent(
        event, site_url=site_url, dtstamp=_utc(dtstamp, "dtstamp"), version=version, personal=status,
        sector_titles=sector_titles or {}, organizer_email=organizer_email, reminder=reminder,
    )
    return _single_event_calendar(event, vevent, method=PUBLISH, site_url=site_url, uid=f"kalender-{event.slug}@{SITE_DOMAIN}")


def invitation_calendar(
    event: Event,
    invitation: Invitation,
    *,
    site_url: str,
    dtstamp: dt.datetime,
    version: EventVersion | None = None,
    sector_titles: Mapping[str, str] | None = None,
    reminder: bool = True,
) -> Calendar:
    """An iTIP invitation (RFC 5546) for one registration: METHOD:REQUEST or METHOD:CANCEL, ORGANIZER and ATTENDEE."""
    if invitation.method not in (REQUEST, CANCEL):
        raise ValueError(f"an invitation is {REQUEST} or {CANCEL}, not {invitation.method!r}")
    vevent = _vevent(
        event, site_url=site_url, dtstamp=_utc(dtstamp, "dtstamp"), version=version, personal=None,
        sector_titles=sector_titles or {}, invitation=invitation, reminder=reminder,
    )
    return _single_event_calendar(event, vevent, method=invitation.method, site_url=site_url, uid=f"kalender-{invitation.uid}")


def calendar_bytes(calendar: Calendar) -> bytes:
    """The calendar as sent: UTF-8, CRLF line ends, lines folded at 75 octets."""
    return calendar.to_ical()


def calendar_etag(data: bytes) -> str:
    """A strong ETag for calendar bytes, so clients polling a feed get 304 when nothing changed."""
    return '"' + hashlib.sha256(data).hexdigest()[:32] + '"'


def feed_dtstamp(events: Iterable[Event], versions: Mapping[str, EventVersion], fallback: dt.datetime) -> dt.datetime:
    """DTSTAMP for a static feed: its newest LAST-MODIFIED, so an unchanged feed stays byte-identical."""
    moments = [versions[e.slug].last_modified for e in events if e.slug in versions]
    return max(moments) if moments else fallback


def calendar_method(data: bytes) -> str | None:
    """The METHOD of calendar bytes (PUBLISH, REQUEST, CANCEL), for the `method=` of a mail's MIME type."""
    for line in data.split(b"\r\n"):
        if line.startswith(b"METHOD:"):
            return line.removeprefix(b"METHOD:").decode("ascii").strip()
        if line.startswith(b"BEGIN:V") and line != b"BEGIN:VCALENDAR":
            return None  # METHOD belongs before the first component
    return None


def _unfolded(data: bytes) -> list[bytes]:
    lines: list[bytes] = []
    for line in data.split(b"\r\n"):
        if line[:1] in (b" ", b"\t") and lines:
            lines[-1] += line[1:]
        elif line:
            lines.append(line)
    return lines


def personalised(template: bytes, invitation: Invitation) -> bytes:
    """`template` (invitation bytes for the same event and method) for another registration: its UID and ATTENDEE.

    Serialising a calendar with icalendar costs more than the rest of a sign-up, and an event's
    invitations differ only in these lines, so the mailer builds one per event version and method
    and swaps them. The swapped lines are written by icalendar too, so escaping and folding stay its.
    """
    own = VEvent()
    own.add("UID", invitation.uid)
    own.add("ATTENDEE", _attendee(invitation.attendee_email, invitation.attendee_name))
    own_uid, own_attendee = (line.encode("utf-8") for line in own.content_lines()[1:3])
    own_calendar = VEvent()
    own_calendar.add("UID", f"kalender-{invitation.uid}")
    calendar_uid = own_calendar.content_lines()[1].encode("utf-8")
    out, in_event = [], False
    for line in _unfolded(template):
        if line == b"BEGIN:VEVENT":
            in_event = True
        if line.startswith(b"UID:"):
            line = own_uid if in_event else calendar_uid
        elif in_event and line.startswith(b"ATTENDEE"):
            line = own_attendee
        out.append(Contentline(line.decode("utf-8")).to_ical())
    return b"\r\n".join(out) + b"\r\n"
