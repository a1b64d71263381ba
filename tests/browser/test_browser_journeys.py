"""What visitors do, in a real chromium against the built site and the app on one port."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from leerstad import urls

# The computed style of the focused element, to see whether focus is visible without a mouse.
FOCUS_STYLE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  return {
    tag: el.tagName.toLowerCase(), id: el.id, type: el.type || '', text: (el.innerText || el.value || '').slice(0, 40),
    outlineStyle: style.outlineStyle, outlineWidth: style.outlineWidth, boxShadow: style.boxShadow,
  };
}"""


def focus_is_visible(style: dict) -> bool:
    outline = style["outlineStyle"] != "none" and style["outlineWidth"] not in ("0px", "")
    return outline or style["boxShadow"] not in ("none", "")


def test_visitor_finds_an_event_through_its_sector_signs_up_and_cancels_from_the_mail(page, stack, picks):
    event = picks.event()
    page.goto(urls.home_path())
    sector_path = next(urls.sector_path(slug) for slug in event["sectors"])
    page.locator(f'main a[href="{sector_path}"]').first.click()
    expect(page).to_have_url(stack.url(sector_path))
    page.get_by_role("link", name=event["title"]).first.click()
    expect(page).to_have_url(stack.url(event["path"]))
    page.get_by_role("link", name="Aanmelden").click()
    expect(page).to_have_url(stack.url(urls.signup_path(event["slug"])))

    page.get_by_label("Naam", exact=True).fill("Sanne de Vries")
    page.get_by_label("E-mailadres", exact=True).fill("sanne.journey@example.nl")
    page.get_by_label(re.compile("Onderwijsniveau")).select_option("mbo")
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kijk in je mail")

    mail = stack.mailbox.wait_for("sanne.journey@example.nl")
    link = stack.mailbox.manage_link(mail)
    assert link.startswith(stack.base_url + "/mijn/")
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn aanmeldingen")
    expect(page.locator("main")).to_contain_text("Aangemeld: je hebt een plaats.")

    page.get_by_role("link", name="Aanmelding annuleren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Aanmelding annuleren")
    page.get_by_role("button", name="Ja, annuleer mijn aanmelding").click()
    expect(page).to_have_url(link)
    expect(page.get_by_role("status")).to_contain_text("Je aanmelding is geannuleerd")
    expect(page.locator("dd").first).to_have_text("Geannuleerd.")
    expect(page.get_by_role("link", name="Aanmelding annuleren")).to_have_count(0)
    assert stack.mailbox.wait_for("sanne.journey@example.nl", "geannuleerd")


def test_keyboard_user_signs_up_with_tab_space_and_enter_and_always_sees_focus(page, stack, picks):
    event = picks.event()
    page.goto(event["path"])
    seen: list[dict] = []

    def tab_until(predicate, limit: int = 80) -> dict:
        for _ in range(limit):
            page.keyboard.press("Tab")
            style = page.evaluate(FOCUS_STYLE)
            if style is None:
                continue
            seen.append(style)
            assert focus_is_visible(style), f"focus is invisible on {style}"
            if predicate(style):
                return style
        raise AssertionError(f"never reached the wanted element by Tab; focus went through {[s['text'] or s['id'] for s in seen]}")

    tab_until(lambda s: s["tag"] == "a" and s["text"].strip() == "Aanmelden")
    page.keyboard.press("Enter")
    expect(page).to_have_url(stack.url(urls.signup_path(event["slug"])))

    tab_until(lambda s: s["id"] == "name")
    page.keyboard.type("Joris Kok")
    tab_until(lambda s: s["id"] == "email")
    page.keyboard.type("joris.keyboard@example.nl")
    tab_until(lambda s: s["tag"] == "button" and "Aanmelden" in s["text"])
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Kijk in je mail")
    assert stack.mailbox.wait_for("joris.keyboard@example.nl")


def test_search_finds_an_event_by_a_word_from_its_description(page, stack, picks):
    word, event_path = picks.word_only_one_event_uses()
    page.goto(urls.search_path())
    page.get_by_role("textbox", name="Zoek op deze site").fill(word)
    page.locator(".pagefind-ui__result-link").first.wait_for()
    found = page.eval_on_selector_all(".pagefind-ui__result-link", "links => links.map(a => new URL(a.href).pathname)")
    assert event_path in found, f"searching {word!r} found {found}"


def test_event_page_shows_live_seats_left_from_the_app(page, stack, picks):
    page.goto(picks.events[0]["path"])
    live = page.locator("p.seats-live")
    expect(live).to_be_visible()
    expect(live).to_have_text(re.compile(r"^Nog \d+ plaatsen? vrij\.$"))


def test_without_javascript_the_event_page_links_to_the_form_and_the_form_still_signs_up(browser, stack, picks):
    event = picks.event(min_max_seats=5, min_capacity=10)  # a teacher signing up part of a class
    context = browser.new_context(base_url=stack.base_url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(event["path"])
        expect(page.locator("p.seats-live")).to_be_hidden()
        page.get_by_role("link", name="Aanmelden").click()
        expect(page).to_have_url(stack.url(urls.signup_path(event["slug"])))
        page.get_by_label("Naam", exact=True).fill("Docent Zonder Script")
        page.get_by_label("E-mailadres", exact=True).fill("noscript@example.nl")
        page.get_by_label(re.compile("Aantal plaatsen")).fill("5")
        page.get_by_label(re.compile("Naam van de school")).fill("Zadkine Zuidplein")
        page.get_by_role("button", name="Aanmelden").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Kijk in je mail")
        assert stack.mailbox.wait_for("noscript@example.nl")
    finally:
        context.close()
