"""Migrations are recorded by name: a database of the previous release upgrades, and old names never change.

`fixtures/release-8aa6fab.sqlite` was made by the code at commit 8aa6fab (the release before the
registration/ redesign): its app created the schema, took one sign-up (with its outbox mail) and
one admin account (with its audit row), and the file was copied with SQLite's backup API.
The raw token of that sign-up is not stored, but its confirmation mail is (outbox.body), so the
tests read the links that were mailed from there, exactly as the registrant has them.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path

import icalendar
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


def _mailed_links(path: Path) -> tuple[str, str]:
    """The manage link and feed address in the release's confirmation mail (the same token then)."""
    body = sqlite3.connect(path).execute("SELECT body FROM outbox WHERE kind = 'confirmation'").fetchone()[0]
    manage = re.search(r"https://leerstad\.example(/mijn/[\w-]+)", body).group(1)
    feed = re.search(r"https://leerstad\.example(/agenda/[\w-]+\.ics)", body).group(1)
    return manage, feed


def test_links_mailed_by_the_previous_release_still_work_after_the_upgrade(tmp_path, make_app):
    path = _release_copy(tmp_path)
    client = make_app(DATABASE=str(path)).test_client()
    manage, feed = _mailed_links(path)
    page = client.get(manage)
    assert page.status_code == 200 and "Opening Netwerkweek" in page.get_data(as_text=True)
    # The old token was also the feed address: it goes on working as a (read-only) feed.
    calendar = client.get(feed)
    assert calendar.status_code == 200
    assert [str(e["UID"]) for e in icalendar.Calendar.from_ical(calendar.data).walk("VEVENT")] == [
        "opening-netwerkweek@leerstad.rotterdam.nl"
    ]
    assert client.get(f"{manage}/gegevens.json").json["registrations"][0]["email"] == "amina@example.nl"
    # Signing up again for another event keeps the old link, which now lists both.
    client.post("/aanmelden/excursie-terminal", data={"name": "Amina Bakker", "email": "Amina@example.nl"})
    listed = client.get(manage).get_data(as_text=True)
    assert "Opening Netwerkweek" in listed and "Excursie" in listed
    assert client.post(f"{manage}/annuleren").status_code == 302
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT status FROM registrations WHERE event_slug = 'opening-netwerkweek'").fetchone()[0] == "cancelled"
    assert conn.execute("SELECT count(*) FROM people").fetchone()[0] == 1


def test_the_upgrade_gives_sharp_s_and_plain_ss_addresses_two_people_and_fresh_keys(tmp_path):
    path = _release_copy(tmp_path)
    conn = sqlite3.connect(path)
    # As the previous release stored it: email_key and person_key from the casefolded address.
    conn.execute(
        "INSERT INTO registrations (event_slug, name, email, email_key, seats, status, token_hash, created_at, updated_at,"
        " person_key) VALUES ('opening-netwerkweek', 'Bert', 'Straße@Example.nl', 'strasse@example.nl', 1, 'confirmed',"
        " 'ab', '2026-11-01T10:00:00+00:00', '2026-11-01T10:00:00+00:00', 'casefold-key')"
    )
    conn.commit()
    conn.close()
    store.migrate(path)
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT email_key, person_key FROM registrations WHERE name = 'Bert'").fetchone() == ("straße@example.nl", None)
    assert sorted(r[0] for r in conn.execute("SELECT address FROM people")) == ["amina@example.nl", "straße@example.nl"]
    assert conn.execute("SELECT count(*) FROM person_links").fetchone()[0] == 2
    assert conn.execute("SELECT count(*) FROM person_feeds").fetchone()[0] == 2
