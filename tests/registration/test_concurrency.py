"""Capacity under concurrency: 200 sign-ups at once against 4 gunicorn workers never overbook.

Like pretix's concurrency tests, the second test shows the race that the lock prevents:
the same interleaving with the lock switched off overbooks, with it on the second
sign-up has to wait and lands on the waiting list.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import sqlite3
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

from leerstad.content import load_content
from registration import store
from registration.mail.compose import Mailer
from registration.signup import rules
from tests.registration.conftest import NOW, ROOT, free_port, write_event

CSRF_FIELD = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


@pytest.fixture
def live_server(tmp_path, content_dir):
    """gunicorn with 4 sync workers on a free localhost port, configured through its instance folder."""
    write_event(content_dir, "tien-plaatsen", capacity=10)
    instance = tmp_path / "instance"
    instance.mkdir()
    (instance / "config.py").write_text(
        f"DATABASE = {str(tmp_path / 'live.sqlite')!r}\n"
        f"CONTENT_DIR = {str(content_dir)!r}\n"
        "SECRET_KEY = 'live-test-secret'\n"
        "RATELIMIT_ENABLED = False\n"  # 200 sign-ups from one address would otherwise be limited
        f"SMTP_HOST = '127.0.0.1'\nSMTP_PORT = {free_port()}\nSMTP_TIMEOUT = 1.0\n"
    )
    port = free_port()
    env = {**os.environ, "LEERSTAD_INSTANCE_PATH": str(instance), "LEERSTAD_BIND": f"127.0.0.1:{port}", "LEERSTAD_WORKERS": "4"}
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "deploy" / "gunicorn.conf.py"), "registration:create_app()"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60  # generous: 2 shared cores, workers import and load content first
        while True:
            with contextlib.suppress(requests.RequestException):
                if requests.get(f"{base}/api/beschikbaarheid.json", timeout=10).status_code == 200:
                    break
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not start: {process.stderr.read().decode()[-2000:]}")
            time.sleep(0.1)
        yield base, tmp_path / "live.sqlite"
    finally:
        process.terminate()
        process.wait(timeout=15)


def _sign_up(base: str, number: int) -> int:
    with requests.Session() as session:
        form = session.get(f"{base}/aanmelden/tien-plaatsen", timeout=30)
        token = CSRF_FIELD.search(form.text).group(1)
        response = session.post(
            f"{base}/aanmelden/tien-plaatsen",
            data={"csrf_token": token, "name": f"Deelnemer {number}", "email": f"deelnemer{number}@example.nl", "consent": "y"},
            allow_redirects=False,
            timeout=60,
        )
        return response.status_code


def test_200_parallel_signups_for_10_seats_confirm_exactly_10(live_server):
    base, database = live_server
    with ThreadPoolExecutor(max_workers=200) as pool:
        statuses = list(pool.map(lambda n: _sign_up(base, n), range(200)))
    assert statuses == [302] * 200  # every sign-up was accepted: none failed or got a 500
    conn = sqlite3.connect(database)
    counts = dict(conn.execute("SELECT status, count(*) FROM registrations GROUP BY status").fetchall())
    assert counts == {"confirmed": 10, "waiting": 190}
    assert conn.execute("SELECT count(*) FROM outbox").fetchone()[0] == 200  # a mail for each, none lost
    availability = requests.get(f"{base}/api/beschikbaarheid.json", timeout=5).json()["events"]["tien-plaatsen"]
    assert availability == {"seats_left": 0, "waiting": 190, "capacity": 10, "full": True}


def test_without_the_immediate_lock_two_signups_overbook_and_with_it_they_cannot(tmp_path, content_dir, monkeypatch):
    write_event(content_dir, "laatste-plaats", capacity=1)
    event = load_content(content_dir).events["laatste-plaats"]
    mailer = Mailer("https://leerstad.example")
    path = tmp_path / "race.sqlite"
    store.migrate(path)
    first, second = store.connect(path), store.connect(path)
    second.conn.execute("PRAGMA busy_timeout = 50")  # so a blocked writer gives up quickly instead of waiting
    real_seats_taken = rules.seats_taken
    interleaved: list[str] = []

    def seats_taken_then_let_the_other_request_in(db, slug):
        taken = real_seats_taken(db, slug)
        if db is first and not interleaved:
            # Request A has counted 0 taken; request B arrives right now, before A inserts.
            try:
                result = rules.sign_up(second, event, rules.Applicant("B", "b@example.nl"), mailer=mailer, now=NOW)
                interleaved.append(result.outcome.value)
            except sqlite3.OperationalError as error:
                interleaved.append(str(error))
        return taken

    monkeypatch.setattr(rules, "seats_taken", seats_taken_then_let_the_other_request_in)

    # Lock off: a transaction that does not take the write lock before counting.
    monkeypatch.setattr(rules, "immediate_transaction", _no_lock)
    rules.sign_up(first, event, rules.Applicant("A", "a@example.nl"), mailer=mailer, now=NOW)
    assert interleaved == ["confirmed"]
    assert real_seats_taken(first, "laatste-plaats") == 2  # two seats sold for a capacity of 1: overbooked

    # Lock on (the real code): B cannot even start counting while A holds the lock.
    first.execute("UPDATE registrations SET status = 'cancelled'")
    monkeypatch.setattr(rules, "immediate_transaction", store.immediate_transaction)
    interleaved.clear()
    rules.sign_up(first, event, rules.Applicant("C", "c@example.nl"), mailer=mailer, now=NOW)
    assert interleaved == ["database is locked"]
    later = rules.sign_up(second, event, rules.Applicant("D", "d@example.nl"), mailer=mailer, now=NOW)  # B retries
    assert later.outcome is rules.Outcome.WAITING
    assert real_seats_taken(first, "laatste-plaats") == 1


@contextlib.contextmanager
def _no_lock(db):
    """What a plain deferred transaction amounts to here: each statement commits on its own."""
    yield db


def test_waiting_position_stays_in_order_of_arrival(tmp_path, content_dir):
    write_event(content_dir, "vol", capacity=1)
    event = load_content(content_dir).events["vol"]
    path = tmp_path / "order.sqlite"
    store.migrate(path)
    db = store.connect(path)
    mailer = Mailer("https://leerstad.example")
    results = [
        rules.sign_up(db, event, rules.Applicant(f"P{i}", f"p{i}@example.nl"), mailer=mailer, now=NOW + dt.timedelta(seconds=i))
        for i in range(4)
    ]
    assert [r.waiting_position for r in results] == [None, 1, 2, 3]


def test_gunicorn_config_is_what_docs_promise():
    config: dict = {}
    exec(Path(ROOT / "deploy" / "gunicorn.conf.py").read_text(), config)
    assert 2 <= config["workers"] <= 4
    assert config["preload_app"] is False
