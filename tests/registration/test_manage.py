"""The manage link: see one's own registration, cancel it, calendar downloads and the personal feed."""

from __future__ import annotations

import re
import sqlite3

import icalendar

from tests.registration.conftest import FEED_IN_MAIL, TOKEN_IN_MAIL, write_event


def test_manage_link_shows_own_registration(signups, client):
    signups.submit(email="amina@example.nl", name="Amina Bakker")
    token = signups.manage_token("amina@example.nl")
    response = client.get(f"/mijn/{token}")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Opening Netwerkweek" in page and "Amina Bakker" in page and "je hebt een plaats" in page
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["Cache-Control"] == "no-store"


def test_manage_link_shows_only_its_own_registration(signups, client):
    signups.submit(email="amina@example.nl", name="Amina Bakker")
    signups.submit(email="jan@example.nl", name="Jan de Vries")
    page = client.get(f"/mijn/{signups.manage_token('jan@example.nl')}").get_data(as_text=True)
    assert "Jan de Vries" in page
    assert "Amina" not in page and "amina@example.nl" not in page


def test_wrong_or_malformed_token_is_404(signups, client):
    signups.submit()
    token = signups.manage_token("amina@example.nl")
    wrong = token[:-1] + ("A" if token[-1] != "A" else "B")
    for path in (f"/mijn/{wrong}", "/mijn/kort", f"/mijn/{wrong}/annuleren", f"/mijn/{wrong}/evenement.ics", f"/agenda/{wrong}.ics"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert "Pagina niet gevonden" in response.get_data(as_text=True)


def test_only_the_token_hash_is_stored(signups, db):
    signups.submit()
    token = signups.manage_token("amina@example.nl")
    stored = db.execute("SELECT token_hash FROM registrations").fetchone()[0]
    assert token not in stored and len(stored) == 64


def test_cancel_asks_for_confirmation_then_cancels_and_mails(signups, client):
    signups.submit()
    token = signups.manage_token("amina@example.nl")
    confirm_page = client.get(f"/mijn/{token}/annuleren")
    assert confirm_page.status_code == 200
    assert "Weet je zeker" in confirm_page.get_data(as_text=True)
    assert signups.registration("amina@example.nl")["status"] == "confirmed"  # looking does not cancel
    response = client.post(f"/mijn/{token}/annuleren")
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Je aanmelding is geannuleerd" in page
    assert signups.registration("amina@example.nl")["status"] == "cancelled"
    assert [m["kind"] for m in signups.mails_to("amina@example.nl")] == ["confirmation", "cancellation"]


def test_cancel_needs_a_csrf_token(make_app, db):
    app = make_app(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    page = client.get("/aanmelden/opening-netwerkweek").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    client.post("/aanmelden/opening-netwerkweek", data={"csrf_token": csrf, "name": "A", "email": "a@example.nl", "consent": "y"})
    body = db.execute("SELECT body FROM outbox").fetchone()[0]
    token = re.search(r"/mijn/([\w-]+)", body).group(1)
    response = app.test_client().post(f"/mijn/{token}/annuleren")
    assert response.status_code == 400
    assert db.execute("SELECT status FROM registrations").fetchone()[0] == "confirmed"


def test_cancellation_promotes_first_waiting_registration_that_fits_and_mails_them(signups, client, db):
    signups.submit("excursie-terminal", email="klas@school.nl", seats="28", school="Zadkine")
    signups.submit("excursie-terminal", email="eerste@example.nl", seats="2", school="Albeda")  # fits exactly: 30
    signups.submit("excursie-terminal", email="groep@example.nl", seats="5", school="Hoornbeeck")  # waiting 1
    signups.submit("excursie-terminal", email="solo@example.nl")  # waiting 2
    signups.submit("excursie-terminal", email="duo@example.nl", seats="2", school="Lentiz")  # waiting 3
    # Freeing 2 seats: the group of 5 does not fit, the single person behind it does, then 1 seat is left for nobody.
    client.post(f"/mijn/{signups.manage_token('eerste@example.nl')}/annuleren")
    status = {r["email"]: r["status"] for r in db.execute("SELECT email, status FROM registrations")}
    assert status["groep@example.nl"] == "waiting"
    assert status["solo@example.nl"] == "confirmed"
    assert status["duo@example.nl"] == "waiting"
    [promotion] = [m for m in signups.mails_to("solo@example.nl") if m["kind"] == "promotion"]
    assert "Er is een plaats vrij" in promotion["subject"]
    assert promotion["attachment"] is not None
    # The group keeps the head of the line.
    page = client.get(f"/mijn/{signups.manage_token('groep@example.nl')}").get_data(as_text=True)
    assert "Op de wachtlijst, plaats 1" in page
    # Freeing the class's 28 seats lets the group and the duo in, in order.
    client.post(f"/mijn/{signups.manage_token('klas@school.nl')}/annuleren")
    status = {r["email"]: r["status"] for r in db.execute("SELECT email, status FROM registrations")}
    assert status["groep@example.nl"] == status["duo@example.nl"] == "confirmed"
    taken = db.execute("SELECT sum(seats) FROM registrations WHERE status = 'confirmed' AND event_slug = 'excursie-terminal'")
    assert taken.fetchone()[0] == 8


def test_cancelling_twice_changes_nothing(signups, client, db):
    signups.submit()
    token = signups.manage_token("amina@example.nl")
    client.post(f"/mijn/{token}/annuleren")
    response = client.post(f"/mijn/{token}/annuleren")
    assert response.status_code == 302
    assert db.execute("SELECT count(*) FROM outbox WHERE kind = 'cancellation'").fetchone()[0] == 1


def test_after_cancelling_one_can_sign_up_again(signups, client):
    signups.submit()
    client.post(f"/mijn/{signups.manage_token('amina@example.nl')}/annuleren")
    response = signups.submit()
    assert "Kijk in je mail" in client.get(response.headers["Location"]).get_data(as_text=True)
    assert [r["status"] for r in signups.db.execute("SELECT status FROM registrations ORDER BY id")] == ["cancelled", "confirmed"]


def test_event_ics_download_is_a_calendar_with_the_event(signups, client):
    signups.submit()
    response = client.get(f"/mijn/{signups.manage_token('amina@example.nl')}/evenement.ics")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.data)
    [event] = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Opening Netwerkweek"
    assert str(event["UID"]).startswith("opening-netwerkweek@")


def test_personal_feed_lists_every_event_of_that_address_with_status(signups, client):
    signups.submit("opening-netwerkweek", email="amina@example.nl")
    signups.submit("excursie-terminal", email="klas@school.nl", seats="30", school="Zadkine")
    signups.submit("excursie-terminal", email="AMINA@example.nl")  # waiting list
    signups.submit("excursie-terminal", email="iemand@example.nl")
    token = signups.feed_token("amina@example.nl")
    response = client.get(f"/agenda/{token}.ics")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    events = {str(e["UID"]).split("@")[0]: e for e in icalendar.Calendar.from_ical(response.data).walk("VEVENT")}
    assert set(events) == {"opening-netwerkweek", "excursie-terminal"}
    assert str(events["excursie-terminal"]["STATUS"]) == "TENTATIVE"
    assert "wachtlijst" in str(events["excursie-terminal"]["SUMMARY"])
    assert str(events["opening-netwerkweek"]["STATUS"]) == "CONFIRMED"


def test_personal_feed_answers_304_when_unchanged_and_changes_etag_after_a_change(signups, client):
    signups.submit()
    token = signups.feed_token("amina@example.nl")
    first = client.get(f"/agenda/{token}.ics")
    etag, last_modified = first.headers["ETag"], first.headers["Last-Modified"]
    assert client.get(f"/agenda/{token}.ics", headers={"If-None-Match": etag}).status_code == 304
    assert client.get(f"/agenda/{token}.ics", headers={"If-Modified-Since": last_modified}).status_code == 304
    assert client.get(f"/agenda/{token}.ics").data == first.data  # byte-stable
    signups.submit("excursie-terminal", email="amina@example.nl")
    changed = client.get(f"/agenda/{token}.ics", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag


def test_withdrawn_event_stays_in_personal_feed_as_cancelled(signups, client):
    signups.submit()
    client.post(f"/mijn/{signups.manage_token('amina@example.nl')}/annuleren")
    [event] = icalendar.Calendar.from_ical(client.get(f"/agenda/{signups.feed_token('amina@example.nl')}.ics").data).walk("VEVENT")
    assert str(event["STATUS"]) == "CANCELLED"


def test_registration_survives_its_event_leaving_the_content(make_app, content_dir):
    write_event(content_dir, "tijdelijk")
    app = make_app(CONTENT_DIR=str(content_dir))
    client = app.test_client()
    client.post("/aanmelden/tijdelijk", data={"name": "A", "email": "a@example.nl", "consent": "y"})
    import sqlite3

    body = sqlite3.connect(app.config["DATABASE"]).execute("SELECT body FROM outbox").fetchone()[0]
    token = re.search(r"/mijn/([\w-]+)", body).group(1)
    (content_dir / "events" / "tijdelijk.md").unlink()
    page = client.get(f"/mijn/{token}")
    assert page.status_code == 200
    assert "niet meer op de site" in page.get_data(as_text=True)


def test_registration_cannot_be_cancelled_once_the_event_has_started(make_app, content_dir):
    write_event(content_dir, "vandaag", start="2026-11-24 10:00", end="2026-11-24 18:00")
    import datetime as dt
    import sqlite3

    from tests.registration.conftest import NOW

    app = make_app(CONTENT_DIR=str(content_dir))
    client = app.test_client()
    client.post("/aanmelden/vandaag", data={"name": "A", "email": "a@example.nl", "consent": "y"})
    conn = sqlite3.connect(app.config["DATABASE"])
    token = re.search(r"/mijn/([\w-]+)", conn.execute("SELECT body FROM outbox").fetchone()[0]).group(1)
    app.config["NOW"] = NOW + dt.timedelta(days=1)  # 13:00 in Rotterdam on the day: the event is under way
    assert "Aanmelding annuleren" not in client.get(f"/mijn/{token}").get_data(as_text=True)
    response = client.post(f"/mijn/{token}/annuleren")
    assert response.status_code == 302
    assert conn.execute("SELECT status FROM registrations").fetchone()[0] == "confirmed"


def test_unchanged_personal_feed_answers_304_without_building_the_calendar(signups, client, monkeypatch):
    signups.submit()
    signups.submit("excursie-terminal", email="amina@example.nl")
    token = signups.feed_token("amina@example.nl")
    first = client.get(f"/agenda/{token}.ics")
    etag, last_modified = first.headers["ETag"], first.headers["Last-Modified"]

    def no_building(*args, **kwargs):
        raise AssertionError("a 304 must not build the calendar")

    monkeypatch.setattr("registration.signup.personal_feed.build_calendar", no_building)
    for headers in ({"If-None-Match": etag}, {"If-Modified-Since": last_modified}):
        unchanged = client.get(f"/agenda/{token}.ics", headers=headers)
        assert unchanged.status_code == 304 and unchanged.data == b""
        assert unchanged.headers["ETag"] == etag and unchanged.headers["Cache-Control"] == "private, max-age=300"
    monkeypatch.undo()
    assert client.get(f"/agenda/{token}.ics").data == first.data


def test_personal_feed_etag_moves_when_a_status_or_a_sector_name_changes(content_dir, make_app):
    app = make_app(CONTENT_DIR=str(content_dir))
    client = app.test_client()
    client.post("/aanmelden/opening-netwerkweek", data={"name": "Amina", "email": "amina@example.nl", "consent": "y"})
    with sqlite3.connect(app.config["DATABASE"]) as conn:
        body = conn.execute("SELECT body FROM outbox ORDER BY id DESC").fetchone()[0]
    token, feed = TOKEN_IN_MAIL.search(body).group(1), FEED_IN_MAIL.search(body).group(1)
    first = client.get(f"/agenda/{feed}.ics").headers["ETag"]
    sector = content_dir / "sectors" / "haven.md"
    text = sector.read_text(encoding="utf-8")
    sector.write_text(text.replace("Title: ", "Title: Nieuw: ", 1), encoding="utf-8")
    renamed = client.get(f"/agenda/{feed}.ics", headers={"If-None-Match": first})
    assert renamed.status_code == 200 and renamed.headers["ETag"] != first
    client.post(f"/mijn/{token}/annuleren")
    cancelled = client.get(f"/agenda/{feed}.ics", headers={"If-None-Match": renamed.headers["ETag"]})
    assert cancelled.status_code == 200 and b"STATUS:CANCELLED" in cancelled.data


def test_a_new_feed_address_is_shown_once_as_webcal_and_the_old_one_turns_empty(signups, client):
    # Changed with issue 16: the feed has its own token, so the page cannot show it (only its hash is
    # kept); it offers a new one, shown once, instead of showing the manage token as the feed.
    signups.submit(email="amina@example.nl")
    token, old_feed = signups.manage_token("amina@example.nl"), signups.feed_token("amina@example.nl")
    page = client.post(f"/mijn/{token}/nieuw-agenda-adres").get_data(as_text=True)
    new_feed = FEED_IN_MAIL.search(page).group(1)
    assert f'href="webcal://leerstad.example/agenda/{new_feed}.ics"' in page
    assert f"https://leerstad.example/agenda/{new_feed}.ics" in page
    assert b"BEGIN:VEVENT" in client.get(f"/agenda/{new_feed}.ics").data
    old = client.get(f"/agenda/{old_feed}.ics")
    assert old.status_code == 200 and b"BEGIN:VEVENT" not in old.data


def test_new_feed_address_subscribes_google_agenda_with_the_encoded_webcal_address(signups, client):
    signups.submit(email="amina@example.nl")
    token = signups.manage_token("amina@example.nl")
    page = client.post(f"/mijn/{token}/nieuw-agenda-adres").get_data(as_text=True)
    new_feed = FEED_IN_MAIL.search(page).group(1)
    assert f'href="https://calendar.google.com/calendar/render?cid=webcal%3A%2F%2Fleerstad.example%2Fagenda%2F{new_feed}.ics"' in page
    assert "Android" in page


def test_manage_page_puts_each_event_in_a_calendar_for_personal_and_work_outlook(signups, client):
    signups.submit(email="amina@example.nl")
    page = client.get(f"/mijn/{signups.manage_token('amina@example.nl')}").get_data(as_text=True)
    assert "Zet in je agenda" in page and "outlook.office.com" in page and "outlook.live.com" in page
