"""Replaces {{ name }} placeholders in pages with numbers and lists from leerstad.privacy.

Editors write the privacy page; the figures in it (retention period, what is stored and
why) come from the code that enforces them, so the page cannot promise something else.
An unknown placeholder is logged as an error, which fails `make build` (--fatal errors).
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

import jinja2

from leerstad import privacy

log = logging.getLogger(__name__)

PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")
# A placeholder alone in a paragraph is replaced with the paragraph: a table cannot sit inside <p>.
BLOCK_PLACEHOLDER = r"<p>\s*\{{\{{\s*{name}\s*\}}\}}\s*</p>"

_templates = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
)


def placeholder_values(settings: dict[str, Any]) -> dict[str, str]:
    """HTML for each placeholder; RETENTION_DAYS in the Pelican settings wins over LEERSTAD_RETENTION_DAYS."""
    configured = settings.get("RETENTION_DAYS")
    days = privacy.parse_retention_days(configured) if configured is not None else privacy.retention_days()
    return {
        "retention_days": str(days),
        "small_group_threshold": str(privacy.SMALL_GROUP_THRESHOLD),
        "legal_basis": _templates.from_string("{{ text }}").render(text=privacy.LEGAL_BASIS),
        "stored_fields": _templates.get_template("stored_fields.html").render(fields=privacy.STORED_FIELDS),
        "website_statistics": _templates.get_template("website_statistics.html").render(
            counted=privacy.STATS_COUNTED, threshold=privacy.SMALL_GROUP_THRESHOLD
        ),
        "server_logs": _templates.get_template("server_logs.html").render(logs=privacy.SERVER_LOGS),
        "session_cookie": privacy.SESSION_COOKIE,
    }


def fill(html: str, values: dict[str, str]) -> tuple[str, list[str]]:
    """`html` with known placeholders replaced, and the names of unknown ones left in it."""
    for name, value in values.items():
        html = re.sub(BLOCK_PLACEHOLDER.format(name=name), lambda _m, v=value: v, html)
    unknown: list[str] = []

    def replace(match: re.Match[str]) -> str:
        if match[1] in values:
            return values[match[1]]
        unknown.append(match[1])
        return match[0]

    return PLACEHOLDER.sub(replace, html), unknown


def fill_placeholders(instance: Any) -> None:
    """content_object_init handler: runs for every page and article, changes only those with placeholders."""
    html = getattr(instance, "_content", None)
    if not html or "{{" not in html:
        return
    filled, unknown = fill(html, placeholder_values(instance.settings))
    instance._content = filled
    for name in unknown:
        log.error(
            "%s: onbekende plaatshouder {{ %s }}; bekend zijn: %s",
            instance.source_path, name, ", ".join(f"{{{{ {n} }}}}" for n in placeholder_values(instance.settings)),
        )
