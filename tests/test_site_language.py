"""An English session is marked as English for screen readers, while our Dutch labels stay Dutch."""

from __future__ import annotations

import shutil
from pathlib import Path

from leerstad import urls


def test_english_event_marks_its_own_text_english_and_keeps_dutch_labels(pelican_build, fixture_source: Path, tmp_path: Path):
    content = tmp_path / "content"
    shutil.copytree(fixture_source, content)
    event_file = content / "events" / "zorgcafe.md"
    event_file.write_text(event_file.read_text(encoding="utf-8").replace("Status: cancelled\n", "Language: en\n"), encoding="utf-8")
    build = pelican_build(content, tmp_path / "output")
    assert build.returncode == 0, build.log

    main = build.page(urls.event_path("zorgcafe")).main
    english = [element.name for element in main.select('[lang="en"]')]
    assert english == ["h1", "p", "div"]  # title, summary, body
    assert main.select_one(".details").find_parent(attrs={"lang": True})["lang"] == "nl"
    assert "Taal" in main.select_one(".details").get_text()


def test_dutch_event_has_no_language_of_its_own(site):
    assert site.page(urls.event_path("opening-netwerkweek")).main.select("[lang]") == []
