"""The page-view beacon under load: its requests/s beside the availability JSON's, and sign-up p99 with and without beacons.

    .venv/bin/python bench/beacon_bench.py [--clients 20] [--requests 3000] [--seconds 15]

One gunicorn (deploy/gunicorn.conf.py, 4 sync workers) with the registration app on a free
127.0.0.1 port, the fixture content plus a large event. Rounds, each bounded by --requests and
--seconds: the availability JSON; the beacon (POST /api/teller, every client its own visitor, so
each request writes the statistics database); sign-ups alone (--signup-clients); then the same
sign-ups while --clients beacon clients keep posting. The beacon writes its own SQLite file, so
what it costs a sign-up is CPU on a shared machine, not the registration database's write lock.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import tempfile
import threading
from pathlib import Path

import requests
from signup_bench import BENCH_EVENT, run_load, start_gunicorn

ROOT = Path(__file__).resolve().parents[1]
CSRF_FIELD = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
PAGES = ("/sectoren/zorg/", "/evenementen/opening-netwerkweek/", "/stagemarkt/groepsstage-zorg/", "/", "/evenementen/")
BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.{n} Safari/537.36"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20, help="clients for the JSON and the beacon")
    parser.add_argument("--signup-clients", type=int, default=10)
    parser.add_argument("--requests", type=int, default=3000, help="requests per round (upper bound)")
    parser.add_argument("--seconds", type=float, default=15, help="time limit per round")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="beacon-bench-"))
    process = None
    try:
        content = work / "content"
        shutil.copytree(ROOT / "tests" / "fixtures" / "content", content)
        (content / "events" / "benchmark.md").write_text(BENCH_EVENT, encoding="utf-8")
        instance = work / "instance"
        instance.mkdir()
        (instance / "config.py").write_text(
            f"DATABASE = {str(work / 'registration.sqlite')!r}\nCONTENT_DIR = {str(content)!r}\n"
            "SECRET_KEY = 'bench'\nRATELIMIT_ENABLED = False\nMAIL_SEND_AFTER_REQUEST = False\n"
        )
        process, base = start_gunicorn("registration:create_app()", {"LEERSTAD_INSTANCE_PATH": str(instance)}, ROOT,
                                       "/api/beschikbaarheid.json")

        def json_client(_i: int):
            session = requests.Session()
            return lambda _n: session.get(f"{base}/api/beschikbaarheid.json", timeout=30).status_code

        def beacon_client(i: int):
            session = requests.Session()
            headers = {"User-Agent": BROWSER.format(n=i), "Accept-Language": "nl-NL,nl;q=0.9"}

            def send(n: int) -> int:
                data = {"p": PAGES[n % len(PAGES)], "r": "https://www.google.com/", "q": "?utm_source=bench"}
                status = session.post(f"{base}/api/teller", data=data, headers=headers, timeout=30).status_code
                return status if status == 204 else 599

            return send

        def signup_client(i: int):
            session = requests.Session()
            token = CSRF_FIELD.search(session.get(f"{base}/aanmelden/benchmark", timeout=30).text).group(1)

            def send(n: int) -> int:
                data = {"csrf_token": token, "name": f"Deelnemer {n}", "email": f"b{i}-{n}@example.nl", "consent": "y"}
                return session.post(f"{base}/aanmelden/benchmark", data=data, allow_redirects=False, timeout=60).status_code

            return send

        pid = process.pid
        rows = [
            run_load("availability JSON", json_client, args.clients, args.requests, args.seconds, pid),
            run_load("beacon POST /api/teller", beacon_client, args.clients, args.requests, args.seconds, pid),
            run_load("sign-up, no beacon load", signup_client, args.signup_clients, args.requests, args.seconds, pid),
        ]
        background: list[dict] = []
        beacons = threading.Thread(target=lambda: background.append(
            run_load("beacon during sign-ups", beacon_client, args.clients, 10**7, args.seconds, pid)))
        beacons.start()
        rows.append(run_load("sign-up, with beacon load", signup_client, args.signup_clients, args.requests, args.seconds, pid))
        beacons.join()
        rows += background
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=15)
        shutil.rmtree(work, ignore_errors=True)

    print(f"gunicorn 4 sync workers, 127.0.0.1, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f};"
          f" {args.clients} JSON/beacon clients, {args.signup_clients} sign-up clients")
    print(f"{'':28} {'requests':>8} {'errors':>6} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8}")
    for r in rows:
        print(f"{r['name']:<28} {r['requests']:>8} {r['errors']:>6} {r['per_second']:>8} {r['p50_ms']!s:>8} {r['p99_ms']!s:>8}")
    json_rate, beacon_rate = rows[0]["per_second"], rows[1]["per_second"]
    print(f"\nbeacon throughput is {beacon_rate / json_rate:.2f}x the availability JSON's;"
          f" sign-up p99 {rows[2]['p99_ms']} ms alone, {rows[3]['p99_ms']} ms with beacon load")


if __name__ == "__main__":
    main()
