"""A content mistake stops the build with the editor's `file:line: field: message`; a warning does not."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest


def line_of(path: Path, prefix: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.startswith(prefix))


@pytest.fixture(scope="module")
def broken_content(tmp_path_factory, fixture_source) -> Path:
    content = tmp_path_factory.mktemp("broken") / "content"
    shutil.copytree(fixture_source, content)
    event = content / "events" / "opening-netwerkweek.md"
    event.write_text(event.read_text(encoding="utf-8").replace("Capacity: 300", "Capacity: veel"), encoding="utf-8")
    story = content / "stories" / "havenstudent.md"
    story.write_text(story.read_text(encoding="utf-8").replace("Sector: haven", "Sector: hven"), encoding="utf-8")
    return content


@pytest.mark.parametrize("flags", [("--fatal", "errors"), ()], ids=["fatal-errors", "plain"])
def test_content_error_fails_the_build_and_names_file_line_and_field(pelican_build, broken_content, tmp_path, flags):
    build = pelican_build(broken_content, tmp_path / "output", *flags)
    assert build.returncode != 0, build.log
    lines = build.log.splitlines()
    capacity_line = line_of(broken_content / "events" / "opening-netwerkweek.md", "Capacity")
    assert f"content/events/opening-netwerkweek.md:{capacity_line}: capacity: moet een heel getal van 1 tot en met 100000 zijn, niet 'veel'" in lines
    # Every problem is reported, not only the first.
    sector_line = line_of(broken_content / "stories" / "havenstudent.md", "Sector")
    assert any(line.startswith(f"content/stories/havenstudent.md:{sector_line}: sector: onbekende sector 'hven'") for line in lines)
    assert not (tmp_path / "output" / "index.html").exists()


def test_expired_offer_warns_but_does_not_fail_a_fatal_errors_build(site):
    assert site.returncode == 0
    assert "content/stagemarkt/zomerstage-magazijn.md:11: expires: waarschuwing: aanbod is verlopen op 2026-08-31 " \
        "en staat niet meer op de site" in site.log.splitlines()


def test_offer_named_like_a_stagemarkt_view_fails_the_build_instead_of_overwriting_it(pelican_build, fixture_source, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(fixture_source, content)
    (content / "stagemarkt" / "operator-maasvlakte.md").rename(content / "stagemarkt" / "groepsstages.md")
    build = pelican_build(content, tmp_path / "output", "--fatal", "errors")
    assert build.returncode != 0
    assert "content/stagemarkt/groepsstages.md:1: slug: 'groepsstages' is al een pagina van de stagemarkt; geef het bestand een andere naam" \
        in build.log.splitlines()
