"""The privacy page says what the website statistics count, why no consent is needed, and what logs and the rate limiter hold."""

from __future__ import annotations

import shutil
from pathlib import Path

from leerstad import privacy
from registration import config
from tests.conftest import FIXTURE_CONTENT, ROOT, run_pelican


def test_privacy_page_lists_what_is_counted_the_logs_and_the_cookie_by_name(tmp_path: Path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    shutil.copy(ROOT / "content" / "pages" / "privacyverklaring.md", content / "pages" / "privacyverklaring.md")
    build = run_pelican(content, tmp_path / "out", "--fatal", "errors")
    assert build.returncode == 0, build.log
    page = build.page("/privacyverklaring/")
    tables = {table.caption.get_text(strip=True): table for table in page.find_all("table", class_="privacy-facts")}
    counted = tables["Wat de websitestatistiek per dag telt en waarom"]
    rows = {row.th.get_text(strip=True): [td.get_text(strip=True) for td in row.find_all("td")] for row in counted.tbody.find_all("tr")}
    assert rows == {item.label: [item.what, item.purpose] for item in privacy.STATS_COUNTED}
    logs = tables["Wat de webserver, de aanmeldlimiet en het formuliercookie bewaren, en hoe lang"]
    assert [row.th.get_text(strip=True) for row in logs.tbody.find_all("tr")] == [item.where for item in privacy.SERVER_LOGS]
    text = page.find("article").get_text(" ", strip=True)
    for promise in ("geen cookie", "11.7a", "artikel 6, lid 1, onder e", "Do Not Track", "Global Privacy Control",
                    f"{privacy.SERVER_LOG_DAYS} dagen", "functionaris gegevensbescherming"):
        assert promise in text
    assert privacy.SESSION_COOKIE in text and "{{" not in text


def test_the_cookie_named_on_the_page_is_the_one_the_app_sets():
    assert {s.name: s.default for s in config.SETTINGS}["SESSION_COOKIE_NAME"] == privacy.SESSION_COOKIE


def test_the_server_log_keeps_no_whole_address():
    nginx = (ROOT / "deploy" / "nginx-leerstad.conf").read_text(encoding="utf-8")
    log_format = next(line for line in nginx.splitlines() if line.startswith("log_format leerstad"))
    assert "$remote_addr" not in log_format and "$leerstad_logged_addr" in log_format
    assert "$http_user_agent" not in log_format and "$http_referer" not in log_format
