"""The retention period: `flask purge` turns registrations of long-past events into anonymous counts."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.registration.conftest import FIXTURE_CONTENT, ROOT, write_event

# Opening Netwerkweek and the terminal excursion ended mid-March 2027: more than 90 days before this.
AFTER_RETENTION = dt.datetime(2027, 7, 1, 12, 0, tzinfo=dt.UTC)

# People whose every registration is of a purged event, with what they typed.
PURGED_PEOPLE = [
    ("Fatima Ouali", "fatima.ouali@example.nl", "Zadkine Centrum", "3012"),
    ("Kees Verbeek", "kees.verbeek@example.nl", "Albeda Zuid", "3072"),
] + [(f"Leerling Nummer{i}", f"leerling{i}@example.nl", "Grafisch Lyceum", "3071") for i in range(6)]


@pytest.fixture
def app(make_app, content_dir):
    write_event(content_dir, "havenlab-september", start="2027-09-01 10:00", end="2027-09-01 12:00")  # haven, still to come
    return make_app(CONTENT_DIR=str(content_dir))


@pytest.fixture
def filled(app, signups, admin):
    for name, email, school, postcode in PURGED_PEOPLE:
        signups.submit("opening-netwerkweek", name=name, email=email, school=school, postcode=postcode, education_level="mbo")
    signups.submit("excursie-terminal", name="Docent Jansen", email="docent@school.nl", seats="20", school="Zadkine Centrum", postcode="3012")
    # Amina was at the opening and is coming to the lab: she stays one person across the purge.
    signups.submit("opening-netwerkweek", name="Amina Bakker", email="amina@example.nl", postcode="3071")
    signups.submit("havenlab-september", name="Amina Bakker", email="amina@example.nl", postcode="3071")
    signups.submit("havenlab-september", name="Bas de Wit", email="bas@example.nl", postcode="3071")
    admin.create()
    admin.login()
    teacher = signups.registration("docent@school.nl", "excursie-terminal")
    signups.client.post(f"/beheer/aanmeldingen/{teacher['id']}/aanwezig", data={"value": "ja"})
    app.config["NOW"] = AFTER_RETENTION
    return signups


def every_value(db: sqlite3.Connection) -> list[tuple[str, str, str]]:
    """(table, column, text) for every non-empty cell of every table."""
    found = []
    tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for table in tables:
        cursor = db.execute(f'SELECT * FROM "{table}"')
        columns = [c[0] for c in cursor.description]
        for row in cursor:
            for column, value in zip(columns, row, strict=True):
                if value is not None:
                    found.append((table, column, value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)))
    return found


def test_dashboard_totals_are_the_same_before_and_after_purge(filled, client, runner):
    before = client.get("/beheer/bereik.csv").get_data(as_text=True)
    before_haven = client.get("/beheer/bereik.csv?sector=haven").get_data(as_text=True)
    result = runner.invoke(args=["purge"])
    assert result.exit_code == 0, result.output
    assert "verwijderd: 10 aanmeldingen" in result.output
    assert client.get("/beheer/bereik.csv").get_data(as_text=True) == before
    assert client.get("/beheer/bereik.csv?sector=haven").get_data(as_text=True) == before_haven
    # 12 sign-ups with 31 seats; 11 people: the 8, the teacher, Amina (twice) and Bas.
    assert "Haven en logistiek,12,31,11,1,20,0,800" in before


def test_purge_leaves_no_personal_data_of_past_events(filled, runner, db):
    token_hashes = [r[0] for r in db.execute("SELECT token_hash FROM registrations WHERE event_slug != 'havenlab-september'")]
    runner.invoke(args=["purge"])
    values = every_value(db)
    for name, email, school, _postcode in PURGED_PEOPLE + [("Docent Jansen", "docent@school.nl", "Zadkine Centrum", "3012")]:
        for secret in (name, email, school, *token_hashes):
            assert not [(t, c) for t, c, text in values if secret.lower() in text.lower()], secret
    for postcode in ("3012", "3072"):  # only purged people gave these (Amina and Bas, still coming, gave 3071)
        # A four-digit area may remain only as the label of an anonymous count.
        # (Compared whole: a hex hash may contain these four digits by chance.)
        assert {(t, c) for t, c, text in values if text.split()[:1] == [postcode]} == {("reach_counts", "value")}
    assert [r["event_slug"] for r in db.execute("SELECT event_slug FROM registrations")] == ["havenlab-september"] * 2
    assert {r[0] for r in db.execute("SELECT to_address FROM outbox")} == {"amina@example.nl", "bas@example.nl"}


def test_kept_person_keys_have_no_link_to_a_name_event_or_date(filled, runner, db):
    runner.invoke(args=["purge"])
    columns = [r[1] for r in db.execute("PRAGMA table_info(reach_people)")]
    assert columns == ["scope", "person_key"]
    emails = {email for _, email, _, _ in PURGED_PEOPLE}
    keys = {key for (key,) in db.execute("SELECT person_key FROM reach_people")}
    assert not any(email in key for email in emails for key in keys)
    # Keyed: nobody without the server's secret can recompute them from a guessed address.
    for email in emails:
        assert hashlib.sha256(email.encode()).hexdigest() not in keys
        assert hmac.new(b"test-secret", email.encode(), hashlib.sha256).hexdigest() in keys  # SECRET_KEY of the test app


def test_purge_keeps_registrations_of_recent_and_coming_events(filled, app, runner, db):
    app.config["NOW"] = dt.datetime(2027, 6, 10, 12, 0, tzinfo=dt.UTC)  # 87 days after the opening
    result = runner.invoke(args=["purge"])
    assert "verwijderd: 0 aanmeldingen" in result.output
    assert db.execute("SELECT count(*) FROM registrations").fetchone()[0] == 12


def test_dry_run_lists_what_would_go_and_changes_nothing(filled, runner, db):
    result = runner.invoke(args=["purge", "--dry-run"])
    assert result.exit_code == 0
    assert "zou verwijderen: 10 aanmeldingen" in result.output
    assert "opening-netwerkweek" in result.output and "excursie-terminal" in result.output
    assert db.execute("SELECT count(*) FROM registrations").fetchone()[0] == 12
    assert db.execute("SELECT count(*) FROM reach_counts").fetchone()[0] == 0


def test_retention_days_is_configurable(make_app, content_dir, signups):
    signups.submit("opening-netwerkweek", email="fatima@example.nl")
    app = make_app(CONTENT_DIR=str(content_dir), RETENTION_DAYS=200, NOW=AFTER_RETENTION)
    result = app.test_cli_runner().invoke(args=["purge"])
    assert "verwijderd: 0 aanmeldingen" in result.output and "200 dagen" in result.output


def test_invalid_retention_days_stops_the_app_with_a_clear_message(make_app):
    with pytest.raises(RuntimeError, match="RETENTION_DAYS moet een heel aantal dagen zijn"):
        make_app(RETENTION_DAYS="veel")


def test_registration_of_an_event_removed_from_content_goes_after_retention_without_change(make_app, content_dir):
    write_event(content_dir, "verdwenen-workshop")
    app = make_app(CONTENT_DIR=str(content_dir))
    client = app.test_client()
    client.post("/aanmelden/verdwenen-workshop", data={"name": "Els", "email": "els@example.nl", "consent": "y"})
    (content_dir / "events" / "verdwenen-workshop.md").unlink()
    app.config["NOW"] = dt.datetime(2027, 2, 20, 12, 0, tzinfo=dt.UTC)  # 89 days after signing up
    assert "verwijderd: 0 aanmeldingen" in app.test_cli_runner().invoke(args=["purge"]).output
    app.config["NOW"] = dt.datetime(2027, 2, 22, 12, 0, tzinfo=dt.UTC)
    assert "verwijderd: 1 aanmeldingen" in app.test_cli_runner().invoke(args=["purge"]).output


def test_daily_cron_purge_runs_with_the_instance_config_and_environment(tmp_path):
    instance = tmp_path / "instance"
    instance.mkdir()
    (instance / "config.py").write_text(
        f"DATABASE = {str(tmp_path / 'db.sqlite')!r}\nCONTENT_DIR = {str(FIXTURE_CONTENT)!r}\nSECRET_KEY = 'x'\nPERSON_KEY_SECRET = 'y'\n"
    )
    env = {**os.environ, "LEERSTAD_INSTANCE_PATH": str(instance), "LEERSTAD_ENV": "production", "LEERSTAD_RETENTION_DAYS": "30"}
    result = subprocess.run([sys.executable, "-m", "flask", "--app", "registration", "purge", "--dry-run"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("zou verwijderen: 0 aanmeldingen") and "(30 dagen bewaartermijn)" in result.stdout


def test_purged_event_removed_from_content_later_still_counts_for_its_sectors(filled, app, client, runner):
    runner.invoke(args=["purge"])
    before = client.get("/beheer/bereik.csv").get_data(as_text=True)
    (Path(app.config["CONTENT_DIR"]) / "events" / "opening-netwerkweek.md").unlink()
    assert client.get("/beheer/bereik.csv").get_data(as_text=True) == before


def test_purge_forgets_people_with_nothing_left_and_keeps_the_others_links(filled, runner, client, db):
    purged_feed = filled.feed_token("fatima.ouali@example.nl")
    amina_link = filled.manage_token("amina@example.nl")  # mailed with the lab registration, which stays
    runner.invoke(args=["purge"])
    assert [r[0] for r in db.execute("SELECT address FROM people ORDER BY address")] == ["amina@example.nl", "bas@example.nl"]
    page = client.get(f"/mijn/{amina_link}").get_data(as_text=True)
    assert "Test havenlab-september" in page and "Opening Netwerkweek" not in page
    empty = client.get(f"/agenda/{purged_feed}.ics")  # only the hash is left, answering an empty calendar
    assert empty.status_code == 200 and b"BEGIN:VEVENT" not in empty.data
