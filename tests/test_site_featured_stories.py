"""`Featured: yes` puts a story first on the home page; the newest others fill the remaining places."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from leerstad import urls
from leerstad.content import load_content


def home_story_links(build) -> list[str]:
    return [a["href"] for a in build.page(urls.home_path()).select("section[aria-labelledby=home-stories] .card-title a")]


def feature(content: Path, slug: str, value: str = "yes") -> Path:
    path = content / "stories" / f"{slug}.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Summary:", f"Featured: {value}\nSummary:", 1), encoding="utf-8")
    return path


def test_without_featured_stories_the_home_page_shows_the_newest_first(site):
    assert home_story_links(site) == [urls.story_path("van-bijstand-naar-voor-de-klas"), urls.story_path("havenstudent")]


def test_featured_story_comes_first_on_the_home_page_even_when_older(pelican_build, fixture_source, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(fixture_source, content)
    feature(content, "havenstudent")
    build = pelican_build(content, tmp_path / "output", "--fatal", "errors")
    assert build.returncode == 0, build.log
    assert home_story_links(build) == [urls.story_path("havenstudent"), urls.story_path("van-bijstand-naar-voor-de-klas")]
    # The story list stays newest first.
    links = [a["href"] for a in build.page(urls.stories_index_path()).select("main .card-title a")]
    assert links == [urls.story_path("van-bijstand-naar-voor-de-klas"), urls.story_path("havenstudent")]


def test_featured_must_be_yes_or_no(fixture_source, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(fixture_source, content)
    path = feature(content, "havenstudent", "misschien")
    line = next(n for n, row in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if row.startswith("Featured"))
    errors = [str(p) for p in load_content(content, today=dt.date(2026, 11, 23)).errors]
    assert errors == [f"content/stories/havenstudent.md:{line}: featured: schrijf yes of no, niet 'misschien'"]
