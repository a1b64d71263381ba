"""The .ics feeds a real Pelican build writes, read back by icalendar, vobject and Mozilla's ical.js."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import flask
import icalendar
import pytest
import vobject
from bs4 import BeautifulSoup
from pelican import Pelican
from pelican.settings import read_settings

from leerstad import urls
from leerstad.content import ContentError, load_content

REPO = Path(__file__).resolve().parents[1]
FIXTURE = Path(__file__).parent / "fixtures" / "content"
SITE = "https://leerstad.rotterdam.nl"
NOW = "2026-11-23T12:00:00"
FIRST = dt.datetime(2026, 10, 1, 9, 0, tzinfo=dt.UTC)
LATER = dt.datetime(2026, 11, 2, 14, 30, tzinfo=dt.UTC)

# Reads every calendar file named on stdin with ical.js, resolving TZIDs through the
# VTIMEZONE in the file (ical.js ships no time zone data of its own).
ICALJS_SCRIPT = """
const { readFileSync } = await import("node:fs");
const ICAL = (await import(process.argv[2])).default;
const result = {};
for (const file of JSON.parse(readFileSync(0, "utf8"))) {
  const calendar = new ICAL.Component(ICAL.parse(readFileSync(file, "utf8")));
  for (const zone of calendar.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(zone);
  result[file] = calendar.getAllSubcomponents("vevent").map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid,
      summary: event.summary,
      location: event.location,
      status: vevent.getFirstPropertyValue("status"),
      sequence: event.sequence,
      tzid: event.startDate.zone.tzid,
      start: event.startDate.toUnixTime(),
      end: event.endDate.toUnixTime(),
    };
  });
}
process.stdout.write(JSON.stringify(result));
"""


def git(repo: Path, *args: str, when: dt.datetime | None = None) -> None:
    env = os.environ | {"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}
    if when is not None:
        env |= {"GIT_AUTHOR_DATE": when.isoformat(), "GIT_COMMITTER_DATE": when.isoformat()}
    command = ["git", "-C", str(repo), "-c", "user.name=Redactie", "-c", "user.email=redactie@example.org", *args]
    subprocess.run(command, env=env, check=True, capture_output=True)


def write_event(content: Path, slug: str, **fields: str) -> None:
    header = {
        "Title": "Meeloopdag",
        "Summary": "Loop een dag mee.",
        "Start": "2027-03-15 10:00",
        "End": "2027-03-15 12:00",
        "Location": "Erasmus MC",
        "Address": "Dr. Molewaterplein 40, 3015 GD Rotterdam",
        "Sectors": "zorg",
        "Audience": "mbo, hbo",
        "Registration": "none",
        "Organiser": "Erasmus MC",
    } | fields
    text = "\n".join(f"{key}: {value}" for key, value in header.items()) + "\n\nTekst.\n"
    (content / "events" / f"{slug}.md").write_text(text, encoding="utf-8")


def build(content: Path, output: Path, *, now: str = NOW, full_site: bool = False) -> Path:
    """A real Pelican build with the project's pelicanconf.py; by default with only the feeds plugin."""
    override = {
        "PATH": str(content),
        "OUTPUT_PATH": str(output),
        "CACHE_PATH": str(output.parent / f"{output.name}-cache"),
        "SITEURL": SITE,
        "LEERSTAD_NOW": now,
    }
    if not full_site:
        override |= {"PLUGINS": ["leerstad_feeds"], "ARTICLE_PATHS": [], "PAGE_PATHS": [], "STATIC_PATHS": [], "THEME_STATIC_PATHS": []}
    Pelican(read_settings(str(REPO / "pelicanconf.py"), override=override)).run()
    return output


def feed_files(output: Path) -> dict[str, bytes]:
    return {path.relative_to(output).as_posix(): path.read_bytes() for path in sorted((output / "kalender").rglob("*.ics"))}


def events_in(data: bytes) -> dict[str, icalendar.Event]:
    return {str(e["UID"]).split("@")[0]: e for e in icalendar.Calendar.from_ical(data).events}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """An editor's repository: the fixture content plus DST, past and awkward events, committed once."""
    repo = tmp_path_factory.mktemp("site")
    content = repo / "content"
    shutil.copytree(FIXTURE, content)
    write_event(content, "nachtdienst-zomertijd", Title="Nachtdienst, ambulance; meelopen", Start="2027-03-28 00:30", End="2027-03-28 04:00")
    write_event(content, "nachtdienst-wintertijd", Start="2027-10-31 00:30", End="2027-10-31 04:00", Edition="2027")
    write_event(content, "lang-geleden", Start="2026-09-01 10:00", End="2026-09-01 12:00", Hub="feijenoord")
    write_event(content, "vorige-week", Start="2026-11-16 10:00", End="2026-11-16 12:00", Hub="feijenoord")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Evenementen", when=FIRST)
    return repo


@pytest.fixture(scope="module")
def output(site, tmp_path_factory):
    return build(site / "content", tmp_path_factory.mktemp("build") / "output")


@pytest.fixture(scope="module")
def feeds(output):
    return feed_files(output)


def test_every_feed_from_the_url_layout_is_written(site, feeds):
    content = load_content(site / "content")
    expected = {urls.programme_ics_path(), urls.edition_ics_path(2027)}
    expected |= {urls.sector_ics_path(slug) for slug in content.sectors}
    expected |= {urls.hub_ics_path(slug) for slug in content.hubs}
    expected |= {urls.event_ics_path(slug) for slug in content.events}
    expected |= {urls.day_ics_path(day) for day in (dt.date(2027, 3, 15), dt.date(2027, 3, 16), dt.date(2027, 10, 31))}
    assert {"/" + name for name in feeds} == expected


def test_every_feed_uses_crlf_and_lines_of_at_most_75_octets(feeds):
    for name, data in feeds.items():
        assert data.endswith(b"\r\n"), name
        lines = data.split(b"\r\n")[:-1]
        assert all(b"\n" not in line for line in lines), name
        assert max(len(line) for line in lines) <= 75, name


def test_every_feed_reads_the_same_in_icalendar_and_vobject(site, feeds):
    content = load_content(site / "content")
    for name, data in feeds.items():
        calendar = icalendar.Calendar.from_ical(data)
        assert calendar["METHOD"] == "PUBLISH"
        assert calendar.timezones[0].tz_name == "Europe/Amsterdam", name
        parsed = vobject.readOne(data.decode("utf-8"))
        by_uid = {e.uid.value: e for e in parsed.contents.get("vevent", [])}
        assert set(by_uid) == {str(e["UID"]) for e in calendar.events}, name
        for event in calendar.events:
            model = content.events[str(event["UID"]).split("@")[0]]
            assert event.start == model.start and event.end == model.end, name
            other = by_uid[str(event["UID"])]
            assert other.dtstart.value == model.start and other.dtend.value == model.end, name
            assert other.summary.value == str(event["SUMMARY"])


@pytest.fixture(scope="module")
def icaljs(tmp_path_factory):
    """Path of ical.js: the project's node_modules (make test installs it), else a fresh tmp install."""
    if shutil.which("node") is None:
        pytest.skip("node is not installed, so the third parser (ical.js) cannot be tried")
    installed = REPO / "node_modules" / "ical.js" / "dist" / "ical.js"
    if installed.is_file():
        return installed
    if shutil.which("npm") is None:
        pytest.skip("npm is not installed and node_modules has no ical.js, so the third parser cannot be tried")
    place = tmp_path_factory.mktemp("node")
    done = subprocess.run(
        ["npm", "install", "--no-save", "--no-audit", "--no-fund", "--prefix", str(place), "ical.js@2"],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        pytest.skip(f"npm could not install ical.js: {done.stderr.strip()[-300:]}")
    return place / "node_modules" / "ical.js" / "dist" / "ical.js"


def read_with_icaljs(module: Path, files: list[Path], tmp_path: Path) -> dict:
    script = tmp_path / "read_calendars.mjs"
    script.write_text(ICALJS_SCRIPT, encoding="utf-8")
    done = subprocess.run(
        ["node", str(script), module.as_uri()],
        input=json.dumps([str(f) for f in files]),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_every_feed_reads_the_same_in_icaljs(site, output, icaljs, tmp_path):
    content = load_content(site / "content")
    files = sorted((output / "kalender").rglob("*.ics"))
    read = read_with_icaljs(icaljs, files, tmp_path)
    assert len(read) == len(files)
    for file, events in read.items():
        for event in events:
            model = content.events[event["uid"].split("@")[0]]
            assert event["tzid"] == "Europe/Amsterdam", file
            assert event["start"] == model.start.timestamp() and event["end"] == model.end.timestamp(), file
            assert event["sequence"] == 0
            assert event["status"] == ("CANCELLED" if model.is_cancelled else "CONFIRMED")


def test_icaljs_sees_the_right_offsets_on_both_sides_of_the_dst_switches(output, icaljs, tmp_path):
    read = read_with_icaljs(icaljs, [output / "kalender/programma.ics"], tmp_path)
    times = {e["uid"].split("@")[0]: (e["start"], e["end"]) for e in next(iter(read.values()))}
    utc = dt.UTC
    assert times["nachtdienst-zomertijd"] == (
        dt.datetime(2027, 3, 27, 23, 30, tzinfo=utc).timestamp(),  # 00:30 winter time, +01:00
        dt.datetime(2027, 3, 28, 2, 0, tzinfo=utc).timestamp(),  # 04:00 summer time, +02:00
    )
    assert times["nachtdienst-wintertijd"] == (
        dt.datetime(2027, 10, 30, 22, 30, tzinfo=utc).timestamp(),  # 00:30 summer time, +02:00
        dt.datetime(2027, 10, 31, 3, 0, tzinfo=utc).timestamp(),  # 04:00 winter time, +01:00
    )


def test_commas_semicolons_in_titles_are_escaped_in_the_file_and_read_back_plain(feeds):
    data = feeds["kalender/evenement/nachtdienst-zomertijd.ics"]
    assert b"SUMMARY:Nachtdienst\\, ambulance\\; meelopen\r\n" in data
    assert str(events_in(data)["nachtdienst-zomertijd"]["SUMMARY"]) == "Nachtdienst, ambulance; meelopen"
    assert vobject.readOne(data.decode()).vevent.summary.value == "Nachtdienst, ambulance; meelopen"


def test_uids_are_slug_at_site_domain_in_every_feed(feeds):
    for name, data in feeds.items():
        for uid in (str(e["UID"]) for e in icalendar.Calendar.from_ical(data).events):
            assert uid.endswith("@leerstad.rotterdam.nl") and uid.split("@")[0] in load_slugs(), name


def load_slugs() -> set[str]:
    return {path.stem for path in FIXTURE.joinpath("events").glob("*.md")} | {
        "nachtdienst-zomertijd",
        "nachtdienst-wintertijd",
        "lang-geleden",
        "vorige-week",
    }


def test_cancelled_future_event_stays_in_feeds_with_status_cancelled(feeds):
    for name in ("kalender/programma.ics", "kalender/sector/zorg.ics", "kalender/hub/feijenoord.ics", "kalender/evenement/zorgcafe.ics"):
        event = events_in(feeds[name])["zorgcafe"]
        assert event["STATUS"] == "CANCELLED", name
        assert str(event["SUMMARY"]).startswith("Geannuleerd: ")


def test_long_past_events_leave_the_lists_but_keep_their_own_file(feeds):
    programme = events_in(feeds["kalender/programma.ics"])
    hub = events_in(feeds["kalender/hub/feijenoord.ics"])
    assert "lang-geleden" not in programme and "lang-geleden" not in hub
    # Ended a week ago: still there, so it does not vanish from calendars right after the event.
    assert "vorige-week" in programme and "vorige-week" in hub
    assert list(events_in(feeds["kalender/evenement/lang-geleden.ics"])) == ["lang-geleden"]


def test_day_and_edition_feeds_hold_only_that_netwerkweek(feeds):
    assert set(events_in(feeds["kalender/netwerkweek-2027.ics"])) == {"opening-netwerkweek", "excursie-terminal", "nachtdienst-wintertijd"}
    assert set(events_in(feeds["kalender/dag/2027-03-16.ics"])) == {"excursie-terminal"}
    calendar = icalendar.Calendar.from_ical(feeds["kalender/dag/2027-03-16.ics"])
    assert str(calendar["X-WR-CALNAME"]) == "Netwerkweek 2027 – dinsdag 16 maart 2027"


def test_feed_names_its_source_and_the_dtstamp_is_its_newest_change(feeds):
    calendar = icalendar.Calendar.from_ical(feeds["kalender/sector/haven.ics"])
    assert str(calendar["SOURCE"]) == SITE + "/kalender/sector/haven.ics"
    assert str(calendar["X-WR-CALNAME"]) == "Leerstad Rotterdam – Haven en logistiek"
    assert {e["DTSTAMP"].dt for e in calendar.events} == {FIRST}
    assert {e["LAST-MODIFIED"].dt for e in calendar.events} == {FIRST}


def test_rebuilding_unchanged_content_gives_byte_identical_feeds(site, feeds, tmp_path):
    again = feed_files(build(site / "content", tmp_path / "output"))
    assert again == feeds


def test_building_never_writes_into_the_content_repository(site, tmp_path):
    def snapshot() -> dict[str, str]:
        return {
            str(path.relative_to(site)): hashlib.sha256(path.read_bytes()).hexdigest() + str(path.stat().st_mtime_ns)
            for path in sorted(site.rglob("*"))
            if path.is_file()
        }

    before = snapshot()
    build(site / "content", tmp_path / "output")
    assert snapshot() == before


def test_location_change_bumps_sequence_of_that_event_only_and_uids_stay(site, feeds, tmp_path):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(site), str(clone)], check=True)
    path = clone / "content/events/opening-netwerkweek.md"
    path.write_text(path.read_text().replace("Willem Burgerzaal", "Jurriaanse Zaal"), encoding="utf-8")
    git(clone, "commit", "-q", "-am", "Andere zaal", when=LATER)
    changed = feed_files(build(clone / "content", tmp_path / "output"))

    before, after = events_in(feeds["kalender/programma.ics"]), events_in(changed["kalender/programma.ics"])
    assert list(after) == list(before)
    moved = after["opening-netwerkweek"]
    assert (moved["SEQUENCE"], moved["LAST-MODIFIED"].dt) == (1, LATER)
    assert str(moved["LOCATION"]).startswith("De Doelen, Jurriaanse Zaal")
    assert all(after[slug]["SEQUENCE"] == 0 for slug in after if slug != "opening-netwerkweek")
    # Feeds without that event are unchanged to the byte, so their ETags stay valid.
    assert changed["kalender/sector/zorg.ics"] != feeds["kalender/sector/zorg.ics"]
    assert changed["kalender/hub/feijenoord.ics"] == feeds["kalender/hub/feijenoord.ics"]

    fresh = tmp_path / "fresh"
    subprocess.run(["git", "clone", "-q", str(clone), str(fresh)], check=True)
    assert feed_files(build(fresh / "content", tmp_path / "output-fresh")) == changed


def test_broken_event_stops_the_feed_build_with_file_line_and_field(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    write_event(content, "kapot", Capacity="veel", Registration="open")
    with pytest.raises(ContentError, match=r"events/kapot\.md:\d+: capacity: moet een heel getal"):
        build(content, tmp_path / "output")


def test_feeds_are_served_as_utf8_text_calendar_with_an_etag(output):
    app = flask.Flask(__name__, static_folder=str(output), static_url_path="")
    response = app.test_client().get("/kalender/programma.ics")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert response.headers["ETag"]
    response.close()


def test_every_calendar_link_on_the_built_site_points_to_a_written_feed(site, tmp_path):
    output = build(site / "content", tmp_path / "output", full_site=True)
    links = set()
    for page in output.rglob("*.html"):
        for anchor in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find_all("a", href=True):
            parts = urlsplit(anchor["href"])
            if parts.scheme == "webcal" or parts.path.endswith(".ics"):
                links.add((parts.scheme, parts.netloc, parts.path))
    paths = {path for _, _, path in links}
    assert {urls.programme_ics_path(), urls.event_ics_path("opening-netwerkweek"), urls.hub_ics_path("feijenoord")} <= paths
    for scheme, netloc, path in links:
        if scheme == "webcal":
            assert netloc == "leerstad.rotterdam.nl", (scheme, netloc, path)
        assert (output / path.lstrip("/")).is_file(), path
