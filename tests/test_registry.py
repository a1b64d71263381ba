"""Content types and their fields are declared once, in leerstad.registry, and everything reads them.

Includes the proof that a new type ("Opleiding", made up here) needs only its model class
and its registry entry for loading, validation, cross-references and Pelican's excludes.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from dataclasses import dataclass, fields
from pathlib import Path

import pelicanconf
from leerstad import registry
from leerstad.content import Content, load_content
from leerstad.model import ContentItem
from leerstad.registry import CONTENT_TYPES, ContentType, Field
from leerstad.values import LEVELS, Choices, Date, Slug, Text

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "content"
TODAY = dt.date(2026, 11, 23)
# A section per type: "## Event — `content/events/<slug>.md`", then a table whose first column is the key.
SECTION = re.compile(r"^## .*?`content/([a-z-]+)/<slug>\.md`.*?\n(.*?)(?=^## |\Z)", re.M | re.S)
ROW = re.compile(r"^\| ([A-Z][A-Za-z-]*) \| ([^|]*) \|", re.M)


def documented_fields() -> dict[str, dict[str, str]]:
    """Per folder, each documented key with its `required` column."""
    text = (ROOT / "docs" / "content-format.md").read_text(encoding="utf-8")
    return {folder: dict(ROW.findall(table)) for folder, table in SECTION.findall(text)}


def test_content_format_documents_every_declared_field_and_no_other():
    documented = documented_fields()
    for kind in CONTENT_TYPES:
        assert set(documented.get(kind.folder, {})) == {spec.header_key for spec in kind.fields}, kind.name


def test_content_format_says_required_exactly_for_required_fields():
    documented = documented_fields()
    for kind in CONTENT_TYPES:
        for spec in kind.fields:
            says_required = documented[kind.folder][spec.header_key].startswith("yes")
            assert says_required == spec.required, f"{kind.folder}: {spec.header_key}"


def test_every_model_attribute_is_a_declared_field():
    base = {f.name for f in fields(ContentItem)} - {"title", "summary"}
    for kind in CONTENT_TYPES:
        # Resolved attributes (an organisation's name for its slug) come from other files, not a header key.
        attrs = {f.name for f in fields(kind.model) if not f.metadata.get("resolved")} - base
        assert attrs == {spec.attr for spec in kind.fields}, kind.name


def test_pelican_reads_only_stories_itself_and_excludes_every_other_type_folder():
    assert pelicanconf.ARTICLE_PATHS == ["stories"]
    assert set(pelicanconf.ARTICLE_EXCLUDES) == {"sectors", "events", "hubs", "stagemarkt", "organisaties", "pages"}
    assert set(pelicanconf.PAGE_EXCLUDES) == {kind.folder for kind in CONTENT_TYPES}


def test_every_type_has_its_collection_on_content():
    content = Content()
    for kind in CONTENT_TYPES:
        assert getattr(content, kind.collection) is content.collection(kind.model)


def test_references_name_registered_types():
    names = {kind.name for kind in CONTENT_TYPES}
    assert {spec.refers_to for kind in CONTENT_TYPES for spec in kind.fields if spec.refers_to} <= names


def test_every_field_formats_its_parsed_value_back_to_text_that_parses_the_same():
    content = load_content(FIXTURE, today=TODAY)
    for kind in CONTENT_TYPES:
        for item in content.collection(kind).values():
            for spec in kind.fields:
                value = getattr(item, spec.attr)
                for line in spec.to_header(value):
                    key, _, text = line.partition(": ")
                    assert key == spec.header_key
                    parsed = spec.parse(text)
                    assert parsed in (value if spec.repeats else (value,)), f"{item.source_path}: {spec.key}"


# --- a made-up new type: only a model class and a registry entry


@dataclass(frozen=True)
class Opleiding(ContentItem):
    school: str
    sector: str
    levels: tuple[str, ...]
    starts: dt.date


OPLEIDING = ContentType(
    "opleiding", "opleidingen", Opleiding, "opleidingen", "opleiding", "opleidingen",
    (
        Field("title", "title", Text(150), "Naam van de opleiding"),
        Field("summary", "summary", Text(300), "Samenvatting"),
        Field("school", "school", Text(150), "School"),
        Field("sector", "sector", Slug(), "Sector", refers_to="sector"),
        Field("levels", "levels", Choices(LEVELS), "Niveau"),
        Field("starts", "starts", Date(), "Start"),
    ),
)
WITH_OPLEIDING = (*CONTENT_TYPES, OPLEIDING)

GOOD = "Title: Verzorgende IG\nSummary: Werken in de zorg.\nSchool: Zadkine\nSector: zorg\nLevels: mbo\nStarts: 2027-09-01\n\nTekst.\n"


def content_with(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "content"
    shutil.copytree(FIXTURE, root)
    (root / "opleidingen").mkdir()
    for name, text in files.items():
        (root / "opleidingen" / name).write_text(text, encoding="utf-8")
    return root


def test_a_new_type_loads_from_its_folder_with_only_a_model_class_and_a_registry_entry(tmp_path):
    content = load_content(content_with(tmp_path, {"verzorgende-ig.md": GOOD}), today=TODAY, types=WITH_OPLEIDING)
    assert content.errors == []
    opleiding = content.opleidingen["verzorgende-ig"]
    assert (opleiding.school, opleiding.sector, opleiding.levels, opleiding.starts) == ("Zadkine", "zorg", ("mbo",), dt.date(2027, 9, 1))


def test_a_new_type_gets_the_same_editor_messages(tmp_path):
    bad = GOOD.replace("Sector: zorg", "Sector: ruimtevaart").replace("Starts:", "Begint:")
    content = load_content(content_with(tmp_path, {"fout.md": bad}), today=TODAY, types=WITH_OPLEIDING)
    messages = {str(problem) for problem in content.errors}
    assert any(m.startswith("content/opleidingen/fout.md:6: begint: onbekend veld") for m in messages), messages
    assert "content/opleidingen/fout.md:1: starts: verplicht veld ontbreekt" in messages


def test_a_new_type_refers_to_sectors_like_the_others(tmp_path):
    content = load_content(content_with(tmp_path, {"x.md": GOOD.replace("zorg", "ruimtevaart")}), today=TODAY, types=WITH_OPLEIDING)
    assert [p.message.split(";")[0] for p in content.errors] == ["onbekende sector 'ruimtevaart'"]


def test_a_new_type_is_kept_out_of_pelicans_stories_and_pages():
    assert "opleidingen" in registry.article_excludes(WITH_OPLEIDING)
    assert "opleidingen" in registry.page_excludes(WITH_OPLEIDING)
    assert registry.article_paths(WITH_OPLEIDING) == ["stories"]
