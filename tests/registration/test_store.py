"""The database: schema upgrades keep existing data; settings every connection needs."""

from __future__ import annotations

import sqlite3

from registration import store


def test_upgrading_an_existing_v1_database_keeps_every_row(tmp_path, make_app):
    path = tmp_path / "registration.sqlite"
    db = store.connect(path)
    db.execute("PRAGMA journal_mode = WAL")
    store.migrations.apply(db, stop_before="0002_admin_attendance_audit")  # the schema as first deployed
    assert "consent_at" not in {c.name for c in db["registrations"].columns}
    db.execute(
        "INSERT INTO registrations (event_slug, name, email, email_key, seats, status, token_hash, created_at, updated_at)"
        " VALUES ('opening-netwerkweek', 'Oude Aanmelding', 'oud@example.nl', 'oud@example.nl', 1, 'confirmed', ?,"
        " '2026-10-01T10:00:00+00:00', '2026-10-01T10:00:00+00:00')",
        ["a" * 64],
    )
    db.execute(
        "INSERT INTO outbox (kind, to_address, subject, body, created_at, next_attempt_at)"
        " VALUES ('confirmation', 'oud@example.nl', 'Onderwerp', 'Tekst', '2026-10-01T10:00:00+00:00', '2026-10-01T10:00:00+00:00')"
    )
    db.close()

    app = make_app(DATABASE=str(path))  # starting the app upgrades the schema
    client = app.test_client()
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT name, email, status FROM registrations").fetchall() == [("Oude Aanmelding", "oud@example.nl", "confirmed")]
    assert conn.execute("SELECT subject, status FROM outbox").fetchall() == [("Onderwerp", "pending")]
    columns = {row[1] for row in conn.execute("PRAGMA table_info(registrations)")}
    assert {"consent_at", "attended_at", "attended_by"} <= columns
    # The old seat still counts.
    assert client.get("/api/beschikbaarheid.json").json["events"]["opening-netwerkweek"]["seats_left"] == 299
    applied = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations WHERE migration_set = 'leerstad-registration'")]
    assert applied[:2] == ["0001_registrations_and_outbox", "0002_admin_attendance_audit"]


def test_starting_twice_applies_nothing_twice(tmp_path):
    path = tmp_path / "registration.sqlite"
    store.migrate(path)
    store.migrate(path)
    conn = sqlite3.connect(path)
    names = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations")]
    assert len(names) == len(set(names))


def test_database_runs_in_wal_mode_with_a_busy_timeout(tmp_path):
    path = tmp_path / "registration.sqlite"
    store.migrate(path)
    db = store.connect(path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] == store.BUSY_TIMEOUT_MS


def test_one_live_registration_per_address_is_enforced_by_the_database(tmp_path):
    path = tmp_path / "registration.sqlite"
    store.migrate(path)
    conn = sqlite3.connect(path)
    insert = (
        "INSERT INTO registrations (event_slug, name, email, email_key, seats, status, token_hash, created_at, updated_at)"
        " VALUES ('e', 'A', 'a@x.nl', 'a@x.nl', 1, ?, ?, 'now', 'now')"
    )
    conn.execute(insert, ["cancelled", "1" * 64])
    conn.execute(insert, ["confirmed", "2" * 64])
    try:
        conn.execute(insert, ["waiting", "3" * 64])
    except sqlite3.IntegrityError:
        return
    raise AssertionError("a second live registration for the same address was stored")
