"""Signing up through the form: seats, waiting list, duplicates, closed events, bad input."""

from __future__ import annotations

import pytest

from tests.registration.conftest import write_event


def test_form_shows_event_title_and_dutch_date(client):
    response = client.get("/aanmelden/opening-netwerkweek")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Opening Netwerkweek" in page
    assert "maandag 15 maart 2027, 10:00–12:00" in page
    assert 'lang="nl"' in page
    assert 'href="/privacyverklaring/"' in page


def test_signup_with_free_seats_is_confirmed_and_queues_confirmation_with_ics(signups):
    response = signups.submit(email="Amina@Example.nl")
    assert response.status_code == 302
    page = signups.client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Kijk in je mail" in page  # issue 16: the page says the same for every outcome; the mail says which
    registration = signups.registration("amina@example.nl")
    assert registration["status"] == "confirmed"
    [mail] = signups.mails_to("Amina@example.nl")
    assert mail["kind"] == "confirmation"
    assert mail["status"] == "pending"
    assert mail["attachment_name"] == "opening-netwerkweek.ics"
    assert b"BEGIN:VEVENT" in mail["attachment"]


def test_full_event_puts_registrant_on_waiting_list_with_position(signups):
    signups.submit("excursie-terminal", email="klas1@school.nl", seats="30", school="Zadkine")
    first = signups.submit("excursie-terminal", email="een@example.nl")
    second = signups.submit("excursie-terminal", email="twee@example.nl", seats="2", school="Albeda")
    assert signups.registration("een@example.nl", "excursie-terminal")["status"] == "waiting"
    page = signups.client.get(second.headers["Location"]).get_data(as_text=True)
    assert "Kijk in je mail" in page and "plaats 2" not in page  # issue 16: the position is in the mail only
    assert first.status_code == second.status_code == 302
    [mail] = signups.mails_to("twee@example.nl")
    assert mail["kind"] == "waiting_list" and "plaats 2" in mail["body"]


def test_class_signup_takes_several_seats(signups, client):
    signups.submit("excursie-terminal", email="docent@school.nl", seats="25", school="Zadkine")
    assert client.get("/api/beschikbaarheid.json").json["events"]["excursie-terminal"]["seats_left"] == 5


def test_same_email_twice_is_not_a_second_registration_and_mails_a_new_link_that_adds_to_the_old(signups, db):
    # Changed with issue 16: the old link keeps working (it used to be 404) and the page no longer says
    # "Je was al aangemeld", which told anyone who typed the address that it was registered.
    signups.submit(email="jan@example.nl")
    old_token = signups.manage_token("jan@example.nl")
    first_page = signups.client.get("/aanmelden/opening-netwerkweek/ontvangen").get_data(as_text=True)
    response = signups.submit(email="JAN@example.nl", name="Jan Tweede")
    page = signups.client.get(response.headers["Location"]).get_data(as_text=True)
    assert page == first_page.replace("jan@example.nl", "JAN@example.nl")
    assert "al aangemeld" not in page
    assert db.execute("SELECT count(*) FROM registrations WHERE email_key = 'jan@example.nl'").fetchone()[0] == 1
    mails = signups.mails_to("jan@example.nl")
    assert [m["kind"] for m in mails] == ["confirmation", "link_resend"]
    new_token = signups.manage_token("jan@example.nl")
    assert new_token != old_token
    assert signups.client.get(f"/mijn/{old_token}").status_code == 200  # a resend adds a link
    assert signups.client.get(f"/mijn/{new_token}").status_code == 200


def test_honeypot_pretends_success_but_stores_nothing(signups, db):
    response = signups.submit(homepage="http://spam.example")
    assert response.status_code == 302
    assert "Kijk in je mail" in signups.client.get(response.headers["Location"]).get_data(as_text=True)
    assert db.execute("SELECT count(*) FROM registrations").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM outbox").fetchone()[0] == 0


def test_unknown_event_is_404_in_dutch(client):
    response = client.get("/aanmelden/bestaat-niet")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.get_data(as_text=True)


def test_cancelled_event_is_410(client):
    response = client.get("/aanmelden/zorgcafe")
    assert response.status_code == 410
    assert "gaat niet door" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("registration", "start", "end", "status", "message"),
    [
        ("open", "2026-10-01 10:00", "2026-10-01 12:00", 410, "is voorbij"),
        ("closed", "2027-04-01 10:00", "2027-04-01 12:00", 403, "Aanmelden is gesloten"),
        ("none", "2027-04-01 10:00", "2027-04-01 12:00", 403, "Aanmelden is niet nodig"),
        ("open", "2026-11-23 12:00", "2026-11-23 15:00", 403, "al begonnen"),
    ],
)
def test_events_not_taking_signups_answer_with_a_clear_page(make_app, content_dir, registration, start, end, status, message):
    write_event(content_dir, "test-event", registration=registration, start=start, end=end)
    client = make_app(CONTENT_DIR=str(content_dir)).test_client()
    for response in (client.get("/aanmelden/test-event"), client.post("/aanmelden/test-event", data={"name": "A"})):
        assert response.status_code == status
        assert message in response.get_data(as_text=True)


def test_capacity_raised_in_content_is_picked_up_without_restart(make_app, content_dir, signups):
    write_event(content_dir, "klein", capacity=1)
    app = make_app(CONTENT_DIR=str(content_dir))
    client = app.test_client()
    for address in ("a@example.nl", "b@example.nl"):
        client.post("/aanmelden/klein", data={"name": "X", "email": address, "consent": "y"})
    assert client.get("/api/beschikbaarheid.json").json["events"]["klein"] == {"seats_left": 0, "waiting": 1, "capacity": 1}
    write_event(content_dir, "klein", capacity=5)
    client.post("/aanmelden/klein", data={"name": "X", "email": "c@example.nl", "consent": "y"})
    # The waiting registration moved up first, then the newcomer got a seat.
    assert client.get("/api/beschikbaarheid.json").json["events"]["klein"] == {"seats_left": 2, "waiting": 0, "capacity": 5}


BAD_INPUT = [
    ("name", "", "Vul je naam in."),
    ("name", "x" * 101, "hoogstens 100 tekens"),
    ("name", "Jan\r\nBcc: slachtoffer@example.nl", "regeleinden"),
    ("name", "Jan\x00", "regeleinden"),
    ("name", "Jan\u2028Bakker", "regeleinden"),
    ("email", "", "Vul je e-mailadres in."),
    ("email", "geen-adres", "geldig e-mailadres"),
    ("email", "jan@example.nl\r\nBcc: x@example.nl", "regeleinden"),
    ("email", "jan@example.nl\nCc: x@example.nl", "regeleinden"),
    ("email", "a" * 250 + "@example.nl", "hoogstens 254 tekens"),
    ("seats", "0", "minstens 1 plaats"),
    ("seats", "-3", "heel getal"),
    ("seats", "abc", "heel getal"),
    ("seats", "2.5", "heel getal"),
    ("seats", "99999999999999999999", "heel getal"),
    ("seats", "31", "hoogstens 30 plaatsen"),
    ("seats", "3\r\n", "heel getal"),
    ("school", "s" * 151, "hoogstens 150 tekens"),
    ("school", "Zadkine\r\nX-Header: 1", "regeleinden"),
    ("postcode", "3012AB", "vier cijfers"),
    ("postcode", "12", "vier cijfers"),
    ("postcode", "0123", "vier cijfers"),
    ("postcode", "30１2", "vier cijfers"),
    ("education_level", "doctor", "onderwijsniveau uit de lijst"),
    ("age_group", "99", "leeftijdsgroep uit de lijst"),
]


@pytest.mark.parametrize(("field", "value", "message"), BAD_INPUT, ids=[f"{f}-{i}" for i, (f, _, _) in enumerate(BAD_INPUT)])
def test_bad_input_gets_a_dutch_message_next_to_the_field(signups, db, field, value, message):
    extra = {"school": "Zadkine"} if field != "school" else {}
    response = signups.submit("excursie-terminal", **{**extra, field: value})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in page
    field_id = field
    assert f'id="{field_id}-fout"' in page  # the message sits next to its field
    assert 'aria-invalid="true"' in page
    assert f'href="#{field_id}"' in page  # and is linked from the summary at the top
    assert db.execute("SELECT count(*) FROM registrations").fetchone()[0] == 0


def test_class_without_school_name_is_refused(signups):
    response = signups.submit("excursie-terminal", seats="12")
    assert response.status_code == 422
    assert "Vul de naam van de school in" in response.get_data(as_text=True)


def test_more_than_one_seat_is_refused_where_the_event_allows_one(signups):
    response = signups.submit("opening-netwerkweek", seats="2", school="Zadkine")
    assert response.status_code == 422
    assert "alleen 1 plaats per aanmelding" in response.get_data(as_text=True)


def test_form_keeps_what_was_typed_after_an_error(signups):
    page = signups.submit("excursie-terminal", name="Fatima <b>El Amrani</b>", postcode="12").get_data(as_text=True)
    assert 'value="Fatima &lt;b&gt;El Amrani&lt;/b&gt;"' in page


def test_oversized_post_is_refused_with_413_not_500(client):
    response = client.post("/aanmelden/opening-netwerkweek", data={"name": "x" * 200_000})
    assert response.status_code == 413
    assert "Te veel gegevens" in response.get_data(as_text=True)


def test_missing_csrf_token_is_refused_with_dutch_page(make_app):
    client = make_app(WTF_CSRF_ENABLED=True).test_client()
    response = client.post("/aanmelden/opening-netwerkweek", data={"name": "A", "email": "a@example.nl", "consent": "y"})
    assert response.status_code == 400
    assert "Het formulier is verlopen" in response.get_data(as_text=True)


def test_form_with_csrf_token_goes_through(make_app):
    import re

    client = make_app(WTF_CSRF_ENABLED=True).test_client()
    page = client.get("/aanmelden/opening-netwerkweek").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    response = client.post(
        "/aanmelden/opening-netwerkweek", data={"csrf_token": token, "name": "A", "email": "a@example.nl", "consent": "y"}
    )
    assert response.status_code == 302


def test_too_many_signups_from_one_address_get_429_in_dutch(make_app):
    client = make_app(RATELIMIT_ENABLED=True, SIGNUP_RATE_LIMIT="3/minute").test_client()
    statuses = [
        client.post("/aanmelden/opening-netwerkweek", data={"name": "A", "email": f"a{i}@example.nl", "consent": "y"}).status_code
        for i in range(4)
    ]
    assert statuses == [302, 302, 302, 429]
    response = client.post("/aanmelden/opening-netwerkweek", data={"name": "A", "email": "z@example.nl", "consent": "y"})
    assert response.status_code == 429
    assert "Even wachten" in response.get_data(as_text=True)
    assert client.get("/aanmelden/opening-netwerkweek").status_code == 200  # reading the form is not limited


def test_garbled_bytes_and_repeated_fields_get_a_4xx_not_a_500(client):
    body = b"name=%FF%FE%00&email=a%40b.nl&email=c%40d.nl&seats=1&seats=x&consent=y&education_level=%C0"
    response = client.post("/aanmelden/opening-netwerkweek", data=body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 422
    assert "regeleinden" in response.get_data(as_text=True)


def test_every_form_control_has_a_label_and_groups_have_legends(client):
    from bs4 import BeautifulSoup

    page = BeautifulSoup(client.get("/aanmelden/excursie-terminal").data, "html.parser")
    form = page.find("form")
    labelled = {label["for"] for label in form.find_all("label")}
    controls = [c for c in form.find_all(["input", "select"]) if c.get("type") not in ("hidden", "submit")]
    assert controls and all(c["id"] in labelled for c in controls)
    assert all(fieldset.find("legend") for fieldset in form.find_all("fieldset"))
    assert page.find("link", rel="stylesheet")["href"] == "/theme/css/site.css"


def test_confirmation_page_has_one_zet_in_je_agenda_step_without_the_personal_feed(signups, client):
    signups.submit(email="amina@example.nl")
    page = client.get("/aanmelden/opening-netwerkweek/ontvangen").get_data(as_text=True)
    assert page.count("Zet in je agenda") == 1
    assert 'href="https://calendar.google.com/calendar/render?cid=webcal%3A%2F%2Fleerstad.example%2Fkalender%2Fprogramma.ics"' in page
    assert 'href="webcal://leerstad.example/kalender/programma.ics"' in page
    # Anyone can type any address into the form: the feed of that address's registrations comes by mail only.
    assert "/agenda/" not in page
