"""The content model: what a sector, story, event, hub, internship or organisation is, as typed objects.

The fields of each type, their parsers and labels are declared once in `leerstad.registry`;
value parsers live in `leerstad.values`, per-file validation in `leerstad.validation`.
Vocabularies and `TIMEZONE` are importable from here too, as before.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from leerstad.values import (  # noqa: F401  (re-exported: the app and plugins import them from here)
    AUDIENCES,
    EVENT_KINDS,
    EVENT_STATUSES,
    LANGUAGES,
    LEVEL_LABELS,
    LEVELS,
    ORGANISATION_KIND_LABELS,
    ORGANISATION_KINDS,
    REGISTRATION_MODES,
    SLUG_PATTERN,
    SUMMARY_MAX,
    TIMEZONE,
    FieldError,
    Shortage,
)

# Why an event does or does not take sign-ups now (`Event.signup_state`); the app has a page for each.
SIGNUP_OPEN = "open"
SIGNUP_CANCELLED = "cancelled"
SIGNUP_PAST = "past"
SIGNUP_STARTED = "started"
SIGNUP_CLOSED = "closed"
SIGNUP_NOT_NEEDED = "not_needed"
# Metadata of attributes that are no header field: load_content fills them in from other files.
RESOLVED = {"resolved": True}

SIGNUP_STATES = (SIGNUP_OPEN, SIGNUP_CANCELLED, SIGNUP_PAST, SIGNUP_STARTED, SIGNUP_CLOSED, SIGNUP_NOT_NEEDED)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a content file, printed as `path:line: field: message`."""

    path: Path
    line: int
    field: str
    message: str
    severity: str = "error"  # "error" fails the build, "warning" does not

    def __str__(self) -> str:
        prefix = "waarschuwing: " if self.severity == "warning" else ""
        return f"{self.path}:{self.line}: {self.field}: {prefix}{self.message}"


@dataclass(frozen=True)
class ContentItem:
    """Fields every content type has."""

    slug: str
    source_path: Path
    title: str
    summary: str
    body: str  # Markdown
    lines: dict[str, int]  # header key -> line, for cross-reference messages

    def line_of(self, key: str) -> int:
        return self.lines.get(key, 1)


@dataclass(frozen=True)
class Sector(ContentItem):
    shortages: tuple[Shortage, ...]
    professions: tuple[str, ...]
    target: int
    order: int


@dataclass(frozen=True)
class Story(ContentItem):
    date: dt.date
    sector: str
    tags: tuple[str, ...]
    image: str | None
    image_alt: str | None
    featured: bool  # shown first on the home page
    organisations: tuple[str, ...]  # slugs of the organisations the story is about


@dataclass(frozen=True)
class Event(ContentItem):
    start: dt.datetime
    end: dt.datetime
    location: str
    address: str
    sectors: tuple[str, ...]
    audience: tuple[str, ...]
    kind: str
    capacity: int | None
    max_seats: int
    registration: str
    organiser: str
    hub: str | None
    edition: int | None
    status: str
    language: str
    partners: tuple[str, ...]  # slugs of the organisations taking part (stands, hosts)
    # Organiser is written as an organisation's slug or a one-off name. load_content puts the
    # organisation's name in `organiser` and its slug here, so calendars, mails and the app show
    # a name either way; only links need the slug.
    organiser_slug: str | None = field(default=None, compare=False, metadata=RESOLVED)

    @property
    def is_cancelled(self) -> bool:
        return self.status == "cancelled"

    def is_past(self, now: dt.datetime) -> bool:
        return self.end <= now

    def signup_state(self, now: dt.datetime) -> str:
        """The one rule for "can you sign up now": SIGNUP_OPEN, or why not (one of SIGNUP_STATES).

        The site's event page, the app's sign-up form, its availability JSON and the admin
        all ask this, so they never disagree about an event.
        """
        if self.is_cancelled:
            return SIGNUP_CANCELLED
        if self.is_past(now):
            return SIGNUP_PAST
        if self.registration == "none":
            return SIGNUP_NOT_NEEDED
        if self.registration == "open" and now >= self.start:
            return SIGNUP_STARTED
        if self.registration != "open" or self.capacity is None:
            return SIGNUP_CLOSED
        return SIGNUP_OPEN

    def accepts_registrations(self, now: dt.datetime) -> bool:
        """Whether the sign-up form may take new registrations at `now`."""
        return self.signup_state(now) == SIGNUP_OPEN


@dataclass(frozen=True)
class Hub(ContentItem):
    address: str
    wijk: str
    ages: tuple[int, int]
    opening_hours: tuple[str, ...]
    email: str
    phone: str | None


@dataclass(frozen=True)
class Internship(ContentItem):
    date: dt.date
    organisation: str
    sector: str
    levels: tuple[str, ...]
    location: str
    period: str
    hours: int
    group: bool
    group_size: str | None
    supervision: str | None
    apply: str
    expires: dt.date
    # As Event.organiser_slug: after load_content `organisation` is the name, this the slug if any.
    organisation_slug: str | None = field(default=None, compare=False, metadata=RESOLVED)

    def is_current(self, today: dt.date) -> bool:
        return today <= self.expires


@dataclass(frozen=True)
class Organisation(ContentItem):
    """A school, employer, public body or non-profit; title is its name, summary its short description."""

    kind: str
    sectors: tuple[str, ...]
    website: str | None
    logo: str | None
    logo_alt: str | None

    @property
    def kind_label(self) -> str:
        return ORGANISATION_KIND_LABELS[self.kind]
