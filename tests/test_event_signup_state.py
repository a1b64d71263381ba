"""One rule says whether you can sign up for an event now: Event.signup_state."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from leerstad.frontmatter import parse_document
from leerstad.model import SIGNUP_STATES, TIMEZONE, Event
from leerstad.validation import parse_item

EVENT_TEXT = """\
Title: Meeloopdag
Summary: Loop een dag mee.
Start: 2027-03-15 10:00
End: 2027-03-15 12:00
Location: Zadkine
Address: Benthemstraat 20, 3032 CD Rotterdam
Sectors: zorg
Audience: mbo
Capacity: 20
Registration: open
Organiser: Zadkine

Tekst.
"""
BEFORE = dt.datetime(2027, 3, 1, 9, 0, tzinfo=TIMEZONE)
DURING = dt.datetime(2027, 3, 15, 11, 0, tzinfo=TIMEZONE)
AFTER = dt.datetime(2027, 3, 16, 9, 0, tzinfo=TIMEZONE)


def event(**changes) -> Event:
    item, problems = parse_item(Event, parse_document(Path("events/meeloopdag.md"), EVENT_TEXT))
    assert problems == [] and isinstance(item, Event)
    return dataclasses.replace(item, **changes)


@pytest.mark.parametrize(
    ("changes", "now", "state"),
    [
        ({}, BEFORE, "open"),
        ({}, DURING, "started"),
        ({}, AFTER, "past"),
        ({"status": "cancelled"}, BEFORE, "cancelled"),
        ({"status": "cancelled"}, AFTER, "cancelled"),
        ({"registration": "closed"}, BEFORE, "closed"),
        ({"registration": "none", "capacity": None}, BEFORE, "not_needed"),
        ({"registration": "none", "capacity": None}, AFTER, "past"),
    ],
)
def test_signup_state_says_why_an_event_does_or_does_not_take_sign_ups(changes, now, state):
    assert event(**changes).signup_state(now) == state
    assert state in SIGNUP_STATES


@pytest.mark.parametrize("now", [BEFORE, DURING, AFTER])
def test_accepts_registrations_is_the_open_state(now):
    for changes in ({}, {"status": "cancelled"}, {"registration": "closed"}):
        item = event(**changes)
        assert item.accepts_registrations(now) == (item.signup_state(now) == "open")
