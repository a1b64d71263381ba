"""Event pages and the Netwerkweek programme as a visitor sees them."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from leerstad import urls


def test_event_page_shows_dutch_date_place_and_details(site):
    main = site.page(urls.event_path("opening-netwerkweek")).main
    text = main.get_text(" ", strip=True)
    assert main.select_one("dd time").get_text() == "maandag 15 maart 2027, 10:00–12:00"
    assert "De Doelen, Willem Burgerzaal" in text and "Kruisplein 40, 3012 CC Rotterdam" in text
    assert "mbo, hbo, werkgevers" in text
    assert "conferentie" in text
    assert "Gemeente Rotterdam" in text
    assert "300 plaatsen" in text


def test_open_event_has_signup_button_to_the_app(site):
    button = site.page(urls.event_path("opening-netwerkweek")).select_one("main a.button")
    assert button.get_text(strip=True) == "Aanmelden"
    assert button["href"] == urls.signup_path("opening-netwerkweek") == "/aanmelden/opening-netwerkweek"


def test_cancelled_event_says_geannuleerd_and_offers_no_signup(site):
    main = site.page(urls.event_path("zorgcafe")).main
    assert "Geannuleerd" in main.select_one(".notice-cancelled").get_text()
    assert not [a for a in main.select("a[href]") if a["href"].startswith("/aanmelden/")]


def test_cancelled_event_is_marked_in_lists(site):
    card = site.page(urls.hub_path("feijenoord")).select_one('main a[href="/evenementen/zorgcafe/"]').find_parent("article")
    assert "Geannuleerd" in card.get_text()


def test_event_page_offers_download_subscribe_and_add_to_calendar_links(site):
    links = {a["href"] for a in site.page(urls.event_path("excursie-terminal")).select(".calendar-links a")}
    assert urls.event_ics_path("excursie-terminal") in links
    assert "webcal://localhost:8000" + urls.programme_ics_path() in links
    assert "webcal://localhost:8000" + urls.sector_ics_path("haven") in links
    assert "webcal://localhost:8000" + urls.hub_ics_path("feijenoord") in links
    # Issue 20: the page now also has Google's subscribe links (render?cid=), so pick the add-event one.
    google = next(urlsplit(link) for link in links if link.startswith("https://calendar.google.com/") and "action=TEMPLATE" in link)
    assert parse_qs(google.query)["dates"] == ["20270316T120000Z/20270316T150000Z"]
    assert any(link.startswith("https://outlook.live.com/calendar/") for link in links)


@pytest.mark.parametrize("slug", ["excursie-terminal", "zorgcafe", "opening-netwerkweek"])
def test_every_event_page_offers_google_subscribe_with_the_encoded_webcal_address(site, slug):
    links = {a["href"] for a in site.page(urls.event_path(slug)).select(".calendar-links a")}
    programme = "https://calendar.google.com/calendar/render?cid=" + quote("webcal://localhost:8000" + urls.programme_ics_path(), safe="")
    assert programme in links
    assert urls.programme_ics_path() in links  # the address to copy, for Android and others
    text = site.page(urls.event_path(slug)).select_one(".calendar-links").get_text(" ")
    assert "Android" in text and ".ics" not in text and "webcal" not in text.lower()


def test_outlook_links_for_personal_and_work_accounts_send_utc(site):
    links = [a["href"] for a in site.page(urls.event_path("excursie-terminal")).select(".calendar-links a")]
    outlook = [urlsplit(link) for link in links if "/deeplink/compose" in link]
    assert {u.netloc for u in outlook} == {"outlook.live.com", "outlook.office.com"}
    for link in outlook:
        query = parse_qs(link.query)
        assert (query["startdt"], query["enddt"]) == (["2027-03-16T12:00:00Z"], ["2027-03-16T15:00:00Z"])


def test_live_seats_are_an_enhancement_hidden_until_the_script_fills_them(site):
    page = site.page(urls.event_path("opening-netwerkweek"))
    slot = page.select_one("p.seats-live")
    assert slot["data-event"] == "opening-netwerkweek"
    assert slot.has_attr("hidden")
    assert page.select_one("script[src]")["src"] == "/theme/js/availability.js"
    script = (site.output / "theme" / "js" / "availability.js").read_text(encoding="utf-8")
    assert urls.availability_path() in script


def test_programme_groups_sessions_by_day_and_links_each_session(site):
    main = site.page(urls.netwerkweek_path(2027)).main
    days = [(section.h2.get_text(), [a["href"] for a in section.select(".card-title a")]) for section in main.select("section")]
    assert days == [
        ("maandag 15 maart 2027", [urls.event_path("opening-netwerkweek")]),
        ("dinsdag 16 maart 2027", [urls.event_path("excursie-terminal")]),
    ]
    assert urls.event_path("zorgcafe") not in {a["href"] for a in main.select("a[href]")}  # not a Netwerkweek session


def test_programme_has_static_views_per_day_sector_and_audience(site):
    nav = {a["href"] for a in site.page(urls.netwerkweek_path(2027)).select("nav.programme-nav a")}
    assert urls.netwerkweek_day_path(2027, dt.date(2027, 3, 16)) in nav
    assert urls.netwerkweek_sector_path(2027, "zorg") in nav
    assert urls.netwerkweek_audience_path(2027, "docenten") in nav

    def sessions(path):
        return [a["href"] for a in site.page(path).select("main section .card-title a")]

    assert sessions(urls.netwerkweek_sector_path(2027, "zorg")) == [urls.event_path("opening-netwerkweek")]
    assert sessions(urls.netwerkweek_audience_path(2027, "docenten")) == [urls.event_path("excursie-terminal")]
    assert not site.exists(urls.netwerkweek_audience_path(2027, "wo"))  # no sessions for wo: no empty page


def test_agenda_lists_upcoming_events_by_day(site):
    headings = [h.get_text() for h in site.page(urls.events_index_path()).select("main section h2")]
    assert headings == ["woensdag 20 januari 2027", "maandag 15 maart 2027", "dinsdag 16 maart 2027"]


def test_cancelled_event_is_not_offered_for_adding_to_google_or_outlook(site):
    links = {a["href"] for a in site.page(urls.event_path("zorgcafe")).select(".calendar-links a")}
    assert urls.event_ics_path("zorgcafe") in links  # the .ics says STATUS:CANCELLED, so calendars can update
    # Issue 20: Google's subscribe links (render?cid=) for the feeds stay; adding this one event does not.
    adding = [link for link in links if link.startswith(("https://calendar.google.com/", "https://outlook.")) and "cid=" not in link]
    assert not adding
