"""Admin pages: login, events overview, registrations, CSV export, check-in, audit log."""

from __future__ import annotations

import csv
import io
import re

import pytest
from bs4 import BeautifulSoup


@pytest.fixture
def filled(signups):
    signups.submit("excursie-terminal", email="klas@school.nl", name="=HYPERLINK(\"http://evil.example\")", seats="29",
                   school="+SUM(A1:A9)")
    signups.submit("excursie-terminal", email="sem@example.nl", name="Sem", postcode="3012")
    signups.submit("excursie-terminal", email="wacht@example.nl", name="@wachter")
    return signups


def test_admin_pages_need_login(client, filled):
    for path in ("/beheer/", "/beheer/evenementen/excursie-terminal/", "/beheer/evenementen/excursie-terminal/aanmeldingen.csv",
                 "/beheer/evenementen/excursie-terminal/aanwezigheid", "/beheer/logboek"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response.headers["Location"].startswith("/beheer/inloggen")
    assert client.post("/beheer/aanmeldingen/1/aanwezig", data={"value": "ja"}).status_code == 302


def test_login_with_wrong_password_is_refused_in_dutch(admin, client):
    admin.create()
    response = admin.login(password="fout-wachtwoord!")
    assert response.status_code == 401
    assert "Gebruikersnaam of wachtwoord klopt niet." in response.get_data(as_text=True)
    assert admin.login(username="niemand").status_code == 401
    assert client.get("/beheer/").status_code == 302


def test_login_and_logout(admin, client):
    admin.create()
    response = admin.login()
    assert response.status_code == 302 and response.headers["Location"] == "/beheer/"
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert client.get("/beheer/").status_code == 200
    admin.logout()
    assert client.get("/beheer/").status_code == 302


def test_login_only_redirects_to_admin_pages(admin):
    admin.create()
    response = admin.client.post("/beheer/inloggen?next=https://evil.example/", data={"username": "beheerder", "password": "een-lang-wachtwoord"})
    assert response.headers["Location"] == "/beheer/"


def test_login_with_a_line_break_in_next_logs_in_and_goes_to_the_overview_not_a_500(admin):
    admin.create()
    for target in ("/beheer/%0d%0aSet-Cookie:%20x=1", "/beheer/%E2%80%A8logboek"):
        response = admin.client.post(f"/beheer/inloggen?next={target}", data={"username": "beheerder", "password": "een-lang-wachtwoord"})
        assert response.status_code == 302 and response.headers["Location"] == "/beheer/", target
        assert "Set-Cookie: x=1" not in str(response.headers)


def test_login_is_rate_limited(make_app):
    app = make_app(RATELIMIT_ENABLED=True, LOGIN_RATE_LIMIT="3/minute")
    client = app.test_client()
    statuses = [client.post("/beheer/inloggen", data={"username": "x", "password": "y"}).status_code for _ in range(4)]
    assert statuses == [401, 401, 401, 429]


def test_cli_refuses_weak_passwords_and_duplicates(runner):
    assert "minstens 12 tekens" in runner.invoke(args=["users", "create", "anna", "--password", "kort"]).output
    assert runner.invoke(args=["users", "create", "anna", "--password", "een-lang-wachtwoord"]).exit_code == 0
    assert "bestaat al" in runner.invoke(args=["users", "create", "anna", "--password", "een-lang-wachtwoord"]).output


def test_cli_prompts_for_the_password(runner, admin, client):
    result = runner.invoke(args=["users", "create", "piet"], input="een-lang-wachtwoord\neen-lang-wachtwoord\n")
    assert result.exit_code == 0, result.output
    assert admin.login("piet").status_code == 302


def test_overview_shows_capacity_taken_left_and_waiting(admin, client, filled):
    admin.create()
    admin.login()
    page = re.sub(r"\s+", " ", client.get("/beheer/").get_data(as_text=True))
    assert "<td>30</td> <td>30</td> <td>0</td> <td>1</td>" in page  # capacity, taken, left, waiting


def test_event_page_lists_registrations_escaped(admin, client, filled):
    admin.create()
    admin.login()
    page = client.get("/beheer/evenementen/excursie-terminal/").get_data(as_text=True)
    assert "sem@example.nl" in page and "wachtlijst (1)" in page
    assert "=HYPERLINK(&#34;http://evil.example&#34;)" in page


def test_csv_export_neutralises_formulas_and_is_logged(admin, client, filled):
    admin.create()
    admin.login()
    response = client.get("/beheer/evenementen/excursie-terminal/aanmeldingen.csv")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert [r["naam"] for r in rows] == ["'=HYPERLINK(\"http://evil.example\")", "Sem", "'@wachter"]
    assert rows[0]["school"] == "'+SUM(A1:A9)"
    assert rows[1]["postcode"] == "3012"
    log = client.get("/beheer/logboek").get_data(as_text=True)
    assert "CSV geëxporteerd" in log and "3 aanmeldingen" in log and "beheerder" in log


def test_check_in_marks_attendance_and_can_be_undone(admin, client, filled, db):
    admin.create()
    admin.login()
    page = client.get("/beheer/evenementen/excursie-terminal/aanwezigheid").get_data(as_text=True)
    assert "Sem" in page and "@wachter" not in page  # only confirmed registrations
    sem = db.execute("SELECT id FROM registrations WHERE email = 'sem@example.nl'").fetchone()[0]
    response = client.post(f"/beheer/aanmeldingen/{sem}/aanwezig", data={"value": "ja"})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"#aanmelding-{sem}")
    assert db.execute("SELECT attended_at, attended_by FROM registrations WHERE id = ?", [sem]).fetchone()[1] == "beheerder"
    client.post(f"/beheer/aanmeldingen/{sem}/aanwezig", data={"value": "nee"})
    assert db.execute("SELECT attended_at FROM registrations WHERE id = ?", [sem]).fetchone()[0] is None
    log = client.get("/beheer/logboek").get_data(as_text=True)
    assert "aanwezig gemeld" in log and "aanwezigheid teruggedraaid" in log


def test_check_in_with_bad_value_is_400_not_500(admin, client, filled):
    admin.create()
    admin.login()
    assert client.post("/beheer/aanmeldingen/1/aanwezig", data={"value": "misschien"}).status_code == 400
    assert client.post("/beheer/aanmeldingen/999/aanwezig", data={"value": "ja"}).status_code == 404


def test_check_in_needs_csrf_token(make_app, signups):
    app = make_app(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    app.test_cli_runner().invoke(args=["users", "create", "beheerder", "--password", "een-lang-wachtwoord"])
    page = client.get("/beheer/inloggen").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    client.post("/beheer/inloggen", data={"csrf_token": token, "username": "beheerder", "password": "een-lang-wachtwoord"})
    assert client.get("/beheer/").status_code == 200
    response = client.post("/beheer/aanmeldingen/1/aanwezig", data={"value": "ja"})
    assert response.status_code == 400
    assert "Het formulier is verlopen" in response.get_data(as_text=True)


def test_secure_session_cookie_in_production(monkeypatch, make_app, admin):
    monkeypatch.setenv("LEERSTAD_ENV", "production")
    app = make_app()
    assert app.config["SESSION_COOKIE_SECURE"] is True


def test_check_in_of_an_absurdly_large_id_is_404_not_500(admin, client, filled):
    admin.create()
    admin.login()
    assert client.post("/beheer/aanmeldingen/99999999999999999999999/aanwezig", data={"value": "ja"}).status_code == 404


def test_admin_pages_show_times_in_rotterdam_time(admin, client, filled):
    # The fixed clock is 12:00 UTC on 23 November, 13:00 in Rotterdam (CET).
    admin.create()
    admin.login()
    page = client.get("/beheer/evenementen/excursie-terminal/").get_data(as_text=True)
    assert "2026-11-23 13:00" in page and "2026-11-23 12:00" not in page
    log = client.get("/beheer/logboek").get_data(as_text=True)
    assert "2026-11-23 13:00:00" in log and "2026-11-23 12:00:00" not in log


def test_overview_says_why_an_event_takes_no_sign_ups_with_the_events_own_rule(make_app, content_dir):
    from tests.registration.conftest import write_event

    write_event(content_dir, "al-begonnen", start="2026-11-23 09:00", end="2026-11-23 17:00")
    write_event(content_dir, "al-voorbij", start="2026-11-20 09:00", end="2026-11-20 17:00")
    write_event(content_dir, "gesloten", registration="closed")
    write_event(content_dir, "gaat-niet-door", status="cancelled")
    write_event(content_dir, "nog-open")
    app = make_app(CONTENT_DIR=str(content_dir))
    client = app.test_client()
    assert app.test_cli_runner().invoke(args=["users", "create", "beheerder", "--password", "een-lang-wachtwoord"]).exit_code == 0
    client.post("/beheer/inloggen", data={"username": "beheerder", "password": "een-lang-wachtwoord"})
    page = client.get("/beheer/").get_data(as_text=True)

    def note(title: str) -> str:
        return page.split(f">{title}</a>", 1)[1].split("</th>", 1)[0]

    assert "(begonnen)" in note("Test al-begonnen")
    assert "(voorbij)" in note("Test al-voorbij")
    assert "(aanmelden gesloten)" in note("Test gesloten")
    assert "(geannuleerd)" in note("Test gaat-niet-door")
    assert "(" not in note("Test nog-open")


def test_organiser_list_flags_a_sign_up_that_went_on_despite_the_warning(admin, client, signups):
    signups.submit("meeloopdag-wijkzorg", email="jong@example.nl", age_group="<16", despite_misfit="y")
    signups.submit("meeloopdag-wijkzorg", email="past@example.nl", education_level="mbo")
    admin.create()
    admin.login()
    page = BeautifulSoup(client.get("/beheer/evenementen/meeloopdag-wijkzorg/").data, "html.parser")
    rows = {row.find_all("td")[3].get_text(): row for row in page.select("tbody tr")}
    assert rows["jong@example.nl"].select_one(".misfit").get_text() == "Let op: leeftijd"
    assert rows["past@example.nl"].select_one(".misfit") is None
