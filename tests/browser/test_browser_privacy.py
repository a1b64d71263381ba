"""Seen from the browser: no page of the site or the app makes a request to another host."""

from __future__ import annotations

from leerstad import urls

PAGES = [
    urls.home_path(),
    urls.sectors_index_path(),
    urls.sector_path("haven-en-logistiek"),
    urls.story_path("mbo-student-op-de-maasvlakte"),
    urls.events_index_path(),
    urls.netwerkweek_path(2027),
    urls.event_path("excursie-bouwplaats-zuid"),
    urls.hub_path("jongerenhub-charlois"),
    urls.internships_index_path(),
    urls.internship_path("stage-software-developer"),
    urls.page_path("contact"),
    urls.signup_path("excursie-bouwplaats-zuid"),
    "/beheer/inloggen",
]


def test_no_page_asks_another_host_for_anything_while_it_loads_or_searches(page, stack):
    requested: list[str] = []
    page.context.on("request", lambda request: requested.append(request.url))
    for path in PAGES:
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
