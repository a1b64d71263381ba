"""The /doe-mee/ forms, the offer manage pages and the offer moderation pages are valid HTML (Nu HTML Checker)."""

from __future__ import annotations

import json
import subprocess

from tests.registration.offer_helpers import OFFER_FORM, offer_token, submit_offer
from tests.registration.test_html import VNU, _checker


def test_offer_and_idea_pages_are_valid_html(tmp_path, client, db, admin):
    java = _checker()
    pages: dict[str, bytes] = {}
    pages["offer-form"] = client.get(OFFER_FORM).data
    pages["offer-form-errors"] = client.post(OFFER_FORM, data={"group": "ja", "levels": ["mbo"]}).data
    done = submit_offer(client, group="ja", group_size="6-8", supervision="Een docent gaat mee.")
    pages["offer-received"] = client.get(done.headers["Location"]).data
    link = f"{OFFER_FORM}/{offer_token(db, 'fatima@bouwbedrijf.example')}"
    pages["offer-manage"] = client.get(link).data
    pages["offer-withdraw"] = client.get(f"{link}/intrekken").data
    pages["idea-form"] = client.get("/doe-mee/idee").data
    pages["idea-form-errors"] = client.post("/doe-mee/idee", data={}).data
    client.post("/doe-mee/idee", data={"name": "Noah", "email": "noah@example.nl", "idea": "Een toernooi.", "consent": "y"})
    pages["idea-thanks"] = client.get("/doe-mee/idee/bedankt").data
    admin.create()
    admin.login()
    pages["moderation-list"] = client.get("/beheer/stages/").data
    pages["moderation-detail"] = client.get("/beheer/stages/1").data
    pages["moderation-reject-errors"] = client.post("/beheer/stages/1/afwijzen", data={"reason": ""}).data
    client.post("/beheer/stages/1/goedkeuren")
    pages["offer-manage-read-only"] = client.get(link).data
    files = []
    for name, html in pages.items():
        assert b"<h1" in html, name  # each page really rendered
        path = tmp_path / f"{name}.html"
        path.write_bytes(html)
        files.append(str(path))
    result = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json", *files], capture_output=True, text=True, timeout=120)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    problems = [f"{m.get('url', '').rsplit('/', 1)[-1]}:{m.get('lastLine')}: {m.get('message')}" for m in messages]
    assert problems == []
