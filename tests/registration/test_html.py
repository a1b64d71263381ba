"""The app's pages are valid HTML (Nu HTML Checker, as for the static site)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from tests.registration.conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def _checker() -> str:
    java = shutil.which("java")
    if java and VNU.exists():
        return java
    message = "java and node_modules/vnu-jar are needed for the HTML check (`bash .ci/run` installs them)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def test_app_pages_are_valid_html(tmp_path, signups, admin, client):
    java = _checker()
    pages: dict[str, bytes] = {}
    pages["form"] = client.get("/aanmelden/excursie-terminal").data
    pages["form-errors"] = signups.submit("excursie-terminal", name="", email="x", seats="99", postcode="1", consent=None).data
    done = signups.submit("excursie-terminal", email="a@example.nl")
    pages["received"] = client.get(done.headers["Location"]).data
    token = signups.manage_token("a@example.nl")
    pages["manage"] = client.get(f"/mijn/{token}").data
    pages["cancel"] = client.get(f"/mijn/{token}/annuleren").data
    pages["closed"] = client.get("/aanmelden/zorgcafe").data
    pages["not-found"] = client.get("/aanmelden/bestaat-niet").data
    pages["login"] = client.get("/beheer/inloggen").data
    admin.create()
    admin.login()
    pages["admin"] = client.get("/beheer/").data
    pages["admin-event"] = client.get("/beheer/evenementen/excursie-terminal/").data
    pages["check-in"] = client.get("/beheer/evenementen/excursie-terminal/aanwezigheid").data
    pages["audit"] = client.get("/beheer/logboek").data
    files = []
    for name, html in pages.items():
        path = tmp_path / f"{name}.html"
        path.write_bytes(html)
        files.append(str(path))
    result = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json", *files],
                            capture_output=True, text=True, timeout=120)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    problems = [f"{m.get('url', '').rsplit('/', 1)[-1]}:{m.get('lastLine')}: {m.get('message')}" for m in messages]
    assert problems == []
