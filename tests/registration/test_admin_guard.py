"""Every /beheer page needs a login, by construction: the one admin blueprint's guard, proven over the whole url_map."""

from __future__ import annotations

import pytest
from werkzeug.routing import IntegerConverter

ADMIN_PREFIX = "/beheer/"
LOGIN_PAGE = "/beheer/inloggen"


def _admin_rules(app):
    return [rule for rule in app.url_map.iter_rules() if rule.rule.startswith(ADMIN_PREFIX)]


def _example_url(app, rule) -> str:
    values = {
        name: 1 if isinstance(converter, IntegerConverter) else "opening-netwerkweek"
        for name, converter in rule._converters.items()
    }
    with app.test_request_context():
        return app.url_map.bind("localhost").build(rule.endpoint, values)


def test_the_app_has_admin_pages_in_every_area(app):
    areas = {rule.endpoint.split(".")[1] for rule in _admin_rules(app) if rule.endpoint.count(".") == 2}
    assert areas == {"accounts", "events", "check_in", "audit_log", "reach", "website", "offer_moderation"}
    assert all(rule.endpoint.startswith("admin.") for rule in _admin_rules(app))  # one /beheer blueprint


def test_without_a_login_no_admin_view_runs_for_any_rule_or_method(make_app, monkeypatch):
    app = make_app(PROPAGATE_EXCEPTIONS=False)  # a view that ran and failed shows up as a 500 in the list below
    client = app.test_client()
    assert app.config["WTF_CSRF_ENABLED"] is False  # so a refused POST is the guard's doing, not CSRF's
    reached: list[str] = []
    for endpoint, view in list(app.view_functions.items()):
        if endpoint.startswith("admin."):
            def recording(*args, _endpoint=endpoint, _view=view, **kwargs):
                reached.append(_endpoint)
                return _view(*args, **kwargs)

            monkeypatch.setitem(app.view_functions, endpoint, recording)

    checked, let_through = 0, []
    for rule in _admin_rules(app):
        if rule.endpoint == "admin.accounts.login":
            continue  # the one page that must answer without a login
        url = _example_url(app, rule)
        for method in sorted(rule.methods):
            response = client.open(url, method=method)
            to_login = response.status_code in (302, 303) and response.headers["Location"].startswith(LOGIN_PAGE)
            if not (to_login or response.status_code in (401, 403)):
                let_through.append((method, url, response.status_code))
            checked += 1
    assert let_through == []
    assert reached == []
    assert checked >= 20  # every admin rule with GET/HEAD/OPTIONS or POST/OPTIONS


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_the_login_page_answers_without_a_login(client, method):
    response = client.open(LOGIN_PAGE, method=method, data={"username": "", "password": ""})
    assert response.status_code in (200, 422)
