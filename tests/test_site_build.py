"""The fixture content builds into every page type, and pages link to each other."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from leerstad import urls

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.mark.parametrize(
    "path",
    [
        urls.home_path(),
        urls.sectors_index_path(),
        urls.sector_path("haven"),
        urls.stories_index_path(),
        urls.story_path("havenstudent"),
        urls.events_index_path(),
        urls.event_path("opening-netwerkweek"),
        urls.netwerkweek_path(2027),
        urls.hubs_index_path(),
        urls.hub_path("feijenoord"),
        urls.internships_index_path(),
        urls.internships_level_path("mbo"),
        urls.group_internships_path(),
        urls.internship_path("operator-maasvlakte"),
        urls.page_path("over-leerstad"),
        urls.search_path(),
        "/404.html",
        "/sitemap.xml",
        "/robots.txt",
        urls.stories_feed_path(),
        urls.internships_feed_path(),
        urls.events_json_path(),
    ],
)
def test_page_exists(site, path):
    assert site.exists(path), f"{path} was not built"


def hrefs(soup, within="main"):
    return {a["href"] for a in soup.select(f"{within} a[href]")}


def test_sector_page_links_to_its_events_and_stories(site):
    page = site.page(urls.sector_path("haven"))
    links = hrefs(page)
    assert urls.event_path("opening-netwerkweek") in links
    assert urls.event_path("excursie-terminal") in links
    assert urls.story_path("havenstudent") in links
    assert urls.internship_path("operator-maasvlakte") in links
    # Not its sector: the zorg story and the zorg-only event stay off the haven page.
    assert urls.story_path("van-bijstand-naar-voor-de-klas") not in links
    assert urls.event_path("zorgcafe") not in links


def test_sector_page_shows_each_shortage_figure_with_its_source_professions_and_target(site):
    main = site.page(urls.sector_path("haven")).main
    figures = [li.get_text(" ", strip=True) for li in main.select(".figures li")]
    assert figures == [
        "ruim 2.000 openstaande vacatures Bron: UWV 2026",
        "1 op 4 medewerkers gaat binnen tien jaar met pensioen Bron: Port of Rotterdam 2025",
    ]
    assert [t.get_text() for t in main.select("#beroepen + ul .tag")] == ["havenoperator", "monteur", "planner"]
    assert main.select_one(".big-number").get_text() == "800"


def test_sectors_overview_lists_sectors_in_editor_order(site):
    titles = [a.strong.get_text() for a in site.page(urls.sectors_index_path()).select("main .link-grid a")]
    assert titles == ["Haven en logistiek", "Zorg en welzijn"]


def test_event_page_links_to_its_sector_pages_and_hub(site):
    links = hrefs(site.page(urls.event_path("excursie-terminal")))
    assert urls.sector_path("haven") in links
    assert urls.hub_path("feijenoord") in links


def test_hub_page_lists_its_upcoming_events_and_calendar_feed(site):
    page = site.page(urls.hub_path("feijenoord"))
    links = hrefs(page)
    assert urls.event_path("excursie-terminal") in links
    assert urls.event_path("zorgcafe") in links
    assert urls.event_path("opening-netwerkweek") not in links  # takes place elsewhere
    assert "webcal://localhost:8000" + urls.hub_ics_path("feijenoord") in links


def test_hub_directory_shows_wijk_ages_and_opening_hours(site):
    card = site.page(urls.hubs_index_path()).select_one("main .card")
    text = card.get_text(" ", strip=True)
    assert "Feijenoord" in text
    assert "12 tot en met 27 jaar" in text
    assert "ma-vr 14:00-21:00" in text and "za 12:00-17:00" in text


def test_story_page_shows_image_with_alt_text_and_links_its_sector(site):
    page = site.page(urls.story_path("van-bijstand-naar-voor-de-klas"))
    image = page.select_one("main figure img")
    assert image["src"] == "/images/stories/samira.svg"
    assert image["alt"] == "Een vrouw wijst naar een schoolbord"
    assert site.exists("/images/stories/samira.svg")
    assert urls.sector_path("zorg") in hrefs(page)
    assert urls.stories_feed_path() in hrefs(page)


def test_story_list_links_every_story_newest_first(site):
    links = [a["href"] for a in site.page(urls.stories_index_path()).select("main .card-title a")]
    assert links == [urls.story_path("van-bijstand-naar-voor-de-klas"), urls.story_path("havenstudent")]


def test_story_feed_is_atom_with_every_story(site):
    feed = ET.parse(site.output / urls.stories_feed_path().lstrip("/")).getroot()
    assert feed.tag == f"{ATOM}feed"
    links = {entry.find(f"{ATOM}link").get("href") for entry in feed.iter(f"{ATOM}entry")}
    assert links == {
        "http://localhost:8000" + urls.story_path("havenstudent"),
        "http://localhost:8000" + urls.story_path("van-bijstand-naar-voor-de-klas"),
    }


def test_home_shows_next_events_stories_and_sectors(site):
    links = hrefs(site.page(urls.home_path()))
    assert urls.event_path("opening-netwerkweek") in links
    assert urls.event_path("zorgcafe") not in links  # cancelled: not advertised on the home page
    assert urls.story_path("havenstudent") in links
    assert {urls.sector_path("haven"), urls.sector_path("zorg")} <= links
    assert urls.netwerkweek_path(2027) in links


def test_footer_links_the_static_pages_that_exist(site):
    footer = hrefs(site.page(urls.home_path()), "footer")
    assert urls.page_path("over-leerstad") in footer
    assert urls.page_path("privacyverklaring") not in footer  # not in the fixture content: no dead link


def test_events_json_describes_every_event_for_the_app(site):
    records = {e["slug"]: e for e in json.loads((site.output / "events.json").read_text(encoding="utf-8"))["events"]}
    assert set(records) == {"opening-netwerkweek", "excursie-terminal", "meeloopdag-wijkzorg", "zorgcafe"}
    opening = records["opening-netwerkweek"]
    assert opening == {
        "slug": "opening-netwerkweek",
        "title": "Opening Netwerkweek",
        "start": "2027-03-15T10:00:00+01:00",
        "end": "2027-03-15T12:00:00+01:00",
        "sectors": ["haven", "zorg"],
        "audience": ["mbo", "hbo", "werkgevers"],
        "kind": "conferentie",
        "capacity": 300,
        "max_seats": 1,
        "registration": "open",
        "status": "scheduled",
        "hub": None,
        "edition": 2027,
        "url": "http://localhost:8000/evenementen/opening-netwerkweek/",
        "path": "/evenementen/opening-netwerkweek/",
    }
    assert records["zorgcafe"]["status"] == "cancelled"


def test_sitemap_lists_pages_but_not_the_404_page(site):
    sitemap = (site.output / "sitemap.xml").read_text(encoding="utf-8")
    assert "http://localhost:8000/sectoren/haven/" in sitemap
    assert "http://localhost:8000/verhalen/havenstudent/" in sitemap
    assert "404" not in sitemap
    assert "Sitemap: http://localhost:8000/sitemap.xml" in (site.output / "robots.txt").read_text(encoding="utf-8")


def test_pages_name_their_public_address_as_canonical_except_the_404_page(site):
    assert site.page(urls.story_path("havenstudent")).select_one("link[rel=canonical]")["href"] == "http://localhost:8000/verhalen/havenstudent/"
    assert site.page(urls.event_path("zorgcafe")).select_one("link[rel=canonical]")["href"] == "http://localhost:8000/evenementen/zorgcafe/"
    assert site.page("/404.html").select_one("link[rel=canonical]") is None
