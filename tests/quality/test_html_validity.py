"""Every built page is valid HTML according to the Nu HTML Checker."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path


def test_every_built_page_is_valid_html(site_output: Path, java: str, vnu_jar: Path) -> None:
    pages = sorted(str(p) for p in site_output.rglob("*.html") if "pagefind" not in p.parts)
    assert len(pages) > 20, "the real content should build many pages"
    assert any("/partners/" in page for page in pages), "the partner pages should be checked too"
    result = subprocess.run(
        [java, "-jar", str(vnu_jar), "--errors-only", "--format", "json", *pages],
        capture_output=True, text=True,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    problems = [
        f"{m.get('url', '').removeprefix('file:').removeprefix(str(site_output))}:{m.get('lastLine')}: {m.get('message')}"
        for m in messages
    ]
    assert problems == []
