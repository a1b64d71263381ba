"""Times a site build with our plugins against bare Pelican on the same number of Markdown files.

    .venv/bin/python bench/build_bench.py                 # 2000 events
    .venv/bin/python bench/build_bench.py --sizes 500,2000,5000

For each size it writes N events (a quarter of them Netwerkweek sessions) plus the sectors
and hubs they name into a temp content dir, runs `pelican` with pelicanconf.py (our plugins,
theme, sitemap, .ics feeds), then runs bare Pelican (no plugins, default theme) on the very
same event files read as plain articles, and prints seconds, ms per event and the ratio.
It also times our build without the .ics feeds plugin, to show which part costs what.
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SECTORS = ("haven", "zorg", "bouw", "techniek", "onderwijs", "kinderopvang", "energie", "ict")
HUBS = ("feijenoord", "charlois", "delfshaven", "ijsselmonde")
AUDIENCES = ("vmbo", "mbo", "hbo", "wo", "werkzoekenden", "docenten", "werkgevers")
KINDS = ("conferentie", "workshop", "excursie", "meeloopdag", "netwerkbijeenkomst")

BARE_SETTINGS = """\
PATH = {path!r}
ARTICLE_PATHS = ["events"]
PLUGINS = []
DEFAULT_DATE = "fs"
TIMEZONE = "Europe/Amsterdam"
SITEURL = "http://localhost:8000"
FEED_DOMAIN = SITEURL
"""


def write_content(root: Path, count: int) -> None:
    """N events plus the sectors and hubs they refer to, in our content format."""
    for folder in ("sectors", "hubs", "events", "stories", "pages", "stagemarkt"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    for order, slug in enumerate(SECTORS):
        (root / "sectors" / f"{slug}.md").write_text(
            f"Title: Sector {slug}\nSummary: Over {slug}.\nShortage: 1.000 vacatures | UWV 2026\n"
            f"Professions: beroep a, beroep b\nTarget: 500\nOrder: {order}\n\nTekst over de sector {slug}.\n",
            encoding="utf-8",
        )
    for slug in HUBS:
        (root / "hubs" / f"{slug}.md").write_text(
            f"Title: Jongerenhub {slug}\nSummary: Hub in {slug}.\nAddress: Straat 1, 3000 AA Rotterdam\nWijk: {slug}\n"
            f"Ages: 12-27\nOpening-hours: ma-vr 14:00-21:00\nEmail: {slug}@hub.example\n\nKom langs.\n",
            encoding="utf-8",
        )
    first_day = dt.datetime(2027, 1, 4, 9, 0)
    for number in range(count):
        netwerkweek = number % 4 == 0
        start = (dt.datetime(2027, 3, 15, 9, 0) + dt.timedelta(days=number % 5, hours=number % 8)) if netwerkweek else (
            first_day + dt.timedelta(days=number % 300, hours=number % 8)
        )
        end = start + dt.timedelta(hours=2)
        sectors = ", ".join({SECTORS[number % len(SECTORS)]: 1, SECTORS[(number * 3) % len(SECTORS)]: 1})
        lines = [
            f"Title: Evenement nummer {number}",
            f"Summary: Kennismaken met werk in de sector, bijeenkomst {number}.",
            f"Start: {start:%Y-%m-%d %H:%M}",
            f"End: {end:%Y-%m-%d %H:%M}",
            "Location: Zaal 1",
            "Address: Straat 1, 3000 AA Rotterdam",
            f"Sectors: {sectors}",
            f"Audience: {AUDIENCES[number % len(AUDIENCES)]}, {AUDIENCES[(number + 2) % len(AUDIENCES)]}",
            f"Kind: {KINDS[number % len(KINDS)]}",
            "Capacity: 40",
            "Registration: open",
            "Organiser: Leerstad",
        ]
        if number % 3 == 0:
            lines.append(f"Hub: {HUBS[number % len(HUBS)]}")
        if netwerkweek:
            lines.append("Edition: 2027")
        body = f"Een middag over werk en leren, nummer {number}.\n\n- programma\n- lunch\n- rondleiding\n"
        (root / "events" / f"evenement-{number:05d}.md").write_text("\n".join(lines) + "\n\n" + body, encoding="utf-8")


@dataclass(frozen=True)
class Timing:
    wall: float  # seconds on the clock
    cpu: float  # user + system seconds of the pelican process: steadier on a shared machine


def timed(command: list[str]) -> Timing:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        sys.exit(f"build failed ({' '.join(command)}):\n{result.stdout}{result.stderr}")
    return Timing(wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))


def measure(count: int, work: Path) -> tuple[Timing, Timing, Timing, int]:
    """Seconds for: the full build, the build without the .ics feeds plugin, bare Pelican; and pages built."""
    content = work / f"content-{count}"
    write_content(content, count)
    ours = [sys.executable, "-m", "pelican", str(content), "-s", "pelicanconf.py", "--fatal", "errors", "--log-handler", "plain", "-q"]
    full = timed([*ours, "-o", str(work / f"full-{count}")])
    pages = sum(1 for _ in (work / f"full-{count}").rglob("*.html"))
    site_only = timed([*ours, "-o", str(work / f"site-{count}"), "-e", 'PLUGINS=["leerstad_site", "pelican.plugins.sitemap"]'])
    settings = work / f"bare-{count}.py"
    settings.write_text(BARE_SETTINGS.format(path=str(content)), encoding="utf-8")
    bare = timed([sys.executable, "-m", "pelican", str(content), "-s", str(settings), "-o", str(work / f"bare-{count}"), "-q"])
    return full, site_only, bare, pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="2000", help="comma separated numbers of events, e.g. 500,2000,5000")
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",")]
    print("full = our pelicanconf (site plugin, sitemap, .ics feeds); site = the same without the .ics feeds plugin;")
    print("bare = Pelican without plugins reading the same event files as articles.")
    print("Each cell: wall seconds / CPU seconds; ms/ev and the ratios use CPU time, which other load disturbs less.")
    columns = " ".join(f"{name:>13} {'ms/ev':>6}" for name in ("full", "site", "bare"))
    print(f"{'events':>7} {'pages':>6} {columns} {'full/bare':>9} {'site/bare':>9}")
    with tempfile.TemporaryDirectory(prefix="leerstad-bench-") as tmp:
        for count in sizes:
            full, site, bare, pages = measure(count, Path(tmp))
            cells = " ".join(f"{f'{t.wall:.2f} / {t.cpu:.2f}':>13} {t.cpu / count * 1000:>6.2f}" for t in (full, site, bare))
            print(f"{count:>7} {pages:>6} {cells} {full.cpu / bare.cpu:>9.2f} {site.cpu / bare.cpu:>9.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
