"""A registrant's rights from the manage link: download everything held, and erase it all."""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3

import pytest

from registration import store
from tests.registration.conftest import write_event
from tests.registration.test_retention import AFTER_RETENTION, every_value


def erase_page(client, token: str):
    return client.get(f"/mijn/{token}/verwijderen")


def test_manage_page_links_to_download_and_erase(signups, client):
    signups.submit()
    token = signups.manage_token("amina@example.nl")
    page = client.get(f"/mijn/{token}").get_data(as_text=True)
    assert f"/mijn/{token}/gegevens.json" in page and f"/mijn/{token}/verwijderen" in page


def test_download_holds_every_registration_and_mail_of_the_address_and_nothing_of_others(signups, client):
    signups.submit("opening-netwerkweek", email="amina@example.nl", name="Amina Bakker", postcode="3071")
    signups.submit("excursie-terminal", email="Amina@Example.nl", name="Amina B.", school="Zadkine")
    signups.submit("opening-netwerkweek", email="jan@example.nl", name="Jan de Vries")
    token = signups.manage_token("amina@example.nl")
    response = client.get(f"/mijn/{token}/gegevens.json")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json; charset=utf-8"
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.headers["Cache-Control"] == "no-store" and response.headers["Referrer-Policy"] == "no-referrer"
    data = json.loads(response.get_data(as_text=True))
    assert sorted(r["event_slug"] for r in data["registrations"]) == ["excursie-terminal", "opening-netwerkweek"]
    assert {r["name"] for r in data["registrations"]} == {"Amina Bakker", "Amina B."}
    assert [m["kind"] for m in data["mails"]] == ["confirmation", "confirmation"]
    assert "Jan" not in response.get_data(as_text=True) and "jan@example.nl" not in response.get_data(as_text=True)


def test_erase_asks_for_confirmation_and_looking_changes_nothing(signups, client, db):
    signups.submit()
    token = signups.manage_token("amina@example.nl")
    page = erase_page(client, token).get_data(as_text=True)
    assert "Weet je zeker" in page and "amina@example.nl" in page
    assert db.execute("SELECT count(*) FROM registrations").fetchone()[0] == 1


def test_erase_without_csrf_token_is_refused(make_app):
    app = make_app(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    form = client.get("/aanmelden/opening-netwerkweek").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', form)[1]
    client.post("/aanmelden/opening-netwerkweek", data={"name": "Amina", "email": "amina@example.nl", "consent": "y", "csrf_token": csrf})
    conn = sqlite3.connect(app.config["DATABASE"])
    token = re.search(r"/mijn/([A-Za-z0-9_-]{40,64})", conn.execute("SELECT body FROM outbox").fetchone()[0])[1]
    refused = client.post(f"/mijn/{token}/verwijderen")
    assert refused.status_code == 400
    assert conn.execute("SELECT count(*) FROM registrations").fetchone()[0] == 1
    page = client.get(f"/mijn/{token}/verwijderen").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)[1]
    assert client.post(f"/mijn/{token}/verwijderen", data={"csrf_token": csrf}).status_code == 302
    assert conn.execute("SELECT count(*) FROM registrations").fetchone()[0] == 0
    conn.close()


def test_after_erase_no_row_anywhere_holds_the_address_or_its_key(signups, client, db, app, runner):
    signups.submit("opening-netwerkweek", email="amina@example.nl", name="Amina Bakker", school="Zadkine Noord", postcode="3071")
    signups.submit("excursie-terminal", email="amina@example.nl", name="Amina Bakker", school="Zadkine Noord")
    signups.submit("opening-netwerkweek", email="jan@example.nl", name="Jan de Vries")
    token = signups.manage_token("amina@example.nl")
    client.get("/api/beschikbaarheid.json")
    with app.app_context():
        from registration.privacy.person_key import person_key, person_key_secret

        key = person_key("amina@example.nl", person_key_secret(app.config))
    response = client.post(f"/mijn/{token}/verwijderen")
    assert response.status_code == 302
    assert "Je gegevens zijn verwijderd" in client.get(response.headers["Location"]).get_data(as_text=True)
    for secret in ("amina@example.nl", "Amina Bakker", "Zadkine Noord", key):
        assert not [(t, c) for t, c, text in every_value(db) if secret.lower() in text.lower()], secret
    assert client.get(f"/mijn/{token}").status_code == 404
    assert db.execute("SELECT count(*) FROM registrations").fetchone()[0] == 1  # Jan's


def test_erase_frees_the_seats_for_the_waiting_list(signups, client):
    signups.submit("excursie-terminal", email="docent@school.nl", name="Docent", seats="30", school="Zadkine")
    signups.submit("excursie-terminal", email="wacht@example.nl", name="Wachtende")
    assert signups.registration("wacht@example.nl", "excursie-terminal")["status"] == "waiting"
    client.post(f"/mijn/{signups.manage_token('docent@school.nl')}/verwijderen")
    assert signups.registration("wacht@example.nl", "excursie-terminal")["status"] == "confirmed"
    assert [m["kind"] for m in signups.mails_to("wacht@example.nl")] == ["waiting_list", "promotion"]
    assert signups.mails_to("docent@school.nl") == []  # no "you cancelled" mail to an address we were told to forget


@pytest.fixture
def logged_in_admin(admin):
    admin.create()
    admin.login()
    return admin


def reach_line(client, sector: str = "Haven en logistiek") -> str:
    return next(line for line in client.get("/beheer/bereik.csv").get_data(as_text=True).splitlines() if line.startswith(f"sector,{sector},"))


def test_erased_person_of_a_past_event_still_counts_anonymously(signups, client, app, logged_in_admin):
    signups.submit("opening-netwerkweek", email="amina@example.nl", name="Amina Bakker")
    signups.submit("opening-netwerkweek", email="jan@example.nl", name="Jan de Vries")
    app.config["NOW"] = dt.datetime(2027, 3, 20, 12, 0, tzinfo=dt.UTC)  # after the opening, within the retention period
    before = reach_line(client)
    client.post(f"/mijn/{signups.manage_token('amina@example.nl')}/verwijderen")
    assert reach_line(client) == before == "sector,Haven en logistiek,2,2,2,0,0,0,800,0.2"


def test_erase_after_a_purge_removes_the_kept_key_but_keeps_the_count(make_app, content_dir):
    write_event(content_dir, "havenlab-september", start="2027-09-01 10:00", end="2027-09-01 12:00")  # haven
    app = make_app(CONTENT_DIR=str(content_dir))
    client, runner = app.test_client(), app.test_cli_runner()
    for slug in ("opening-netwerkweek", "havenlab-september"):
        client.post(f"/aanmelden/{slug}", data={"name": "Amina Bakker", "email": "amina@example.nl", "consent": "y"})
    runner.invoke(args=["users", "create", "beheerder", "--password", "een-lang-wachtwoord"])
    client.post("/beheer/inloggen", data={"username": "beheerder", "password": "een-lang-wachtwoord"})
    db = sqlite3.connect(app.config["DATABASE"])
    token = re.search(r"/mijn/([A-Za-z0-9_-]{40,64})", db.execute(
        "SELECT o.body FROM outbox o JOIN registrations r ON r.id = o.registration_id WHERE r.event_slug = 'havenlab-september'"
    ).fetchone()[0])[1]
    app.config["NOW"] = AFTER_RETENTION
    assert reach_line(client) == "sector,Haven en logistiek,2,2,1,0,0,0,800,0.1"
    runner.invoke(args=["purge"])
    assert reach_line(client) == "sector,Haven en logistiek,2,2,1,0,0,0,800,0.1"
    assert sorted(r[0] for r in db.execute("SELECT scope FROM reach_people")) == ["", "haven", "zorg"]

    client.post(f"/mijn/{token}/verwijderen")
    assert db.execute("SELECT count(*) FROM reach_people").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM registrations").fetchone()[0] == 0
    # The lab sign-up (still to come) is gone; the opening, anonymous since the purge, still counts her once.
    assert reach_line(client) == "sector,Haven en logistiek,1,1,1,0,0,0,800,0.1"
    assert reach_line(client, "Zorg en welzijn") == "sector,Zorg en welzijn,1,1,1,0,0,0,1200,0.1"
    db.close()


def test_unknown_token_for_download_or_erase_is_404(client):
    unknown = "x" * 43
    for path in (f"/mijn/{unknown}/gegevens.json", f"/mijn/{unknown}/verwijderen"):
        assert client.get(path).status_code == 404
    assert client.post(f"/mijn/{unknown}/verwijderen").status_code == 404


def test_privacy_officer_can_show_and_forget_a_purged_person_by_mail_request(make_app, content_dir):
    app = make_app(CONTENT_DIR=str(content_dir))
    client, runner = app.test_client(), app.test_cli_runner()
    client.post("/aanmelden/opening-netwerkweek", data={"name": "Amina Bakker", "email": "amina@example.nl", "consent": "y"})
    app.config["NOW"] = AFTER_RETENTION
    runner.invoke(args=["purge"])
    shown = json.loads(runner.invoke(args=["my-data", "show", "Amina@example.nl"]).output)
    assert shown["registrations"] == [] and shown["counted_in_reach_scopes"] == ["", "haven", "zorg"]
    result = runner.invoke(args=["my-data", "forget", "amina@example.nl", "--yes"])
    assert result.exit_code == 0 and "verwijderd: 0 aanmeldingen" in result.output
    db = sqlite3.connect(app.config["DATABASE"])
    assert db.execute("SELECT count(*) FROM reach_people").fetchone()[0] == 0
    assert dict(db.execute("SELECT scope, people FROM reach_erased_people").fetchall()) == {"": 1, "haven": 1, "zorg": 1}
    db.close()


def test_forget_without_yes_asks_first_and_stops_on_no(signups, runner, db):
    signups.submit()
    result = runner.invoke(args=["my-data", "forget", "amina@example.nl"], input="n\n")
    assert result.exit_code == 1 and "Alle gegevens van amina@example.nl verwijderen?" in result.output
    assert db.execute("SELECT count(*) FROM registrations").fetchone()[0] == 1


def _file_bytes(database: str) -> bytes:
    """The database file as it lies on disk, after the WAL is folded into it (as SQLite does routinely)."""
    conn = sqlite3.connect(database)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    with open(database, "rb") as handle:
        return handle.read()


def test_after_erase_the_database_file_itself_holds_no_trace_of_the_address(signups, client, app):
    signups.submit("opening-netwerkweek", email="zeldzaam.adres@example.nl", name="Xantippe Zeldzaam", school="Schoolnaamvoorbeeld")
    signups.submit("opening-netwerkweek", email="jan@example.nl", name="Jan de Vries")
    token = signups.manage_token("zeldzaam.adres@example.nl")
    assert b"Xantippe Zeldzaam" in _file_bytes(app.config["DATABASE"])
    assert client.post(f"/mijn/{token}/verwijderen").status_code == 302
    on_disk = _file_bytes(app.config["DATABASE"])
    # Deleted rows stay readable in SQLite's free pages unless they are overwritten (secure_delete).
    for trace in (b"Xantippe Zeldzaam", b"zeldzaam.adres@example.nl", b"Schoolnaamvoorbeeld"):
        assert trace not in on_disk, trace
    assert b"Jan de Vries" in on_disk


def test_every_connection_overwrites_deleted_rows(tmp_path):
    db = store.connect(tmp_path / "x.sqlite")
    assert db.execute("PRAGMA secure_delete").fetchone()[0] == 1
