"""Website statistics rules (no Flask): which page a hit is, the visitor of the day, counting, funnels and the day's end.

What is kept, in the statistics' own database (docs/privacy.md):
- `stats_daily`: per Rotterdam day, per value of one dimension (page, type, sector, ...), page views and,
  once the day is over, unique visitors. Never a cross-tab, never a visitor.
- `stats_funnel`: per day, per funnel scope (a sector, a Netwerkweek edition, the stagemarkt) and step,
  how many visitors reached that step and every step before it that day.
- Today only: `stats_salt` (one random secret for today), `stats_today_visitors` and `stats_today_steps`
  (a keyed hash of IP and user agent per dimension value or funnel step). At the first request of a new
  day, or `flask stats roll-over` from cron, these are counted into the tables above and deleted, and the
  salt is thrown away: yesterday's hashes cannot be recomputed or linked to today's.

A page is only counted when its path names something the content catalogue knows; anything else a
stranger sends is dropped, so no value is stored that is not from a known vocabulary (referrer domains
and campaign names are the exceptions, and are bounded in length and alphabet).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import hmac
import re
import secrets
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from crawlerdetect import CrawlerDetect
from sqlite_utils import Database

from leerstad import urls
from leerstad.content import Content
from leerstad.model import TIMEZONE
from leerstad.privacy import SMALL_GROUP_THRESHOLD
from leerstad.values import AUDIENCES, LEVELS
from registration.store import immediate_transaction

# --- what a page is

# Content types as stored in the `type` dimension (Dutch: admins read them).
HOME, OVERVIEW, SECTOR, EVENT, INTERNSHIP, STORY, HUB, NETWERKWEEK, PAGE, NOT_FOUND = (
    "home", "overzicht", "sector", "evenement", "stage", "verhaal", "jongerenhub", "netwerkweek", "pagina", "niet gevonden",
)
PAGE_TYPES = (HOME, OVERVIEW, SECTOR, EVENT, INTERNSHIP, STORY, HUB, NETWERKWEEK, PAGE, NOT_FOUND)
MAX_PATH = 200
SLUG = r"[a-z0-9][a-z0-9-]{0,99}"
_SINGLE = re.compile(rf"^/(?P<folder>sectoren|evenementen|stagemarkt|verhalen|jongerenhubs)/(?P<slug>{SLUG})/$")
_NETWERKWEEK = re.compile(rf"^/netwerkweek/(?P<edition>\d{{4}})/(?:(?P<view>dag|sector|voor)/(?P<value>{SLUG})/)?$")
_STAGEMARKT_LEVEL = re.compile(rf"^/stagemarkt/niveau/(?P<level>{SLUG})/$")
_PAGE = re.compile(rf"^/(?P<slug>{SLUG})/$")
OVERVIEW_PATHS = frozenset({
    urls.sectors_index_path(), urls.stories_index_path(), urls.events_index_path(), urls.hubs_index_path(),
    urls.internships_index_path(), urls.group_internships_path(), urls.search_path(), "/netwerkweek/",
})


@dataclass(frozen=True)
class Page:
    """A counted page: its path and what the content says it is."""

    path: str
    type: str
    sectors: tuple[str, ...] = ()
    edition: int | None = None


def static_page_slugs(content_dir: str | Path) -> frozenset[str]:
    """Slugs of the editors' static pages (content/pages/*.md), which the content model does not load."""
    folder = Path(content_dir) / "pages"
    return frozenset(path.stem for path in folder.glob("*.md")) if folder.is_dir() else frozenset()


def editions(content: Content) -> frozenset[int]:
    return frozenset(e.edition for e in content.events.values() if e.edition is not None)


def classify_path(path: str, content: Content, page_slugs: frozenset[str] = frozenset()) -> Page | None:
    """The page a path names, with type, sectors and edition from the content; None for anything unknown."""
    if not path or len(path) > MAX_PATH:
        return None
    if path == urls.home_path():
        return Page(path, HOME)
    if path == "/404.html":
        return Page(path, NOT_FOUND)
    if path in OVERVIEW_PATHS:
        return Page(path, OVERVIEW)
    if match := _SINGLE.match(path):
        return _single(path, match["folder"], match["slug"], content)
    if match := _NETWERKWEEK.match(path):
        return _netwerkweek(path, int(match["edition"]), match["view"], match["value"], content)
    if match := _STAGEMARKT_LEVEL.match(path):
        return Page(path, OVERVIEW) if match["level"] in LEVELS else None
    if (match := _PAGE.match(path)) and match["slug"] in page_slugs:
        return Page(path, PAGE)
    return None


def _single(path: str, folder: str, slug: str, content: Content) -> Page | None:
    if folder == "sectoren" and slug in content.sectors:
        return Page(path, SECTOR, (slug,))
    if folder == "evenementen" and (event := content.events.get(slug)):
        return Page(path, EVENT, tuple(event.sectors), event.edition)
    if folder == "stagemarkt" and (internship := content.internships.get(slug)):
        return Page(path, INTERNSHIP, (internship.sector,))
    if folder == "verhalen" and (story := content.stories.get(slug)):
        sector = getattr(story, "sector", None)
        return Page(path, STORY, (sector,) if sector in content.sectors else ())
    if folder == "jongerenhubs" and slug in content.hubs:
        return Page(path, HUB)
    return None


def _netwerkweek(path: str, edition: int, view: str | None, value: str | None, content: Content) -> Page | None:
    if edition not in editions(content):
        return None
    if view is None:
        return Page(path, NETWERKWEEK, (), edition)
    if view == "sector":
        return Page(path, NETWERKWEEK, (value,), edition) if value in content.sectors else None
    if view == "voor":
        return Page(path, NETWERKWEEK, (), edition) if value in AUDIENCES else None
    try:
        day = dt.date.fromisoformat(value or "")
    except ValueError:
        return None
    return Page(path, NETWERKWEEK, (), edition) if day.year in (edition - 1, edition, edition + 1) else None


# --- who visits: bots, devices, languages, where from

_crawlers = CrawlerDetect()


@functools.lru_cache(maxsize=4096)
def is_bot(user_agent: str) -> bool:
    """A crawler by crawlerdetect's maintained list, or no user agent at all (no browser sends none)."""
    return not user_agent.strip() or _crawlers.isCrawler(user_agent)


_TABLET = re.compile(r"iPad|Tablet|Kindle|Silk|PlayBook|SM-T\d", re.I)
_MOBILE = re.compile(r"Mobi|iPhone|iPod|Android|Windows Phone|Opera Mini", re.I)
DEVICES = ("mobiel", "tablet", "desktop")


def device_class(user_agent: str) -> str:
    """mobiel, tablet or desktop; an Android without 'Mobile' in its user agent is a tablet (Google's own rule)."""
    if _TABLET.search(user_agent) or ("Android" in user_agent and "Mobile" not in user_agent):
        return "tablet"
    if _MOBILE.search(user_agent):
        return "mobiel"
    return "desktop"


_LANGUAGE = re.compile(r"\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*\s*(?:;|,|$)")


def language(accept_language: str) -> str:
    """The primary subtag of the browser's first language ('nl-NL,en;q=0.8' -> 'nl'), or '' when unreadable."""
    match = _LANGUAGE.match(accept_language or "")
    return match[1].lower() if match else ""


_HOST = re.compile(r"^(?=.{1,100}$)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$")


def referrer_domain(referrer: str, own_host: str) -> str:
    """The domain a visitor came from, without www. and never the full URL; '' for direct visits and our own pages."""
    try:
        host = (urlsplit(referrer[:500]).hostname or "").lower()
    except ValueError:
        return ""
    host = host.removeprefix("www.")
    own = own_host.split(":")[0].lower().removeprefix("www.")
    if not _HOST.match(host) or host == own:
        return ""
    return host


_CAMPAIGN_WORD = re.compile(r"^[a-z0-9][a-z0-9._-]{0,39}$")


def campaign(query: str) -> str:
    """'source / campaign' from utm_source and utm_campaign in a query string; words outside [a-z0-9._-] are left out."""
    try:
        values = parse_qs(query.lstrip("?")[:500], max_num_fields=20)
    except ValueError:
        return ""
    words = []
    for key in ("utm_source", "utm_campaign"):
        word = (values.get(key) or [""])[0].strip().lower()
        if _CAMPAIGN_WORD.match(word):
            words.append(word)
    return " / ".join(words)


# --- the day and the visitor of the day


def local_day(moment: dt.datetime) -> str:
    """The Rotterdam calendar day of a moment: statistics roll over at midnight Europe/Amsterdam."""
    return moment.astimezone(TIMEZONE).date().isoformat()


def visitor_hash(salt: bytes, address: str, user_agent: str) -> str:
    """The visitor of today: HMAC of address and user agent with today's secret salt; unlinkable once the salt is gone."""
    return hmac.new(salt, f"{address}\n{user_agent}".encode(), hashlib.sha256).hexdigest()[:32]


def todays_salt(db: Database, day: str) -> bytes:
    """Today's salt; the first call of a new day rolls the previous day over (counts it, deletes its hashes and salt)."""
    row = db.execute("SELECT day, salt FROM stats_salt").fetchone()
    if row is not None and row["day"] == day:
        return row["salt"]
    with immediate_transaction(db):
        row = db.execute("SELECT day, salt FROM stats_salt").fetchone()  # another worker may have done it meanwhile
        if row is not None and row["day"] == day:
            return row["salt"]
        _roll_over(db, row["day"] if row is not None else None)
        salt = secrets.token_bytes(32)
        db.execute("INSERT INTO stats_salt (day, salt) VALUES (?, ?)", [day, salt])
    _forget_freed_pages(db)
    return salt


def roll_over(db: Database, day: str) -> bool:
    """End every day before `day` (cron calls this just after midnight); True when there was one to end."""
    row = db.execute("SELECT day FROM stats_salt").fetchone()
    if row is None or row["day"] >= day:
        return False
    with immediate_transaction(db):
        row = db.execute("SELECT day FROM stats_salt").fetchone()
        if row is None or row["day"] >= day:
            return False
        _roll_over(db, row["day"])
    _forget_freed_pages(db)
    return True


def _roll_over(db: Database, ended: str | None) -> None:
    """Inside a write transaction: count the ended day's visitors and funnels, then delete its hashes and salt."""
    if ended is not None:
        db.execute(
            "INSERT INTO stats_daily (day, dimension, value, views, visitors)"
            " SELECT ?, dimension, value, 0, count(*) FROM stats_today_visitors GROUP BY dimension, value"
            " ON CONFLICT (day, dimension, value) DO UPDATE SET visitors = excluded.visitors",
            [ended],
        )
        steps = db.execute("SELECT scope, step, visitor FROM stats_today_steps").fetchall()
        for (scope, step), visitors in funnel_counts((r["scope"], r["step"], r["visitor"]) for r in steps).items():
            db.execute(
                "INSERT OR REPLACE INTO stats_funnel (day, scope, step, visitors) VALUES (?, ?, ?, ?)", [ended, scope, step, visitors]
            )
    db.execute("DELETE FROM stats_today_visitors")
    db.execute("DELETE FROM stats_today_steps")
    db.execute("DELETE FROM stats_salt")


def _forget_freed_pages(db: Database) -> None:
    # secure_delete zeroes the freed pages in the database file; the WAL still holds copies until a checkpoint.
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


# --- counting

TOTAL = "totaal"
DIMENSIONS = (TOTAL, "pagina", "type", "sector", "editie", "herkomst", "campagne", "apparaat", "taal")
REAGEER = "reageer"  # the one action a page may report besides its view: a click on how to apply for an internship
ACTIONS = (REAGEER,)


@dataclass(frozen=True)
class Hit:
    """One counted page view, or an action on a page, with what may be known about it."""

    page: Page
    referrer: str = ""
    campaign: str = ""
    device: str = "desktop"
    language: str = ""
    action: str | None = None


def dimension_values(hit: Hit) -> list[tuple[str, str]]:
    """(dimension, value) pairs a page view adds one view to; each dimension stands alone (no cross-tab)."""
    pairs = [(TOTAL, ""), ("pagina", hit.page.path), ("type", hit.page.type)]
    pairs += [("sector", sector) for sector in hit.page.sectors]
    if hit.page.edition is not None:
        pairs.append(("editie", str(hit.page.edition)))
    pairs += [("herkomst", hit.referrer), ("campagne", hit.campaign), ("apparaat", hit.device), ("taal", hit.language)]
    return pairs


# Funnel steps and their scopes. A scope is "sector:<slug>", "editie:<year>" or "stagemarkt[:<sector>]".
START, EVENT_PAGE, FORM_OPENED, SIGNED_UP = "startpagina", "evenementpagina", "formulier geopend", "aangemeld"
OFFER_VIEWED, APPLY_CLICKED = "stage bekeken", "reageer geklikt"
EVENT_FUNNEL = (START, EVENT_PAGE, FORM_OPENED, SIGNED_UP)
INTERNSHIP_FUNNEL = (OFFER_VIEWED, APPLY_CLICKED)
STAGEMARKT = "stagemarkt"


def funnel_of(scope: str) -> tuple[str, ...]:
    return INTERNSHIP_FUNNEL if scope.split(":")[0] == STAGEMARKT else EVENT_FUNNEL


def event_scopes(sectors: Iterable[str], edition: int | None) -> list[str]:
    scopes = [f"sector:{s}" for s in sectors]
    return scopes + ([f"editie:{edition}"] if edition is not None else [])


def hit_steps(hit: Hit) -> list[tuple[str, str]]:
    """(scope, step) pairs a hit reaches: a sector page starts its sector's funnel, a Netwerkweek page its edition's."""
    page = hit.page
    if page.type == INTERNSHIP:
        step = APPLY_CLICKED if hit.action == REAGEER else OFFER_VIEWED
        return [(STAGEMARKT, step), *((f"{STAGEMARKT}:{s}", step) for s in page.sectors)]
    if hit.action is not None:
        return []
    if page.type == SECTOR or (page.type == NETWERKWEEK and page.sectors):
        return [(f"sector:{s}", START) for s in page.sectors] + ([(f"editie:{page.edition}", START)] if page.edition else [])
    if page.type == NETWERKWEEK:
        return [(f"editie:{page.edition}", START)]
    if page.type == EVENT:
        return [(scope, EVENT_PAGE) for scope in event_scopes(page.sectors, page.edition)]
    return []


def record_hit(db: Database, day: str, visitor: str, hit: Hit) -> None:
    """Count one page view (or action) of today's visitor: views at once, the visitor's hash until the day ends."""
    pairs = dimension_values(hit) if hit.action is None else [("actie", hit.action)]
    conn = db.conn  # executemany on the connection: a beacon is ~20 statements, sqlite-utils' wrapper per call shows
    with immediate_transaction(db):
        conn.executemany(
            "INSERT INTO stats_daily (day, dimension, value, views) VALUES (?, ?, ?, 1)"
            " ON CONFLICT (day, dimension, value) DO UPDATE SET views = views + 1",
            [(day, dimension, value) for dimension, value in pairs],
        )
        conn.executemany("INSERT OR IGNORE INTO stats_today_visitors (dimension, value, visitor) VALUES (?, ?, ?)",
                         [(dimension, value, visitor) for dimension, value in pairs])
        _add_steps(db, visitor, hit_steps(hit))


def record_steps(db: Database, visitor: str, steps: Iterable[tuple[str, str]]) -> None:
    """Funnel steps the app itself sees (sign-up form opened, signed up); they are no page views."""
    with immediate_transaction(db):
        _add_steps(db, visitor, steps)


def _add_steps(db: Database, visitor: str, steps: Iterable[tuple[str, str]]) -> None:
    db.conn.executemany("INSERT OR IGNORE INTO stats_today_steps (scope, step, visitor) VALUES (?, ?, ?)",
                        [(scope, step, visitor) for scope, step in steps])


def funnel_counts(rows: Iterable[tuple[str, str, str]]) -> dict[tuple[str, str], int]:
    """Per (scope, step): visitors who reached this step and every step before it in the funnel, the same day."""
    reached: dict[tuple[str, str], set[str]] = defaultdict(set)
    for scope, step, visitor in rows:
        reached[(scope, step)].add(visitor)
    counts: dict[tuple[str, str], int] = {}
    for scope in {scope for scope, _step in reached}:
        through: set[str] | None = None
        for step in funnel_of(scope):
            here = reached.get((scope, step), set())
            through = set(here) if through is None else through & here
            counts[(scope, step)] = len(through)
    return counts


# --- reading: the report for /beheer/website

SUPPRESSED_BELOW = SMALL_GROUP_THRESHOLD


@dataclass(frozen=True)
class Row:
    value: str
    views: int
    visitors: int  # unique visitors per day, added up over the days of the period

    @property
    def suppressed(self) -> bool:
        return self.views < SUPPRESSED_BELOW


@dataclass
class Report:
    first_day: str
    last_day: str
    dimensions: dict[str, list[Row]]
    per_day: list[Row]  # value = the day
    funnels: dict[str, dict[str, int]]  # scope -> step -> visitors


def report(db: Database, first_day: str, last_day: str, today: str) -> Report:
    """Counts for the days first_day..last_day; today's unique visitors and funnels are counted live from today's hashes."""
    stored = db.execute(
        "SELECT day, dimension, value, views, visitors FROM stats_daily WHERE day BETWEEN ? AND ?", [first_day, last_day]
    ).fetchall()
    live_visitors = _live_visitors(db) if first_day <= today <= last_day else {}
    totals: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    days: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for row in stored:
        visitors = live_visitors.get((row["dimension"], row["value"]), 0) if row["day"] == today else (row["visitors"] or 0)
        key = (row["dimension"], row["value"])
        totals[key][0] += row["views"]
        totals[key][1] += visitors
        if row["dimension"] == TOTAL:
            days[row["day"]] = [row["views"], visitors]
    dimensions: dict[str, list[Row]] = {name: [] for name in (*DIMENSIONS, "actie")}
    for (dimension, value), (views, visitors) in totals.items():
        dimensions.setdefault(dimension, []).append(Row(value, views, visitors))
    for rows in dimensions.values():
        rows.sort(key=lambda r: (-r.views, r.value))
    funnels: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in db.execute("SELECT scope, step, visitors FROM stats_funnel WHERE day BETWEEN ? AND ?", [first_day, last_day]):
        funnels[row["scope"]][row["step"]] += row["visitors"]
    if first_day <= today <= last_day:
        steps = db.execute("SELECT scope, step, visitor FROM stats_today_steps").fetchall()
        for (scope, step), visitors in funnel_counts((r["scope"], r["step"], r["visitor"]) for r in steps).items():
            funnels[scope][step] += visitors
    per_day = [Row(day, *days[day]) for day in sorted(days)]
    return Report(first_day, last_day, dimensions, per_day, {scope: dict(steps) for scope, steps in funnels.items()})


def _live_visitors(db: Database) -> Mapping[tuple[str, str], int]:
    rows = db.execute("SELECT dimension, value, count(*) AS n FROM stats_today_visitors GROUP BY dimension, value")
    return {(r["dimension"], r["value"]): r["n"] for r in rows}


def attendance(registrations: Database, content: Content, first_day: str, last_day: str) -> dict[str, int]:
    """People present at check-in per funnel scope, from the registration database (read only).

    Counted per registration, not per visitor hash: check-in happens at the door, on another device
    and usually another day than the sign-up, so no hash of the same day could link the two.
    """
    start = dt.datetime.combine(dt.date.fromisoformat(first_day), dt.time(), TIMEZONE).astimezone(dt.UTC)
    end = dt.datetime.combine(dt.date.fromisoformat(last_day) + dt.timedelta(days=1), dt.time(), TIMEZONE).astimezone(dt.UTC)
    rows = registrations.execute(
        "SELECT event_slug, count(*) AS n FROM registrations"
        " WHERE status = 'confirmed' AND attended_at IS NOT NULL AND attended_at >= ? AND attended_at < ? GROUP BY event_slug",
        [start.isoformat(), end.isoformat()],
    ).fetchall()
    present: dict[str, int] = defaultdict(int)
    for row in rows:
        event = content.events.get(row["event_slug"])
        if event is not None:
            for scope in event_scopes(event.sectors, event.edition):
                present[scope] += row["n"]
    return dict(present)
