"""The body text of sectors, events, hubs and offers is shown whole, whatever its first line says."""

from __future__ import annotations

import shutil

from leerstad import urls


def test_body_starting_with_a_word_and_a_colon_is_shown_not_swallowed(pelican_build, fixture_source, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(fixture_source, content)
    for path in ("events/excursie-terminal.md", "sectors/haven.md"):
        file = content / path
        header = file.read_text(encoding="utf-8").split("\n\n", 1)[0]
        file.write_text(f"{header}\n\nTip: neem je ID-kaart mee.\n\nTweede alinea.\n", encoding="utf-8")
    build = pelican_build(content, tmp_path / "output", "--fatal", "errors")
    assert build.returncode == 0, build.log
    for path in (urls.event_path("excursie-terminal"), urls.sector_path("haven")):
        prose = build.page(path).select_one("main .prose").get_text(" ", strip=True)
        assert prose == "Tip: neem je ID-kaart mee. Tweede alinea.", path
