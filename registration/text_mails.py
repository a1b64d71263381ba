"""Composes plain-text mails that are not about an event registration (internship offers, ideas) from templates/mail/."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import jinja2

from leerstad.dates import dutch_date
from registration.mails import Mail

_environment = jinja2.Environment(
    loader=jinja2.PackageLoader("registration", "templates/mail"),
    autoescape=False,  # plain text; nothing here is HTML
    undefined=jinja2.StrictUndefined,
    keep_trailing_newline=True,
    trim_blocks=True,
    lstrip_blocks=True,
)
_environment.filters["dutch_date"] = dutch_date


def compose(kind: str, to_address: str, context: Mapping[str, Any]) -> Mail:
    """Render templates/mail/<kind>.txt: first line `Onderwerp: …`, an empty line, then the body."""
    text = _environment.get_template(f"{kind}.txt").render(context)
    subject_line, _, body = text.partition("\n\n")
    subject = " ".join(subject_line.removeprefix("Onderwerp:").split())
    return Mail(kind, to_address, subject, body)
