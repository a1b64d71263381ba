"""Reach figures: sign-ups, seats, unique people and attendance per sector against its target.

Figures are the sum of two sources that never overlap: registrations still in the
database, and the anonymous counts (`reach_counts`, `reach_people`,
`reach_erased_people`) that purged or erased registrations were folded into. Both go
through the same `marginals()`, so a purge moves numbers from one source to the other
without changing any total. docs/privacy.md explains the tables and their trade-offs.

No Flask here: the dashboard view and the CSV export only format what this returns.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from sqlite_utils import Database

from leerstad.content import Content
from leerstad.model import TIMEZONE
from leerstad.privacy import SMALL_GROUP_THRESHOLD
from registration.privacy.person_key import fill_person_keys
from registration.store import immediate_transaction

Row = Mapping[str, Any]

TOTAL = "total"
# Breakdowns shown on the dashboard, in this order; each is a column the counts are split by.
BREAKDOWNS = ("education_level", "age_group", "postcode_area", "signup_day")
DIMENSIONS = (TOTAL, *BREAKDOWNS)
UNKNOWN = ""  # the value of a dimension someone left empty
PROGRAMME = ""  # the scope of unique-people counts across all sectors

POSTCODE_AREA = re.compile(r"\s*(\d{4})")


@dataclass
class Counts:
    """Counted registrations; `registrations` and `seats` are confirmed ones only."""

    registrations: int = 0
    waiting: int = 0
    seats: int = 0
    attended: int = 0
    attended_seats: int = 0

    def add(self, other: Counts) -> None:
        for name in COUNT_FIELDS:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def as_dict(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in COUNT_FIELDS}


COUNT_FIELDS = tuple(f.name for f in fields(Counts))


def postcode_area(postcode: str | None) -> str:
    """The four digits of a Dutch postcode ('3072 AB' -> '3072'), or UNKNOWN."""
    match = POSTCODE_AREA.match(postcode or "")
    return match[1] if match else UNKNOWN


def signup_day(created_at: str) -> str:
    """The Rotterdam calendar day (YYYY-MM-DD) of a stored UTC timestamp."""
    return dt.datetime.fromisoformat(created_at).astimezone(TIMEZONE).date().isoformat()


def registration_counts(row: Row) -> Counts:
    """What one registration adds: a sign-up with its seats, a waiting place, or nothing if cancelled."""
    if row["status"] == "confirmed":
        attended = row["attended_at"] is not None
        return Counts(1, 0, row["seats"], int(attended), row["seats"] if attended else 0)
    if row["status"] == "waiting":
        return Counts(waiting=1)
    return Counts()


def dimension_values(row: Row) -> dict[str, str]:
    return {
        TOTAL: "",
        "education_level": row["education_level"] or UNKNOWN,
        "age_group": row["age_group"] or UNKNOWN,
        "postcode_area": postcode_area(row["postcode"]),
        "signup_day": signup_day(row["created_at"]),
    }


def marginals(rows: Iterable[Row]) -> dict[tuple[str, str, str], Counts]:
    """Counts per (event, dimension, value): one table per dimension, never a cross-tab."""
    result: dict[tuple[str, str, str], Counts] = defaultdict(Counts)
    for row in rows:
        counts = registration_counts(row)
        if counts == Counts():
            continue
        for dimension, value in dimension_values(row).items():
            result[(row["event_slug"], dimension, value)].add(counts)
    return dict(result)


def event_sectors(content: Content, event_slug: str, stored: str | None = None) -> tuple[str, ...]:
    """An event's sectors from the content; for an event no longer in the content, what was stored at folding."""
    event = content.events.get(event_slug)
    if event is not None:
        return event.sectors
    return tuple(s for s in (stored or "").split(",") if s)


def fold_registrations(db: Database, rows: list[Row], content: Content, *, keep_people: bool = True) -> None:
    """Add `rows` to the anonymous counts; call inside the transaction that then deletes them.

    keep_people: also remember the keyed hashes of confirmed rows per sector (purge), so
    a person reached again later is not counted twice. Erasure passes False and counts
    the person in reach_erased_people instead.
    """
    stored = {slug: stored_sectors(db, slug) for slug in {row["event_slug"] for row in rows}}
    for (event_slug, dimension, value), counts in marginals(rows).items():
        sectors = ",".join(event_sectors(content, event_slug, stored[event_slug]))
        assignments = ", ".join(f"{name} = {name} + excluded.{name}" for name in COUNT_FIELDS)
        db.execute(
            f"INSERT INTO reach_counts (event_slug, dimension, value, sectors, {', '.join(COUNT_FIELDS)})"
            f" VALUES (?, ?, ?, ?, {', '.join('?' for _ in COUNT_FIELDS)})"
            f" ON CONFLICT (event_slug, dimension, value) DO UPDATE SET sectors = excluded.sectors, {assignments}",
            [event_slug, dimension, value, sectors, *counts.as_dict().values()],
        )
    for event_slug in stored:
        # All rows of an event name the same sectors, also rows this batch did not touch.
        db.execute(
            "UPDATE reach_counts SET sectors = ? WHERE event_slug = ?",
            [",".join(event_sectors(content, event_slug, stored[event_slug])), event_slug],
        )
    if keep_people:
        for scope, key in people_scopes(rows, content, stored):
            db.execute("INSERT OR IGNORE INTO reach_people (scope, person_key) VALUES (?, ?)", [scope, key])


def stored_sectors(db: Database, event_slug: str) -> str | None:
    row = db.execute("SELECT sectors FROM reach_counts WHERE event_slug = ? LIMIT 1", [event_slug]).fetchone()
    return row[0] if row else None


def people_scopes(rows: Iterable[Row], content: Content, stored: Mapping[str, str | None] | None = None) -> set[tuple[str, str]]:
    """(scope, person_key) for every confirmed row: the whole programme and each of its event's sectors."""
    pairs: set[tuple[str, str]] = set()
    for row in rows:
        if row["status"] != "confirmed" or not row["person_key"]:
            continue
        pairs.add((PROGRAMME, row["person_key"]))
        for sector in event_sectors(content, row["event_slug"], (stored or {}).get(row["event_slug"])):
            pairs.add((sector, row["person_key"]))
    return pairs


# --- the report


def ensure_person_keys(db: Database, secret: str | bytes) -> None:
    """Fill missing keys; takes the write lock only when there is something to fill."""
    if db.execute("SELECT 1 FROM registrations WHERE person_key IS NULL LIMIT 1").fetchone():
        with immediate_transaction(db):
            fill_person_keys(db, secret)


@contextlib.contextmanager
def read_snapshot(db: Database) -> Iterator[None]:
    """A read transaction: all queries see one state (a purge cannot land between them)
    without holding the write lock that sign-ups wait for."""
    db.conn.execute("BEGIN")
    try:
        yield
    finally:
        db.conn.execute("COMMIT")


@dataclass
class SectorReach:
    slug: str  # PROGRAMME for the whole programme
    title: str
    target: int | None
    counts: Counts
    people: int

    @property
    def percent_of_target(self) -> float | None:
        return round(100 * self.people / self.target, 1) if self.target else None


@dataclass
class Group:
    value: str  # UNKNOWN when not filled in
    counts: Counts
    suppressed: bool = False


@dataclass
class ReachReport:
    sectors: list[SectorReach]
    programme: SectorReach
    breakdowns: dict[str, list[Group]] = field(default_factory=dict)
    sector_filter: str | None = None
    threshold: int = SMALL_GROUP_THRESHOLD


def suppress_small_groups(groups: list[Group], threshold: int = SMALL_GROUP_THRESHOLD) -> list[Group]:
    """Mark groups of fewer than `threshold` sign-ups as suppressed.

    When exactly one group is hidden, the next smallest is hidden too: otherwise the
    hidden number is the total minus the shown ones.
    """
    for group in groups:
        group.suppressed = group.counts.registrations < threshold
    hidden = [g for g in groups if g.suppressed]
    shown = [g for g in groups if not g.suppressed]
    if len(hidden) == 1 and shown:
        min(shown, key=lambda g: (g.counts.registrations, g.value)).suppressed = True
    return groups


def reach_report(db: Database, content: Content, secret: str | bytes, *, sector: str | None = None) -> ReachReport:
    """All dashboard figures; `sector` narrows the breakdowns (not the sector table) to one sector."""
    ensure_person_keys(db, secret)
    with read_snapshot(db):
        live_rows = [dict(r) for r in db.execute(
            "SELECT event_slug, status, seats, attended_at, education_level, age_group, postcode, created_at, person_key"
            " FROM registrations WHERE status != 'cancelled'"
        )]
        stored_rows = [dict(r) for r in db.execute("SELECT * FROM reach_counts")]
        kept_people = db.execute("SELECT scope, person_key FROM reach_people").fetchall()
        erased = {r["scope"]: r["people"] for r in db.execute("SELECT scope, people FROM reach_erased_people")}

    counts: dict[tuple[str, str, str], Counts] = defaultdict(Counts)
    stored_sectors: dict[str, str] = {}
    for key, value in marginals(live_rows).items():
        counts[key].add(value)
    for row in stored_rows:
        counts[(row["event_slug"], row["dimension"], row["value"])].add(Counts(**{n: row[n] for n in COUNT_FIELDS}))
        stored_sectors[row["event_slug"]] = row["sectors"]

    def sectors_of(event_slug: str) -> tuple[str, ...]:
        return event_sectors(content, event_slug, stored_sectors.get(event_slug))

    people: dict[str, set[str]] = defaultdict(set)
    for scope, key in people_scopes(live_rows, content, stored_sectors):
        people[scope].add(key)
    for row in kept_people:
        people[row["scope"]].add(row["person_key"])

    sector_totals: dict[str, Counts] = defaultdict(Counts)
    programme_total = Counts()
    for (event_slug, dimension, _value), value in counts.items():
        if dimension != TOTAL:
            continue
        programme_total.add(value)
        for slug in sectors_of(event_slug):
            sector_totals[slug].add(value)

    sectors = [
        SectorReach(s.slug, s.title, s.target, sector_totals.get(s.slug, Counts()), len(people[s.slug]) + erased.get(s.slug, 0))
        for s in content.sectors_in_order()
    ]
    programme = SectorReach(
        PROGRAMME, "", sum(s.target for s in content.sectors.values()) or None, programme_total,
        len(people[PROGRAMME]) + erased.get(PROGRAMME, 0),
    )

    breakdowns: dict[str, list[Group]] = {}
    for dimension in BREAKDOWNS:
        per_value: dict[str, Counts] = defaultdict(Counts)
        for (event_slug, dim, value), value_counts in counts.items():
            if dim == dimension and (sector is None or sector in sectors_of(event_slug)):
                per_value[value].add(value_counts)
        groups = [Group(v, c) for v, c in per_value.items() if c.registrations > 0]
        # Unknown last; days in date order; the rest by label.
        groups.sort(key=lambda g: (g.value == UNKNOWN, g.value))
        breakdowns[dimension] = suppress_small_groups(groups)
    return ReachReport(sectors, programme, breakdowns, sector)
