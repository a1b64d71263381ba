"""Under the real Content-Security-Policy (leerstad/csp.py), chromium refuses nothing the site and the app need."""

from __future__ import annotations

import pytest

from leerstad import urls
from leerstad.csp import SITE_POLICY, app_policy


@pytest.fixture
def refusals(page) -> list[str]:
    """Chromium's console messages about anything the policy refused."""
    seen: list[str] = []
    page.on("console", lambda message: seen.append(message.text) if "Content Security Policy" in message.text else None)
    return seen


def test_search_page_runs_pagefind_under_the_sites_policy(page, refusals, picks):
    word, event_path = picks.word_only_one_event_uses()
    response = page.goto(urls.search_path())
    assert response.headers["content-security-policy"] == SITE_POLICY
    page.get_by_role("textbox", name="Zoek op deze site").fill(word)
    page.locator(".pagefind-ui__result-link").first.wait_for()
    page.wait_for_load_state("networkidle")
    found = page.eval_on_selector_all(".pagefind-ui__result-link", "links => links.map(a => new URL(a.href).pathname)")
    assert event_path in found
    assert refusals == []


def test_event_page_and_its_form_work_under_the_policies(page, refusals, picks):
    event = picks.events[0]
    response = page.goto(event["path"])
    assert response.headers["content-security-policy"] == SITE_POLICY
    page.locator("p.seats-live").wait_for()  # the live-seats script ran
    response = page.goto(urls.signup_path(event["slug"]))
    assert response.headers["content-security-policy"] == app_policy()
    assert refusals == []


def test_reach_dashboard_charts_keep_their_style_under_the_apps_policy(browser, stack):
    ctx = browser.new_context(base_url=stack.base_url, locale="nl-NL")
    try:
        page = ctx.new_page()
        refused: list[str] = []
        page.on("console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None)
        page.goto("/beheer/inloggen")
        page.get_by_label("Gebruikersnaam").fill(stack.admin_user)
        page.get_by_label("Wachtwoord").fill(stack.admin_password)
        page.get_by_role("button", name="Inloggen").click()
        response = page.goto("/beheer/bereik")
        assert "'nonce-" in response.headers["content-security-policy"]
        page.wait_for_load_state("networkidle")
        # pygal's stylesheet applied: its chart background rule is in force, not the browser default.
        fill = page.eval_on_selector(".pygal-chart .background", "el => getComputedStyle(el).fill")
        assert fill not in ("", "rgb(0, 0, 0)")
        assert refused == []
    finally:
        ctx.close()
