"""Netwerkweek programme views: one edition's sessions grouped by day, and filtered by sector or audience."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import groupby

from leerstad import urls
from leerstad.content import Content
from leerstad.dates import dutch_date
from leerstad.model import AUDIENCES, TIMEZONE, Event


def local_day(event: Event) -> dt.date:
    return event.start.astimezone(TIMEZONE).date()


def by_day(events: list[Event]) -> list[tuple[dt.date, list[Event]]]:
    """Sessions per day in time order; `events` must already be sorted by start."""
    return [(day, list(group)) for day, group in groupby(events, key=local_day)]


@dataclass(frozen=True)
class ProgrammeView:
    """One static page of an edition's programme."""

    path: str
    title: str  # Dutch page heading, e.g. "Netwerkweek 2027 voor mbo"
    label: str  # Dutch name in the view navigation, e.g. "mbo"
    days: list[tuple[dt.date, list[Event]]]
    kind: str  # "all", "day", "sector" or "audience": the navigation group it belongs to


def edition_views(content: Content, edition: int) -> list[ProgrammeView]:
    """The whole programme, then one view per day, per sector and per audience that has sessions."""
    name = f"Netwerkweek {edition}"
    sessions = content.events_for_edition(edition)
    views = [ProgrammeView(urls.netwerkweek_path(edition), f"Programma {name}", "Alles", by_day(sessions), "all")]
    for day, day_sessions in by_day(sessions):
        path = urls.netwerkweek_day_path(edition, day)
        views.append(ProgrammeView(path, f"{name} op {dutch_date(day)}", dutch_date(day, weekday=False), [(day, day_sessions)], "day"))
    for sector in content.sectors_in_order():
        chosen = [e for e in sessions if sector.slug in e.sectors]
        if chosen:
            path = urls.netwerkweek_sector_path(edition, sector.slug)
            views.append(ProgrammeView(path, f"{name}: {sector.title}", sector.title, by_day(chosen), "sector"))
    for audience in AUDIENCES:
        chosen = [e for e in sessions if audience in e.audience]
        if chosen:
            path = urls.netwerkweek_audience_path(edition, audience)
            views.append(ProgrammeView(path, f"{name} voor {audience}", audience, by_day(chosen), "audience"))
    return views


def editions(content: Content) -> list[int]:
    return sorted({e.edition for e in content.events.values() if e.edition is not None})
