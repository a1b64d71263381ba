"""Local run: one port serves the static site from output/ and the registration app."""

from __future__ import annotations

import pytest
from werkzeug.test import Client

from leerstad.csp import SITE_POLICY
from registration.local import combined, static_site


@pytest.fixture
def local_client(tmp_path, app):
    output = tmp_path / "output"
    (output / "evenementen" / "opening-netwerkweek").mkdir(parents=True)
    (output / "index.html").write_text("<h1>Home</h1>", encoding="utf-8")
    (output / "404.html").write_text("<h1>Niet gevonden</h1>", encoding="utf-8")
    (output / "evenementen" / "opening-netwerkweek" / "index.html").write_text("<h1>Opening</h1>", encoding="utf-8")
    (output / "kalender").mkdir()
    (output / "kalender" / "programma.ics").write_bytes(b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    (tmp_path / "geheim.txt").write_text("niet serveren", encoding="utf-8")
    return Client(combined(app, static_site(output)))


def test_directory_urls_serve_index_html(local_client):
    assert local_client.get("/").get_data(as_text=True) == "<h1>Home</h1>"
    assert local_client.get("/evenementen/opening-netwerkweek/").get_data(as_text=True) == "<h1>Opening</h1>"


def test_directory_url_without_slash_redirects(local_client):
    response = local_client.get("/evenementen/opening-netwerkweek")
    assert response.status_code == 301
    assert response.headers["Location"].endswith("/evenementen/opening-netwerkweek/")


def test_missing_page_serves_404_html_with_status_404(local_client):
    response = local_client.get("/bestaat/niet/")
    assert response.status_code == 404
    assert "Niet gevonden" in response.get_data(as_text=True)


def test_files_outside_output_are_not_served(local_client):
    assert local_client.get("/../geheim.txt").status_code == 404
    assert local_client.get("/%2e%2e/geheim.txt").status_code == 404


def test_calendar_files_have_calendar_type(local_client):
    assert local_client.get("/kalender/programma.ics").headers["Content-Type"].startswith("text/calendar")


def test_app_prefixes_go_to_the_registration_app(local_client):
    response = local_client.get("/aanmelden/opening-netwerkweek")
    assert response.status_code == 200
    assert "Aanmelden: Opening Netwerkweek" in response.get_data(as_text=True)
    assert local_client.get("/api/beschikbaarheid.json").headers["Content-Type"] == "application/json"


def test_static_files_carry_the_sites_content_security_policy(local_client):
    for path in ("/", "/bestaat/niet/", "/kalender/programma.ics"):
        assert local_client.get(path).headers["Content-Security-Policy"] == SITE_POLICY, path
