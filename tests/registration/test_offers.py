"""An employer offers an internship at /doe-mee/stage-aanbieden, and manages it through the link in the mail."""

from __future__ import annotations

import datetime as dt

import pytest

from registration.offers import rules as offer_rules
from registration.store import connect
from registration.tokens import hash_token
from tests.registration.offer_helpers import OFFER_FORM, field_error, offer_fields, offer_token, offers, submit_offer


def test_form_offers_sectors_from_content_and_every_level(client):
    response = client.get(OFFER_FORM)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert '<option value="haven">Haven en logistiek</option>' in page
    assert '<option value="zorg">Zorg en welzijn</option>' in page
    for level in ("pro", "vmbo", "mbo", "hbo", "wo"):
        assert f'name="levels" value="{level}"' in page
    assert 'href="/privacyverklaring/"' in page


def test_valid_offer_is_stored_pending_with_a_confirmation_mail_carrying_the_manage_link(client, db):
    response = submit_offer(client)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/doe-mee/stage-aanbieden/ontvangen")
    [row] = offers(db)
    assert row["status"] == "pending"
    assert (row["organisation"], row["sector"], row["levels"], row["hours"]) == ("Bouwbedrijf Zuid (voorbeeld)", "haven", "vmbo,mbo", 24)
    [mail] = db.execute("SELECT * FROM outbox WHERE to_address = 'fatima@bouwbedrijf.example'").fetchall()
    assert mail["subject"] == 'Ontvangen: je stageaanbod "Stage timmerman nieuwbouw"'
    token = offer_token(db, "fatima@bouwbedrijf.example")
    assert f"https://leerstad.example/doe-mee/stage-aanbieden/{token}" in mail["body"]
    # Only the hash of the token is kept: the database alone does not open the manage page.
    assert row["token_hash"] == hash_token(token)
    assert token not in {str(value) for value in row}


def test_received_page_names_the_offer_and_where_the_mail_went(client):
    page = client.get(submit_offer(client).headers["Location"]).get_data(as_text=True)
    assert "Stage timmerman nieuwbouw" in page
    assert "fatima@bouwbedrijf.example" in page


def test_received_page_without_a_submission_goes_back_to_the_form(client):
    response = client.get("/doe-mee/stage-aanbieden/ontvangen")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(OFFER_FORM)


def test_group_internship_keeps_group_size_and_supervision(client, db):
    submit_offer(client, group="ja", group_size="6-8", supervision="Een docent van school gaat elke dag mee.")
    [row] = offers(db)
    assert (row["is_group"], row["group_size"], row["supervision"]) == (1, "6-8", "Een docent van school gaat elke dag mee.")


def test_group_fields_are_dropped_when_it_is_not_a_group_internship(client, db):
    submit_offer(client, group="nee", group_size="6-8", supervision="Iemand")
    [row] = offers(db)
    assert (row["is_group"], row["group_size"], row["supervision"]) == (0, None, None)


TOO_LONG_TITLE = "Stage " + "x" * 150

BAD_INPUT = [
    ("contact_name", "", "Vul de naam van de contactpersoon in."),
    ("contact_name", "Fatima\nBcc: spam@example.com", "Gebruik hier geen regeleinden"),
    ("contact_email", "", "Vul het e-mailadres van de contactpersoon in."),
    ("contact_email", "fatima.bouwbedrijf", "Vul een geldig e-mailadres in"),
    ("title", "", "Vul een titel voor de stage in."),
    ("title", TOO_LONG_TITLE, "Titel van de stage: is 156 tekens lang, maximaal 150."),
    ("summary", "", "Vul in één of twee zinnen samen"),
    ("summary", "z" * 301, "Korte samenvatting: is 301 tekens lang, maximaal 300."),
    ("organisation", "", "Vul de naam van je organisatie in."),
    ("organisation", "Bouw\x07bedrijf", "Gebruik hier geen regeleinden"),
    ("sector", "", "Kies de sector van de stage."),
    ("sector", "ruimtevaart", "Kies een sector uit de lijst."),
    ("levels", None, "Kies minstens één niveau."),
    ("levels", ["mbo", "master"], "Kies alleen niveaus uit de lijst."),
    ("location", "", "Vul in waar de stage is"),
    ("period", "", "Vul de periode in"),
    ("period", "p" * 101, "Periode: is 101 tekens lang, maximaal 100."),
    ("hours", "", "Vul het aantal uren per week in."),
    ("hours", "veel", "heel getal van 1 tot en met 40"),
    ("hours", "0", "heel getal van 1 tot en met 40"),
    ("hours", "41", "heel getal van 1 tot en met 40"),
    ("hours", "12.5", "heel getal van 1 tot en met 40"),
    ("hours", "1" * 5000, "heel getal van 1 tot en met 40"),  # longer than int() accepts
    ("group", "misschien", "Kies ja of nee."),
    ("apply", "", "Vul in hoe leerlingen of studenten kunnen reageren."),
    ("apply", "a" * 501, "Hoe solliciteer je?: is 501 tekens lang, maximaal 500."),
    ("expires", "", "Vul de laatste dag in"),
    ("expires", "eind juni", "Vul een datum in als JJJJ-MM-DD"),
    ("expires", "2027-02-30", "Vul een datum in als JJJJ-MM-DD"),
    ("expires", "2026-11-23", "Kies een datum in de toekomst."),
    ("expires", "2026-01-01", "Kies een datum in de toekomst."),
    ("expires", "2027-11-24", "hoogstens een jaar op de site"),
    ("description", "", "Beschrijf de stage"),
    ("description", "d" * 5001, "hoogstens 5000 tekens"),
    ("description", "Tekst met een \x1b stuurteken", "onzichtbare stuurtekens"),
]


@pytest.mark.parametrize(("field", "value", "message"), BAD_INPUT, ids=[f"{f}-{i}" for i, (f, _, _) in enumerate(BAD_INPUT)])
def test_bad_input_gets_a_dutch_message_next_to_the_field_and_stores_nothing(client, db, field, value, message):
    response = submit_offer(client, **{field: value})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    field_id = "levels" if field == "levels" else field
    assert message in field_error(page, field_id)
    assert "Controleer je gegevens" in page
    assert offers(db) == []
    assert db.execute("SELECT count(*) FROM outbox").fetchone()[0] == 0


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"group": "ja", "group_size": "", "supervision": "Docent"}, "group_size", "hoeveel leerlingen meedoen"),
        ({"group": "ja", "group_size": "een klas", "supervision": "Docent"}, "group_size", "bijvoorbeeld 6-8"),
        ({"group": "ja", "group_size": "8-6", "supervision": "Docent"}, "group_size", "kleinste aantal eerst"),
        ({"group": "ja", "group_size": "٦-٨", "supervision": "Docent"}, "group_size", "bijvoorbeeld 6-8"),
        ({"group": "ja", "group_size": "6-8", "supervision": ""}, "supervision", "wie de groep begeleidt"),
        ({"group": "ja", "group_size": "6-8", "supervision": "s" * 301}, "supervision", "is 301 tekens lang, maximaal 300"),
    ],
)
def test_group_internship_needs_group_size_and_supervision(client, db, changes, field, message):
    response = submit_offer(client, **changes)
    assert response.status_code == 422
    assert message in field_error(response.get_data(as_text=True), field)
    assert offers(db) == []


def test_every_problem_is_shown_at_once(client):
    response = submit_offer(client, title="", hours="veel", sector="", expires="gisteren")
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    for field in ("title", "hours", "sector", "expires"):
        assert field_error(page, field), field


def test_filled_honeypot_pretends_success_but_stores_and_sends_nothing(client, db):
    response = submit_offer(client, homepage="http://spam.example")
    assert response.status_code == 302
    assert offers(db) == []
    assert db.execute("SELECT count(*) FROM outbox").fetchone()[0] == 0


def test_form_without_csrf_token_is_refused_with_a_dutch_page(make_app):
    app = make_app(WTF_CSRF_ENABLED=True)
    response = app.test_client().post(OFFER_FORM, data=offer_fields())
    assert response.status_code == 400
    assert "Het formulier is verlopen" in response.get_data(as_text=True)
    db = connect(app.config["DATABASE"])
    assert db.execute("SELECT count(*) FROM internship_offers").fetchone()[0] == 0


def test_too_many_submissions_from_one_address_are_slowed_down(make_app):
    client = make_app(RATELIMIT_ENABLED=True, DOE_MEE_RATE_LIMIT="2/minute").test_client()
    assert submit_offer(client).status_code == 302
    assert submit_offer(client, title="Tweede stage").status_code == 302
    response = submit_offer(client, title="Derde stage")
    assert response.status_code == 429
    assert "Even wachten" in response.get_data(as_text=True)


# --- the manage link


def test_manage_link_shows_only_its_own_offer(client, db):
    submit_offer(client)
    submit_offer(client, contact_email="jan@zorg.example", title="Stage helpende zorg", organisation="Zorghuis", sector="zorg")
    mine = client.get(f"{OFFER_FORM}/{offer_token(db, 'fatima@bouwbedrijf.example')}").get_data(as_text=True)
    theirs = client.get(f"{OFFER_FORM}/{offer_token(db, 'jan@zorg.example')}").get_data(as_text=True)
    assert "Stage timmerman nieuwbouw" in mine and "Stage helpende zorg" not in mine
    assert "Stage helpende zorg" in theirs and "Stage timmerman nieuwbouw" not in theirs
    assert "jan@zorg.example" not in mine


@pytest.mark.parametrize("token", ["ontbreekt", "x" * 43, "a" * 200, "../beheer/"])
def test_unknown_or_malformed_manage_token_is_not_found(client, token):
    submit_offer(client)
    response = client.get(f"{OFFER_FORM}/{token}")
    assert response.status_code == 404


def test_manage_page_is_private(client, db):
    submit_offer(client)
    response = client.get(f"{OFFER_FORM}/{offer_token(db, 'fatima@bouwbedrijf.example')}")
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["Cache-Control"] == "no-store"
    assert "noindex" in response.headers["X-Robots-Tag"]


def test_submitter_edits_a_pending_offer(client, db):
    submit_offer(client)
    link = f"{OFFER_FORM}/{offer_token(db, 'fatima@bouwbedrijf.example')}"
    form = client.get(link).get_data(as_text=True)
    assert 'value="Stage timmerman nieuwbouw"' in form  # prefilled with what was sent
    response = client.post(link, data=offer_fields(title="Stage timmerman renovatie", hours="32", contact_name=None, contact_email=None))
    assert response.status_code == 302
    assert "Je wijzigingen zijn opgeslagen." in client.get(link).get_data(as_text=True)
    [row] = offers(db)
    assert (row["title"], row["hours"], row["status"]) == ("Stage timmerman renovatie", 32, "pending")


def test_edit_with_bad_input_is_refused_and_the_stored_offer_stays(client, db):
    submit_offer(client)
    link = f"{OFFER_FORM}/{offer_token(db, 'fatima@bouwbedrijf.example')}"
    response = client.post(link, data=offer_fields(hours="zestig"))
    assert response.status_code == 422
    assert "heel getal van 1 tot en met 40" in field_error(response.get_data(as_text=True), "hours")
    assert offers(db)[0]["hours"] == 24


def test_submitter_withdraws_a_pending_offer_after_confirming(client, db):
    submit_offer(client)
    link = f"{OFFER_FORM}/{offer_token(db, 'fatima@bouwbedrijf.example')}"
    confirm = client.get(f"{link}/intrekken")
    assert confirm.status_code == 200
    assert "Weet je zeker" in confirm.get_data(as_text=True)
    assert offers(db)[0]["status"] == "pending"
    response = client.post(f"{link}/intrekken")
    assert response.status_code == 302
    assert offers(db)[0]["status"] == "withdrawn"
    page = client.get(link).get_data(as_text=True)
    assert "Je aanbod is ingetrokken" in page
    assert "Wijzigingen opslaan" not in page
    subjects = [r["subject"] for r in db.execute("SELECT subject FROM outbox ORDER BY id")]
    assert subjects[-1] == 'Ingetrokken: je stageaanbod "Stage timmerman nieuwbouw"'


def _decide(app, status: str) -> None:
    db = connect(app.config["DATABASE"])
    now = dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC)
    if status == "approved":
        offer_rules.approve(db, 1, admin="beheerder", now=now, site_url="https://leerstad.example")
    else:
        offer_rules.reject(db, 1, "Geen sector met tekort.", admin="beheerder", now=now, site_url="https://leerstad.example")
    db.close()


@pytest.mark.parametrize(("status", "shown"), [("approved", "goedgekeurd"), ("rejected", "Geen sector met tekort.")])
def test_after_a_decision_the_manage_page_is_read_only_with_the_status(app, client, db, status, shown):
    submit_offer(client)
    link = f"{OFFER_FORM}/{offer_token(db, 'fatima@bouwbedrijf.example')}"
    _decide(app, status)
    page = client.get(link).get_data(as_text=True)
    assert shown in page
    assert "Stage timmerman nieuwbouw" in page
    assert "Wijzigingen opslaan" not in page and "intrekken" not in page
    response = client.post(link, data=offer_fields(title="Stiekem veranderd", contact_name=None, contact_email=None))
    assert response.status_code == 409
    assert client.post(f"{link}/intrekken").status_code == 302
    [row] = offers(db)
    assert (row["title"], row["status"]) == ("Stage timmerman nieuwbouw", status)


def test_confirmation_mail_reaches_the_submitter_over_smtp(make_app, smtp_server, tmp_path):
    app = make_app()
    handler = smtp_server(app.config["SMTP_PORT"])
    submit_offer(app.test_client())
    result = app.test_cli_runner().invoke(args=["send-mail"])
    assert result.exit_code == 0, result.output
    [message] = handler.messages
    assert message["To"] == "fatima@bouwbedrijf.example"
    assert message["Subject"] == 'Ontvangen: je stageaanbod "Stage timmerman nieuwbouw"'
    assert "/doe-mee/stage-aanbieden/" in message.get_body(("plain",)).get_content()  # issue 20: plain text and HTML parts


@pytest.mark.parametrize("field", ["title", "organisation", "apply", "description"])
def test_only_spaces_count_as_empty(client, db, field):
    response = submit_offer(client, **{field: "   "})
    assert response.status_code == 422
    assert field_error(response.get_data(as_text=True), field)
    assert offers(db) == []
