"""An employer's offer goes all the way: form → moderation → export → a real Pelican build → gone after it expires.

Also the file writer on its own: the text it writes is the documented format, reads back
through the content model as the same offer, and shows submitted text as plain text.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from markdown import Markdown
from pelican.settings import DEFAULT_CONFIG

from leerstad import urls
from leerstad.internship_file import (
    InternshipOffer,
    OfferFileError,
    description_markdown,
    internship_markdown,
    offer_slug,
    read_back,
    slugify,
)
from registration import create_app
from tests.registration.offer_helpers import offer_fields

ROOT = Path(__file__).resolve().parents[1]
FIXTURE_CONTENT = ROOT / "tests" / "fixtures" / "content"
PUBLISHED = dt.date(2026, 11, 23)

OFFER = InternshipOffer(
    title="Stage timmerman nieuwbouw",
    summary="Bouw mee aan 120 nieuwe woningen in Rotterdam-Zuid.",
    organisation="Bouwbedrijf Zuid & Zn (voorbeeld)",
    sector="haven",
    levels=("vmbo", "mbo"),
    location="Rotterdam-Zuid",
    period="februari t/m juni 2027",
    hours=24,
    group=False,
    group_size=None,
    supervision=None,
    apply="Mail je cv naar stage@bouwbedrijf.example",
    expires=dt.date(2027, 6, 30),
    description="Je werkt mee op de bouwplaats.\n\nWat je leert:\n- kozijnen plaatsen\n- veilig werken",
)

DOCUMENTED_TEXT = """\
Title: Stage timmerman nieuwbouw
Summary: Bouw mee aan 120 nieuwe woningen in Rotterdam-Zuid.
Date: 2026-11-23
Organisation: Bouwbedrijf Zuid & Zn (voorbeeld)
Sector: haven
Levels: vmbo, mbo
Location: Rotterdam-Zuid
Period: februari t/m juni 2027
Hours: 24
Group: no
Apply: Mail je cv naar stage@bouwbedrijf.example
Expires: 2027-06-30

Je werkt mee op de bouwplaats.

Wat je leert:

- kozijnen plaatsen
- veilig werken
"""

# Everything a submitter might type that Markdown would turn into markup, a request or a vanished line.
HOSTILE_DESCRIPTION = (
    "Werktijden: 8-17 uur\n\n"
    "<script>alert('stage')</script>\n"
    "[klik hier](javascript:alert(1)) en ![pixel](https://tracker.example/p.gif)\n"
    "<img src=https://tracker.example/x.gif>\n"
    "# Een eigen kop\n"
    "Onderstreept\n===\n"
    "Tekst met *nadruk* en `code` {: onclick=alert(1) }"
)


def rendered(markdown_text: str) -> str:
    """Markdown to HTML with Pelican's default Markdown settings, as the site renders bodies."""
    return Markdown(**DEFAULT_CONFIG["MARKDOWN"]).convert(markdown_text)


def test_offer_file_is_written_in_the_documented_format():
    assert internship_markdown(OFFER, PUBLISHED) == DOCUMENTED_TEXT


def test_written_file_reads_back_through_the_model_as_the_same_offer():
    item, problems = read_back(internship_markdown(OFFER, PUBLISHED))
    assert problems == []
    assert item is not None
    assert (item.title, item.summary, item.organisation, item.sector, item.levels) == (
        OFFER.title, OFFER.summary, OFFER.organisation, OFFER.sector, OFFER.levels
    )
    assert (item.location, item.period, item.hours, item.group, item.apply) == (OFFER.location, OFFER.period, 24, False, OFFER.apply)
    assert (item.date, item.expires) == (PUBLISHED, OFFER.expires)


def test_group_offer_writes_group_size_and_supervision():
    group = dataclasses.replace(OFFER, group=True, group_size="6-8", supervision="Een docent gaat elke dag mee.")
    text = internship_markdown(group, PUBLISHED)
    assert "Group: yes\nGroup-size: 6-8\nSupervision: Een docent gaat elke dag mee.\n" in text
    item, problems = read_back(text)
    assert problems == [] and item is not None
    assert (item.group, item.group_size, item.supervision) == (True, "6-8", "Een docent gaat elke dag mee.")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"organisation": "Bouwbedrijf\nSector: zorg"}, "organisation"),
        ({"apply": "Mail ons\u2028Expires: 2099-01-01"}, "apply"),
        ({"hours": 41}, "hours"),
        ({"levels": ("mbo", "master")}, "levels"),
        ({"title": "t" * 151}, "title"),
        ({"group": True, "group_size": None, "supervision": "Docent"}, "group-size"),
        ({"description": "   \n  "}, "beschrijving"),
    ],
)
def test_offer_the_model_would_refuse_or_read_differently_is_never_written(changes, field):
    with pytest.raises(OfferFileError) as raised:
        internship_markdown(dataclasses.replace(OFFER, **changes), PUBLISHED)
    assert field in {problem.field for problem in raised.value.problems}


def test_submitted_description_shows_as_plain_text_without_markup_links_or_images():
    html = rendered(description_markdown(HOSTILE_DESCRIPTION))
    tags = BeautifulSoup(html, "html.parser").find_all(True)
    assert {tag.name for tag in tags} == {"p"}
    assert all(tag.attrs == {} for tag in tags)
    text = html.replace("&lt;", "<").replace("&gt;", ">").replace("&#58;", ":").replace("&#61;", "=").replace("&amp;", "&")
    assert "Werktijden: 8-17 uur" in text  # not swallowed as metadata
    assert "<script>alert('stage')</script>" in text
    assert "[klik hier](javascript:alert(1))" in text
    assert "# Een eigen kop" in text
    assert "*nadruk*" in text


def test_description_lines_starting_with_a_dash_become_a_list():
    html = rendered(description_markdown("Wat je leert:\n- kozijnen plaatsen\n- veilig werken"))
    assert "<ul>\n<li>kozijnen plaatsen</li>\n<li>veilig werken</li>\n</ul>" in html


def test_slug_is_ascii_from_organisation_and_title_and_never_taken():
    assert slugify("Zorggroep Café Élan — Stage 'helpende' zorg & welzijn") == "zorggroep-cafe-elan-stage-helpende-zorg-welzijn"
    assert offer_slug("Bouw BV", "Stage", set()) == "bouw-bv-stage"
    assert offer_slug("Bouw BV", "Stage", {"bouw-bv-stage", "bouw-bv-stage-2"}) == "bouw-bv-stage-3"
    assert len(offer_slug("O" * 60, "T " * 60, set())) <= 80
    assert offer_slug("!!!", "???", set()) == "stage"
    # The site's own stagemarkt views own these names.
    assert offer_slug("", "niveau", set()) == "niveau-2"


# --- the whole way, with a real app and a real Pelican build

BEFORE_EXPIRY = "2026-11-23T12:00:00+01:00"
AFTER_EXPIRY = "2027-07-01T12:00:00+02:00"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, target)
    return target


@pytest.fixture
def app(tmp_path: Path, content: Path):
    return create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "DATABASE": str(tmp_path / "registration.sqlite"),
            "CONTENT_DIR": str(content),
            "CONTENT_CHECK_INTERVAL": 0,
            "SITE_URL": "https://leerstad.example",
            "NOW": dt.datetime(2026, 11, 23, 11, 0, tzinfo=dt.UTC),
            "RATELIMIT_ENABLED": False,
            "WTF_CSRF_ENABLED": False,
            "MAIL_SEND_AFTER_REQUEST": False,
        }
    )


def links_in(build, path: str) -> list[str]:
    return [a["href"] for a in build.page(path).select("main a[href]")]


def test_submitted_offer_is_moderated_exported_built_and_drops_off_after_expiry(app, content, tmp_path, pelican_build):
    client, runner = app.test_client(), app.test_cli_runner()
    response = client.post(
        "/doe-mee/stage-aanbieden",
        data=offer_fields(
            group="ja", group_size="6-8", supervision="Een docent van school gaat elke dag mee.", description=HOSTILE_DESCRIPTION
        ),
    )
    assert response.status_code == 302
    assert runner.invoke(args=["users", "create", "redactie", "--password", "een-lang-wachtwoord"]).exit_code == 0
    client.post("/beheer/inloggen", data={"username": "redactie", "password": "een-lang-wachtwoord"})
    assert client.post("/beheer/stages/1/goedkeuren").status_code == 302

    exported = runner.invoke(args=["offers", "export", "--content-dir", str(content)])
    assert exported.exit_code == 0, exported.output
    slug = "bouwbedrijf-zuid-voorbeeld-stage-timmerman-nieuwbouw"
    assert f"geschreven: {content / 'stagemarkt' / (slug + '.md')}" in exported.output

    before = pelican_build(content, tmp_path / "before", "--fatal", "errors", now=BEFORE_EXPIRY)
    assert before.returncode == 0, before.log
    page = before.page(urls.internship_path(slug))
    article = page.main.article
    assert article.h1.get_text() == "Stage timmerman nieuwbouw"
    assert "Ja, voor een groep van 6-8 leerlingen" in article.get_text(" ", strip=True)
    assert article.select_one(".apply p").get_text() == "Mail je cv naar stage@bouwbedrijf.example"
    prose = article.select_one(".prose")
    assert "Werktijden: 8-17 uur" in prose.get_text()
    assert "<script>alert('stage')</script>" in prose.get_text()
    assert prose.find(["script", "a", "img", "h1", "h2", "code", "em"]) is None
    assert not any(tag.has_attr("onclick") for tag in page.find_all(True))
    assert urls.internship_path(slug) in links_in(before, urls.internships_index_path())
    assert urls.internship_path(slug) in links_in(before, urls.internships_level_path("vmbo"))
    assert urls.internship_path(slug) in links_in(before, urls.group_internships_path())
    assert urls.internship_path(slug) in links_in(before, urls.sector_path("haven"))
    assert before.page(urls.internships_index_path()).select_one("main .count").get_text(" ", strip=True) == "3 stages zijn nu actueel."
    feed = (before.output / urls.internships_feed_path().lstrip("/")).read_text(encoding="utf-8")
    assert urls.internship_path(slug) in feed

    after = pelican_build(content, tmp_path / "after", "--fatal", "errors", now=AFTER_EXPIRY)
    assert after.returncode == 0, after.log
    assert not after.exists(urls.internship_path(slug))
    assert after.exists(urls.internship_path("operator-maasvlakte"))  # the others stay
    for path in (urls.internships_index_path(), urls.internships_level_path("mbo"), urls.group_internships_path(), urls.sector_path("haven")):
        assert urls.internship_path(slug) not in links_in(after, path), path
    assert after.page(urls.internships_index_path()).select_one("main .count").get_text(" ", strip=True) == "2 stages zijn nu actueel."
    assert urls.internship_path(slug) not in (after.output / urls.internships_feed_path().lstrip("/")).read_text(encoding="utf-8")
