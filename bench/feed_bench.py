"""Times the whole-programme .ics feed for 2,000 generated events, and the git-history versions behind it.

Run: .venv/bin/python bench/feed_bench.py [--events 2000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from leerstad.calendar import build_calendar, calendar_bytes, feed_dtstamp
from leerstad.content import load_content
from leerstad.event_versions import event_versions

SECTORS = ("haven", "zorg", "onderwijs", "bouw")
PLACES = (
    ("De Doelen, Willem Burgerzaal", "Kruisplein 40, 3012 CC Rotterdam"),
    ("Rotterdam Ahoy, zaal 3", "Ahoyweg 10, 3084 BA Rotterdam"),
    ("Zadkine, Benthemstraat", "Benthemstraat 20, 3032 CD Rotterdam"),
)


def write_content(root: Path, count: int) -> None:
    """`count` valid events spread over 2027, with Dutch text that needs escaping and folding."""
    (root / "events").mkdir(parents=True)
    (root / "sectors").mkdir()
    for slug in SECTORS:
        (root / "sectors" / f"{slug}.md").write_text(
            f"Title: Sector {slug}\nSummary: Over {slug}.\nShortage: veel vacatures | UWV 2026\n"
            f"Professions: vakmensen, leraren\nTarget: 500\n\nTekst.\n",
            encoding="utf-8",
        )
    first = dt.datetime(2027, 1, 4, 9, 0)
    for number in range(count):
        start = first + dt.timedelta(days=number % 360, hours=number % 8)
        place, address = PLACES[number % len(PLACES)]
        (root / "events" / f"evenement-{number:05d}.md").write_text(
            f"Title: Meeloopdag {number}, met rondleiding; en lunch\n"
            f"Summary: Loop een dag mee met vakmensen in de sector en ontdek of het werk bij je past — café-tour inbegrepen.\n"
            f"Start: {start:%Y-%m-%d %H:%M}\nEnd: {start + dt.timedelta(hours=2):%Y-%m-%d %H:%M}\n"
            f"Location: {place}\nAddress: {address}\nSectors: {SECTORS[number % 4]}, {SECTORS[(number + 1) % 4]}\n"
            f"Audience: mbo, hbo, werkzoekenden\nRegistration: open\nCapacity: 30\nOrganiser: Gemeente Rotterdam\n"
            f"{'Status: cancelled' if number % 50 == 0 else 'Language: nl'}\n\nTekst.\n",
            encoding="utf-8",
        )


def git(repo: Path, *args: str) -> None:
    env = os.environ | {"GIT_AUTHOR_DATE": "2026-10-01T09:00:00Z", "GIT_COMMITTER_DATE": "2026-10-01T09:00:00Z"}
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=b", "-c", "user.email=b@example.org", *args], env=env, check=True, capture_output=True)


def pelican_feeds_build(content: Path, output: Path) -> None:
    """The real plugin in a real Pelican run, with the project's settings and nothing else built."""
    from pelican import Pelican
    from pelican.settings import read_settings

    override = {
        "PATH": str(content),
        "OUTPUT_PATH": str(output),
        "PLUGINS": ["leerstad_feeds"],
        "ARTICLE_PATHS": [],
        "PAGE_PATHS": [],
        "STATIC_PATHS": [],
        "THEME_STATIC_PATHS": [],
        "LEERSTAD_NOW": "2026-11-23T12:00:00",
    }
    Pelican(read_settings(str(Path(__file__).resolve().parents[1] / "pelicanconf.py"), override=override)).run()


def seconds(action, repeat: int) -> float:
    timings = []
    for _ in range(repeat):
        begin = time.perf_counter()
        action()
        timings.append(time.perf_counter() - begin)
    return statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        repo = Path(folder)
        root = repo / "content"
        write_content(root, args.events)
        git(repo, "init", "-q")
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", "evenementen")
        # A second commit moving a tenth of the events, so the history walk has work to do.
        for path in sorted((root / "events").glob("*.md"))[:: 10]:
            path.write_text(path.read_text(encoding="utf-8").replace("zaal 3", "zaal 4").replace("Burgerzaal", "Jurriaanse Zaal"), encoding="utf-8")
        git(repo, "commit", "-q", "-am", "andere zalen")

        load_time = seconds(lambda: load_content(root), 1)
        content = load_content(root)
        assert not content.errors, content.errors[:3]
        versions_time = seconds(lambda: event_versions(root, content.events), args.repeat)
        versions = event_versions(root, content.events).versions
        events = content.events_in_order()
        titles = {slug: sector.title for slug, sector in content.sectors.items()}

        def programme() -> bytes:
            calendar = build_calendar(
                events,
                name="Leerstad Rotterdam – programma",
                site_url="https://leerstad.rotterdam.nl",
                dtstamp=feed_dtstamp(events, versions, dt.datetime(2026, 1, 1, tzinfo=dt.UTC)),
                versions=versions,
                sector_titles=titles,
            )
            return calendar_bytes(calendar)

        feed_time = seconds(programme, args.repeat)
        size = len(programme())
        plugin_time = seconds(lambda: pelican_feeds_build(root, repo / "output"), 1)
        feed_count = len(list((repo / "output" / "kalender").rglob("*.ics")))

    count = len(events)
    print(f"events: {count}, feed size: {size / 1024:.0f} KiB")
    print(f"whole-programme feed (build + serialise): {feed_time:.3f} s, {feed_time / count * 1000:.3f} ms per event")
    print(f"versions from git history (2 commits): {versions_time:.3f} s, {versions_time / count * 1000:.3f} ms per event")
    print(f"loading the content (for comparison): {load_time:.3f} s")
    print(f"Pelican build with only leerstad_feeds: {plugin_time:.3f} s for {feed_count} .ics files")


if __name__ == "__main__":
    main()
