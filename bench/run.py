"""Runs every benchmark, prints one summary and writes docs/performance.md (what `make bench` does).

    .venv/bin/python bench/run.py            # full run, 2.5 to 6 minutes on 2 cores
    .venv/bin/python bench/run.py --quick    # small sizes, under a minute, for a smoke check
    .venv/bin/python bench/run.py --only bytes,endpoints --no-write

Parts:
  build      bench/build_bench.py: site build with our plugins vs bare Pelican (500, 2,000, 5,000 events)
  feed       bench/feed_bench.py: whole-programme .ics feed and event versions from git (2,000 events)
  signup     bench/signup_bench.py: sign-up throughput and p50/p99 under gunicorn, 10/50/200 clients,
             next to a bare Flask+SQLite insert
  endpoints  availability JSON and the personal .ics feed (200 and the 304 path) under gunicorn,
             plus 200 concurrent sign-ups for 50 seats: confirmed seats must not exceed capacity
  bytes      bytes per page type of the built site (HTML + CSS + JS + images + fonts), raw and gzip
  beacon     bench/beacon_bench.py: the page-view beacon's req/s beside the availability JSON's, and sign-up
             p99 with and without beacon load

Traffic goes only to 127.0.0.1. Clients and servers share the machine, so absolute numbers
depend on it; ratios and per-item costs travel better.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import os
import platform
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
PARTS = ("build", "feed", "signup", "endpoints", "bytes", "beacon")
PAGE_TYPES = {
    "home": "/",
    "sectors overview": "/sectoren/",
    "sector": "/sectoren/zorg-en-welzijn/",
    "stories list": "/verhalen/",
    "story": "/verhalen/zorgheld-op-de-afdeling/",
    "agenda": "/evenementen/",
    "Netwerkweek programme": "/netwerkweek/2027/",
    "Netwerkweek day": "/netwerkweek/2027/dag/2027-03-16/",
    "event": "/evenementen/excursie-bouwplaats-zuid/",
    "hubs overview": "/jongerenhubs/",
    "hub": "/jongerenhubs/jongerenhub-feijenoord/",
    "stagemarkt overview": "/stagemarkt/",
    "internship offer": "/stagemarkt/groepsstage-verpleeghuis-vmbo/",
    "static page (privacy)": "/privacyverklaring/",
    "search (before typing)": "/zoeken/",
}
OVERBOOKING_EVENT = """\
Title: Benchmark: kleine zaal
Summary: Weinig plaatsen, veel gelijktijdige aanmeldingen.
Start: 2099-05-01 10:00
End: 2099-05-01 12:00
Location: Testlocatie
Address: Teststraat 1, 3011 AA Rotterdam
Sectors: haven-en-logistiek
Audience: mbo
Capacity: 50
Max-seats: 3
Registration: open
Organiser: Benchmark

Tekst.
"""


@dataclass
class Section:
    title: str
    command: str
    seconds: float
    output: str  # what the bench printed, or our own table


def run_script(title: str, args: list[str], timeout: float) -> Section:
    command = [sys.executable, *args]
    shown = " ".join(["python", *args])
    print(f"\n== {title}: {shown}", flush=True)
    started = time.monotonic()
    try:
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
        output = result.stdout + (f"\n[exit {result.returncode}]\n{result.stderr[-2000:]}" if result.returncode else "")
    except subprocess.TimeoutExpired as error:
        output = (error.stdout or b"").decode() if isinstance(error.stdout, bytes) else (error.stdout or "")
        output += f"\n[stopped after {timeout:.0f} s]"
    print(output.rstrip(), flush=True)
    return Section(title, shown, time.monotonic() - started, output.rstrip())


# --- signup -----------------------------------------------------------------------------------


def signup_part(quick: bool) -> Section:
    # The sign-up bench's own printout is kept as it is: its format is its author's to change.
    requests_per_server, seconds = (200, 8) if quick else (1000, 15)
    extra = ["--rounds", "1"] if quick and "--rounds" in (BENCH / "signup_bench.py").read_text(encoding="utf-8") else []
    started = time.monotonic()
    outputs = []
    for clients in (10, 50, 200):
        section = run_script(
            f"sign-up, {clients} clients",
            ["bench/signup_bench.py", "--clients", str(clients), "--requests", str(requests_per_server), "--seconds", str(seconds),
             *extra],
            timeout=seconds * 8 + 300,
        )
        outputs.append(f"### {clients} clients\n{section.output}")
    command = (f"python bench/signup_bench.py --clients N --requests {requests_per_server} --seconds {seconds}"
               f"{' ' + ' '.join(extra) if extra else ''} for N in 10, 50, 200")
    return Section("Sign-up under load (gunicorn, 4 sync workers)", command, time.monotonic() - started, "\n\n".join(outputs))


# --- endpoints --------------------------------------------------------------------------------

# bench/ is on sys.path when this runs as `python bench/run.py`; one gunicorn starter serves both benches.
from signup_bench import run_load, start_gunicorn  # noqa: E402

CSRF_FIELD = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def endpoints_part(quick: bool) -> Section:
    import requests

    total, seconds, clients = (300, 5, 10) if quick else (3000, 20, 20)
    started = time.monotonic()
    work = Path(tempfile.mkdtemp(prefix="endpoints-bench-"))
    process = None
    try:
        content = work / "content"
        shutil.copytree(ROOT / "content", content)
        (content / "events" / "bench-kleine-zaal.md").write_text(OVERBOOKING_EVENT, encoding="utf-8")
        instance = work / "instance"
        instance.mkdir()
        database = work / "registration.sqlite"
        (instance / "config.py").write_text(
            f"DATABASE = {str(database)!r}\nCONTENT_DIR = {str(content)!r}\n"
            "SECRET_KEY = 'bench'\nRATELIMIT_ENABLED = False\nMAIL_SEND_AFTER_REQUEST = False\n"
        )
        process, base = start_gunicorn(
            "registration:create_app()", {"LEERSTAD_INSTANCE_PATH": str(instance)}, ROOT, "/api/beschikbaarheid.json"
        )

        # One registration whose personal feed we fetch; its token comes from the queued mail.
        session = requests.Session()
        form = session.get(f"{base}/aanmelden/bench-kleine-zaal", timeout=30).text
        token = CSRF_FIELD.search(form).group(1)
        session.post(f"{base}/aanmelden/bench-kleine-zaal", timeout=30, allow_redirects=False,
                     data={"csrf_token": token, "name": "Feed Lezer", "email": "feed@example.nl", "consent": "y"})
        with sqlite3.connect(database) as conn:
            body = conn.execute("SELECT body FROM outbox ORDER BY id LIMIT 1").fetchone()[0]
        manage_token = re.search(r"/mijn/([A-Za-z0-9_-]{20,})", body).group(1)
        feed_url = f"{base}/agenda/{manage_token}.ics"
        etag = requests.get(feed_url, timeout=30).headers["ETag"]

        def getter(url: str, headers: dict | None = None, expect: int = 200):
            def make(_i: int):
                client = requests.Session()

                def send(_n: int) -> int:
                    status = client.get(url, headers=headers or {}, timeout=30).status_code
                    return status if status == expect else 599

                return send

            return make

        results = [
            run_load("availability JSON", getter(f"{base}/api/beschikbaarheid.json"), clients, total, seconds, process.pid),
            run_load("personal feed .ics (200)", getter(feed_url), clients, total, seconds, process.pid),
            run_load("personal feed .ics (304)", getter(feed_url, {"If-None-Match": etag}, 304), clients, total, seconds, process.pid),
        ]
        lines = [f"{clients} concurrent clients, keep-alive sessions",
                 f"{'endpoint':<28} {'requests':>8} {'errors':>6} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8}"]
        for r in results:
            lines.append(f"{r['name']:<28} {r['requests']:>8} {r['errors']:>6} {r['per_second']:>8} {r['p50_ms']!s:>8} {r['p99_ms']!s:>8}")

        # 200 people at once for 50 seats, 1-3 seats each: the capacity must hold.
        def signup_client(i: int):
            client = requests.Session()
            csrf = CSRF_FIELD.search(client.get(f"{base}/aanmelden/bench-kleine-zaal", timeout=30).text).group(1)

            def send(n: int) -> int:
                data = {"csrf_token": csrf, "name": f"Deelnemer {n}", "email": f"zaal{n}@example.nl", "consent": "y",
                        "seats": str(1 + n % 3), "school": "Benchmarkcollege"}
                return client.post(f"{base}/aanmelden/bench-kleine-zaal", data=data, allow_redirects=False, timeout=60).status_code

            return send

        burst = run_load("200 sign-ups for 50 seats", signup_client, 200, 200, 120, process.pid)
        with sqlite3.connect(database) as conn:
            confirmed, waiting = conn.execute(
                "SELECT coalesce(sum(CASE WHEN status = 'confirmed' THEN seats END), 0),"
                " count(CASE WHEN status = 'waiting' THEN 1 END) FROM registrations WHERE event_slug = 'bench-kleine-zaal'"
            ).fetchone()
        verdict = "OK, no overbooking" if confirmed <= 50 else "OVERBOOKED"
        lines += ["", f"overbooking check: {burst['requests']} concurrent sign-ups ({burst['errors']} errors) for 50 seats "
                      f"-> {confirmed} seats confirmed, {waiting} on the waiting list: {verdict}"]
        output = "\n".join(lines)
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=15)
        shutil.rmtree(work, ignore_errors=True)
    print("\n== endpoints\n" + output, flush=True)
    command = f"bench/run.py --only endpoints ({clients} clients, up to {total} requests or {seconds} s per endpoint)"
    return Section("Feed and availability endpoints (gunicorn, 4 sync workers)", command, time.monotonic() - started, output)


# --- bytes per page type ----------------------------------------------------------------------


CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")


def local_file(output: Path, base_path: str, ref: str) -> Path | None:
    """The built file a same-site reference points to; None for other hosts, data: URLs and misses."""
    parts = urlsplit(urljoin(base_path, ref))
    if parts.scheme or parts.netloc or not parts.path:
        return None
    target = (output / parts.path.lstrip("/")).resolve()
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def page_resources(output: Path, path: str) -> dict[str, set[Path]]:
    from bs4 import BeautifulSoup

    html_file = output / path.lstrip("/") / "index.html"
    soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
    found: dict[str, set[Path]] = {"html": {html_file}, "css": set(), "js": set(), "images and fonts": set()}
    for link in soup.find_all("link", href=True):
        rel = " ".join(link.get("rel", []))
        target = local_file(output, path, link["href"])
        if target is None:
            continue
        if "stylesheet" in rel:
            found["css"].add(target)
        elif "icon" in rel or "preload" in rel:
            found["images and fonts"].add(target)
    for script in soup.find_all("script", src=True):
        if (target := local_file(output, path, script["src"])) is not None:
            found["js"].add(target)
    for img in soup.find_all(["img", "source"]):
        for ref in [img.get("src")] + [c.strip().split(" ")[0] for c in (img.get("srcset") or "").split(",") if c.strip()]:
            if ref and (target := local_file(output, path, ref)) is not None:
                found["images and fonts"].add(target)
    pending = list(found["css"])
    while pending:  # fonts and images named in CSS, and CSS it imports
        css = pending.pop()
        css_path = "/" + str(css.relative_to(output))
        for match in CSS_URL.finditer(css.read_text(encoding="utf-8", errors="replace")):
            target = local_file(output, css_path, match.group(1) or match.group(2))
            if target is None:
                continue
            if target.suffix == ".css" and target not in found["css"]:
                found["css"].add(target)
                pending.append(target)
            elif target.suffix != ".css":
                found["images and fonts"].add(target)
    return found


def build_site(output: Path) -> None:
    subprocess.run([sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py", "-o", str(output), "--fatal", "errors",
                    "--log-handler", "plain"], cwd=ROOT, check=True, capture_output=True)
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(output), "--quiet"], cwd=ROOT, check=True, capture_output=True)


def bytes_part() -> Section:
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="bytes-bench-") as folder:
        output = Path(folder) / "output"
        build_site(output)
        kinds = ("html", "css", "js", "images and fonts")
        header = f"{'page type':<24} " + " ".join(f"{k[:6]:>8}" for k in kinds) + f" {'total':>8} {'gzip':>8}"
        lines = ["bytes a first visit downloads (KiB), HTML + CSS + JS + images + fonts, gzip at level 6 per file", header]
        for name, path in PAGE_TYPES.items():
            resources = page_resources(output, path)
            sizes = {k: sum(f.stat().st_size for f in resources[k]) for k in kinds}
            every = set().union(*resources.values())
            total = sum(f.stat().st_size for f in every)
            zipped = sum(len(gzip.compress(f.read_bytes(), 6)) for f in every)
            lines.append(f"{name:<24} " + " ".join(f"{sizes[k] / 1024:>8.1f}" for k in kinds) + f" {total / 1024:>8.1f} {zipped / 1024:>8.1f}")
        lines.append("")
        lines.append("The search page also fetches Pagefind's index and WebAssembly once someone types; they are not counted here.")
        output_text = "\n".join(lines)
    print("\n== bytes per page type\n" + output_text, flush=True)
    return Section("Bytes per page type (built site)", "bench/run.py --only bytes", time.monotonic() - started, output_text)


# --- report -----------------------------------------------------------------------------------

BUILD_ROW = re.compile(r"^\s*(\d+)\s+\d+\s+[\d.]+ / [\d.]+\s+([\d.]+)\s.*\s([\d.]+)\s+[\d.]+\s*$", re.MULTILINE)
FEED_LINE = re.compile(r"whole-programme feed \(build \+ serialise\): ([\d.]+) s, ([\d.]+) ms per event")
FEED_EVENTS = re.compile(r"^events: (\d+)", re.MULTILINE)
SIGNUP_ROW = re.compile(r"^sign-up \(registration app\)\s+\d+\s+(\d+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)", re.MULTILINE)
SIGNUP_RATIO = re.compile(r"throughput is ([\d.]+)x the bare insert")
ENDPOINT_ROW = re.compile(r"^((?:availability|personal)[^\n]*?)\s{2,}\d+\s+(\d+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)$", re.MULTILINE)
BEACON_ROW = re.compile(r"^((?:availability|beacon|sign-up)[^\n]*?)\s{2,}\d+\s+(\d+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)$", re.MULTILINE)
BYTES_ROW = re.compile(r"^(\S.*?)\s{2,}(?:[\d.]+\s+){5}([\d.]+)$", re.MULTILINE)


def headlines(sections: list[Section]) -> list[tuple[str, str]]:
    """The few numbers worth a glance, read back from each section's printout (absent when a format changed)."""
    rows: list[tuple[str, str]] = []
    text = {section.title: section.output for section in sections}
    for title, output in text.items():
        if title.startswith("Site build"):
            for events, ms, ratio in BUILD_ROW.findall(output):
                rows.append((f"build, {int(events):,} events", f"{ms} ms CPU per event, {ratio}x bare Pelican"))
        elif title.startswith("Calendar feeds") and (found := FEED_LINE.search(output)):
            events = FEED_EVENTS.search(output)
            rows.append((f"whole-programme .ics{f', {int(events.group(1)):,} events' if events else ''}",
                         f"{found.group(1)} s ({found.group(2)} ms per event)"))
        elif title.startswith("Sign-up"):
            for chunk in output.split("### ")[1:]:
                clients = chunk.split(" ", 1)[0]
                row, ratio = SIGNUP_ROW.search(chunk), SIGNUP_RATIO.search(chunk)
                if row:
                    rows.append((f"sign-up, {clients} clients",
                                 f"{row.group(2)} req/s, p50 {row.group(3)} ms, p99 {row.group(4)} ms, {row.group(1)} errors"
                                 f"{f'; {ratio.group(1)}x the bare insert' if ratio else ''}"))
        elif title.startswith("Feed and availability"):
            for name, errors, per_second, p50, p99 in ENDPOINT_ROW.findall(output):
                rows.append((name.strip(), f"{per_second} req/s, p50 {p50} ms, p99 {p99} ms, {errors} errors"))
            for line in output.splitlines():
                if line.startswith("overbooking check"):
                    rows.append(("overbooking check", line.split(": ", 1)[1]))
        elif title.startswith("Page-view beacon"):
            for name, errors, per_second, p50, p99 in BEACON_ROW.findall(output):
                rows.append((f"{name.strip()} (beacon bench)", f"{per_second} req/s, p50 {p50} ms, p99 {p99} ms, {errors} errors"))
        elif title.startswith("Bytes"):
            sizes = {name.strip(): float(gz) for name, gz in BYTES_ROW.findall(output)}
            if sizes:
                heaviest = max(sizes, key=sizes.get)
                typical = sorted(sizes.values())[len(sizes) // 2]
                rows.append(("bytes per page (gzip)", f"median {typical:.1f} KiB; heaviest: {heaviest}, {sizes[heaviest]:.1f} KiB"))
    return rows


def summary_table(rows: list[tuple[str, str]]) -> list[str]:
    width = max((len(name) for name, _ in rows), default=10)
    return [f"{name:<{width}}  {value}" for name, value in rows]


def machine() -> str:
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        found = re.search(r"^model name\s*:\s*(.+)$", cpuinfo.read_text(), re.MULTILINE)
        model = found.group(1).strip() if found else ""
    return (f"{os.cpu_count()} cores (nproc {len(os.sched_getaffinity(0))}){', ' + model if model else ''}; "
            f"Python {platform.python_version()}; {platform.system()} {platform.release()}")


def write_report(sections: list[Section], quick: bool, argv: list[str], elapsed: float, load: tuple[float, float]) -> Path:
    now = dt.datetime.now(dt.UTC)
    lines = [
        "# Performance",
        "",
        "Written by `make bench` (`.venv/bin/python bench/run.py`); each section says which bench made it.",
        "Run it again after a change that may matter and commit this file with the new figures.",
        "",
        f"- Date: {now:%Y-%m-%d %H:%M} UTC",
        f"- Machine: {machine()}",
        f"- Load average (1 min) when the run started / ended: {load[0]:.1f} / {load[1]:.1f}"
        " (other work on the machine lowers throughput and widens p99)",
        f"- Command: `.venv/bin/python bench/run.py{' ' + ' '.join(argv) if argv else ''}`"
        f"{' (quick: small sizes, figures are rough)' if quick else ''}, {elapsed / 60:.1f} minutes in all",
        "- Clients and servers run on the same machine and share its cores; compare ratios rather than absolute numbers.",
        "",
        "## Summary",
        "",
        "| measure | result |",
        "|---|---|",
        *[f"| {name} | {value} |" for name, value in headlines(sections)],
        "",
    ]
    for section in sections:
        lines += [f"## {section.title}", "", f"`{section.command}` ({section.seconds:.0f} s)", "", "```", section.output, "```", ""]
    lines += [
        "## How to read this",
        "",
        "- Build: `full` is `make build` minus Pagefind on N generated events; `bare` is Pelican without plugins on the",
        "  same files. The ratio is what our plugins, theme and feeds cost on top of Pelican itself.",
        "- Sign-up: the registration app does validation, CSRF, one `BEGIN IMMEDIATE` transaction with the capacity",
        "  check, the outbox row and the `.ics` attachment; the bare endpoint only inserts a row. p99 rises with the",
        "  number of clients because SQLite takes one writer at a time and 4 workers share 2 cores with the clients.",
        "- Endpoints: the 304 path skips sending the feed but still builds it to compare the ETag.",
        "- Beacon: every beacon request is a new visitor's page view, written to the statistics' own SQLite file;",
        "  it competes with sign-ups for CPU, never for the registration database's write lock.",
        "",
    ]
    target = ROOT / "docs" / "performance.md"
    target.write_text("\n".join(lines), encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes: a smoke run of under a minute")
    parser.add_argument("--only", default=",".join(PARTS), help=f"comma separated parts out of {', '.join(PARTS)}")
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs/performance.md alone")
    args = parser.parse_args(argv)
    parts = [p.strip() for p in args.only.split(",") if p.strip()]
    unknown = [p for p in parts if p not in PARTS]
    if unknown:
        parser.error(f"unknown part(s) {', '.join(unknown)}; choose from {', '.join(PARTS)}")

    started = time.monotonic()
    load_before = os.getloadavg()[0]
    sections: list[Section] = []
    if "build" in parts:
        sizes = "500" if args.quick else "500,2000,5000"
        sections.append(run_script("Site build: our plugins vs bare Pelican", ["bench/build_bench.py", "--sizes", sizes], 900))
    if "feed" in parts:
        feed_args = ["--events", "500", "--repeat", "2"] if args.quick else ["--events", "2000", "--repeat", "5"]
        sections.append(run_script("Calendar feeds and event versions", ["bench/feed_bench.py", *feed_args], 600))
    if "signup" in parts:
        sections.append(signup_part(args.quick))
    if "endpoints" in parts:
        sections.append(endpoints_part(args.quick))
    if "bytes" in parts:
        sections.append(bytes_part())
    if "beacon" in parts:
        beacon_args = ["--requests", "300", "--seconds", "4"] if args.quick else ["--requests", "3000", "--seconds", "15"]
        sections.append(run_script("Page-view beacon beside the availability JSON, and sign-ups under beacon load (gunicorn, 4 sync workers)",
                                   ["bench/beacon_bench.py", *beacon_args], 600))
    elapsed = time.monotonic() - started
    print("\n== summary")
    print("\n".join(summary_table(headlines(sections))))
    print(f"\nall benchmarks done in {elapsed / 60:.1f} minutes")
    if not args.no_write:
        written = write_report(sections, args.quick, list(argv if argv is not None else sys.argv[1:]), elapsed,
                               (load_before, os.getloadavg()[0]))
        print(f"wrote {written}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
