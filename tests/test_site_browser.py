"""What the JavaScript adds, seen in a real browser: live seats on event pages and search."""

from __future__ import annotations

import json
import os
import shutil
import threading
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from leerstad import urls

AVAILABILITY = {"events": {"opening-netwerkweek": {"seats_left": 12, "waiting": 0}, "excursie-terminal": {"seats_left": 0, "waiting": 3}}}


class SiteWithApp(SimpleHTTPRequestHandler):
    """Serves the built site, and answers the app's availability URL as the Flask app would."""

    def do_GET(self):
        if self.path == urls.availability_path():
            body = json.dumps(AVAILABILITY).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def base_url(site):
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(SiteWithApp, directory=str(site.output)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def in_browser():
    """Runs a function with a chromium browser, in a thread of its own.

    Playwright's sync API refuses to start while another one runs in the same thread, and the
    app's browser tests keep theirs open for the whole session; a worker thread has its own.
    """
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is not installed: .ci/run installs it")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="site-browser")
    state = {}

    def start():
        state["playwright"] = sync_playwright().start()
        state["browser"] = state["playwright"].chromium.launch(executable_path=chromium, args=["--no-sandbox"])

    def stop():
        state["browser"].close()
        state["playwright"].stop()

    worker.submit(start).result(timeout=60)
    yield lambda action: worker.submit(action, state["browser"]).result(timeout=60)
    worker.submit(stop).result(timeout=60)
    worker.shutdown()


def live_seats_text(base_url, slug):
    def action(browser):
        page = browser.new_page()
        try:
            page.goto(base_url + urls.event_path(slug))
            slot = page.locator("p.seats-live")
            slot.wait_for(state="visible", timeout=5000)
            return slot.inner_text()
        finally:
            page.close()

    return action


def test_event_page_shows_live_seats_left_from_the_app(in_browser, base_url):
    assert in_browser(live_seats_text(base_url, "opening-netwerkweek")) == "Nog 12 plaatsen vrij."


def test_full_event_page_mentions_the_waiting_list(in_browser, base_url):
    assert in_browser(live_seats_text(base_url, "excursie-terminal")) == "Vol: je kunt je aanmelden voor de wachtlijst (3 mensen wachten)."


def test_search_finds_a_sector_by_a_word_from_its_page(in_browser, base_url):
    def action(browser):
        page = browser.new_page()
        try:
            page.goto(base_url + urls.search_path())
            page.fill("#zoeken input", "havenoperator")
            page.locator(".pagefind-ui__result-link").first.wait_for(timeout=5000)
            return page.eval_on_selector_all(".pagefind-ui__result-link", "links => links.map(a => new URL(a.href).pathname)")
        finally:
            page.close()

    assert urls.sector_path("haven") in in_browser(action)


def test_search_can_narrow_results_to_one_kind_of_page(in_browser, base_url):
    def action(browser):
        page = browser.new_page()
        try:
            page.goto(base_url + urls.search_path())
            return page.evaluate("async () => { const pagefind = await import('/pagefind/pagefind.js'); return await pagefind.filters(); }")
        finally:
            page.close()

    # Partner pages can also be narrowed by their kind of organisation and their sectors.
    assert in_browser(action) == {
        "soort": {"Evenement": 3, "Informatie": 1, "Jongerenhub": 1, "Partner": 4, "Sector": 2, "Stage": 2, "Verhaal": 2},
        "organisatiesoort": {"bedrijf": 1, "non-profit": 1, "overheid": 1},
        "sector": {"Haven en logistiek": 2, "Zorg en welzijn": 2},
    }
