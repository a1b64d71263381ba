"""Organisations: references by slug are checked, and partner pages tie events, offers and stories together."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from leerstad import check, urls
from leerstad.content import load_content
from leerstad.model import TIMEZONE

PAST_EVENT = """\
Title: Havendag 2026
Summary: Een dag op de terminal, al voorbij.
Start: 2026-06-10 10:00
End: 2026-06-10 16:00
Location: Maasvlakte
Address: Europaweg 1, 3199 LC Rotterdam
Sectors: haven
Audience: vmbo
Registration: none
Organiser: voorbeeldterminal

Deze dag is voorbij.
"""

ONE_OFF_EVENT = """\
Title: Buurtmiddag techniek
Summary: Een middag knutselen met techniek in de buurt.
Start: 2027-04-07 14:00
End: 2027-04-07 17:00
Location: Buurthuis De Esch
Address: Esch 1, 3062 AA Rotterdam
Sectors: haven
Audience: vmbo
Registration: none
Organiser: Buurtvereniging De Esch

Gewoon binnenlopen.
"""


def line_of(path: Path, key: str) -> int:
    return next(n for n, row in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if row.startswith(f"{key}:"))


def replace_line(path: Path, key: str, value: str) -> int:
    """Set `Key: value` in a content file (adding the line after Title if missing); returns its line."""
    text = path.read_text(encoding="utf-8")
    if re.search(rf"^{key}: ", text, re.M):
        text = re.sub(rf"^{key}: .*$", f"{key}: {value}", text, count=1, flags=re.M)
    else:
        text = text.replace("\n", f"\n{key}: {value}\n", 1)
    path.write_text(text, encoding="utf-8")
    return line_of(path, key)


@pytest.fixture
def content_copy(tmp_path: Path, fixture_source: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(fixture_source, content)
    return content


@pytest.fixture(scope="module")
def partner_site(tmp_path_factory, fixture_content: Path, pelican_build):
    """The fixture site plus a past event of the terminal and an event with a one-off organiser name."""
    content = tmp_path_factory.mktemp("partners") / "content"
    shutil.copytree(fixture_content, content)
    (content / "events" / "havendag-2026.md").write_text(PAST_EVENT, encoding="utf-8")
    (content / "events" / "buurtmiddag-techniek.md").write_text(ONE_OFF_EVENT, encoding="utf-8")
    build = pelican_build(content, content.parent / "output", "--fatal", "errors")
    assert build.returncode == 0, build.log
    return build


def links(page) -> set[str]:
    return {a["href"] for a in page.select("main a[href]")}


# --- make check


@pytest.mark.parametrize(
    ("file", "key", "value", "shown"),
    [
        ("events/excursie-terminal.md", "Organiser", "voorbeeldtermnal", "organiser"),
        ("events/opening-netwerkweek.md", "Partners", "voorbeeldterminal, zorggroep-voorbeelt", "partners"),
        ("stagemarkt/operator-maasvlakte.md", "Organisation", "voorbeeldtermnal", "organisation"),
        ("stories/havenstudent.md", "Organisations", "voorbeeldtermnal", "organisations"),
    ],
)
def test_make_check_names_an_unknown_organisation_with_file_line_field_and_a_close_match(content_copy, capsys, file, key, value, shown):
    line = replace_line(content_copy / file, key, value)
    assert check.main([str(content_copy)]) == 1
    errors = capsys.readouterr().err.splitlines()
    wrong = value.split(", ")[-1]
    expected = f"content/{file}:{line}: {shown}: onbekende organisatie '{wrong}'; bedoel je '"
    found = [e for e in errors if e.startswith(expected)]
    assert found, errors
    assert "bestaande organisaties: gemeente-rotterdam, voorbeeldterminal, zorggroep-voorbeeld" in found[0]


def test_a_one_off_organiser_name_is_a_warning_that_suggests_an_organisation_file(content_copy, capsys):
    line = replace_line(content_copy / "events" / "zorgcafe.md", "Organiser", "Buurtvereniging De Esch")
    assert check.main([str(content_copy)]) == 0
    said = capsys.readouterr()
    assert (
        f"content/events/zorgcafe.md:{line}: organiser: waarschuwing: 'Buurtvereniging De Esch' is een losse naam: "
        "geen link naar een organisatiepagina; maak er een aan in content/organisaties/ en schrijf hier de slug"
    ) in said.err
    assert "1 waarschuwing(en)" in said.out


def test_the_name_of_a_known_organisation_gets_a_warning_naming_its_slug(content_copy):
    replace_line(content_copy / "stagemarkt" / "operator-maasvlakte.md", "Organisation", "Voorbeeldterminal (voorbeeld)")
    content = load_content(content_copy)
    assert content.errors == []
    assert [p.message for p in content.warnings] == [
        "'Voorbeeldterminal (voorbeeld)' is een losse naam: dat is organisatie 'voorbeeldterminal'; "
        "schrijf die slug, dan linkt de pagina ernaar"
    ]


def test_an_organisation_with_a_logo_needs_a_description_and_a_published_file(content_copy):
    path = content_copy / "organisaties" / "voorbeeldterminal.md"
    line = replace_line(path, "Logo", "logos/terminal.svg")
    errors = [str(p) for p in load_content(content_copy).errors]
    assert errors == [
        f"content/organisaties/voorbeeldterminal.md:{line}: logo-alt: een logo heeft een beschrijving (Logo-alt) nodig, "
        "bijv. 'Logo van Voorbeeld Haven'"
    ]
    replace_line(path, "Logo-alt", "Logo van Voorbeeldterminal: een blauwe kraan")
    errors = [str(p) for p in load_content(content_copy).errors]
    assert len(errors) == 1 and errors[0].startswith(
        f"content/organisaties/voorbeeldterminal.md:{line_of(path, 'Logo')}: logo: 'logos/terminal.svg' staat niet in content/images/"
    )


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("Website", "www.voorbeeldterminal.example",
         "'www.voorbeeldterminal.example' is geen webadres; schrijf het volledig, bijv. https://www.voorbeeld.example/"),
        ("Kind", "multinational", "onbekende waarde 'multinational'; kies uit: bedrijf, school, overheid, non-profit, kennisinstelling"),
    ],
)
def test_an_organisation_needs_a_full_https_website_and_a_known_kind(content_copy, key, value, message):
    line = replace_line(content_copy / "organisaties" / "voorbeeldterminal.md", key, value)
    assert [str(p) for p in load_content(content_copy).errors] == [
        f"content/organisaties/voorbeeldterminal.md:{line}: {key.lower()}: {message}"
    ]


# --- pages


def test_partner_page_lists_upcoming_events_as_organiser_or_partner_but_not_past_ones(partner_site):
    page = partner_site.page(urls.organisation_path("voorbeeldterminal"))
    events = [a["href"] for a in page.select("section[aria-labelledby=partner-events] .card-title a")]
    assert events == [urls.event_path("opening-netwerkweek"), urls.event_path("excursie-terminal")]
    assert urls.event_path("havendag-2026") not in links(page)


def test_partner_page_lists_current_offers_but_not_expired_ones(partner_site):
    page = partner_site.page(urls.organisation_path("voorbeeldterminal"))
    offers = [a["href"] for a in page.select("section[aria-labelledby=partner-stages] .card-title a")]
    assert offers == [urls.internship_path("operator-maasvlakte")]
    assert urls.internship_path("zomerstage-magazijn") not in links(page)


def test_partner_page_lists_the_stories_about_the_organisation(partner_site):
    page = partner_site.page(urls.organisation_path("voorbeeldterminal"))
    stories = [a["href"] for a in page.select("section[aria-labelledby=partner-verhalen] .card-title a")]
    assert stories == [urls.story_path("havenstudent")]
    empty = partner_site.page(urls.organisation_path("zorggroep-voorbeeld"))
    assert "Er zijn nog geen verhalen over Zorggroep Voorbeeld (voorbeeld)." in empty.main.get_text(" ", strip=True)


def test_partner_page_shows_kind_sectors_and_website_and_is_searchable(partner_site):
    page = partner_site.page(urls.organisation_path("voorbeeldterminal"))
    body = page.select_one("main [data-pagefind-body]")
    assert body["data-pagefind-filter"] == "soort:Partner"
    assert body.h1.get_text() == "Voorbeeldterminal (voorbeeld)"
    assert page.select_one("[data-pagefind-filter=organisatiesoort]").get_text() == "bedrijf"
    assert [a.get_text() for a in page.select("a[data-pagefind-filter=sector]")] == ["Haven en logistiek"]
    assert "https://www.voorbeeldterminal.example/" in links(page)


def test_partner_index_groups_organisations_by_kind_and_by_sector(partner_site):
    page = partner_site.page(urls.organisations_index_path())
    kinds = [
        (section.h2.get_text(), [a["href"] for a in section.select(".card-title a")])
        for section in page.select("main section[aria-labelledby^=soort-]")
    ]
    assert kinds == [
        ("Bedrijven", [urls.organisation_path("voorbeeldterminal")]),
        ("Overheid", [urls.organisation_path("gemeente-rotterdam")]),
        ("Non-profitorganisaties", [urls.organisation_path("zorggroep-voorbeeld")]),
    ]
    per_sector = page.select_one("section[aria-labelledby=per-sector] dl")
    assert [dt.get_text() for dt in per_sector.select("dt")] == ["Haven en logistiek", "Zorg en welzijn"]
    assert "Sectoren: Haven en logistiek" in page.select_one(".organisation-card .tags").get_text(" ", strip=True)


def test_navigation_links_the_partner_index(partner_site):
    nav = partner_site.page(urls.home_path()).select_one("nav[aria-label=Hoofdmenu]")
    assert urls.organisations_index_path() in {a["href"] for a in nav.select("a")}


def test_event_page_links_its_organiser_and_partners(partner_site):
    page = partner_site.page(urls.event_path("opening-netwerkweek"))
    details = page.select_one("main dl.details")
    organiser = details.find("dt", string="Organisatie").find_next_sibling("dd")
    assert [(a["href"], a.get_text()) for a in organiser.select("a")] == [(urls.organisation_path("gemeente-rotterdam"), "Gemeente Rotterdam")]
    partners = details.find("dt", string="Deelnemende organisaties").find_next_sibling("dd")
    assert [a["href"] for a in partners.select("a")] == [
        urls.organisation_path("voorbeeldterminal"), urls.organisation_path("zorggroep-voorbeeld")
    ]


def test_one_off_organiser_name_is_plain_text_and_still_builds(partner_site):
    page = partner_site.page(urls.event_path("buurtmiddag-techniek"))
    organiser = page.select_one("main dl.details").find("dt", string="Organisatie").find_next_sibling("dd")
    assert organiser.get_text() == "Buurtvereniging De Esch" and organiser.a is None
    assert "waarschuwing: 'Buurtvereniging De Esch' is een losse naam" in partner_site.log


def test_offer_and_story_pages_link_their_organisations(partner_site):
    offer = partner_site.page(urls.internship_path("operator-maasvlakte"))
    assert urls.organisation_path("voorbeeldterminal") in links(offer)
    assert " bij Voorbeeldterminal (voorbeeld) | " in offer.title.get_text()
    story = partner_site.page(urls.story_path("havenstudent"))
    assert urls.organisation_path("voorbeeldterminal") in links(story)


def test_calendar_shows_the_organisers_name_not_its_slug(partner_site):
    ics = (partner_site.output / urls.event_ics_path("excursie-terminal").lstrip("/")).read_text(encoding="utf-8")
    unfolded = ics.replace("\n ", "")  # read_text has turned CRLF into \n; a folded line goes on after a space
    assert "Organisatie: Voorbeeldterminal (voorbeeld)" in unfolded
    assert "Organisatie: voorbeeldterminal" not in unfolded


# --- the real content


def test_every_event_and_offer_of_the_real_content_links_to_an_existing_partner_page(real_site):
    assert real_site.returncode == 0, real_site.log
    content = load_content(Path(__file__).resolve().parents[1] / "content")
    assert content.organisations, "content/organisaties/ is empty"
    pages = [urls.event_path(slug) for slug in content.events]
    # The real build is not pinned to a moment: offers are current as of today.
    pages += [urls.internship_path(i.slug) for i in content.current_internships(dt.datetime.now(TIMEZONE).date())]
    for path in pages:
        organiser = real_site.page(path).select_one("main dl.details").find("dt", string="Organisatie").find_next_sibling("dd")
        linked = [a["href"] for a in organiser.select("a")]
        assert len(linked) == 1 and linked[0].startswith("/partners/"), path
        assert real_site.exists(linked[0]), f"{path} links {linked[0]}, which was not built"

