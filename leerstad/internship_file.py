"""Writes an internship offer as the text of a `content/stagemarkt/<slug>.md` file, and proves it reads back.

Offers that employers submit through the app are published the git way: an editor runs
the export, reviews the written Markdown and commits it. This module is the only place
that turns offer fields into that text, in the format of docs/content-format.md, and it
checks every text it writes by parsing it again with `leerstad.model.parse_item`, so a
file that would break the build or read back differently is never written.

Submitted text is not trusted like an editor's: the description becomes plain Markdown
paragraphs and lists with links, images, raw HTML and attribute syntax escaped, so an
offer cannot make visitors' browsers load or run anything.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from leerstad.frontmatter import parse_document
from leerstad.model import FIELDS, FieldError, Internship, Problem, parse_item, text
from leerstad.urls import INTERNSHIP_VIEW_SLUGS

FOLDER = "stagemarkt"
SLUG_MAX = 80
DESCRIPTION_MAX = 5000
FALLBACK_SLUG = "stage"
# Names the site uses for stagemarkt views (/stagemarkt/niveau/…, /stagemarkt/groepsstages/);
# the build refuses an offer with one of these slugs.
RESERVED_SLUGS = frozenset(INTERNSHIP_VIEW_SLUGS)

# Header keys in the order editors know from docs/content-format.md.
HEADER_ORDER = (
    "title", "summary", "date", "organisation", "sector", "levels", "location", "period", "hours",
    "group", "group-size", "supervision", "apply", "expires",
)
_SPECS = {spec.key: spec for spec in FIELDS[Internship]}
_COMMON = {"title": text(150), "summary": text(300)}


@dataclass(frozen=True)
class InternshipOffer:
    """What an internship page shows, as typed values (the same types `leerstad.model.Internship` has)."""

    title: str
    summary: str
    organisation: str
    sector: str
    levels: tuple[str, ...]
    location: str
    period: str
    hours: int
    group: bool
    group_size: str | None
    supervision: str | None
    apply: str
    expires: dt.date
    description: str


class OfferFileError(ValueError):
    """The offer cannot be written as a valid content file; `problems` say why, per header key."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{p.field}: {p.message}" for p in problems))


def parse_value(key: str, raw: str) -> Any:
    """Parse one raw header value with the model's own rule for `key`; raises FieldError."""
    if key in _COMMON:
        return _COMMON[key](raw)
    return _SPECS[key].parse(raw)


def _single_line(key: str, value: str) -> str:
    # A line break inside a header value would start a new header line: a forged key.
    if len(value.splitlines()) > 1 or any(unicodedata.category(ch) in ("Cc", "Zl", "Zp") for ch in value):
        raise OfferFileError([Problem(Path(FOLDER), 1, key, "bevat een regeleinde of stuurteken")])
    return value.strip()


def header_values(offer: InternshipOffer, published: dt.date) -> dict[str, str]:
    """The header lines' values as text, in file order; optional keys without a value are left out."""
    values = {
        "title": offer.title,
        "summary": offer.summary,
        "date": published.isoformat(),
        "organisation": offer.organisation,
        "sector": offer.sector,
        "levels": ", ".join(offer.levels),
        "location": offer.location,
        "period": offer.period,
        "hours": str(offer.hours),
        "group": "yes" if offer.group else "no",
        "group-size": offer.group_size or "",
        "supervision": offer.supervision or "",
        "apply": offer.apply,
        "expires": offer.expires.isoformat(),
    }
    if not offer.group:
        # Without a group these say nothing; the model only reads them for group internships.
        del values["group-size"], values["supervision"]
    # Empty required values stay, so the model names the missing field.
    return {key: _single_line(key, value) for key, value in values.items() if value != "" or key not in ("group-size", "supervision")}


# Characters that Markdown (with Python-Markdown's `extra`) turns into links, images, code,
# emphasis or element attributes; a backslash makes each one literal text.
_BACKSLASHED = re.compile(r"([\\`*_{}\[\]])")
# A line made only of these is a rule or an underline that turns the line above into a heading.
_RULE_LINE = re.compile(r"^\s*([-=*_+~])[-=*_+~\s]*$")
_HEADING_START = re.compile(r"^(\s*)#")
_LIST_ITEM = re.compile(r"^\s*(-|\d+\.)\s")
# Pelican's Markdown runs the `meta` extension on bodies too: a first line like
# "Werktijden: 8-17" would be taken as metadata and vanish from the page.
_META_LIKE = re.compile(r"^([ ]{0,3}[A-Za-z0-9_-]+):")


def description_markdown(description: str) -> str:
    """A submitted description as Markdown that shows exactly the text typed, in paragraphs and `- ` lists."""
    lines: list[str] = []
    for raw in description.splitlines():
        line = raw.rstrip()
        line = line.replace("<", "&lt;").replace(">", "&gt;")
        line = _BACKSLASHED.sub(r"\\\1", line)
        line = _HEADING_START.sub(r"\1\\#", line)
        rule = _RULE_LINE.match(line)
        if rule and len(line.strip()) > 1:
            line = line.replace(rule[1], f"&#{ord(rule[1])};", 1)
        if _LIST_ITEM.match(line) and lines and lines[-1] and not _LIST_ITEM.match(lines[-1]):
            lines.append("")  # Markdown starts a list only after an empty line; people do not know that
        lines.append(line)
    text_ = "\n".join(lines).strip("\n")
    text_ = re.sub(r"\n{3,}", "\n\n", text_)
    return _META_LIKE.sub(r"\1&#58;", text_, count=1)


def internship_markdown(offer: InternshipOffer, published: dt.date) -> str:
    """The complete text of the offer's content file, published on `published`.

    Raises OfferFileError when the text would not read back as this offer with the model.
    """
    values = header_values(offer, published)
    header = "\n".join(f"{key.capitalize()}: {value}" for key, value in values.items())
    body = description_markdown(offer.description)
    if not body:
        raise OfferFileError([Problem(Path(FOLDER), 1, "beschrijving", "mag niet leeg zijn")])
    text_ = f"{header}\n\n{body}\n"
    problems = round_trip_problems(offer, published, text_)
    if problems:
        raise OfferFileError(problems)
    return text_


def read_back(text_: str, slug: str = "aanbod") -> tuple[Internship | None, list[Problem]]:
    """Parse a file text exactly as the site build does (errors and warnings)."""
    item, problems = parse_item(Internship, parse_document(Path(FOLDER) / f"{slug}.md", text_))
    return (item if isinstance(item, Internship) else None), problems


def round_trip_problems(offer: InternshipOffer, published: dt.date, text_: str) -> list[Problem]:
    """Problems the model finds in `text_`, plus any field that reads back different from the offer."""
    item, problems = read_back(text_)
    if item is None or problems:
        return problems or [Problem(Path(FOLDER), 1, "bestand", "kan niet gelezen worden")]
    expected = dataclasses.replace(offer, description=description_markdown(offer.description))
    found = {
        "title": item.title, "summary": item.summary, "organisation": item.organisation, "sector": item.sector,
        "levels": item.levels, "location": item.location, "period": item.period, "hours": item.hours,
        "group": item.group, "group_size": item.group_size if item.group else None,
        "supervision": item.supervision if item.group else None, "apply": item.apply, "expires": item.expires,
        "description": item.body,
    }
    mismatches = []
    if item.date != published:
        mismatches.append(Problem(Path(FOLDER), item.line_of("date"), "date", "leest anders terug"))
    for name, value in found.items():
        if getattr(expected, name) != value:
            mismatches.append(Problem(Path(FOLDER), item.line_of(name.replace("_", "-")), name, "leest anders terug"))
    return mismatches


def field_problems(offer: InternshipOffer, published: dt.date) -> dict[str, str]:
    """Per header key, what the model says is wrong with the offer (empty when it would publish cleanly)."""
    try:
        internship_markdown(offer, published)
    except OfferFileError as error:
        found: dict[str, str] = {}
        for problem in error.problems:
            found.setdefault(problem.field, problem.message)
        return found
    return {}


def slugify(words: str) -> str:
    """Lower-case ASCII letters, digits and hyphens, at most SLUG_MAX long, cut between words."""
    ascii_text = unicodedata.normalize("NFKD", words).encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if len(slug) > SLUG_MAX:
        slug = slug[:SLUG_MAX].rsplit("-", 1)[0] if "-" in slug[:SLUG_MAX] else slug[:SLUG_MAX]
    return slug or FALLBACK_SLUG


def offer_slug(organisation: str, title: str, taken: Collection[str]) -> str:
    """A slug from organisation and title that is not in `taken` (adds -2, -3 … when it is)."""
    base = slugify(f"{organisation} {title}")
    candidate, number = base, 2
    while candidate in taken or candidate in RESERVED_SLUGS:
        suffix = f"-{number}"
        candidate = base[: SLUG_MAX - len(suffix)].rstrip("-") + suffix
        number += 1
    return candidate


def taken_slugs(content_root: Path) -> set[str]:
    """Slugs of every stagemarkt file, valid or not (a broken file still owns its name)."""
    folder = content_root / FOLDER
    return {path.stem for path in folder.rglob("*.md")} if folder.is_dir() else set()


def offer_path(content_root: Path, slug: str) -> Path:
    return content_root / FOLDER / f"{slug}.md"


__all__ = [
    "FieldError",
    "InternshipOffer",
    "OfferFileError",
    "description_markdown",
    "field_problems",
    "internship_markdown",
    "offer_path",
    "offer_slug",
    "parse_value",
    "read_back",
    "slugify",
    "taken_slugs",
]
