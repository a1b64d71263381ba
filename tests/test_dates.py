"""Dutch date wording as visitors read it on event pages and in mails."""

from __future__ import annotations

import datetime as dt

from leerstad.dates import dutch_period
from leerstad.model import TIMEZONE


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=TIMEZONE)


def test_ordinary_session_names_its_day_and_hours():
    assert dutch_period(at("2027-03-15 10:00"), at("2027-03-15 12:00")) == "maandag 15 maart 2027, 10:00–12:00"


def test_session_past_midnight_names_both_dates_across_the_new_year():
    assert dutch_period(at("2026-12-31 22:00"), at("2027-01-01 01:00")) == \
        "donderdag 31 december 2026 22:00 – vrijdag 1 januari 2027 01:00"


def test_midnight_to_midnight_is_a_whole_day_not_00_00():
    assert dutch_period(at("2027-03-15 00:00"), at("2027-03-16 00:00")) == "maandag 15 maart 2027 (hele dag)"


def test_several_whole_days_read_as_a_range_of_days():
    assert dutch_period(at("2027-03-15 00:00"), at("2027-03-18 00:00")) == "maandag 15 maart t/m woensdag 17 maart 2027"


def test_whole_days_over_the_new_year_name_both_years():
    assert dutch_period(at("2026-12-30 00:00"), at("2027-01-02 00:00")) == "woensdag 30 december 2026 t/m vrijdag 1 januari 2027"


def test_whole_day_on_the_day_the_clocks_change_is_still_one_day():
    # 28 March 2027 has 23 hours in Rotterdam; the wording must not care.
    assert dutch_period(at("2027-03-28 00:00"), at("2027-03-29 00:00")) == "zondag 28 maart 2027 (hele dag)"
