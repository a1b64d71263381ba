"""The privacy page states what the code stores and for how long: built by a real Pelican, checked against leerstad.privacy."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from wtforms.fields.core import UnboundField

from leerstad import privacy
from registration.signup.forms import SignupForm
from tests.conftest import FIXTURE_CONTENT, ROOT, run_pelican

PRIVACY_PAGE = ROOT / "content" / "pages" / "privacyverklaring.md"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """The fixture content with the real privacy page the editors wrote."""
    target = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, target)
    shutil.copy(PRIVACY_PAGE, target / "pages" / "privacyverklaring.md")
    return target


def privacy_text(build) -> str:
    return build.page("/privacyverklaring/").find("article").get_text(" ", strip=True)


def test_privacy_page_shows_the_retention_period_and_every_stored_field_with_its_purpose(content, tmp_path, monkeypatch):
    monkeypatch.delenv(privacy.RETENTION_ENV, raising=False)
    build = run_pelican(content, tmp_path / "out", "--fatal", "errors")
    assert build.returncode == 0, build.log
    text = privacy_text(build)
    assert f"{privacy.RETENTION_DAYS} dagen na de activiteit" in text
    table = build.page("/privacyverklaring/").find("table", class_="stored-fields")
    rows = {row.th.get_text(strip=True): row.td.get_text(strip=True) for row in table.tbody.find_all("tr")}
    assert rows == {field.label: field.purpose for field in privacy.STORED_FIELDS}
    assert "{{" not in text and "}}" not in text


def test_privacy_page_follows_the_configured_retention_period(content, tmp_path, monkeypatch):
    monkeypatch.setenv(privacy.RETENTION_ENV, "45")  # the same variable the Flask app reads as RETENTION_DAYS
    build = run_pelican(content, tmp_path / "out", "--fatal", "errors")
    assert build.returncode == 0, build.log
    assert "45 dagen na de activiteit" in privacy_text(build)


def test_unknown_placeholder_fails_the_build_naming_the_page(content, tmp_path, monkeypatch):
    page = content / "pages" / "privacyverklaring.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nWe bewaren {{ retention_dayz }} dagen.\n", encoding="utf-8")
    build = run_pelican(content, tmp_path / "out", "--fatal", "errors")
    assert build.returncode != 0
    assert "privacyverklaring.md: onbekende plaatshouder {{ retention_dayz }}" in build.log


def test_every_signup_form_field_is_listed_as_stored_or_deliberately_not_stored():
    form_fields = {name for name, value in vars(SignupForm).items() if isinstance(value, UnboundField)}
    listed = privacy.form_fields() | set(privacy.NOT_STORED_FORM_FIELDS)
    assert form_fields - listed == set(), "sign-up form field(s) missing from leerstad/privacy.py"
    assert privacy.form_fields() - form_fields == set(), "leerstad/privacy.py lists a form field the form no longer has"


def test_app_uses_the_same_retention_default_as_the_page(make_app_for_privacy):
    assert make_app_for_privacy().config["RETENTION_DAYS"] == privacy.RETENTION_DAYS == 90


@pytest.fixture
def make_app_for_privacy(tmp_path, monkeypatch):
    monkeypatch.delenv(privacy.RETENTION_ENV, raising=False)
    from registration import create_app

    return lambda: create_app({"TESTING": True, "SECRET_KEY": "x", "DATABASE": str(tmp_path / "db.sqlite"), "CONTENT_DIR": str(FIXTURE_CONTENT)})


def test_privacy_page_names_the_public_task_as_basis_to_be_confirmed_by_the_dpo(content, tmp_path, monkeypatch):
    monkeypatch.delenv(privacy.RETENTION_ENV, raising=False)
    build = run_pelican(content, tmp_path / "out", "--fatal", "errors")
    assert build.returncode == 0, build.log
    text = privacy_text(build)
    assert privacy.LEGAL_BASIS in text
    assert "artikel 6, lid 1, onder e AVG" in text
    assert "nog te bevestigen door de functionaris gegevensbescherming van de gemeente" in text
