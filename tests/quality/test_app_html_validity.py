"""The registration app's pages are valid HTML too (Nu HTML Checker), as the app really serves them."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from registration import create_app

ROOT = Path(__file__).resolve().parents[2]
CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
MANAGE_TOKEN = re.compile(r"/mijn/([A-Za-z0-9_-]{20,})")
EVENT = "excursie-bouwplaats-zuid"  # real content: open, several seats per sign-up
ADULTS_ONLY, ADULTS_ONLY_CAPACITY = "meeloopdag-wijkzorg", 12  # real content: Age-min 18, Capacity 12


def csrf_token(client, path: str) -> str:
    found = CSRF.search(client.get(path).get_data(as_text=True))
    assert found, f"no CSRF token on {path}"
    return found.group(1)


@pytest.fixture(scope="module")
def app_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """HTML of each app page type, fetched through the app with CSRF on, as a browser would."""
    work = tmp_path_factory.mktemp("app-html")
    app = create_app({
        "SECRET_KEY": "html-validity",
        "DATABASE": str(work / "registration.sqlite"),
        "CONTENT_DIR": str(ROOT / "content"),
        "SITE_URL": "http://localhost:8000",
        "RATELIMIT_ENABLED": False,
        "MAIL_SEND_AFTER_REQUEST": False,
    })
    pages: dict[str, str] = {}
    visitor = app.test_client()

    def keep(name: str, response, expected: int) -> None:
        assert response.status_code == expected, f"{name}: HTTP {response.status_code}"
        pages[name] = response.get_data(as_text=True)

    signup = f"/aanmelden/{EVENT}"
    keep("sign-up form", visitor.get(signup), 200)
    token = csrf_token(visitor, signup)
    keep("sign-up form with errors", visitor.post(signup, data={"csrf_token": token, "seats": "x"}), 422)
    visitor.post(signup, data={"csrf_token": token, "name": "Lotte Valide", "email": "lotte@example.nl", "consent": "y",
                               "seats": "3", "school": "Lyceum Kralingen"})
    keep("sign-up received", visitor.get(f"{signup}/ontvangen"), 200)
    with app.app_context():
        from registration.extensions import get_db

        body = get_db().execute("SELECT body FROM outbox WHERE to_address = 'lotte@example.nl'").fetchone()[0]
    manage = "/mijn/" + MANAGE_TOKEN.search(body).group(1)
    keep("manage page", visitor.get(manage), 200)
    keep("cancel confirmation", visitor.get(manage + "/annuleren"), 200)
    keep("send link form", visitor.get("/mijn/stuur-link"), 200)
    keep("unknown sign-up (404)", visitor.get("/aanmelden/bestaat-niet"), 404)
    # Issue 13's page states: the warning step (a 15-year-old at an 18+ meeloopdag), then a full event's form.
    adults_only = f"/aanmelden/{ADULTS_ONLY}"
    token = csrf_token(visitor, adults_only)
    young = {"csrf_token": token, "name": "Sem Jong", "email": "sem@example.nl", "age_group": "<16"}
    keep("sign-up warning step", visitor.post(adults_only, data=young), 200)
    visitor.post(adults_only, data={**young, "despite_misfit": "y"})
    for number in range(ADULTS_ONLY_CAPACITY):
        visitor.post(adults_only, data={"csrf_token": token, "name": "Vol", "email": f"vol{number}@example.nl"})
    keep("sign-up form, event full", visitor.get(adults_only), 200)
    assert "Toch aanmelden" in pages["sign-up warning step"] and "Zet me op de wachtlijst" in pages["sign-up form, event full"]

    runner = app.test_cli_runner()
    created = runner.invoke(args=["users", "create", "beheerder", "--password", "een-lang-wachtwoord"])
    assert created.exit_code == 0, created.output
    admin = app.test_client()
    keep("admin login", admin.get("/beheer/inloggen"), 200)
    token = csrf_token(admin, "/beheer/inloggen")
    keep("admin login, wrong password", admin.post("/beheer/inloggen", data={"csrf_token": token, "username": "beheerder",
                                                                              "password": "fout"}), 401)
    admin.post("/beheer/inloggen", data={"csrf_token": token, "username": "beheerder", "password": "een-lang-wachtwoord"})
    keep("admin events overview", admin.get("/beheer/"), 200)
    keep("admin event registrations", admin.get(f"/beheer/evenementen/{EVENT}/"), 200)
    keep("admin check-in", admin.get(f"/beheer/evenementen/{EVENT}/aanwezigheid"), 200)
    keep("admin registrations with a flagged sign-up", admin.get(f"/beheer/evenementen/{ADULTS_ONLY}/"), 200)
    keep("admin audit log", admin.get("/beheer/logboek"), 200)
    for name, path in {"reach dashboard": "/beheer/bereik", "website statistics": "/beheer/website", "offer moderation": "/beheer/stages/",
                       "internship offer form": "/doe-mee/stage-aanbieden", "idea form": "/doe-mee/idee"}.items():
        response = (admin if path.startswith("/beheer/") else visitor).get(path)
        if response.status_code != 404:  # pages other engineers are still adding
            keep(name, response, 200)
    return pages


def test_every_app_page_is_valid_html(app_pages: dict[str, str], java: str, vnu_jar: Path, tmp_path: Path) -> None:
    files = {}
    for index, (name, html) in enumerate(app_pages.items()):
        path = tmp_path / f"page-{index:02d}.html"
        path.write_text(html, encoding="utf-8")
        files["file:" + str(path)] = name  # how vnu names a file in its report
    result = subprocess.run([java, "-jar", str(vnu_jar), "--errors-only", "--format", "json", *[str(p) for p in tmp_path.glob("*.html")]],
                            capture_output=True, text=True)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    problems = [f"{files.get(m.get('url'), m.get('url'))}:{m.get('lastLine')}: {m.get('message')}" for m in messages]
    assert problems == []
