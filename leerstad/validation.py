"""Per-file validation: builds a model object from a content file, or says what is wrong, in Dutch.

Checks that need only this file happen here: the keys a type's fields declare (from
`leerstad.registry`), required fields, values, and a table of per-type checks that look
at several fields at once (`TYPE_CHECKS`). Checks that need other files (a sector that
exists, duplicate slugs) live in `leerstad.content`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable
from dataclasses import fields
from typing import Any

from leerstad.frontmatter import Document, HeaderValue
from leerstad.model import SLUG_PATTERN, ContentItem, Event, FieldError, Internship, Organisation, Problem, Story
from leerstad.registry import CONTENT_TYPES, ContentType, content_type

# Longer than this, an event's end date is more likely a typo than a plan: a warning.
LONG_EVENT = dt.timedelta(days=14)

# How a per-type check reports: problem(line, key, message, severity="error").
Report = Callable[..., None]

# A Markdown image with nothing between the brackets, or an <img> without alt: screen readers
# then read the file name or nothing at all (WCAG 1.1.1).
_IMAGE_WITHOUT_ALT = re.compile(r"!\[\s*\]\s*[(\[]|<img\b(?![^>]*\balt\s*=)", re.IGNORECASE)

# Alt texts that tell a screen-reader user nothing about the picture.
_EMPTY_ALT_WORDS = frozenset({"afbeelding", "foto", "plaatje", "beeld", "image", "img", "picture", "photo", "logo", "illustratie"})


def _says_nothing(alt: str, image: str) -> bool:
    words = alt.strip().lower().rstrip(".")
    name = image.rsplit("/", 1)[-1].lower()
    return words in _EMPTY_ALT_WORDS or words in (name, name.rsplit(".", 1)[0])


def document_problems(doc: Document) -> list[Problem]:
    """What is wrong with a file's form, whatever its type: empty, header not on line 1,
    header lines Pelican would read differently, a file name that cannot be an address."""
    problems: list[Problem] = []
    path = doc.path

    def problem(line: int, key: str, message: str, severity: str = "error") -> None:
        problems.append(Problem(path, line, key, message, severity))

    if not doc.header and not doc.malformed_lines:
        # Say the one real mistake instead of listing every required field as missing.
        if not doc.body.strip():
            problem(1, "bestand", "is leeg; een bestand begint met de kop, bijv. 'Title: ...' op regel 1")
            return problems
        if doc.leading_blank_lines:
            problem(
                doc.leading_blank_lines + 1,
                "kop",
                "de kop moet op regel 1 beginnen; haal "
                + ("de lege regel" if doc.leading_blank_lines == 1 else f"de {doc.leading_blank_lines} lege regels")
                + " erboven weg",
            )
            return problems
    for line, key in doc.space_before_colon:
        problem(line, key.lower(), f"zet de dubbele punt direct achter '{key}', zonder spatie ervoor ('{key}: ...')")
    for line in doc.short_indent_lines:
        problem(line, "kop", "een vervolgregel van de kop begint met vier spaties of een tab")
    for line in doc.malformed_lines:
        problem(line, "kop", "regel is geen 'Sleutel: waarde'; laat een lege regel tussen kop en tekst")
    if not SLUG_PATTERN.match(doc.slug):
        problem(1, "slug", f"bestandsnaam '{doc.slug}' mag alleen kleine letters, cijfers en streepjes bevatten")

    return problems


def parse_item(
    kind: type[ContentItem] | ContentType, doc: Document, types: tuple[ContentType, ...] = CONTENT_TYPES
) -> tuple[ContentItem | None, list[Problem]]:
    """Build one content object from a document, or return why it cannot be built.

    Checks that need only this file happen here (required fields, types, end after
    start); checks that need other files (sector exists, duplicate slug) live in
    `leerstad.content`.
    """
    problems: list[Problem] = []
    path = doc.path

    def problem(line: int, key: str, message: str, severity: str = "error") -> None:
        problems.append(Problem(path, line, key, message, severity))

    problems.extend(document_problems(doc))
    if not doc.header and not doc.malformed_lines and problems:
        return None, problems

    declared = content_type(kind, types)
    specs = declared.fields
    known = {spec.key for spec in specs}
    allowed_extra = declared.extra_keys
    for key, occurrences in doc.header.items():
        if key == "slug":
            problem(occurrences[0].line, key, f"het adres is de bestandsnaam ('{doc.slug}'); haal deze regel weg")
        elif key not in known and key not in allowed_extra:
            close = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.75)
            hint = f"bedoel je '{close[0].capitalize()}'? " if close else ""
            problem(occurrences[0].line, key, f"onbekend veld; {hint}bekende velden: {', '.join(sorted(known))}")

    values: dict[str, Any] = {}
    lines: dict[str, int] = {}
    for spec in specs:
        occurrences: list[HeaderValue] = doc.header.get(spec.key, [])
        if not occurrences:
            if spec.required:
                problem(1, spec.key, "verplicht veld ontbreekt")
            values[spec.attr] = () if spec.repeats else spec.default
            continue
        lines[spec.key] = occurrences[0].line
        if len(occurrences) > 1 and not spec.repeats:
            problem(occurrences[1].line, spec.key, f"staat meer dan eens in de kop (ook op regel {occurrences[0].line})")
        parsed = []
        for occurrence in occurrences if spec.repeats else occurrences[:1]:
            try:
                parsed.append(spec.parse(occurrence.text))
            except FieldError as error:
                problem(occurrence.line, spec.key, str(error))
        if len(parsed) == (len(occurrences) if spec.repeats else 1):
            values[spec.attr] = tuple(parsed) if spec.repeats else parsed[0]

    for offset, body_line in enumerate(doc.body.split("\n")):
        if _IMAGE_WITHOUT_ALT.search(body_line):
            problem(
                doc.body_line + offset,
                "tekst",
                "afbeelding zonder beschrijving; zet tussen de [ ] wat erop staat, bijv. ![Een kraan op de kade](/images/kraan.jpg)",
            )

    check = TYPE_CHECKS.get(declared.model)
    if check is not None:
        check(values, lines, problem)

    if any(p.severity == "error" for p in problems):
        return None, problems
    model = declared.model
    item = model(
        slug=doc.slug,
        source_path=path,
        body=doc.body,
        lines=lines,
        **{f.name: values[f.name] for f in fields(model) if f.name in values},
    )
    return item, problems


def _check_event(values: dict[str, Any], lines: dict[str, int], problem: Report) -> None:
    start, end = values.get("start"), values.get("end")
    if start and end and end <= start:
        problem(lines["end"], "end", f"ligt niet na de start ({start:%Y-%m-%d %H:%M})")
    elif start and end and end - start > LONG_EVENT:
        # Usually a slip of the year or month (2028 for 2027): the event would fill calendars for months.
        days = (end - start).days
        problem(lines["end"], "end", f"het evenement duurt {days} dagen; klopt de datum van End?", "warning")
    for key, moment in (("start", start), ("end", end)):
        if moment and moment.replace(fold=1).utcoffset() != moment.utcoffset():
            # The night the clocks go back, 02:00-02:59 happens twice; calendars take the first.
            problem(
                lines[key], key,
                f"{moment:%H:%M} komt die nacht twee keer voor (de klok gaat een uur terug); "
                "het evenement staat op de eerste keer, in zomertijd",
                "warning",
            )
    edition = values.get("edition")
    if start and edition and start.year != edition:
        # A slip of the year puts a session in the right programme on a day long gone.
        problem(lines["start"], "start", f"ligt in {start.year}, maar het evenement hoort bij Netwerkweek {edition}; klopt het jaar?", "warning")
    if values.get("registration") == "open" and "capacity" not in lines:
        problem(lines.get("registration", 1), "capacity", "verplicht als aanmelden open is (Registration: open)")
    capacity, max_seats = values.get("capacity"), values.get("max_seats")
    if capacity and max_seats and max_seats > capacity:
        problem(lines["max-seats"], "max-seats", f"is groter dan de capaciteit ({capacity})")


def _check_story(values: dict[str, Any], lines: dict[str, int], problem: Report) -> None:
    image, alt = values.get("image"), values.get("image_alt")
    if image and not alt:
        problem(lines.get("image", 1), "image-alt", "een afbeelding heeft een beschrijving (Image-alt) nodig voor wie haar niet kan zien")
    elif image and alt and _says_nothing(alt, image):
        example = "'Een vrouw wijst naar een schoolbord'"
        problem(lines["image-alt"], "image-alt", f"'{alt}' zegt niet wat er te zien is; beschrijf het, bijv. {example}")


def _check_internship(values: dict[str, Any], lines: dict[str, int], problem: Report) -> None:
    if values.get("group"):
        for spec in content_type(Internship).fields:
            if spec.only_with == "group" and not values.get(spec.attr):
                problem(lines.get("group", 1), spec.key, "verplicht bij een groepsstage (Group: yes)")
    published, expires = values.get("date"), values.get("expires")
    if published and expires and expires < published:
        problem(lines["expires"], "expires", f"ligt vóór de publicatiedatum ({published:%Y-%m-%d}); het aanbod zou nooit op de site staan")


def _check_organisation(values: dict[str, Any], lines: dict[str, int], problem: Report) -> None:
    logo, alt = values.get("logo"), values.get("logo_alt")
    if logo and not alt:
        problem(lines.get("logo", 1), "logo-alt", "een logo heeft een beschrijving (Logo-alt) nodig, bijv. 'Logo van Voorbeeld Haven'")
    elif alt and not logo:
        problem(lines["logo-alt"], "logo-alt", "beschrijft een logo, maar er staat geen Logo in de kop", "warning")


# Checks that look at several fields of one file, per model class; a type without one needs no entry.
TYPE_CHECKS: dict[type[ContentItem], Callable[[dict[str, Any], dict[str, int], Report], None]] = {
    Event: _check_event,
    Story: _check_story,
    Internship: _check_internship,
    Organisation: _check_organisation,
}
