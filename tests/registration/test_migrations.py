"""Migrations are recorded by name: a database of the previous release upgrades, and old names never change.

`fixtures/release-8aa6fab.sqlite` was made by the code at commit 8aa6fab (the release before the
registration/ redesign): its app created the schema, took one sign-up (with its outbox mail) and
one admin account (with its audit row), and the file was copied with SQLite's backup API.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from sqlite_utils import Database

from registration import store

RELEASE_DB = Path(__file__).parent / "fixtures" / "release-8aa6fab.sqlite"
# The names sqlite-utils recorded at 8aa6fab, in the order it applied them.
RELEASE_MIGRATIONS = [
    "0001_registrations_and_outbox",
    "0002_admin_attendance_audit",
    "0003_event_cancellation_notice",
    "0200_reach_aggregates",
    "0100_internship_offers_and_ideas",
]


def _release_copy(tmp_path: Path) -> Path:
    path = tmp_path / "registration.sqlite"
    shutil.copyfile(RELEASE_DB, path)
    return path


def test_the_migrations_of_the_previous_release_come_first_in_their_old_order():
    names = [migration.name for migration in store.migrations.pending(Database(memory=True))]
    assert names[: len(RELEASE_MIGRATIONS)] == RELEASE_MIGRATIONS


def test_the_release_database_records_exactly_the_old_names():
    conn = sqlite3.connect(RELEASE_DB)
    recorded = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY rowid")]
    conn.close()
    assert recorded == RELEASE_MIGRATIONS


def test_a_database_of_the_previous_release_upgrades_and_keeps_its_sign_up(tmp_path, make_app):
    path = _release_copy(tmp_path)
    app = make_app(DATABASE=str(path))  # starting the app upgrades the schema
    client = app.test_client()
    conn = sqlite3.connect(path)
    recorded = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY rowid")]
    assert recorded[: len(RELEASE_MIGRATIONS)] == RELEASE_MIGRATIONS
    assert len(recorded) == len(set(recorded))  # nothing applied twice under another name
    assert conn.execute("SELECT email, status FROM registrations").fetchall() == [("amina@example.nl", "confirmed")]
    assert client.get("/api/beschikbaarheid.json").json["events"]["opening-netwerkweek"]["seats_left"] == 299
    # The old admin account still logs in.
    response = client.post("/beheer/inloggen", data={"username": "beheerder", "password": "een-lang-wachtwoord"})
    assert response.status_code == 302
