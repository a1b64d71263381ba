"""A session that runs past midnight says on which day it ends, also in lists grouped by day."""

from __future__ import annotations

import datetime as dt
import shutil

from leerstad import urls

NIGHT_SESSION = """\
Title: Nachtdienst in de haven
Summary: Meedraaien in de nachtploeg op de terminal.
Start: 2027-03-15 22:00
End: 2027-03-16 02:00
Location: Voorbeeldterminal (voorbeeld)
Address: Europaweg 1, 3199 LC Maasvlakte Rotterdam
Sectors: haven
Audience: mbo
Registration: none
Organiser: Voorbeeldterminal (voorbeeld)
Edition: 2027

Neem warme kleren mee.
"""


def test_session_past_midnight_names_its_end_date_in_the_programme_and_agenda(pelican_build, fixture_source, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(fixture_source, content)
    (content / "events" / "nachtdienst.md").write_text(NIGHT_SESSION, encoding="utf-8")
    build = pelican_build(content, tmp_path / "output", "--fatal", "errors")
    assert build.returncode == 0, build.log
    for path in (urls.netwerkweek_day_path(2027, dt.date(2027, 3, 15)), urls.events_index_path()):
        link = build.page(path).select_one(f"main a[href='{urls.event_path('nachtdienst')}']")
        card_text = link.find_parent("article").select_one(".meta").get_text(" ", strip=True)
        assert "22:00" in card_text and "dinsdag 16 maart 2027 02:00" in card_text, (path, card_text)
