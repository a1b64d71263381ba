"""Stagemarkt: only current offers are shown, grouped by sector and level, with a feed."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from leerstad import urls

ATOM = "{http://www.w3.org/2005/Atom}"


def offer_links(page):
    return [a["href"] for a in page.select("main .card-title a")]


def test_expired_offer_gets_no_page_and_is_not_listed(site):
    assert not site.exists(urls.internship_path("zomerstage-magazijn"))
    for path in (urls.internships_index_path(), urls.internships_level_path("mbo"), urls.sector_path("haven")):
        assert urls.internship_path("zomerstage-magazijn") not in offer_links(site.page(path)), path


def test_listing_says_how_many_offers_are_current(site):
    count = site.page(urls.internships_index_path()).select_one("main .count").get_text(" ", strip=True)
    assert count == "2 stages zijn nu actueel."


def test_listing_groups_offers_by_sector(site):
    main = site.page(urls.internships_index_path()).main
    groups = [(s.h2.get_text(), [a["href"] for a in s.select(".card-title a")]) for s in main.select("section")]
    assert groups == [
        ("Haven en logistiek", [urls.internship_path("operator-maasvlakte")]),
        ("Zorg en welzijn", [urls.internship_path("groepsstage-zorg")]),
    ]


def test_level_views_list_the_offers_for_that_level(site):
    assert offer_links(site.page(urls.internships_level_path("pro"))) == [urls.internship_path("groepsstage-zorg")]
    assert offer_links(site.page(urls.internships_level_path("mbo"))) == [urls.internship_path("operator-maasvlakte")]
    assert not site.exists(urls.internships_level_path("wo"))


def test_group_internship_view_lists_only_group_offers(site):
    assert offer_links(site.page(urls.group_internships_path())) == [urls.internship_path("groepsstage-zorg")]


def test_offer_page_says_how_to_apply_and_group_details(site):
    main = site.page(urls.internship_path("groepsstage-zorg")).main
    assert main.select_one(".apply p").get_text() == "Docenten mailen naar groepsstage@zorg.example"
    text = main.get_text(" ", strip=True)
    assert "groep van 6-8 leerlingen" in text
    assert "Een docent van school is de hele week bij de groep." in text
    assert urls.sector_path("zorg") in {a["href"] for a in main.select("a[href]")}


def test_offer_feed_lists_current_offers_only(site):
    feed = ET.parse(site.output / urls.internships_feed_path().lstrip("/")).getroot()
    links = sorted(entry.find(f"{ATOM}link").get("href") for entry in feed.iter(f"{ATOM}entry"))
    assert links == [
        "http://localhost:8000" + urls.internship_path("groepsstage-zorg"),
        "http://localhost:8000" + urls.internship_path("operator-maasvlakte"),
    ]
