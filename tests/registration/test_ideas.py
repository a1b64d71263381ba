"""A young person sends an idea for a youth project at /doe-mee/idee; it goes to the city's mailbox, nothing else is kept."""

from __future__ import annotations

import re

import pytest

from tests.registration.offer_helpers import field_error, with_changes

IDEA_FORM = "/doe-mee/idee"
IDEA = "Een kooktoernooi in de hub, waarbij koks uit de buurt vertellen hoe je het vak leert."


def idea_fields(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {"name": "Noah Pinas", "email": "noah@example.nl", "hub": "feijenoord", "idea": IDEA, "consent": "y"}
    return with_changes(data, changes)


def send(client, **changes: object):
    return client.post(IDEA_FORM, data=idea_fields(**changes))


def outbox(db) -> list:
    return db.execute("SELECT * FROM outbox ORDER BY id").fetchall()


def tables(db) -> set[str]:
    return {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def test_form_asks_the_question_and_offers_the_hubs_from_content(client):
    response = client.get(IDEA_FORM)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<h1>Heb je een idee voor een jongerenproject?</h1>" in page
    assert '<option value="feijenoord">Jongerenhub Feijenoord</option>' in page
    assert '<option value="" selected>Geen voorkeur</option>' in page
    assert "We bewaren je idee niet op deze site" in page


def test_idea_goes_to_the_city_mailbox_and_the_sender_gets_a_receipt(client, db):
    response = send(client)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/doe-mee/idee/bedankt")
    to_city, receipt = outbox(db)
    assert to_city["to_address"] == "ideeen@leerstad.example"
    assert to_city["subject"] == "Nieuw idee voor een jongerenproject (Jongerenhub Feijenoord)"
    assert IDEA in to_city["body"]
    assert "Noah Pinas <noah@example.nl>" in to_city["body"]
    assert receipt["to_address"] == "noah@example.nl"
    assert receipt["subject"] == "We hebben je idee ontvangen"
    # The receipt does not echo the text: the form cannot be used to mail any text to anyone.
    assert IDEA not in receipt["body"]
    assert "Bedankt voor je idee" in client.get(response.headers["Location"]).get_data(as_text=True)


def test_idea_is_stored_nowhere_but_in_the_outbox(client, db):
    before = {table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in tables(db) if table != "outbox"}
    send(client)
    after = {table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in tables(db) if table != "outbox"}
    assert after == before
    assert len(outbox(db)) == 2


def test_city_mailbox_comes_from_config(make_app, db):
    client = make_app(IDEAS_MAILBOX="jongerenhubs@rotterdam.example").test_client()
    send(client, hub="")
    to_city = outbox(db)[0]
    assert to_city["to_address"] == "jongerenhubs@rotterdam.example"
    assert to_city["subject"] == "Nieuw idee voor een jongerenproject"
    assert "Jongerenhub: geen voorkeur" in to_city["body"]


def test_thank_you_page_without_sending_goes_back_to_the_form(client):
    response = client.get("/doe-mee/idee/bedankt")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(IDEA_FORM)


BAD_INPUT = [
    ("name", "", "Vul je naam in."),
    ("name", "   ", "Vul je naam in."),
    ("name", "n" * 101, "hoogstens 100 tekens"),
    ("name", "Noah\r\nBcc: iedereen@example.com", "Gebruik hier geen regeleinden"),
    ("email", "", "Vul je e-mailadres in"),
    ("email", "noah.example.nl", "Vul een geldig e-mailadres in"),
    ("email", "noah@example.nl\nBcc: x@example.com", "Gebruik hier geen regeleinden"),
    ("hub", "hub-op-de-maan", "Kies een jongerenhub uit de lijst"),
    ("idea", "", "Beschrijf je idee."),
    ("idea", "i" * 2001, "hoogstens 2000 tekens"),
    ("idea", "Idee met \x00 een nulteken", "onzichtbare stuurtekens"),
    ("consent", None, "Geef toestemming"),
]


@pytest.mark.parametrize(("field", "value", "message"), BAD_INPUT, ids=[f"{f}-{i}" for i, (f, _, _) in enumerate(BAD_INPUT)])
def test_bad_input_gets_a_dutch_message_next_to_the_field_and_sends_nothing(client, db, field, value, message):
    response = send(client, **{field: value})
    assert response.status_code == 422
    assert message in field_error(response.get_data(as_text=True), field)
    assert outbox(db) == []


def test_an_idea_of_exactly_2000_characters_is_accepted(client, db):
    assert send(client, idea="i" * 2000).status_code == 302
    assert len(outbox(db)) == 2


def test_filled_honeypot_pretends_success_but_sends_nothing(client, db):
    response = send(client, homepage="http://spam.example")
    assert response.status_code == 302
    assert outbox(db) == []


def test_form_without_csrf_token_is_refused(make_app, db):
    response = make_app(WTF_CSRF_ENABLED=True).test_client().post(IDEA_FORM, data=idea_fields())
    assert response.status_code == 400
    assert "Het formulier is verlopen" in response.get_data(as_text=True)
    assert outbox(db) == []


def test_form_with_its_csrf_token_is_accepted(make_app, db):
    client = make_app(WTF_CSRF_ENABLED=True).test_client()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', client.get(IDEA_FORM).get_data(as_text=True)).group(1)
    assert client.post(IDEA_FORM, data=idea_fields(csrf_token=token)).status_code == 302
    assert len(outbox(db)) == 2


def test_too_many_ideas_from_one_address_are_slowed_down(make_app):
    client = make_app(RATELIMIT_ENABLED=True, DOE_MEE_RATE_LIMIT="2/minute").test_client()
    assert send(client).status_code == 302
    assert send(client).status_code == 302
    response = send(client)
    assert response.status_code == 429
    assert "Even wachten" in response.get_data(as_text=True)


def test_both_mails_are_delivered_over_smtp(make_app, smtp_server):
    app = make_app()
    handler = smtp_server(app.config["SMTP_PORT"])
    send(app.test_client())
    result = app.test_cli_runner().invoke(args=["send-mail"])
    assert result.exit_code == 0, result.output
    delivered = {message["To"]: message for message in handler.messages}
    assert set(delivered) == {"ideeen@leerstad.example", "noah@example.nl"}
    assert IDEA in delivered["ideeen@leerstad.example"].get_content()
    assert delivered["noah@example.nl"]["Subject"] == "We hebben je idee ontvangen"


def test_sent_idea_mails_are_deleted_after_the_retention_period_unsent_ones_wait(make_app, smtp_server):
    import datetime as dt
    import sqlite3

    app = make_app(DOE_MEE_RETENTION_DAYS=30)
    client, runner = app.test_client(), app.test_cli_runner()
    send(client)
    app.config["NOW"] = dt.datetime(2027, 1, 30, 12, 0, tzinfo=dt.UTC)
    runner.invoke(args=["ideas", "purge"])

    def count() -> int:
        conn = sqlite3.connect(app.config["DATABASE"])
        found = conn.execute("SELECT count(*) FROM outbox WHERE kind LIKE 'idea_%'").fetchone()[0]
        conn.close()
        return found

    assert count() == 2  # SMTP was down: not sent yet, so not deleted
    smtp_server(app.config["SMTP_PORT"])
    assert runner.invoke(args=["send-mail", "--retry-now"]).exit_code == 0
    app.config["NOW"] = dt.datetime(2027, 2, 28, 12, 0, tzinfo=dt.UTC)  # 29 days after sending
    runner.invoke(args=["ideas", "purge"])
    assert count() == 2
    app.config["NOW"] = dt.datetime(2027, 3, 2, 12, 0, tzinfo=dt.UTC)
    result = runner.invoke(args=["ideas", "purge"])
    assert "verwijderd: 2 verstuurde mails met ideeën (bewaartermijn 30 dagen)" in result.output
    assert count() == 0


def test_form_says_how_long_the_mails_are_kept(make_app):
    page = make_app(DOE_MEE_RETENTION_DAYS=14).test_client().get(IDEA_FORM).get_data(as_text=True)
    assert "daarna nog 14 dagen" in page


def test_link_from_a_hub_page_preselects_that_hub(client):
    page = client.get(f"{IDEA_FORM}?hub=feijenoord").get_data(as_text=True)
    assert '<option value="feijenoord" selected>Jongerenhub Feijenoord</option>' in page
    unknown = client.get(f"{IDEA_FORM}?hub=bestaat-niet").get_data(as_text=True)
    assert '<option value="" selected>Geen voorkeur</option>' in unknown
