"""Content-Security-Policy: every app response and every static file say "only our own origin, no inline script"."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from leerstad.csp import SITE_POLICY, app_policy
from tests.registration.test_reach import populate


def directives(policy: str) -> dict[str, list[str]]:
    return {name: values for name, *values in (part.split() for part in policy.split(";"))}


def assert_strict(policy: str) -> None:
    parts = directives(policy)
    assert parts["default-src"] == ["'self'"]
    assert parts["script-src"][0] == "'self'" and "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    assert parts["object-src"] == ["'none'"] and parts["frame-ancestors"] == ["'none'"]


def test_the_policies_allow_only_our_own_origin_and_pagefind_its_webassembly():
    assert_strict(SITE_POLICY)
    assert directives(SITE_POLICY)["script-src"] == ["'self'", "'wasm-unsafe-eval'"]
    assert_strict(app_policy())
    assert directives(app_policy())["style-src"] == ["'self'"]
    assert directives(app_policy("abc"))["style-src"] == ["'self'", "'nonce-abc'"]


@pytest.fixture
def token(signups):
    signups.submit()
    return signups.manage_token("amina@example.nl")


def test_every_kind_of_app_response_carries_the_policy(client, token):
    for method, path in [
        ("GET", "/aanmelden/opening-netwerkweek"),
        ("POST", "/aanmelden/opening-netwerkweek"),  # form with errors, 422
        ("GET", f"/mijn/{token}"),
        ("GET", f"/mijn/{token}/evenement.ics"),
        ("GET", f"/agenda/{token}.ics"),
        ("GET", f"/mijn/{token}/gegevens.json"),
        ("GET", "/api/beschikbaarheid.json"),
        ("GET", "/bestaat-niet"),
        ("GET", "/beheer/"),  # redirect to the login
        ("HEAD", "/beheer/inloggen"),
        ("DELETE", "/aanmelden/opening-netwerkweek"),  # 405
    ]:
        response = client.open(path, method=method)
        assert response.headers.get("Content-Security-Policy") == app_policy(), (method, path, response.status_code)


def test_app_pages_have_no_inline_script_or_style(client, token):
    for path in ("/aanmelden/opening-netwerkweek", f"/mijn/{token}", f"/mijn/{token}/annuleren", f"/mijn/{token}/verwijderen",
                 "/beheer/inloggen", "/doe-mee/stage-aanbieden", "/doe-mee/idee", "/bestaat-niet"):
        page = client.get(path).get_data(as_text=True)
        soup = BeautifulSoup(page, "html.parser")
        assert not soup.find_all("style"), path
        assert not soup.find_all(style=True), path
        assert all(script.get("src") for script in soup.find_all("script")), path


def test_reach_charts_style_carries_the_nonce_the_policy_names_and_nothing_else_is_inline(signups, client, admin):
    populate(signups)
    admin.create()
    admin.login()
    response = client.get("/beheer/bereik")
    policy = response.headers["Content-Security-Policy"]
    assert_strict(policy)
    [nonce] = re.findall(r"'nonce-([A-Za-z0-9_-]{16,})'", directives(policy)["style-src"][1])
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    # pygal's CSS for every chart, moved out of the SVGs into one <style> in the head.
    [style] = soup.find_all("style")
    assert style.parent.name == "head" and style.get("nonce") == nonce
    assert len(soup.find_all("svg")) >= 2 and "&gt;" not in style.string
    assert all(f"#{svg['id']}" in style.string for svg in soup.find_all("svg"))
    assert not soup.find_all(style=True)
    assert not soup.find_all("script")
    # A fresh nonce for every response.
    assert client.get("/beheer/bereik").headers["Content-Security-Policy"] != policy
