"""Writes an internship offer as the text of a `content/stagemarkt/<slug>.md` file, and proves it reads back.

Offers that employers submit through the app are published the git way: an editor runs
the export, reviews the written Markdown and commits it. This module is the only place
that turns offer fields into that text, by iterating the internship field table of
`leerstad.registry` (each field formats its own value back), in the format of docs/content-format.md, and it
checks every text it writes by parsing it again with `leerstad.validation.parse_item`, so a
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
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

from leerstad.frontmatter import parse_document
from leerstad.model import FieldError, Internship, Problem
from leerstad.registry import INTERNSHIP, Field, internship_fields
from leerstad.urls import INTERNSHIP_VIEW_SLUGS
from leerstad.validation import parse_item

FOLDER = INTERNSHIP.folder
SLUG_MAX = 80
DESCRIPTION_MAX = 5000
FALLBACK_SLUG = "stage"
# Names the site uses for stagemarkt views (/stagemarkt/niveau/…, /stagemarkt/groepsstages/);
# the build refuses an offer with one of these slugs.
RESERVED_SLUGS = frozenset(INTERNSHIP_VIEW_SLUGS)

# Header keys in the order editors know from docs/content-format.md: the registry's order.
HEADER_ORDER = tuple(spec.key for spec in INTERNSHIP.fields)
# The header field the export fills in with the day it writes the file.
PUBLISHED_KEY = "date"
# What an offer holds: every internship field a submitter fills in, then the page text.
OFFER_FIELDS: tuple[Field, ...] = internship_fields()
_MODEL_TYPES = {f.name: f.type for f in dataclasses.fields(Internship)}

# Built from the field table, so a new internship field is an offer field without another edit here.
InternshipOffer = dataclasses.make_dataclass(
    "InternshipOffer",
    # Optional fields default as in a content file without their key, so code that builds an offer
    # keeps working when a field is added; keyword-only, since optional and required ones alternate.
    [
        (spec.attr, _MODEL_TYPES[spec.attr]) if spec.required else (spec.attr, _MODEL_TYPES[spec.attr], dataclasses.field(default=spec.default))
        for spec in OFFER_FIELDS
    ]
    + [("description", "str")],
    frozen=True,
    kw_only=True,
    namespace={"__doc__": "What an internship page shows, as typed values (the types `leerstad.model.Internship` has), "
               "plus the submitted description; one attribute per field of `OFFER_FIELDS`."},
)
InternshipOffer.__module__ = __name__


class OfferFileError(ValueError):
    """The offer cannot be written as a valid content file; `problems` say why, per header key."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{p.field}: {p.message}" for p in problems))


def parse_value(key: str, raw: str) -> Any:
    """Parse one raw header value with the model's own rule for `key`; raises FieldError."""
    return INTERNSHIP.field(key).parse(raw)


def _single_line(key: str, value: str) -> str:
    # A line break inside a header value would start a new header line: a forged key.
    if len(value.splitlines()) > 1 or any(unicodedata.category(ch) in ("Cc", "Zl", "Zp") for ch in value):
        raise OfferFileError([Problem(Path(FOLDER), 1, key, "bevat een regeleinde of stuurteken")])
    return value.strip()


def _counts(offer: Any, spec: Field) -> bool:
    """Whether a field says anything for this offer: group-size only does for a group internship."""
    return spec.only_with is None or bool(getattr(offer, spec.only_with))


def _offer_value(offer: Any, spec: Field, published: dt.date) -> Any:
    return published if spec.key == PUBLISHED_KEY else getattr(offer, spec.attr)


def header_values(offer: Any, published: dt.date) -> dict[str, str]:
    """The header lines' values as text, in file order; optional keys without a value are left out."""
    values = {}
    for spec in INTERNSHIP.fields:
        value = _offer_value(offer, spec, published)
        if not _counts(offer, spec) or (not spec.required and value in (None, "", ())):
            # Without a group these say nothing; the model only reads them for group internships.
            continue
        # Empty required values stay, so the model names the missing field.
        values[spec.key] = _single_line(spec.key, "" if value in (None, "") else spec.format(value))
    return values


def offer_field_texts(offer: Any) -> dict[str, str]:
    """Each offer field as the text a content file holds (empty when it has no value), by attribute.

    For storing an offer as text columns, or prefilling a form: `offer_from_field_texts` reads it back.
    """
    texts = {}
    for spec in OFFER_FIELDS:
        value = getattr(offer, spec.attr)
        texts[spec.attr] = "" if value in (None, "", ()) or not _counts(offer, spec) else spec.format(value)
    return {**texts, "description": offer.description}


def offer_from_field_texts(texts: Mapping[str, str]) -> Any:
    """The offer back from `offer_field_texts`' texts, each parsed by its field; raises FieldError."""
    values: dict[str, Any] = {}
    for spec in OFFER_FIELDS:
        raw = texts.get(spec.attr) or ""
        values[spec.attr] = spec.parse(raw) if raw else spec.default
    return InternshipOffer(**values, description=texts.get("description") or "")


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


def internship_markdown(offer: Any, published: dt.date) -> str:
    """The complete text of the offer's content file, published on `published`.

    Raises OfferFileError when the text would not read back as this offer with the model.
    """
    values = header_values(offer, published)
    header = "\n".join(f"{INTERNSHIP.field(key).header_key}: {value}" for key, value in values.items())
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


def round_trip_problems(offer: Any, published: dt.date, text_: str) -> list[Problem]:
    """Problems the model finds in `text_`, plus any field that reads back different from the offer."""
    item, problems = read_back(text_)
    if item is None or problems:
        return problems or [Problem(Path(FOLDER), 1, "bestand", "kan niet gelezen worden")]
    mismatches = []
    if getattr(item, INTERNSHIP.field(PUBLISHED_KEY).attr) != published:
        mismatches.append(Problem(Path(FOLDER), item.line_of(PUBLISHED_KEY), PUBLISHED_KEY, "leest anders terug"))
    for spec in OFFER_FIELDS:
        found = getattr(item, spec.attr) if _counts(item, spec) else None
        if getattr(offer, spec.attr) != found:
            mismatches.append(Problem(Path(FOLDER), item.line_of(spec.key), spec.key, "leest anders terug"))
    if description_markdown(offer.description) != item.body:
        mismatches.append(Problem(Path(FOLDER), item.line_of("description"), "description", "leest anders terug"))
    return mismatches


def field_problems(offer: Any, published: dt.date) -> dict[str, str]:
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
    "DESCRIPTION_MAX",
    "FOLDER",
    "HEADER_ORDER",
    "OFFER_FIELDS",
    "FieldError",
    "InternshipOffer",
    "OfferFileError",
    "description_markdown",
    "field_problems",
    "internship_markdown",
    "header_values",
    "offer_field_texts",
    "offer_from_field_texts",
    "offer_path",
    "offer_slug",
    "parse_value",
    "read_back",
    "round_trip_problems",
    "slugify",
    "taken_slugs",
]
