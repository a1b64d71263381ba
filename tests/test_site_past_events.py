"""An event that is over says so, whatever its registration mode."""

from __future__ import annotations

import shutil

from leerstad import urls

PAST_WALK_IN = """\
Title: Inloopmiddag techniek
Summary: Binnenlopen in de werkplaats.
Start: 2026-11-02 14:00
End: 2026-11-02 17:00
Location: Jongerenhub Feijenoord
Address: Voorbeeldstraat 1, 3071 AA Rotterdam
Sectors: haven
Audience: vmbo
Registration: none
Organiser: Jongerenhub Feijenoord
Hub: feijenoord

Gewoon binnenlopen.
"""


def test_past_walk_in_event_says_it_is_over_instead_of_welcoming_people(pelican_build, fixture_source, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(fixture_source, content)
    (content / "events" / "inloopmiddag.md").write_text(PAST_WALK_IN, encoding="utf-8")
    build = pelican_build(content, tmp_path / "output", "--fatal", "errors")
    assert build.returncode == 0, build.log
    signup = build.page(urls.event_path("inloopmiddag")).select_one("main .signup").get_text(" ", strip=True)
    assert signup == "Dit evenement is voorbij."
    # Past events stay reachable by their address but leave the lists of what is coming.
    assert urls.event_path("inloopmiddag") not in {a["href"] for a in build.page(urls.hub_path("feijenoord")).select("main a[href]")}
    assert urls.event_path("inloopmiddag") not in {a["href"] for a in build.page(urls.events_index_path()).select("main a[href]")}
