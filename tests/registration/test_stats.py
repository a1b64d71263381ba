"""Website statistics: the cookieless counter, what it refuses to count, the day's end, funnels and /beheer/website."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from registration import config
from registration.stats import rules

NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)  # as in conftest.py

BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"
PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"


class Visitor:
    """One browser at one address: views pages through the beacon, opens and sends the sign-up form."""

    def __init__(self, app, address: str, user_agent: str = BROWSER, **headers: str) -> None:
        self.client = app.test_client()
        self.environ = {"REMOTE_ADDR": address}
        self.headers = {"User-Agent": user_agent, "Accept-Language": "nl-NL,nl;q=0.9,en;q=0.5", **headers}

    def view(self, path: str, referrer: str = "", query: str = "", action: str | None = None):
        data = {"p": path, "r": referrer, "q": query, **({"e": action} if action else {})}
        return self.client.post("/api/teller", data=data, headers=self.headers, environ_base=self.environ)

    def pixel(self, path: str):
        return self.client.get(f"/api/teller.gif?p={path}", headers=self.headers, environ_base=self.environ)

    def open_form(self, slug: str):
        return self.client.get(f"/aanmelden/{slug}", headers=self.headers, environ_base=self.environ)

    def sign_up(self, slug: str, email: str):
        data = {"name": "Sam de Vries", "email": email, "consent": "y"}
        return self.client.post(f"/aanmelden/{slug}", data=data, headers=self.headers, environ_base=self.environ)


@pytest.fixture
def stats_db(app):
    conn = sqlite3.connect(config.stats_database(app.config))
    conn.row_factory = sqlite3.Row
    yield conn
    conn.close()


def counts(stats_db, dimension: str) -> dict[str, int]:
    return {r["value"]: r["views"] for r in stats_db.execute("SELECT value, views FROM stats_daily WHERE dimension = ?", [dimension])}


def all_stored_text(stats_db) -> str:
    tables = [r[0] for r in stats_db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return "\n".join(repr(tuple(row)) for table in tables for row in stats_db.execute(f"SELECT * FROM {table}"))


def move_clock(app, moment: dt.datetime) -> None:
    app.config["NOW"] = moment


def test_a_page_view_is_counted_by_page_type_and_sector_from_the_content(app, stats_db):
    response = Visitor(app, "10.0.0.1").view("/evenementen/opening-netwerkweek/")
    assert response.status_code == 204
    assert counts(stats_db, "pagina") == {"/evenementen/opening-netwerkweek/": 1}
    assert counts(stats_db, "type") == {"evenement": 1}
    assert counts(stats_db, "sector") == {"haven": 1, "zorg": 1}
    assert counts(stats_db, "editie") == {"2027": 1}
    assert counts(stats_db, "taal") == {"nl": 1}
    assert counts(stats_db, "apparaat") == {"desktop": 1}


def test_beacon_and_pixel_set_no_cookie_and_are_not_cached(app, stats_db):
    visitor = Visitor(app, "10.0.0.1")
    for response in (visitor.view("/"), visitor.pixel("/sectoren/zorg/")):
        assert "Set-Cookie" not in response.headers
        assert response.headers["Cache-Control"] == "no-store"
    gif = visitor.pixel("/")
    assert gif.content_type == "image/gif" and gif.data.startswith(b"GIF89a")
    assert counts(stats_db, "totaal") == {"": 3}


def test_an_admins_session_cookie_is_not_refreshed_by_the_counter(app, admin):
    admin.create()
    admin.login()
    assert admin.client.get("/beheer/").status_code == 200
    beacon = admin.client.post("/api/teller", data={"p": "/"}, headers={"User-Agent": BROWSER})
    pixel = admin.client.get("/api/teller.gif?p=/", headers={"User-Agent": BROWSER})
    assert "Set-Cookie" not in beacon.headers and "Set-Cookie" not in pixel.headers
    assert admin.client.get("/beheer/").status_code == 200  # still logged in


@pytest.mark.parametrize("header", [{"DNT": "1"}, {"Sec-GPC": "1"}, {"Sec-Purpose": "prefetch"}])
def test_do_not_track_and_global_privacy_control_are_respected(app, stats_db, header):
    assert Visitor(app, "10.0.0.1", **header).view("/").status_code == 204
    assert counts(stats_db, "totaal") == {}


@pytest.mark.parametrize("user_agent", [GOOGLEBOT, "python-requests/2.32", "", "curl/8.5.0"])
def test_crawlers_from_the_maintained_list_are_left_out(app, stats_db, user_agent):
    Visitor(app, "10.0.0.1", user_agent).view("/")
    assert counts(stats_db, "totaal") == {}


@pytest.mark.parametrize("path", [
    "/sectoren/bestaat-niet/", "/evenementen/<script>/", "/x" * 300, "https://elders.example/", "/beheer/", "/over-leerstad",
    "/netwerkweek/1999/", "/netwerkweek/2027/sector/bestaat-niet/", "/stagemarkt/niveau/gpt/", "/../../etc/passwd",
])
def test_a_path_the_content_does_not_know_is_dropped_not_stored(app, stats_db, path):
    assert Visitor(app, "10.0.0.1").view(path, action=None).status_code == 204
    assert counts(stats_db, "totaal") == {}
    assert path not in all_stored_text(stats_db)


def test_known_static_pages_netwerkweek_views_and_stories_are_counted(app, stats_db):
    visitor = Visitor(app, "10.0.0.1")
    for path in ("/over-leerstad/", "/netwerkweek/2027/", "/netwerkweek/2027/sector/haven/", "/verhalen/havenstudent/",
                 "/stagemarkt/operator-maasvlakte/", "/404.html", "/stagemarkt/niveau/mbo/"):
        visitor.view(path)
    assert counts(stats_db, "type") == {"pagina": 1, "netwerkweek": 2, "verhaal": 1, "stage": 1, "niet gevonden": 1, "overzicht": 1}


def test_only_the_referrers_domain_and_a_clean_campaign_are_kept(app, stats_db):
    visitor = Visitor(app, "10.0.0.1")
    visitor.view("/", referrer="https://www.Google.com/search?q=mijn+naam+en+adres", query="?utm_source=Instagram&utm_campaign=nww-2027")
    visitor.view("/", referrer="http://localhost/sectoren/zorg/", query="?utm_source=<b>x</b>")
    assert counts(stats_db, "herkomst") == {"google.com": 1, "": 1}
    assert counts(stats_db, "campagne") == {"instagram / nww-2027": 1, "": 1}
    assert "mijn+naam" not in all_stored_text(stats_db)


def test_bad_input_never_causes_an_error(app, stats_db):
    client = app.test_client()
    bad = [
        client.post("/api/teller", data=b"\xff\xfe\x00garbage", content_type="application/x-www-form-urlencoded"),
        client.post("/api/teller", data={"p": "/", "e": "verwijder-alles", "r": "http://[::1"}, headers={"User-Agent": BROWSER}),
        client.post("/api/teller", data="not a form", content_type="application/json"),
        client.get("/api/teller.gif?p=%00%ff", headers={"User-Agent": BROWSER, "Referer": "http://[bad"}),
        client.post("/api/teller", data={"p": "/", "q": "?" + "&".join(f"utm_source={i}" for i in range(5000))}, headers={"User-Agent": BROWSER}),
    ]
    assert [r.status_code for r in bad] == [204, 204, 204, 200, 413]  # the last is over Werkzeug's limit of form parts
    assert counts(stats_db, "actie") == {}


def test_one_visitor_per_address_and_browser_per_day(app, stats_db):
    Visitor(app, "10.0.0.1").view("/")
    Visitor(app, "10.0.0.1").view("/sectoren/zorg/")
    Visitor(app, "10.0.0.1", PHONE).view("/")
    Visitor(app, "10.0.0.2").view("/")
    report = rules.report(rules_db(app), "2026-11-23", "2026-11-23", "2026-11-23")
    total = report.dimensions["totaal"][0]
    assert (total.views, total.visitors) == (4, 3)
    assert {r.value: r.visitors for r in report.dimensions["apparaat"]} == {"desktop": 2, "mobiel": 1}


def rules_db(app):
    from registration.stats import database

    return database.connect(config.stats_database(app.config))


def test_after_the_day_ends_nothing_identifies_a_visitor(app, stats_db):
    visitor = Visitor(app, "10.0.0.1")
    visitor.view("/sectoren/zorg/")
    visitor.view("/evenementen/zorgcafe/")
    hashes = {r["visitor"] for r in stats_db.execute("SELECT visitor FROM stats_today_visitors")}
    salt = stats_db.execute("SELECT salt FROM stats_salt").fetchone()["salt"]
    assert len(hashes) == 1

    # Just after midnight in Rotterdam (23:00 UTC in winter), the next request ends the day.
    move_clock(app, dt.datetime(2026, 11, 23, 23, 0, 1, tzinfo=dt.UTC))
    Visitor(app, "10.0.0.9").view("/")

    stored = all_stored_text(stats_db)
    assert not any(h in stored for h in hashes)
    assert salt.hex() not in stored and repr(salt) not in stored
    assert [tuple(r) for r in stats_db.execute("SELECT day FROM stats_salt")] == [("2026-11-24",)]
    assert "10.0.0.1" not in stored and BROWSER not in stored
    kept = {(r["dimension"], r["value"]): (r["views"], r["visitors"]) for r in stats_db.execute(
        "SELECT * FROM stats_daily WHERE day = '2026-11-23'")}
    assert kept[("totaal", "")] == (2, 1)
    assert stats_db.execute("SELECT count(DISTINCT visitor) FROM stats_today_visitors").fetchone()[0] == 1  # today's one visitor
    # Not in freed pages of the file or in its write-ahead log either (secure_delete, then a checkpoint).
    for path in (Path(config.stats_database(app.config)), Path(config.stats_database(app.config) + "-wal")):
        if path.exists():
            data = path.read_bytes()
            assert not any(h.encode() in data for h in hashes) and salt not in data, path


def test_the_cron_command_ends_the_day_when_nobody_visits(app, stats_db, runner):
    Visitor(app, "10.0.0.1").view("/")
    move_clock(app, NOW + dt.timedelta(days=1))
    result = runner.invoke(args=["stats", "roll-over"])
    assert result.exit_code == 0, result.output
    assert stats_db.execute("SELECT count(*) FROM stats_today_visitors").fetchone()[0] == 0
    assert stats_db.execute("SELECT count(*) FROM stats_salt").fetchone()[0] == 0
    assert stats_db.execute("SELECT visitors FROM stats_daily WHERE dimension = 'totaal'").fetchone()[0] == 1


def scripted_journey(app) -> None:
    """12 visitors on one day: how far each of them gets from the zorg sector page to a sign-up."""
    for n in range(12):
        visitor = Visitor(app, f"10.0.1.{n}")
        visitor.view("/sectoren/zorg/")  # 12 start
        if n >= 10:
            continue
        visitor.view("/evenementen/opening-netwerkweek/")  # 10 see the event
        if n >= 8:
            continue
        assert visitor.open_form("opening-netwerkweek").status_code == 200  # 8 open the form
        if n >= 6:
            continue
        assert visitor.sign_up("opening-netwerkweek", f"deelnemer{n}@example.nl").status_code == 302  # 6 sign up
    # Someone who opens the form straight from a link, without the sector page, is not in the zorg funnel past step 1.
    Visitor(app, "10.0.2.1").open_form("opening-netwerkweek")
    # The stagemarkt: 7 view an offer, 5 of them click how to apply, 1 "clicks" without having viewed it.
    for n in range(7):
        visitor = Visitor(app, f"10.0.3.{n}")
        visitor.view("/stagemarkt/groepsstage-zorg/")
        if n < 5:
            visitor.view("/stagemarkt/groepsstage-zorg/", action="reageer")
    Visitor(app, "10.0.4.1").view("/stagemarkt/groepsstage-zorg/", action="reageer")


def test_funnel_counts_match_a_scripted_journey_today_and_after_the_day_ends(app, stats_db):
    scripted_journey(app)
    expected = {
        ("sector:zorg", rules.START): 12, ("sector:zorg", rules.EVENT_PAGE): 10,
        ("sector:zorg", rules.FORM_OPENED): 8, ("sector:zorg", rules.SIGNED_UP): 6,
        ("editie:2027", rules.START): 12,  # the event page is not an edition page: the edition funnel starts at Netwerkweek pages
        ("stagemarkt", rules.OFFER_VIEWED): 7, ("stagemarkt", rules.APPLY_CLICKED): 5,
        ("stagemarkt:zorg", rules.OFFER_VIEWED): 7, ("stagemarkt:zorg", rules.APPLY_CLICKED): 5,
    }
    live = rules.report(rules_db(app), "2026-11-23", "2026-11-23", "2026-11-23").funnels
    for (scope, step), count in expected.items():
        if scope != "editie:2027":
            assert live[scope][step] == count, (scope, step)
    assert live["sector:haven"][rules.START] == 0 and live["sector:haven"][rules.EVENT_PAGE] == 0

    move_clock(app, NOW + dt.timedelta(days=1))
    rules.roll_over(rules_db(app), "2026-11-24")
    stored = {(r["scope"], r["step"]): r["visitors"] for r in stats_db.execute("SELECT * FROM stats_funnel WHERE day = '2026-11-23'")}
    assert stored[("sector:zorg", rules.SIGNED_UP)] == 6 and stored[("sector:zorg", rules.FORM_OPENED)] == 8
    assert stored[("stagemarkt:zorg", rules.APPLY_CLICKED)] == 5
    assert counts(stats_db, "actie") == {"reageer": 6}  # the click counts as an action even where its funnel does not


def test_the_admin_sees_tables_funnels_and_small_counts_hidden(app, admin, stats_db):
    scripted_journey(app)
    Visitor(app, "10.0.9.1").view("/sectoren/haven/", referrer="https://scholieren.example/")
    admin.create()
    admin.login()
    page = admin.client.get("/beheer/website")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Websitestatistieken" in html and "Sector Zorg" in html and "Stagemarkt" in html
    assert "<svg" in html and "<script" not in html
    assert "scholieren.example" in html and "&lt; 5" in html  # one view from there: shown, its count hidden
    assert ">12<" in html and ">6<" in html
    assert "Set-Cookie" not in admin.client.get("/api/teller.gif?p=/").headers


def test_the_admin_page_needs_a_login(client):
    response = client.get("/beheer/website")
    assert response.status_code == 302 and "/beheer/inloggen" in response.headers["Location"]


def test_counting_never_waits_for_the_registration_databases_write_lock(app):
    Visitor(app, "10.0.0.1").view("/")  # schema and salt in place
    locker = sqlite3.connect(app.config["DATABASE"], isolation_level=None)
    locker.execute("BEGIN IMMEDIATE")  # as a sign-up holds it
    try:
        done: list[float] = []

        def count() -> None:
            start = time.monotonic()
            Visitor(app, "10.0.0.2").view("/sectoren/zorg/")
            done.append(time.monotonic() - start)

        thread = threading.Thread(target=count)
        thread.start()
        thread.join(timeout=5)
        assert done and done[0] < 2
    finally:
        locker.execute("ROLLBACK")
        locker.close()


def test_sign_up_works_when_the_statistics_database_is_broken(app, signups, tmp_path):
    app.config["STATS_DATABASE"] = str(tmp_path / "missing-folder" / "stats.sqlite")
    from registration import extensions

    app.extensions["leerstad_stats_db"] = threading.local()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(extensions.stats_database, "connect", lambda path: (_ for _ in ()).throw(sqlite3.OperationalError("kapot")))
        assert signups.client.get("/aanmelden/opening-netwerkweek").status_code == 200
        assert signups.submit().status_code == 302


@pytest.mark.parametrize(("user_agent", "device"), [
    (BROWSER, "desktop"), (PHONE, "mobiel"),
    ("Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/604.1", "tablet"),
    ("Mozilla/5.0 (Linux; Android 14; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36", "tablet"),
    ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36", "mobiel"),
])
def test_device_class(user_agent, device):
    assert rules.device_class(user_agent) == device


def test_the_statistics_live_in_their_own_file_next_to_the_registrations(app):
    path = config.stats_database(app.config)
    assert path != app.config["DATABASE"] and path.endswith("stats.sqlite")
    with sqlite3.connect(app.config["DATABASE"]) as conn:
        assert not [r for r in conn.execute("SELECT name FROM sqlite_master WHERE name LIKE 'stats_%'")]
