"""The build's "now" is Rotterdam time, so "today" for expiry is Rotterdam's date."""

from __future__ import annotations

import datetime as dt

from leerstad.build import build_moment


def test_pinned_moment_in_utc_is_read_as_rotterdam_time():
    # 23:30 UTC on 23 November is already 24 November in Rotterdam.
    moment = build_moment({"LEERSTAD_NOW": "2026-11-23T23:30:00+00:00"})
    assert moment.date() == dt.date(2026, 11, 24)
    assert moment.utcoffset() == dt.timedelta(hours=1)


def test_pinned_moment_without_offset_is_rotterdam_wall_clock():
    assert build_moment({"LEERSTAD_NOW": "2027-07-01T00:30:00"}).utcoffset() == dt.timedelta(hours=2)
