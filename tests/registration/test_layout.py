"""The shape of registration/: domain packages, rules without Flask, settings in one table."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from registration import config

PACKAGE = Path(__file__).resolve().parents[2] / "registration"
# Modules that hold rules or pure helpers: plain functions on a database, importable without Flask.
RULES_MODULES = sorted(
    [*PACKAGE.glob("*/rules.py")]
    + [PACKAGE / name for name in (
        "store.py", "migrations.py", "tokens.py", "catalogue.py",
        "admin/accounts.py", "admin/audit.py", "admin/csv_export.py",
        "mail/compose.py", "mail/outbox.py", "mail/notices.py",
        "offers/export.py", "signup/people.py",
        "privacy/person_key.py", "privacy/reach.py", "privacy/retention.py", "privacy/my_data.py", "privacy/charts.py",
        "stats/database.py",
    )]
)


def _imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def _imports_flask(path: Path, seen: set[Path]) -> str | None:
    """The first import chain from `path` that reaches flask or flask_*, following registration's own modules."""
    if path in seen:
        return None
    seen.add(path)
    for name in sorted(_imported_modules(path)):
        if name == "flask" or name.startswith(("flask.", "flask_")):
            return name
        if name.startswith("registration."):
            target = PACKAGE.parent / (name.replace(".", "/") + ".py")
            if target.exists():
                found = _imports_flask(target, seen)
                if found:
                    return f"{name} -> {found}"
    return None


@pytest.mark.parametrize("path", RULES_MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_rules_modules_do_not_import_flask(path):
    assert path.exists()
    assert _imports_flask(path, set()) is None


def test_every_domain_package_has_its_rules_apart_from_its_views():
    for domain in ("signup", "offers", "ideas"):
        assert (PACKAGE / domain / "rules.py").exists()
        assert (PACKAGE / domain / "views.py").exists()


def test_registration_keeps_at_most_16_modules_at_the_top():
    assert len(list(PACKAGE.glob("*.py"))) <= 16


def test_no_two_module_names_are_one_letter_apart():
    names = sorted({path.stem for path in PACKAGE.rglob("*.py") if path.stem != "__init__"})
    close = [(a, b) for a in names for b in names if a < b and _one_edit_apart(a, b)]
    assert close == []


def _one_edit_apart(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def test_every_setting_the_code_reads_is_in_the_settings_table_with_a_meaning():
    known = {setting.name for setting in config.SETTINGS}
    read = set()
    for path in PACKAGE.rglob("*.py"):
        read |= set(re.findall(r"config(?:\.get\(|\[)\"([A-Z][A-Z0-9_]+)\"", path.read_text(encoding="utf-8")))
    assert read - known == set()
    assert all(setting.meaning for setting in config.SETTINGS)
    assert len(known) == len(config.SETTINGS)


def test_the_rate_limiter_takes_its_storage_from_config(make_app):
    with pytest.raises(Exception, match="nonsense"):
        make_app(RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI="nonsense://")


def test_every_route_of_the_app_lies_under_a_prefix_the_proxy_sends_to_it(app):
    from leerstad.urls import is_app_path

    rules = [rule.rule for rule in app.url_map.iter_rules() if rule.endpoint != "static"]
    assert rules and [rule for rule in rules if not is_app_path(rule)] == []


def test_the_architecture_doc_shows_every_module_of_registration_in_its_tree():
    doc = (PACKAGE.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    tree = doc[doc.index("```\nregistration/\n") + 4:]
    tree = tree[: tree.index("```")]
    shown, package = set(), ""
    for line in tree.splitlines()[1:]:
        found = re.search(r"(├── |└── )(\S+)", line)
        if not found:
            continue
        name, nested = found.group(2), found.start() > 0
        if name.endswith("/"):
            package = name
        elif name.endswith(".py"):
            shown.add(f"{package}{name}" if nested else name)
    actual = {str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py") if not (p.name == "__init__.py" and p.parent != PACKAGE)}
    assert actual - shown == set(), "modules missing from the tree in docs/architecture.md"
    assert shown - actual == set(), "docs/architecture.md shows modules that do not exist"
