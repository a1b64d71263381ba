"""Seen from the browser: no page of the site or the app makes a request to another host."""

from __future__ import annotations

from leerstad import urls


def test_no_page_asks_another_host_for_anything_while_it_loads_or_searches(page, stack, picks):
    event = picks.events[0]
    pages = [
        urls.home_path(), urls.sectors_index_path(), picks.first_child(urls.sectors_index_path()),
        picks.first_child(urls.stories_index_path()), urls.events_index_path(), picks.first_child("/netwerkweek/"),
        event["path"], picks.first_child(urls.hubs_index_path()), urls.internships_index_path(),
        picks.first_child(urls.internships_index_path(), skip=("niveau", "groepsstages")), urls.page_path("contact"),
        urls.signup_path(event["slug"]), "/beheer/inloggen",
    ]
    requested: list[str] = []
    page.context.on("request", lambda request: requested.append(request.url))
    for path in pages:
        page.goto(path)
        page.wait_for_load_state("networkidle")
    page.goto(urls.search_path())
    page.get_by_role("textbox", name="Zoek op deze site").fill("haven")
    page.locator(".pagefind-ui__result-link").first.wait_for()
    page.wait_for_load_state("networkidle")

    elsewhere = sorted({url for url in requested if not url.startswith((stack.base_url + "/", "data:", "blob:"))})
    assert elsewhere == []
    assert any("/pagefind/" in url for url in requested), "the search ran without loading its index, so it was not tested"
    assert any(url.endswith(urls.availability_path()) for url in requested), "the live seats script did not run"
