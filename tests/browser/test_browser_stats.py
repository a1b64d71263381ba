"""Website statistics seen from a real chromium: pages of the built site are counted, without a cookie, and the admin sees them."""

from __future__ import annotations

import sqlite3

from playwright.sync_api import expect

from leerstad import urls
from registration import config

# crawlerdetect rightly lists "HeadlessChrome" as a bot, so these visits present themselves as the
# desktop Chrome a visitor has; every other browser test keeps the headless agent and is not counted.
VISITOR_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"


def _views(stack, path: str, dimension: str = "pagina") -> int:
    with sqlite3.connect(config.stats_database(stack.app.config)) as conn:
        row = conn.execute("SELECT sum(views) FROM stats_daily WHERE dimension = ? AND value = ?", [dimension, path]).fetchone()
    return row[0] or 0


def _visit(page, path: str) -> None:
    """Open a page and wait until the server has answered its beacon."""
    with page.expect_response(lambda r: r.url.endswith(urls.stats_beacon_path())) as answered:
        page.goto(path)
    assert answered.value.status == 204


def _log_in(page, stack) -> None:
    page.goto(urls.admin_login_path())
    page.get_by_label("Gebruikersnaam").fill(stack.admin_user)
    page.get_by_label("Wachtwoord").fill(stack.admin_password)
    page.get_by_role("button", name="Inloggen").click()
    expect(page).not_to_have_url(stack.url(urls.admin_login_path()))


def test_visits_to_the_built_site_are_counted_without_cookies_and_the_admin_sees_them(browser, stack, picks):
    sector = picks.first_child(urls.sectors_index_path())
    event = picks.events[0]["path"]
    internship = picks.first_child(urls.internships_index_path(), skip=urls.INTERNSHIP_VIEW_SLUGS)
    before = {path: _views(stack, path) for path in (sector, event, internship)}
    applied_before = _views(stack, "reageer", "actie")

    context = browser.new_context(base_url=stack.base_url, user_agent=VISITOR_AGENT, locale="nl-NL")
    cookies_set: list[str] = []
    context.on("response", lambda r: cookies_set.append(r.url) if r.header_value("set-cookie") else None)
    try:
        page = context.new_page()
        for _ in range(5):  # five views: the admin sees the number, not "< 5"
            _visit(page, sector)
        _visit(page, event)
        _visit(page, internship)
        # Copying the address to write to counts as "reageer"; wait for its beacon's answer, not for the network to rest.
        with page.expect_response(lambda r: r.url.endswith(urls.stats_beacon_path()) and "e=reageer" in (r.request.post_data or "")):
            page.locator("section.apply p").dispatch_event("copy")
        assert context.cookies() == []
        assert page.evaluate("window.localStorage.length + window.sessionStorage.length") == 0
    finally:
        context.close()

    assert cookies_set == []
    assert _views(stack, "reageer", "actie") - applied_before == 1
    assert _views(stack, sector) - before[sector] == 5
    assert _views(stack, event) - before[event] == 1
    assert _views(stack, internship) - before[internship] == 1

    admin = browser.new_context(base_url=stack.base_url)
    try:
        page = admin.new_page()
        _log_in(page, stack)
        page.goto(urls.admin_website_path())
        expect(page.get_by_role("heading", level=1)).to_have_text("Websitestatistieken")
        pages = page.get_by_role("table", name="Weergaven en bezoekers per pagina")
        row = pages.get_by_role("row").filter(has=page.get_by_role("rowheader", name=sector, exact=True))
        expect(row.get_by_role("cell").first).to_have_text(str(5 + before[sector]))
        expect(pages.get_by_role("rowheader", name=event, exact=True)).to_be_visible()
        expect(page.get_by_role("heading", name="Stagemarkt, alle sectoren")).to_be_visible()
    finally:
        admin.close()


def test_without_javascript_the_pixel_counts_the_page_and_sets_no_cookie(browser, stack, picks):
    path = picks.first_child(urls.stories_index_path())
    before = _views(stack, path)
    context = browser.new_context(base_url=stack.base_url, user_agent=VISITOR_AGENT, java_script_enabled=False)
    pixels = []
    context.on("response", lambda r: pixels.append((r.status, r.header_value("set-cookie"))) if urls.stats_pixel_path() in r.url else None)
    try:
        page = context.new_page()
        page.goto(path)
        page.wait_for_load_state("networkidle")
        assert context.cookies() == []
    finally:
        context.close()
    assert pixels == [(200, None)]  # loaded once, and without a cookie
    assert _views(stack, path) == before + 1


def test_global_privacy_control_is_respected_by_the_page(browser, stack, picks):
    path = picks.first_child(urls.hubs_index_path())
    before = _views(stack, path)
    context = browser.new_context(base_url=stack.base_url, user_agent=VISITOR_AGENT)
    context.add_init_script("Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true });")
    beacons = []
    context.on("request", lambda r: beacons.append(r.url) if urls.stats_beacon_path() in r.url else None)
    try:
        page = context.new_page()
        page.goto(path)
        page.wait_for_load_state("networkidle")
    finally:
        context.close()
    assert beacons == []
    assert _views(stack, path) == before
