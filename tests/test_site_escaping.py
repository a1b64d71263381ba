"""Editors' titles, summaries and other header text are shown as text, never run as HTML;
Markdown bodies are the editors' own trusted Markdown."""

from __future__ import annotations

import re
import shutil

from leerstad import urls

MARKUP = "<b>vet</b>"


def test_markup_in_header_fields_is_escaped_on_every_page(pelican_build, fixture_source, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(fixture_source, content)
    for file in content.rglob("*.md"):
        if file.parent.name == "pages":
            continue
        text = file.read_text(encoding="utf-8")
        text = re.sub(r"^(Title|Summary|Location|Organiser|Organisation|Apply|Wijk): (.*)$", rf"\1: \2 {MARKUP}", text, flags=re.M)
        file.write_text(text, encoding="utf-8")
    build = pelican_build(content, tmp_path / "output", "--fatal", "errors")
    assert build.returncode == 0, build.log
    pages = sorted(build.output.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        assert MARKUP not in page.read_text(encoding="utf-8"), page
    # The text is still there, escaped.
    assert "&lt;b&gt;vet&lt;/b&gt;" in (build.output / urls.event_path("zorgcafe").strip("/") / "index.html").read_text(encoding="utf-8")
