"""Sign-up throughput and latency under 50 concurrent clients, next to a bare Flask+SQLite insert.

    .venv/bin/python bench/signup_bench.py [--clients 50] [--requests 2000] [--seconds 60]

Starts two gunicorn servers on free 127.0.0.1 ports with the same settings
(deploy/gunicorn.conf.py, 4 sync workers): the real registration app and a bare Flask
endpoint that inserts one row into SQLite in a BEGIN IMMEDIATE transaction. Each client
keeps one session (the CSRF token is fetched once, outside the measurement) and posts
sign-ups with fresh addresses. Bounded by --requests per server and --seconds overall.
Traffic goes only to 127.0.0.1. The clients run on the same machine, so on few cores
they compete with the workers for CPU: compare the ratio, not the absolute numbers.
Mail is queued in the outbox but not sent after each request (MAIL_SEND_AFTER_REQUEST
off), so no SMTP timeouts leak into the numbers.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
CSRF_FIELD = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')

BENCH_EVENT = """\
Title: Benchmark-evenement
Summary: Een groot evenement om aanmeldingen te meten.
Start: 2099-04-01 10:00
End: 2099-04-01 12:00
Location: Testlocatie
Address: Teststraat 1, 3011 AA Rotterdam
Sectors: haven
Audience: mbo
Capacity: 100000
Registration: open
Organiser: Benchmark

Tekst.
"""

BARE_APP = '''\
"""The baseline: one Flask view that inserts one row into SQLite, as lean as it gets."""
import os
import sqlite3

from flask import Flask, g, request

app = Flask(__name__)
DATABASE = os.environ["BARE_DATABASE"]


def db():
    if "db" not in g:
        g.db = sqlite3.connect(DATABASE, timeout=10, isolation_level=None)
        g.db.execute("PRAGMA busy_timeout = 10000")
    return g.db


@app.teardown_appcontext
def close(_error):
    conn = g.pop("db", None)
    if conn is not None:
        conn.close()


@app.post("/insert")
def insert():
    conn = db()
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO rows (name, email) VALUES (?, ?)", [request.form["name"], request.form["email"]])
    conn.execute("COMMIT")
    return "", 204
'''


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(app_spec: str, env: dict[str, str], cwd: Path, probe: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {**os.environ, **env, "LEERSTAD_BIND": f"127.0.0.1:{port}", "LEERSTAD_WORKERS": "4"}
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "deploy" / "gunicorn.conf.py"), app_spec],
        cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            requests.get(base + probe, timeout=10)
            return process, base
        except requests.RequestException:
            if process.poll() is not None:
                break
            time.sleep(0.1)
    process.terminate()
    raise SystemExit(f"gunicorn for {app_spec} did not start")


def server_cpu_seconds(master_pid: int) -> float:
    """User+system CPU of gunicorn's master and workers (Linux /proc), to see the server's own cost."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid, ppid = int(stat.parent.name), int(fields[1])
        if pid == master_pid or ppid == master_pid:
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / tick


def run_load(
    name: str, make_client: Callable[[int], Callable[[int], int]], clients: int, total: int, seconds: float, master_pid: int
) -> dict:
    """`make_client(i)` prepares client i and returns `send(n) -> status`; n counts requests globally."""
    latencies: list[float] = []
    errors = 0
    counter = iter(range(total))
    lock = threading.Lock()
    senders = [make_client(i) for i in range(clients)]  # set-up (sessions, CSRF) not measured
    cpu_before = server_cpu_seconds(master_pid)
    started = time.monotonic()
    stop_at = started + seconds

    def worker(send: Callable[[int], int]) -> None:
        nonlocal errors
        while time.monotonic() < stop_at:
            with lock:
                n = next(counter, None)
            if n is None:
                return
            begin = time.perf_counter()
            try:
                ok = send(n) < 400
            except requests.RequestException:
                ok = False
            elapsed = time.perf_counter() - begin
            with lock:
                latencies.append(elapsed)
                errors += 0 if ok else 1

    with ThreadPoolExecutor(max_workers=clients) as pool:
        list(pool.map(worker, senders))
    wall = time.monotonic() - started
    cpu = server_cpu_seconds(master_pid) - cpu_before
    ordered = sorted(latencies)
    return {
        "name": name,
        "requests": len(latencies),
        "errors": errors,
        "seconds": round(wall, 2),
        "per_second": round(len(latencies) / wall, 1) if wall else 0.0,
        "p50_ms": round(statistics.median(ordered) * 1000, 1) if ordered else None,
        "p99_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000, 1) if ordered else None,
        "server_cpu_ms_per_request": round(cpu / len(latencies) * 1000, 2) if latencies else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=1000, help="requests per server and round (upper bound)")
    parser.add_argument("--seconds", type=float, default=30, help="time limit per server and round")
    parser.add_argument("--rounds", type=int, default=3, help="alternate the two servers this many times; best round counts")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="signup-bench-"))
    processes: list[subprocess.Popen] = []
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
        app_process, app_base = start_gunicorn(
            "registration:create_app()", {"LEERSTAD_INSTANCE_PATH": str(instance)}, ROOT, "/api/beschikbaarheid.json"
        )
        processes.append(app_process)

        bare_db = work / "bare.sqlite"
        conn = __import__("sqlite3").connect(bare_db)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("CREATE TABLE rows (id INTEGER PRIMARY KEY, name TEXT, email TEXT)")
        conn.close()
        (work / "bare_app.py").write_text(BARE_APP, encoding="utf-8")
        bare_process, bare_base = start_gunicorn("bare_app:app", {"BARE_DATABASE": str(bare_db)}, work, "/")
        processes.append(bare_process)

        def signup_client(i: int) -> Callable[[int], int]:
            session = requests.Session()
            token = CSRF_FIELD.search(session.get(f"{app_base}/aanmelden/benchmark", timeout=30).text).group(1)

            def send(n: int) -> int:
                data = {"csrf_token": token, "name": f"Deelnemer {n}", "email": f"p{n}@example.nl", "consent": "y"}
                return session.post(f"{app_base}/aanmelden/benchmark", data=data, allow_redirects=False, timeout=30).status_code

            return send

        def bare_client(i: int) -> Callable[[int], int]:
            session = requests.Session()

            def send(n: int) -> int:
                data = {"name": f"Deelnemer {n}", "email": f"p{n}@example.nl"}
                return session.post(f"{bare_base}/insert", data=data, timeout=30).status_code

            return send

        # Alternating rounds, best of each: a shared machine's background load hits both sides alike.
        rounds: list[tuple[dict, dict]] = []
        for _ in range(args.rounds):
            rounds.append((
                run_load("sign-up (registration app)", signup_client, args.clients, args.requests, args.seconds, app_process.pid),
                run_load("bare Flask insert", bare_client, args.clients, args.requests, args.seconds, bare_process.pid),
            ))
        results = [max((r[side] for r in rounds), key=lambda x: x["per_second"]) for side in (0, 1)]
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=15)
        shutil.rmtree(work, ignore_errors=True)

    signup, bare = results
    print(f"\n{args.clients} concurrent clients, gunicorn 4 sync workers, 127.0.0.1, {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f}")
    print("per round (sign-up / bare req/s): " + ", ".join(f"{a['per_second']} / {b['per_second']}" for a, b in rounds))
    print(f"best of {args.rounds} rounds:\n")
    print(f"{'':28} {'requests':>8} {'errors':>6} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'server CPU ms/req':>18}")
    for r in results:
        print(f"{r['name']:28} {r['requests']:>8} {r['errors']:>6} {r['per_second']:>8} {r['p50_ms']:>8} {r['p99_ms']:>8}"
              f" {r['server_cpu_ms_per_request']:>18}")
    ratio = signup["per_second"] / bare["per_second"] if bare["per_second"] else float("nan")
    cpu_ratio = signup["server_cpu_ms_per_request"] / bare["server_cpu_ms_per_request"]
    print(f"\nsign-up throughput is {ratio:.2f}x the bare insert ({ratio * 100:.0f}%);"
          f" a sign-up costs the server {cpu_ratio:.1f}x the CPU of the bare insert")
    print(f"(the {args.clients} client threads share the machine: when the bare side is client-bound, the CPU ratio is the better guide)")
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    summary = {"clients": args.clients, "rounds": rounds, "best": results, "ratio": ratio, "cpu_ratio": cpu_ratio}
    (out / "signup_bench.json").write_text(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
