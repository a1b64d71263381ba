"""A registrant's calendar, in a real chromium: the confirmation page's agenda step, the invitation mail, its cancellation."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from leerstad import urls
from tests.calendar_parsers import icaljs_module, read_everywhere


@pytest.fixture(scope="module")
def icaljs(tmp_path_factory):
    return icaljs_module(tmp_path_factory.mktemp("node"))


def inline_calendar(message):
    [alternative] = [part for part in message.iter_parts() if part.get_content_type() == "multipart/alternative"]
    kinds = [part.get_content_type() for part in alternative.iter_parts()]
    assert kinds == ["text/plain", "text/html", "text/calendar"], kinds
    return list(alternative.iter_parts())[2]


def test_registrant_puts_the_event_in_their_calendar_and_a_cancellation_takes_it_out(page, stack, picks, icaljs, tmp_path):
    event = picks.event()
    address = "noor.agenda@example.nl"
    page.goto(urls.signup_path(event["slug"]))
    page.get_by_label("Naam", exact=True).fill("Noor Agenda")
    page.get_by_label("E-mailadres", exact=True).fill(address)
    page.get_by_label(re.compile("Onderwijsniveau")).select_option("mbo")
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kijk in je mail")  # the same for every outcome (issue 16)

    step = page.locator("section.calendar-links")
    expect(step.get_by_role("heading", level=2)).to_have_text("Zet in je agenda")
    google = step.get_by_role("link", name="Google Agenda").last.get_attribute("href")
    assert re.fullmatch(r"https://calendar\.google\.com/calendar/render\?cid=webcal%3A%2F%2F[^&]+\.ics", google), google
    assert step.get_by_role("link", name="iPhone, iPad of Mac").get_attribute("href").startswith("webcal://")

    mail = stack.mailbox.wait_for(address)
    assert mail["Auto-Submitted"] == "auto-generated" and mail["Reply-To"]
    assert mail.get_body(("html",)) is not None and mail.get_body(("plain",)) is not None
    invitation = inline_calendar(mail)
    assert (invitation.get_param("method"), invitation.get_param("charset")) == ("REQUEST", "utf-8")
    requests = read_everywhere(invitation.get_payload(decode=True), icaljs, tmp_path)
    for seen in requests:
        assert seen["method"] == "REQUEST" and seen["uid"].startswith("registration-"), seen
        assert seen["organizer"] and seen["attendees"] == [(address, "ACCEPTED", "FALSE")], seen

    page.goto(stack.mailbox.manage_link(mail))
    page.get_by_role("link", name="Aanmelding annuleren").click()
    page.get_by_role("button", name="Ja, annuleer mijn aanmelding").click()
    expect(page.get_by_role("status")).to_contain_text("Je aanmelding is geannuleerd")
    cancellation = inline_calendar(stack.mailbox.wait_for(address, "geannuleerd"))
    assert cancellation.get_param("method") == "CANCEL"
    for seen in read_everywhere(cancellation.get_payload(decode=True), icaljs, tmp_path):
        assert (seen["method"], seen["uid"]) == ("CANCEL", requests[0]["uid"]), seen
        assert seen["sequence"] > requests[0]["sequence"], seen
