"""People, not tokens: one person per address, links that add up and can be revoked, a feed that only reads."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest

from registration.signup.people import normalise_address
from tests.registration.conftest import NOW, TOKEN_IN_MAIL


@pytest.mark.parametrize(
    ("typed", "identity"),
    [
        ("Jan@School.NL", "jan@school.nl"),
        ("  jan@school.nl ", "jan@school.nl"),
        ("straße@example.nl", "straße@example.nl"),  # str.lower(), not casefold(): ß stays ß
        ("STRASSE@example.nl", "strasse@example.nl"),
        ("info@Bücher.nl", "info@xn--bcher-kva.nl"),
        ("info@xn--bcher-kva.nl", "info@xn--bcher-kva.nl"),
    ],
)
def test_an_address_is_known_by_its_lower_cased_local_part_and_ascii_domain(typed, identity):
    assert normalise_address(typed) == identity


def test_strasse_and_strasse_with_sharp_s_are_two_people_with_two_pages(signups, client, db):
    signups.submit(email="strasse@example.nl", name="Anna Strasse")
    signups.submit(email="straße@example.nl", name="Bert Straße")
    assert db.execute("SELECT count(*) FROM registrations WHERE status = 'confirmed'").fetchone()[0] == 2
    assert db.execute("SELECT count(*) FROM people").fetchone()[0] == 2
    first = client.get(f"/mijn/{signups.manage_token('strasse@example.nl')}").get_data(as_text=True)
    second = client.get(f"/mijn/{signups.manage_token('straße@example.nl')}").get_data(as_text=True)
    assert "Anna Strasse" in first and "Bert" not in first
    assert "Bert Straße" in second and "Anna" not in second


def test_an_idn_domain_typed_in_unicode_or_punycode_is_one_person(signups, db):
    signups.submit(email="info@bücher.nl")
    signups.submit("excursie-terminal", email="info@xn--bcher-kva.nl")
    assert [r[0] for r in db.execute("SELECT address FROM people")] == ["info@xn--bcher-kva.nl"]


def test_signing_up_for_another_event_keeps_the_first_link_and_lists_both(signups, client):
    signups.submit("opening-netwerkweek")
    first_link = signups.manage_token("amina@example.nl")
    signups.submit("excursie-terminal")
    page = client.get(f"/mijn/{first_link}").get_data(as_text=True)
    assert "Opening Netwerkweek" in page and "Excursie" in page
    assert page.count("Aangemeld: je hebt een plaats.") == 2
    # The feed address is made once, with the person, and mailed only then.
    assert ["/agenda/" in m["body"] for m in signups.mails_to("amina@example.nl")] == [True, False]


def test_the_page_shows_the_waiting_position_and_cancels_one_registration_of_several(signups, client, db):
    signups.submit("excursie-terminal", email="klas@school.nl", seats="30", school="Zadkine")
    signups.submit("excursie-terminal")  # waiting 1
    signups.submit("opening-netwerkweek")
    token = signups.manage_token("amina@example.nl")
    assert "Op de wachtlijst, plaats 1" in client.get(f"/mijn/{token}").get_data(as_text=True)
    waiting = signups.registration("amina@example.nl", "excursie-terminal")
    response = client.post(f"/mijn/{token}/aanmeldingen/{waiting['id']}/annuleren")
    assert response.status_code == 302
    assert signups.registration("amina@example.nl", "excursie-terminal")["status"] == "cancelled"
    assert signups.registration("amina@example.nl", "opening-netwerkweek")["status"] == "confirmed"


def test_a_link_cannot_reach_another_persons_registration_by_its_id(signups, client):
    signups.submit(email="amina@example.nl")
    signups.submit(email="jan@example.nl")
    jan = signups.registration("jan@example.nl")
    token = signups.manage_token("amina@example.nl")
    assert client.post(f"/mijn/{token}/aanmeldingen/{jan['id']}/annuleren").status_code == 404
    assert client.get(f"/mijn/{token}/aanmeldingen/{jan['id']}/evenement.ics").status_code == 404
    assert signups.registration("jan@example.nl")["status"] == "confirmed"


def test_the_feed_address_is_not_a_manage_link_and_the_manage_link_is_not_a_feed(signups, client):
    signups.submit()
    feed, token = signups.feed_token("amina@example.nl"), signups.manage_token("amina@example.nl")
    assert feed != token
    for method, path in [
        ("GET", f"/mijn/{feed}"),
        ("POST", f"/mijn/{feed}/annuleren"),
        ("GET", f"/mijn/{feed}/gegevens.json"),
        ("POST", f"/mijn/{feed}/verwijderen"),
        ("POST", f"/mijn/{feed}/nieuw-agenda-adres"),
    ]:
        assert client.open(path, method=method).status_code == 404, path
    assert signups.registration("amina@example.nl")["status"] == "confirmed"
    assert client.get(f"/agenda/{token}.ics").status_code == 404
    assert client.get(f"/agenda/{feed}.ics").status_code == 200


def test_only_hashes_of_links_and_feeds_are_stored(signups, db):
    signups.submit()
    feed, token = signups.feed_token("amina@example.nl"), signups.manage_token("amina@example.nl")
    stored = [r[0] for r in db.execute("SELECT token_hash FROM person_links UNION SELECT token_hash FROM person_feeds")]
    assert len(stored) == 2 and all(len(h) == 64 and feed not in h and token not in h for h in stored)


def test_an_erased_persons_feed_answers_an_empty_calendar_for_180_days_then_410(signups, client, app, db):
    signups.submit()
    signups.submit("excursie-terminal")
    feed = signups.feed_token("amina@example.nl")
    assert len(icalendar.Calendar.from_ical(client.get(f"/agenda/{feed}.ics").data).walk("VEVENT")) == 2
    client.post(f"/mijn/{signups.manage_token('amina@example.nl')}/verwijderen")
    assert db.execute("SELECT count(*) FROM people").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM person_links").fetchone()[0] == 0
    assert [tuple(r) for r in db.execute("SELECT person_id FROM person_feeds")] == [(None,)]
    empty = client.get(f"/agenda/{feed}.ics")
    assert empty.status_code == 200 and empty.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert icalendar.Calendar.from_ical(empty.data).walk("VEVENT") == []
    app.config["NOW"] = NOW + dt.timedelta(days=179)
    assert client.get(f"/agenda/{feed}.ics").status_code == 200
    app.config["NOW"] = NOW + dt.timedelta(days=181)
    gone = client.get(f"/agenda/{feed}.ics")
    assert gone.status_code == 410


def test_revoking_a_link_stops_it_but_never_the_one_in_use_nor_anothers(signups, client, db):
    signups.submit()
    old = signups.manage_token("amina@example.nl")
    signups.submit()  # again: a second link
    new = signups.manage_token("amina@example.nl")
    signups.submit(email="jan@example.nl")
    jan_link = db.execute(
        "SELECT l.id FROM person_links l JOIN people p ON p.id = l.person_id WHERE p.address = 'jan@example.nl'"
    ).fetchone()[0]
    ids = {r[0] for r in db.execute(
        "SELECT l.id FROM person_links l JOIN people p ON p.id = l.person_id WHERE p.address = 'amina@example.nl'"
    )}
    page = client.get(f"/mijn/{new}").get_data(as_text=True)
    assert "deze link, die je nu gebruikt" in page and page.count(">Trek in<") == 1
    current = max(ids)
    client.post(f"/mijn/{new}/links/{current}/intrekken")  # the link in use: refused
    client.post(f"/mijn/{new}/links/{jan_link}/intrekken")  # someone else's: refused
    assert client.get(f"/mijn/{new}").status_code == 200
    assert client.get(f"/mijn/{signups.manage_token('jan@example.nl')}").status_code == 200
    response = client.post(f"/mijn/{new}/links/{min(ids)}/intrekken")
    assert "De link is ingetrokken" in client.get(response.headers["Location"]).get_data(as_text=True)
    assert client.get(f"/mijn/{old}").status_code == 404


def test_send_link_form_answers_alike_for_known_and_unknown_addresses_and_adds_a_link(signups, client):
    signups.submit()
    old = signups.manage_token("amina@example.nl")
    pages = []
    for address in ("amina@example.nl", "onbekend@example.nl"):
        response = client.post("/mijn/stuur-link", data={"email": address})
        assert response.status_code == 302
        pages.append(client.get(response.headers["Location"]).get_data(as_text=True).replace(address, "ADRES"))
    assert pages[0] == pages[1]
    assert signups.mails_to("onbekend@example.nl") == []
    [mail] = [m for m in signups.mails_to("amina@example.nl") if m["kind"] == "personal_link"]
    new = TOKEN_IN_MAIL.search(mail["body"]).group(1)
    assert new != old
    assert client.get(f"/mijn/{new}").status_code == 200 and client.get(f"/mijn/{old}").status_code == 200


def test_send_link_form_says_in_dutch_what_is_wrong_next_to_the_field(client):
    response = client.post("/mijn/stuur-link", data={"email": "geen-adres"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "geldig e-mailadres" in page and 'id="email-fout"' in page


def test_the_promotion_mail_carries_a_link_that_works(signups, client):
    signups.submit("excursie-terminal", email="klas@school.nl", seats="30", school="Zadkine")
    signups.submit("excursie-terminal", email="wacht@example.nl")
    client.post(f"/mijn/{signups.manage_token('klas@school.nl')}/annuleren")
    [promotion] = [m for m in signups.mails_to("wacht@example.nl") if m["kind"] == "promotion"]
    link = TOKEN_IN_MAIL.search(promotion["body"]).group(1)
    assert "Aangemeld: je hebt een plaats." in client.get(f"/mijn/{link}").get_data(as_text=True)


def test_the_form_asks_no_consent_and_names_the_privacy_notice(client):
    page = client.get("/aanmelden/opening-netwerkweek").get_data(as_text=True)
    assert 'type="checkbox"' not in page
    assert "geen toestemming" in page and 'href="/privacyverklaring/"' in page


def test_a_registration_cannot_be_opened_by_its_own_token_hash_bypassing_revocation(signups, db):
    from registration.tokens import find_by_token

    signups.submit()
    with pytest.raises(ValueError, match="registrations has no manage links"):
        find_by_token(db, "registrations", signups.manage_token("amina@example.nl"))
