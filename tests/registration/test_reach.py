"""The reach dashboard /beheer/bereik: figures per sector against targets, breakdowns, charts and CSV."""

from __future__ import annotations

import csv
import io

import pytest
from bs4 import BeautifulSoup

from tests.registration.conftest import write_event


def populate(signups) -> None:
    """17 sign-ups: Opening Netwerkweek (haven + zorg) and a class at the terminal excursion (haven).

    Postcode 3071: 8 sign-ups, 3072: 7, 3012: 2. amina@example.nl signs up for both events.
    """
    people = [(f"mbo{i}@example.nl", "mbo", "16-18", "3071") for i in range(5)]
    people.append(("amina@example.nl", "mbo", "16-18", "3071"))
    people += [(f"hbo{i}@example.nl", "hbo", "19-23", "3072") for i in range(7)]
    people += [(f"klein{i}@example.nl", None, None, "3012") for i in range(2)]
    for email, level, age, postcode in people:
        response = signups.submit("opening-netwerkweek", email=email, name="Deelnemer", education_level=level, age_group=age, postcode=postcode)
        assert response.status_code == 302
    signups.submit("excursie-terminal", email="docent@school.nl", name="Docent", seats="25", school="Zadkine", postcode="3071")
    signups.submit("excursie-terminal", email="Amina@Example.nl", name="Amina Bakker", postcode="3071")


def table_rows(page: str, caption: str) -> dict[str, list[str]]:
    soup = BeautifulSoup(page, "html.parser")
    table = next(t for t in soup.find_all("table") if t.caption and t.caption.get_text(strip=True) == caption)
    return {
        row.th.get_text(strip=True): [td.get_text(strip=True) for td in row.find_all("td")]
        for row in table.find_all("tr") if row.th and row.find_all("td")
    }


@pytest.fixture
def logged_in(admin):
    admin.create()
    admin.login()
    return admin


def test_dashboard_and_csv_require_an_admin_login(client):
    for path in ("/beheer/bereik", "/beheer/bereik.csv"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert "/beheer/inloggen" in response.headers["Location"]


def test_sector_table_counts_signups_seats_unique_people_against_target(signups, client, logged_in):
    populate(signups)
    page = client.get("/beheer/bereik").get_data(as_text=True)
    rows = table_rows(page, "Bereik per sector tegenover het doel")
    # columns: sign-ups, seats, unique people, attended, attended seats, waiting, target, % of target
    assert rows["Haven en logistiek"] == ["17", "41", "16", "0", "0", "0", "800", "2.0%"]
    assert rows["Zorg en welzijn"][:3] == ["15", "15", "15"]
    assert rows["Zorg en welzijn"][6] == "1200"
    # Across the programme the same person counts once, though the opening is in two sectors.
    assert rows["Heel het programma"][:3] == ["17", "41", "16"]


def test_same_address_in_other_case_counts_as_one_person(signups, client, logged_in):
    signups.submit("opening-netwerkweek", email="jan@example.nl", name="Jan")
    signups.submit("excursie-terminal", email="JAN@Example.NL", name="Jan")
    rows = table_rows(client.get("/beheer/bereik").get_data(as_text=True), "Bereik per sector tegenover het doel")
    assert rows["Haven en logistiek"][:3] == ["2", "2", "1"]


def test_attendance_marked_by_admin_shows_per_sector(signups, client, db, logged_in):
    populate(signups)
    teacher = signups.registration("docent@school.nl", "excursie-terminal")
    response = client.post(f"/beheer/aanmeldingen/{teacher['id']}/aanwezig", data={"value": "ja"})
    assert response.status_code == 302
    rows = table_rows(client.get("/beheer/bereik").get_data(as_text=True), "Bereik per sector tegenover het doel")
    assert rows["Haven en logistiek"][3:5] == ["1", "25"]
    assert rows["Zorg en welzijn"][3:5] == ["0", "0"]


def test_waiting_list_is_counted_apart_from_reach(make_app, content_dir):
    write_event(content_dir, "kleine-rondleiding", capacity=1)  # sector haven
    app = make_app(CONTENT_DIR=str(content_dir))
    client = app.test_client()
    for email in ("een@example.nl", "twee@example.nl"):
        client.post("/aanmelden/kleine-rondleiding", data={"name": "X", "email": email, "consent": "y"})
    app.test_cli_runner().invoke(args=["users", "create", "beheerder", "--password", "een-lang-wachtwoord"])
    client.post("/beheer/inloggen", data={"username": "beheerder", "password": "een-lang-wachtwoord"})
    rows = table_rows(client.get("/beheer/bereik").get_data(as_text=True), "Bereik per sector tegenover het doel")
    assert rows["Haven en logistiek"][:3] == ["1", "1", "1"]
    assert rows["Haven en logistiek"][5] == "1"


def test_groups_under_five_are_shown_as_less_than_five(signups, client, logged_in):
    populate(signups)
    rows = table_rows(client.get("/beheer/bereik").get_data(as_text=True), "Aanmeldingen per postcodegebied (4 cijfers)")
    assert rows["3012"] == ["< 5", "< 5", "< 5"]
    assert rows["3071"] == ["8", "32", "0"]


def test_one_hidden_group_also_hides_the_next_smallest_so_it_cannot_be_subtracted(signups, client, logged_in):
    populate(signups)
    rows = table_rows(client.get("/beheer/bereik").get_data(as_text=True), "Aanmeldingen per postcodegebied (4 cijfers)")
    assert rows["3072"] == ["< 5", "< 5", "< 5"]  # 7 sign-ups, hidden because 3012 is the only other hidden group


def test_breakdowns_by_level_age_and_day_with_not_filled_in(signups, client, logged_in):
    populate(signups)
    page = client.get("/beheer/bereik").get_data(as_text=True)
    hidden = ["< 5", "< 5", "< 5"]
    # Not filled in: the 2 in 3012 and both excursion sign-ups (4, hidden), so mbo (6) is hidden with it.
    levels = table_rows(page, "Aanmeldingen per onderwijsniveau")
    assert levels == {"hbo": ["7", "7", "0"], "mbo": hidden, "niet ingevuld": hidden}
    ages = table_rows(page, "Aanmeldingen per leeftijdsgroep")
    assert ages == {"16-18": hidden, "19-23": ["7", "7", "0"], "niet ingevuld": hidden}
    days = table_rows(page, "Aanmeldingen per dag van aanmelding")
    assert days == {"2026-11-23": ["17", "41", "0"]}  # the test clock's day in Rotterdam


def test_breakdowns_can_be_narrowed_to_one_sector(signups, client, logged_in):
    populate(signups)
    page = client.get("/beheer/bereik?sector=zorg").get_data(as_text=True)
    assert "Uitsplitsing voor Zorg en welzijn" in page
    days = table_rows(page, "Aanmeldingen per dag van aanmelding")
    assert days == {"2026-11-23": ["15", "15", "0"]}  # the excursion (haven only, 2 sign-ups, 26 seats) is left out


def test_unknown_sector_gets_a_dutch_404_not_a_500(client, logged_in):
    for path in ("/beheer/bereik?sector=bestaat-niet", "/beheer/bereik.csv?sector=%3Cscript%3E"):
        response = client.get(path)
        assert response.status_code == 404
        assert "Onbekende sector" in response.get_data(as_text=True)
        assert "<script>" not in response.get_data(as_text=True)


def test_charts_are_inline_svg_with_title_desc_and_no_script_or_external_request(signups, client, logged_in):
    populate(signups)
    page = client.get("/beheer/bereik").get_data(as_text=True)
    soup = BeautifulSoup(page, "html.parser")
    charts = soup.find_all("svg")
    assert len(charts) == 5  # sectors, level, age group, postcode area, day
    for svg in charts:
        assert svg["role"] == "img"
        title_id, desc_id = svg["aria-labelledby"].split()
        assert svg.find("title", id=title_id).get_text() and svg.find("desc", id=desc_id).get_text()
    assert "<script" not in page
    assert "kozea.github.io" not in page and "https://" not in page


def test_csv_has_every_figure_with_small_groups_hidden(signups, client, logged_in):
    populate(signups)
    response = client.get("/beheer/bereik.csv")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/csv")
    assert 'filename="bereik.csv"' in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    haven = next(r for r in rows if r["sector of groep"] == "Haven en logistiek")
    assert (haven["aanmeldingen"], haven["plaatsen"], haven["unieke personen"], haven["doel"]) == ("17", "41", "16", "800")
    small = next(r for r in rows if r["onderdeel"].startswith("postcodegebied") and r["sector of groep"] == "3012")
    assert small["aanmeldingen"] == small["plaatsen"] == "< 5"
    assert "mbo0@example.nl" not in response.get_data(as_text=True)


def test_csv_neutralises_spreadsheet_formulas_from_content(make_app, content_dir):
    sector = content_dir / "sectors" / "haven.md"
    sector.write_text(sector.read_text(encoding="utf-8").replace("Title: Haven en logistiek", "Title: =HYPERLINK(\"http://x\")"), encoding="utf-8")
    app = make_app(CONTENT_DIR=str(content_dir))
    client = app.test_client()
    app.test_cli_runner().invoke(args=["users", "create", "beheerder", "--password", "een-lang-wachtwoord"])
    client.post("/beheer/inloggen", data={"username": "beheerder", "password": "een-lang-wachtwoord"})
    rows = list(csv.reader(io.StringIO(client.get("/beheer/bereik.csv").get_data(as_text=True))))
    cells = [cell for row in rows for cell in row]
    assert "'=HYPERLINK(\"http://x\")" in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
