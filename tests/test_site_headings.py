"""Headings an editor writes in a body sit below the page's one h1, whatever level they start at."""

from __future__ import annotations

import shutil

import pytest

from leerstad import urls


@pytest.fixture(scope="module")
def headings_site(pelican_build, fixture_source, tmp_path_factory):
    content = tmp_path_factory.mktemp("headings") / "content"
    shutil.copytree(fixture_source, content)
    for path, body in (
        ("events/excursie-terminal.md", "# Programma\n\nWe beginnen bij de poort.\n\n## Meenemen\n\nVeiligheidsschoenen."),
        ("stories/havenstudent.md", "# Zijn eerste dag\n\nDaan werkt op de kade."),
        ("hubs/feijenoord.md", "### Wat je er kunt doen\n\nHuiswerk maken."),
    ):
        file = content / path
        header = file.read_text(encoding="utf-8").split("\n\n", 1)[0]
        file.write_text(f"{header}\n\n{body}\n", encoding="utf-8")
    build = pelican_build(content, content.parent / "output", "--fatal", "errors")
    assert build.returncode == 0, build.log
    return build


def outline(page) -> list[str]:
    return [f"{h.name} {h.get_text(strip=True)}" for h in page.select("main h1, main h2, main h3, main h4")]


def test_event_body_headings_start_at_h2_and_keep_their_order(headings_site):
    page = headings_site.page(urls.event_path("excursie-terminal"))
    assert len(page.select("h1")) == 1
    assert outline(page)[:3] == ["h1 Excursie containerterminal", "h2 Programma", "h3 Meenemen"]


def test_story_body_heading_is_not_a_second_h1(headings_site):
    page = headings_site.page(urls.story_path("havenstudent"))
    assert [h.get_text(strip=True) for h in page.select("h1")] == ["Mbo-student in de haven"]
    assert "h2 Zijn eerste dag" in outline(page)


def test_body_that_starts_at_h3_gets_no_gap_in_the_outline(headings_site):
    page = headings_site.page(urls.hub_path("feijenoord"))
    assert outline(page)[:2] == ["h1 Jongerenhub Feijenoord", "h2 Wat je er kunt doen"]
