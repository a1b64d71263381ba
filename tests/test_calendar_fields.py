"""The event fields marked as shown in calendars are exactly those whose change alters the .ics.

SEQUENCE moves when the calendar fingerprint (leerstad.event_versions) changes, and the
fingerprint covers the fields the registry marks `calendar=True`. If a field showed in
the .ics without that mark, subscribers would miss a change; if a field had the mark
without showing, they would get updates for nothing. So: change each field in turn,
build the .ics, and compare.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from leerstad.calendar import build_calendar, calendar_bytes, event_calendar
from leerstad.event_versions import CALENDAR_FIELDS, calendar_fingerprint
from leerstad.frontmatter import parse_document
from leerstad.model import Event
from leerstad.registry import EVENT, Field
from leerstad.validation import parse_item
from leerstad.values import Choice, Choices, LocalDateTime, Slug, Slugs, Text, WholeNumber

SITE = "https://leerstad.rotterdam.nl"
STAMP = dt.datetime(2026, 11, 20, 9, 30, tzinfo=dt.UTC)

# Every field set, so a change of any of them can show.
EVERY_FIELD = """\
Title: Open dag haven
Summary: Kijk rond op de terminal.
Start: 2027-03-15 10:00
End: 2027-03-15 12:00
Location: Maasvlakte
Address: Europaweg 1, 3199 LC Rotterdam
Sectors: haven
Audience: vmbo, mbo
Kind: excursie
Capacity: 40
Max-seats: 4
Registration: open
Organiser: Havenbedrijf
Partners: havenbedrijf
Hub: feijenoord
Edition: 2027
Status: scheduled
Language: nl

Tekst.
"""


def full_event() -> Event:
    event, problems = parse_item(Event, parse_document(Path("events/open-dag.md"), EVERY_FIELD))
    assert problems == [] and isinstance(event, Event)
    return event


def different(spec: Field, value: Any) -> Any:
    """Another valid value for the field."""
    kind = spec.value
    if isinstance(kind, Choices):
        return tuple(v for v in kind.allowed if v not in value)[:1] + value
    if isinstance(kind, Choice):
        return next(v for v in kind.allowed if v != value)
    if isinstance(kind, Slugs):
        return (*value, "zorg")
    if isinstance(kind, Slug):
        return "charlois"
    if isinstance(kind, Text):
        return value + " (gewijzigd)"
    if isinstance(kind, WholeNumber):
        return value + 1
    if isinstance(kind, LocalDateTime):
        return value - dt.timedelta(minutes=30)
    raise AssertionError(f"no changed value for {spec.key}: teach this test the value type {type(kind).__name__}")


def ics(event: Event) -> tuple[bytes, bytes]:
    """The event's own download and a feed holding it."""
    download = calendar_bytes(event_calendar(event, site_url=SITE, dtstamp=STAMP))
    feed = calendar_bytes(build_calendar([event], name="Programma", site_url=SITE, dtstamp=STAMP))
    return download, feed


def changed_in_calendar(event: Event, spec: Field) -> bool:
    changed = dataclasses.replace(event, **{spec.attr: different(spec, getattr(event, spec.attr))})
    return ics(changed) != ics(event)


def test_every_event_field_has_a_value_in_the_fixture_event():
    event = full_event()
    assert [spec.key for spec in EVENT.fields if getattr(event, spec.attr) in (None, "", ())] == []


def test_calendar_fields_are_exactly_the_fields_whose_change_alters_the_ics():
    event = full_event()
    altering = {spec.attr for spec in EVENT.fields if changed_in_calendar(event, spec)}
    assert altering == set(CALENDAR_FIELDS)


@pytest.mark.parametrize("spec", EVENT.fields, ids=lambda spec: spec.key)
def test_fingerprint_changes_exactly_when_the_ics_does(spec):
    event = full_event()
    changed = dataclasses.replace(event, **{spec.attr: different(spec, getattr(event, spec.attr))})
    assert (calendar_fingerprint(changed) != calendar_fingerprint(event)) == (ics(changed) != ics(event))


def test_page_text_alone_does_not_change_the_calendar():
    event = full_event()
    assert ics(dataclasses.replace(event, body="Andere tekst.")) == ics(event)
