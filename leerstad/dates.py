"""Dutch date and time wording, e.g. "maandag 15 maart 2027, 10:00–12:00"."""

from __future__ import annotations

import datetime as dt

from leerstad.model import TIMEZONE

WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)


def dutch_date(value: dt.date, weekday: bool = True) -> str:
    """`maandag 15 maart 2027` (or `15 maart 2027` without the weekday)."""
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        value = value.astimezone(TIMEZONE)
    words = f"{value.day} {MONTHS[value.month - 1]} {value.year}"
    return f"{WEEKDAYS[value.weekday()]} {words}" if weekday else words


def dutch_time(value: dt.datetime) -> str:
    return value.astimezone(TIMEZONE).strftime("%H:%M")


def dutch_period(start: dt.datetime, end: dt.datetime) -> str:
    """`maandag 15 maart 2027, 10:00–12:00`, naming both dates when they differ.

    Editors write a whole-day event as midnight to midnight; it reads as days, not as
    "00:00 – 00:00": `maandag 15 maart 2027 (hele dag)`, `maandag 15 maart t/m woensdag 17 maart 2027`.
    """
    start, end = start.astimezone(TIMEZONE), end.astimezone(TIMEZONE)
    if start.time() == end.time() == dt.time(0, 0) and end.date() > start.date():
        last_day = end.date() - dt.timedelta(days=1)
        if last_day == start.date():
            return f"{dutch_date(start)} (hele dag)"
        first = dutch_date(start) if start.year != last_day.year else f"{WEEKDAYS[start.weekday()]} {start.day} {MONTHS[start.month - 1]}"
        return f"{first} t/m {dutch_date(last_day)}"
    if start.date() == end.date():
        return f"{dutch_date(start)}, {dutch_time(start)}–{dutch_time(end)}"
    return f"{dutch_date(start)} {dutch_time(start)} – {dutch_date(end)} {dutch_time(end)}"


def local_timestamp(stored: str | None, seconds: bool = False) -> str:
    """A stored ISO moment (UTC in the database) as Rotterdam wall-clock time, `2026-11-23 13:00`.

    A value without an offset is taken as UTC, which is how the app writes every moment.
    """
    if not stored:
        return ""
    moment = dt.datetime.fromisoformat(stored)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(TIMEZONE).strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")
