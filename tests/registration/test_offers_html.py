"""The /doe-mee/ forms, the offer manage pages and the offer moderation pages are valid HTML (Nu HTML Checker)."""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
import subprocess

from tests.registration.offer_helpers import OFFER_FORM, offer_fields, offer_token
from tests.registration.test_html import VNU, _checker

CSRF = re.compile(rb'name="csrf_token" type="hidden" value="([^"]+)"')


def test_offer_and_idea_pages_are_valid_html(tmp_path, make_app):
    java = _checker()
    # CSRF on, as in production: every form then renders its hidden token field too.
    app = make_app(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    db = sqlite3.connect(app.config["DATABASE"])
    db.row_factory = sqlite3.Row
    pages: dict[str, bytes] = {}

    def get(name: str, path: str) -> str:
        pages[name] = client.get(path).data
        return CSRF.search(pages[name]).group(1).decode() if CSRF.search(pages[name]) else ""

    token = get("offer-form", OFFER_FORM)
    pages["offer-form-errors"] = client.post(OFFER_FORM, data={"csrf_token": token, "group": "ja", "levels": ["mbo"]}).data
    data = offer_fields(group="ja", group_size="6-8", supervision="Een docent gaat mee.", csrf_token=token)
    pages["offer-received"] = client.get(client.post(OFFER_FORM, data=data).headers["Location"]).data
    link = f"{OFFER_FORM}/{offer_token(db, 'fatima@bouwbedrijf.example')}"
    get("offer-manage", link)
    get("offer-withdraw", f"{link}/intrekken")
    token = get("idea-form", "/doe-mee/idee")
    pages["idea-form-errors"] = client.post("/doe-mee/idee", data={"csrf_token": token}).data
    client.post("/doe-mee/idee", data={"csrf_token": token, "name": "Noah", "email": "noah@example.nl", "idea": "Een toernooi.", "consent": "y"})
    get("idea-thanks", "/doe-mee/idee/bedankt")
    app.test_cli_runner().invoke(args=["users", "create", "beheerder", "--password", "een-lang-wachtwoord"])
    token = get("login", "/beheer/inloggen")
    client.post("/beheer/inloggen", data={"csrf_token": token, "username": "beheerder", "password": "een-lang-wachtwoord"})
    get("moderation-list", "/beheer/stages/")
    token = get("moderation-detail", "/beheer/stages/1")
    pages["moderation-reject-errors"] = client.post("/beheer/stages/1/afwijzen", data={"csrf_token": token, "reason": ""}).data
    client.post("/beheer/stages/1/goedkeuren", data={"csrf_token": token})
    get("offer-manage-read-only", link)
    assert b"goedgekeurd" in pages["offer-manage-read-only"]
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


def test_offer_form_asks_every_internship_field_of_the_registry_in_its_order_with_its_label(make_app):
    from leerstad.registry import internship_fields
    from registration.offers.forms import OfferFieldsForm

    app = make_app()
    with app.test_request_context():
        form = OfferFieldsForm([("haven", "Haven")], dt.date(2026, 11, 23))
        names = [field.name for field in form if field.name not in ("csrf_token", "description")]
        assert names == [spec.attr for spec in internship_fields()]
        for spec in internship_fields():
            assert form[spec.attr].label.text == spec.label


def test_offer_form_page_has_an_input_for_every_internship_field(client):
    from leerstad.registry import internship_fields

    page = client.get("/doe-mee/stage-aanbieden").get_data(as_text=True)
    for spec in internship_fields():
        assert f'name="{spec.attr}"' in page, spec.attr
    assert 'name="description"' in page
