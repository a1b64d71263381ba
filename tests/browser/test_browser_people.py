"""People, not tokens, in a real chromium: links from the first mail keep working, the feed only reads, erasure empties it."""

from __future__ import annotations

import re
import shutil
import sqlite3
import threading
from pathlib import Path

import icalendar
from playwright.sync_api import expect

from leerstad import urls
from tests.browser.conftest import QuietHandler, ThreadedWSGIServer

FEED_LINK = re.compile(r"https?://[^\s<>\"]+/agenda/[A-Za-z0-9_-]{20,}\.ics")
ANY_LINK = re.compile(r"https?://[^\s<>\"]+")
ROOT = Path(__file__).resolve().parents[2]
RELEASE_DB = ROOT / "tests" / "registration" / "fixtures" / "release-8aa6fab.sqlite"
FIXTURE_CONTENT = ROOT / "tests" / "fixtures" / "content"


def sign_up(page, event: dict, name: str, email: str) -> None:
    page.goto(urls.signup_path(event["slug"]))
    expect(page.locator("#privacy-notice")).to_contain_text("geen toestemming")
    expect(page.get_by_role("checkbox")).to_have_count(0)
    page.get_by_label("Naam", exact=True).fill(name)
    page.get_by_label("E-mailadres", exact=True).fill(email)
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kijk in je mail")


def events_in(response) -> list[str]:
    assert response.status == 200 and response.headers["content-type"] == "text/calendar; charset=utf-8"
    return sorted(str(e["UID"]).split("@")[0] for e in icalendar.Calendar.from_ical(response.body()).walk("VEVENT"))


def test_links_from_the_first_mail_outlive_a_second_sign_up_and_the_feed_only_reads(page, stack, picks):
    first, second = picks.event(), picks.event()
    address = "noor.mensen@example.nl"
    sign_up(page, first, "Noor Mensen", address)
    mail = stack.mailbox.wait_for(address, first["title"])
    text = stack.mailbox.text(mail)
    manage, feed = stack.mailbox.manage_link(mail), FEED_LINK.search(text).group(0)
    # The site's own links; the mail also links to Google Agenda, which is not ours to request here.
    mailed_links = [link for link in ANY_LINK.findall(text) if link.startswith(stack.url("/"))]
    assert manage in mailed_links and feed in mailed_links

    page.goto(manage)
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn aanmeldingen")
    expect(page.get_by_role("heading", level=2, name=first["title"])).to_be_visible()
    assert events_in(page.request.get(feed)) == [first["slug"]]

    # Again with the same address, for another event: nothing on the page says it is known.
    sign_up(page, second, "Noor Mensen", address.upper())
    assert stack.mailbox.wait_for(address, second["title"])

    for link in mailed_links:  # every link from the first mail still works
        assert page.request.get(link).status == 200, link
    page.goto(manage)
    expect(page.get_by_role("heading", level=2, name=first["title"])).to_be_visible()
    expect(page.get_by_role("heading", level=2, name=second["title"])).to_be_visible()
    assert events_in(page.request.get(feed)) == sorted([first["slug"], second["slug"]])

    # The feed address cannot cancel, erase or download, even with a valid form token.
    page.get_by_role("link", name=re.compile("Aanmelding annuleren")).first.click()
    csrf = page.locator('input[name="csrf_token"]').first.get_attribute("value")
    feed_token = feed.rsplit("/", 1)[1].removesuffix(".ics")
    feed_manage = stack.url(urls.manage_path(feed_token))
    assert page.request.get(feed_manage).status == 404
    assert page.request.post(feed_manage + "/annuleren", form={"csrf_token": csrf}).status == 404
    assert page.request.post(feed_manage + "/verwijderen", form={"csrf_token": csrf}).status == 404
    assert page.request.get(feed_manage + "/gegevens.json").status == 404
    page.goto(manage)
    expect(page.locator("main")).not_to_contain_text("Geannuleerd.")

    # Erased: the links stop, the feed answers an empty calendar.
    page.get_by_role("link", name="Verwijder al mijn gegevens").click()
    page.get_by_role("button", name="Ja, verwijder al mijn gegevens").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Je gegevens zijn verwijderd")
    assert page.request.get(manage).status == 404
    assert events_in(page.request.get(feed)) == []


def test_strasse_and_strasse_with_sharp_s_are_two_people(page, stack, picks):
    event = picks.event()
    sign_up(page, event, "Anna Strasse", "strasse@example.nl")
    sign_up(page, event, "Bert Straße", "straße@example.nl")
    pages = {}
    for address in ("strasse@example.nl", "straße@example.nl"):
        page.goto(stack.mailbox.manage_link(stack.mailbox.wait_for(address, event["title"])))
        pages[address] = page.locator("main").inner_text()
    assert "Anna Strasse" in pages["strasse@example.nl"] and "Bert" not in pages["strasse@example.nl"]
    assert "Bert Straße" in pages["straße@example.nl"] and "Anna" not in pages["straße@example.nl"]


def test_links_mailed_by_the_previous_release_open_after_the_upgrade(browser, tmp_path):
    from registration import create_app, local

    database = tmp_path / "registration.sqlite"
    shutil.copyfile(RELEASE_DB, database)
    body = sqlite3.connect(database).execute("SELECT body FROM outbox WHERE kind = 'confirmation'").fetchone()[0]
    server = ThreadedWSGIServer(("127.0.0.1", 0), QuietHandler)
    base_url = f"http://127.0.0.1:{server.server_port}"
    app = create_app({"SECRET_KEY": "browser-tests", "DATABASE": str(database), "CONTENT_DIR": str(FIXTURE_CONTENT),
                      "SITE_URL": base_url, "MAIL_SEND_AFTER_REQUEST": False})  # starting it upgrades the file
    server.set_app(local.combined(app, local.static_site(tmp_path)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = browser.new_context(base_url=base_url)
    try:
        page = context.new_page()
        manage = re.search(r"https://leerstad\.example(/mijn/[\w-]+)", body).group(1)
        feed = re.search(r"https://leerstad\.example(/agenda/[\w-]+\.ics)", body).group(1)
        page.goto(manage)
        expect(page.get_by_role("heading", level=1)).to_have_text("Mijn aanmeldingen")
        expect(page.locator("main")).to_contain_text("Aangemeld: je hebt een plaats.")
        assert events_in(page.request.get(feed)) == ["opening-netwerkweek"]
        page.get_by_role("link", name=re.compile("Aanmelding annuleren")).click()
        page.get_by_role("button", name="Ja, annuleer mijn aanmelding").click()
        expect(page.get_by_role("status")).to_contain_text("Je aanmelding is geannuleerd")
    finally:
        context.close()
        server.shutdown()
        server.server_close()
