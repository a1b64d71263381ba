"""Visitors find the way to take part: offer an internship, send an idea, subscribe to a day."""

from __future__ import annotations

import datetime as dt

from leerstad import urls


def hrefs(page) -> list[str]:
    return [a["href"] for a in page.select("main a[href]")]


def test_every_stagemarkt_listing_invites_employers_to_offer_an_internship(site):
    for path in (urls.internships_index_path(), urls.internships_level_path("mbo"), urls.group_internships_path()):
        assert urls.offer_form_path() in hrefs(site.page(path)), path


def test_hub_directory_and_hub_page_lead_to_the_idea_form(site):
    assert urls.idea_form_path() in hrefs(site.page(urls.hubs_index_path()))
    assert f"{urls.idea_form_path()}?hub=feijenoord" in hrefs(site.page(urls.hub_path("feijenoord")))


def test_programme_day_view_offers_that_days_calendar_feed(site):
    day = dt.date(2027, 3, 15)
    links = hrefs(site.page(urls.netwerkweek_day_path(2027, day)))
    assert urls.day_ics_path(day) in links
    assert site.exists(urls.day_ics_path(day))
