"""Issue 13 in real chromium: who can come, the warning step, and the sign-up state on cards and buttons."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from leerstad import urls
from leerstad.content import load_content
from tests.browser.test_browser_accessibility import assert_no_violations

# What the build can know; availability.js turns "Aanmelden open" into seats left or the waiting list.
BUILD_STATES = {"Aanmelden open", "Geen aanmelding nodig", "Geannuleerd: gaat niet door", "Voorbij", "Aanmelden gesloten"}
LIVE_STATES = BUILD_STATES - {"Aanmelden open"}


def take(picks, stack, rule) -> tuple[dict, object]:
    """An upcoming open event no other test has taken whose content item fits `rule`, and that item."""
    items = load_content(stack.content).events
    for event in sorted(picks.events, key=lambda e: e["capacity"]):
        if event["slug"] not in picks.taken and rule(items[event["slug"]]):
            picks.taken.add(event["slug"])
            return event, items[event["slug"]]
    pytest.fail("the real content has no upcoming open event for this test")


def fill_up(stack, slug: str) -> None:
    """Take every seat through the sign-up rules, as earlier visitors would have."""
    from registration import clock
    from registration.extensions import get_catalogue, get_db, get_mailer
    from registration.signup import rules as signups

    with stack.app.app_context():
        db, event = get_db(), get_catalogue().event(slug)
        number = 0
        while (left := event.capacity - signups.seats_taken(db, slug)) > 0:
            applicant = signups.Applicant(name="Eerder", email=f"eerder{number}.{slug}@example.nl",
                                          seats=min(left, event.max_seats), school="Zadkine")
            signups.sign_up(db, event, applicant, mailer=get_mailer(), now=clock.now())
            number += 1


@pytest.fixture
def axe_ready(browser, stack, axe_source):
    """A fresh profile that may run axe: bypass_csp, since axe is injected as an inline script."""
    context = browser.new_context(base_url=stack.base_url, bypass_csp=True, locale="nl-NL", timezone_id="Europe/Amsterdam")
    context.axe_source = axe_source
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def test_under_age_sign_up_for_an_18_plus_event_gets_the_warning_and_can_still_go_on(axe_ready, stack, picks):
    page = axe_ready
    page.set_viewport_size({"width": 390, "height": 844})  # the pupil is on a phone
    event, item = take(picks, stack, lambda e: (e.age_min or 0) >= 18)
    page.goto(event["path"])
    expect(page.locator(".signup .who")).to_contain_text(f"{item.age_min}+")
    page.get_by_role("link", name="Aanmelden", exact=True).click()

    page.get_by_label("Naam", exact=True).fill("Daan Jong")
    page.get_by_label("E-mailadres", exact=True).fill("daan.jong@example.nl")
    page.get_by_label("Leeftijd").select_option("<16")
    page.get_by_role("button", name="Aanmelden").click()

    warning = page.get_by_role("alert")
    expect(warning).to_contain_text(f"Dit evenement is vanaf {item.age_min} jaar; je koos als leeftijd jonger dan 16")
    assert_no_violations(page)
    page.get_by_role("button", name="Toch aanmelden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kijk in je mail")
    assert stack.mailbox.wait_for("daan.jong@example.nl")


def test_full_event_card_and_button_say_wachtlijst_before_the_form(axe_ready, stack, picks):
    page = axe_ready
    event, _item = take(picks, stack, lambda e: e.age_min is None and e.age_max is None)
    fill_up(stack, event["slug"])

    page.goto(event["path"])
    expect(page.locator(f'[data-signup-state="{event["slug"]}"]')).to_have_text("Aanmelden: Vol — wachtlijst")
    button = page.get_by_role("link", name="Zet me op de wachtlijst")
    expect(button).to_be_visible()
    assert_no_violations(page)

    page.goto(urls.events_index_path())
    card = page.locator(".event-card").filter(has=page.locator(f'a[href="{event["path"]}"]'))
    expect(card.locator("[data-signup-state]")).to_have_text("Aanmelden: Vol — wachtlijst")

    page.goto(event["path"])
    page.get_by_role("link", name="Zet me op de wachtlijst").click()
    expect(page.locator(".notice-waiting")).to_contain_text("Dit evenement is vol: je komt op de wachtlijst.")
    expect(page.locator("form button[type=submit]")).to_have_text("Zet me op de wachtlijst")
    assert_no_violations(page)


def test_every_agenda_card_carries_its_state_with_javascript(axe_ready):
    page = axe_ready
    page.goto(urls.events_index_path())
    cards = page.locator("main .event-card")
    assert cards.count() > 0
    # Wait until the live numbers arrived: no open card keeps the build's wording.
    expect(page.locator("main .event-card .state-text", has_text="Aanmelden open")).to_have_count(0)
    for text in page.locator("main .event-card [data-signup-state] .state-text").all_inner_texts():
        assert text in LIVE_STATES or text.startswith("Open — nog ") or text == "Vol — wachtlijst", text
    assert page.locator("main .event-card [data-signup-state]").count() == cards.count()
    assert_no_violations(page)


def test_every_agenda_card_carries_its_state_without_javascript(browser, stack):
    context = browser.new_context(base_url=stack.base_url, java_script_enabled=False, locale="nl-NL")
    try:
        page = context.new_page()
        page.goto(urls.events_index_path())
        cards = page.locator("main .event-card")
        assert cards.count() > 0
        texts = page.locator("main .event-card [data-signup-state] .state-text").all_inner_texts()
        assert len(texts) == cards.count() and set(texts) <= BUILD_STATES, texts
    finally:
        context.close()
