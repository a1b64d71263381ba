"""The editors' real content/ builds cleanly with `--fatal errors`, whatever is in it today."""

from __future__ import annotations

import datetime as dt

from test_site_theme import ROOT, html_pages, loaded_from_elsewhere

from leerstad.content import load_content


def test_real_content_builds_cleanly(real_site):
    assert real_site.returncode == 0, real_site.log
    assert "ERROR" not in real_site.log and "CRITICAL" not in real_site.log
    assert real_site.exists("/") and real_site.exists("/404.html")


def test_real_content_gets_a_page_per_sector_event_hub_and_current_offer(real_site):
    content = load_content(ROOT / "content")
    paths = [*(f"/sectoren/{s}/" for s in content.sectors), *(f"/evenementen/{e}/" for e in content.events),
             *(f"/jongerenhubs/{h}/" for h in content.hubs), *(f"/stagemarkt/{i.slug}/" for i in content.current_internships(dt.date.today()))]
    assert [p for p in paths if not real_site.exists(p)] == []


def test_real_content_loads_nothing_from_other_hosts(real_site):
    if html_pages(real_site.output):
        assert loaded_from_elsewhere(real_site.output) == []
