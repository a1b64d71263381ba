"""The content model: every content type's fields, how they are parsed and validated.

This is the one place that knows what a sector, story, event, hub or internship is.
The Pelican plugins, `make check` and the Flask app all build their objects here.
Messages are Dutch because the people reading them are editors.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from leerstad.frontmatter import Document, HeaderValue

TIMEZONE = ZoneInfo("Europe/Amsterdam")

AUDIENCES = ("vmbo", "mbo", "hbo", "wo", "werkzoekenden", "docenten", "werkgevers")
LEVELS = ("pro", "vmbo", "mbo", "hbo", "wo")
EVENT_KINDS = (
    "conferentie",
    "workshop",
    "excursie",
    "meeloopdag",
    "stagemarkt",
    "netwerkbijeenkomst",
    "activiteit",
)
REGISTRATION_MODES = ("open", "closed", "none")
EVENT_STATUSES = ("scheduled", "cancelled")
LANGUAGES = ("nl", "en")

# Longer than this, an event's end date is more likely a typo than a plan: a warning.
LONG_EVENT = dt.timedelta(days=14)

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SUMMARY_MAX = 300


class FieldError(ValueError):
    """A value that does not fit its field; the message is meant for an editor."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a content file, printed as `path:line: field: message`."""

    path: Path
    line: int
    field: str
    message: str
    severity: str = "error"  # "error" fails the build, "warning" does not

    def __str__(self) -> str:
        prefix = "waarschuwing: " if self.severity == "warning" else ""
        return f"{self.path}:{self.line}: {self.field}: {prefix}{self.message}"


# --- value parsers: each takes the raw header text and returns a value or raises FieldError


def text(max_length: int = 200) -> Callable[[str], str]:
    def parse(raw: str) -> str:
        if not raw:
            raise FieldError("mag niet leeg zijn")
        if len(raw) > max_length:
            raise FieldError(f"is {len(raw)} tekens lang, maximaal {max_length}")
        if any(ord(ch) < 32 for ch in raw):
            raise FieldError("bevat een stuurteken")
        return raw

    return parse


def whole_number(minimum: int = 1, maximum: int = 1_000_000) -> Callable[[str], int]:
    def parse(raw: str) -> int:
        # The length bound comes first: int() refuses strings of thousands of digits.
        if not re.fullmatch(r"\d{1,12}", raw.strip()):
            raise FieldError(
                f"moet een heel getal van {minimum} tot en met {maximum} zijn, niet '{raw}'"
            )
        value = int(raw)
        if not minimum <= value <= maximum:
            raise FieldError(
                f"moet een heel getal van {minimum} tot en met {maximum} zijn, niet {value}"
            )
        return value

    return parse


def choice(allowed: Sequence[str]) -> Callable[[str], str]:
    def parse(raw: str) -> str:
        value = raw.strip().lower()
        if value not in allowed:
            raise FieldError(f"onbekende waarde '{raw}'; kies uit: {', '.join(allowed)}")
        return value

    return parse


def split_list(raw: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in raw.split(",") if item.strip())


def choices(allowed: Sequence[str]) -> Callable[[str], tuple[str, ...]]:
    one = choice(allowed)

    def parse(raw: str) -> tuple[str, ...]:
        items = split_list(raw)
        if not items:
            raise FieldError(f"noem er minstens één; kies uit: {', '.join(allowed)}")
        return tuple(dict.fromkeys(one(item) for item in items))

    return parse


def slug(raw: str) -> str:
    value = raw.strip()
    if not SLUG_PATTERN.match(value):
        raise FieldError(
            f"'{raw}' is geen geldige slug (kleine letters, cijfers en streepjes)"
        )
    return value


def slugs(raw: str) -> tuple[str, ...]:
    items = split_list(raw)
    if not items:
        raise FieldError("noem er minstens één")
    return tuple(dict.fromkeys(slug(item) for item in items))


def text_list(raw: str) -> tuple[str, ...]:
    items = split_list(raw)
    if not items:
        raise FieldError("noem er minstens één, gescheiden door komma's")
    return items


def semicolon_list(raw: str) -> tuple[str, ...]:
    items = tuple(part.strip() for part in raw.split(";") if part.strip())
    if not items:
        raise FieldError("mag niet leeg zijn")
    return items


def date(raw: str) -> dt.date:
    try:
        return dt.date.fromisoformat(raw.strip())
    except ValueError:
        raise FieldError(f"'{raw}' is geen datum; schrijf JJJJ-MM-DD, bijv. 2027-03-15") from None


def local_datetime(raw: str) -> dt.datetime:
    """A wall-clock time in Rotterdam, e.g. `2027-03-15 10:00`, as an aware datetime."""
    match = re.fullmatch(r"(\d{4}-\d{2}-\d{2})[ T](\d{1,2}:\d{2})", raw.strip())
    if match is None:
        raise FieldError(
            f"'{raw}' is geen datum met tijd; schrijf JJJJ-MM-DD UU:MM, bijv. 2027-03-15 10:00"
        )
    try:
        naive = dt.datetime.fromisoformat(f"{match[1]} {match[2]:0>5}")
    except ValueError:
        raise FieldError(f"'{raw}' bestaat niet als datum met tijd") from None
    aware = naive.replace(tzinfo=TIMEZONE)
    # A time inside the spring-forward gap does not exist on Rotterdam clocks.
    if aware.astimezone(dt.UTC).astimezone(TIMEZONE).replace(tzinfo=None) != naive:
        raise FieldError(
            f"{raw} bestaat niet in Rotterdam: de klok gaat die nacht een uur vooruit"
        )
    return aware


def yes_no(raw: str) -> bool:
    value = raw.strip().lower()
    if value in ("yes", "ja", "true"):
        return True
    if value in ("no", "nee", "false"):
        return False
    raise FieldError(f"schrijf yes of no, niet '{raw}'")


def age_range(raw: str) -> tuple[int, int]:
    match = re.fullmatch(r"\s*(\d{1,2})\s*-\s*(\d{1,2})\s*", raw)
    if match is None:
        raise FieldError(f"schrijf een leeftijdsbereik als 12-27, niet '{raw}'")
    low, high = int(match[1]), int(match[2])
    if low > high:
        raise FieldError(f"de laagste leeftijd ({low}) is hoger dan de hoogste ({high})")
    return low, high


def email(raw: str) -> str:
    value = raw.strip()
    if not re.fullmatch(r"[^@\s,;<>]+@[^@\s,;<>]+\.[A-Za-z]{2,}", value):
        raise FieldError(f"'{raw}' is geen e-mailadres")
    return value


@dataclass(frozen=True)
class Shortage:
    """A shortage figure and where it comes from."""

    figure: str
    source: str


def shortage(raw: str) -> Shortage:
    figure, sep, source = raw.partition("|")
    if not sep or not source.strip():
        raise FieldError(
            "zet de bron achter een '|', bijv. 'ruim 2.000 vacatures | UWV 2026'"
        )
    if not figure.strip():
        raise FieldError("het cijfer vóór de '|' ontbreekt")
    return Shortage(text(300)(figure.strip()), text(200)(source.strip()))


# --- field specifications


@dataclass(frozen=True)
class Field:
    """One header key of a content type."""

    key: str  # lower-case header key as editors write it (case-insensitive)
    attr: str  # attribute name on the dataclass
    parse: Callable[[str], Any]
    required: bool = True
    default: Any = None
    repeats: bool = False  # the key may stand on several lines; values form a tuple


@dataclass(frozen=True)
class ContentItem:
    """Fields every content type has."""

    slug: str
    source_path: Path
    title: str
    summary: str
    body: str  # Markdown
    lines: dict[str, int]  # header key -> line, for cross-reference messages

    def line_of(self, key: str) -> int:
        return self.lines.get(key, 1)


@dataclass(frozen=True)
class Sector(ContentItem):
    shortages: tuple[Shortage, ...]
    professions: tuple[str, ...]
    target: int
    order: int


@dataclass(frozen=True)
class Story(ContentItem):
    date: dt.date
    sector: str
    tags: tuple[str, ...]
    image: str | None
    image_alt: str | None
    featured: bool  # shown first on the home page


@dataclass(frozen=True)
class Event(ContentItem):
    start: dt.datetime
    end: dt.datetime
    location: str
    address: str
    sectors: tuple[str, ...]
    audience: tuple[str, ...]
    kind: str
    capacity: int | None
    max_seats: int
    registration: str
    organiser: str
    hub: str | None
    edition: int | None
    status: str
    language: str

    @property
    def is_cancelled(self) -> bool:
        return self.status == "cancelled"

    def is_past(self, now: dt.datetime) -> bool:
        return self.end <= now

    def accepts_registrations(self, now: dt.datetime) -> bool:
        """Whether the sign-up form may take new registrations at `now`."""
        return (
            self.registration == "open"
            and not self.is_cancelled
            and self.capacity is not None
            and now < self.start
        )


@dataclass(frozen=True)
class Hub(ContentItem):
    address: str
    wijk: str
    ages: tuple[int, int]
    opening_hours: tuple[str, ...]
    email: str
    phone: str | None


@dataclass(frozen=True)
class Internship(ContentItem):
    date: dt.date
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

    def is_current(self, today: dt.date) -> bool:
        return today <= self.expires


COMMON_FIELDS = (
    Field("title", "title", text(150)),
    Field("summary", "summary", text(SUMMARY_MAX)),
)

FIELDS: dict[type[ContentItem], tuple[Field, ...]] = {
    Sector: (
        Field("shortage", "shortages", shortage, repeats=True),
        Field("professions", "professions", text_list),
        Field("target", "target", whole_number(1, 1_000_000)),
        Field("order", "order", whole_number(0, 1000), required=False, default=100),
    ),
    Story: (
        Field("date", "date", date),
        Field("sector", "sector", slug),
        Field("tags", "tags", text_list, required=False, default=()),
        Field("image", "image", text(300), required=False),
        Field("image-alt", "image_alt", text(300), required=False),
        Field("featured", "featured", yes_no, required=False, default=False),
    ),
    Event: (
        Field("start", "start", local_datetime),
        Field("end", "end", local_datetime),
        Field("location", "location", text(150)),
        Field("address", "address", text(200)),
        Field("sectors", "sectors", slugs),
        Field("audience", "audience", choices(AUDIENCES)),
        Field("kind", "kind", choice(EVENT_KINDS), required=False, default="activiteit"),
        Field("capacity", "capacity", whole_number(1, 100_000), required=False),
        Field("max-seats", "max_seats", whole_number(1, 500), required=False, default=1),
        Field("registration", "registration", choice(REGISTRATION_MODES)),
        Field("organiser", "organiser", text(150)),
        Field("hub", "hub", slug, required=False),
        Field("edition", "edition", whole_number(2000, 2100), required=False),
        Field("status", "status", choice(EVENT_STATUSES), required=False, default="scheduled"),
        Field("language", "language", choice(LANGUAGES), required=False, default="nl"),
    ),
    Hub: (
        Field("address", "address", text(200)),
        Field("wijk", "wijk", text(80)),
        Field("ages", "ages", age_range),
        Field("opening-hours", "opening_hours", semicolon_list),
        Field("email", "email", email),
        Field("phone", "phone", text(40), required=False),
    ),
    Internship: (
        Field("date", "date", date),
        Field("organisation", "organisation", text(150)),
        Field("sector", "sector", slug),
        Field("levels", "levels", choices(LEVELS)),
        Field("location", "location", text(150)),
        Field("period", "period", text(100)),
        Field("hours", "hours", whole_number(1, 40)),
        Field("group", "group", yes_no, required=False, default=False),
        Field("group-size", "group_size", text(20), required=False),
        Field("supervision", "supervision", text(300), required=False),
        Field("apply", "apply", text(500)),
        Field("expires", "expires", date),
    ),
}

# A Markdown image with nothing between the brackets, or an <img> without alt: screen readers
# then read the file name or nothing at all (WCAG 1.1.1).
_IMAGE_WITHOUT_ALT = re.compile(r"!\[\s*\]\s*[(\[]|<img\b(?![^>]*\balt\s*=)", re.IGNORECASE)

# Alt texts that tell a screen-reader user nothing about the picture.
_EMPTY_ALT_WORDS = frozenset({"afbeelding", "foto", "plaatje", "beeld", "image", "img", "picture", "photo", "logo", "illustratie"})


def _says_nothing(alt: str, image: str) -> bool:
    words = alt.strip().lower().rstrip(".")
    name = image.rsplit("/", 1)[-1].lower()
    return words in _EMPTY_ALT_WORDS or words in (name, name.rsplit(".", 1)[0])


# Keys Pelican itself understands on articles; allowed on stories besides ours.
# Not `slug`: Pelican would then publish the story at another address than every link to it.
PELICAN_STORY_KEYS = frozenset({"status", "authors", "author", "category", "modified"})


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


def parse_item(kind: type[ContentItem], doc: Document) -> tuple[ContentItem | None, list[Problem]]:
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

    specs = COMMON_FIELDS + FIELDS[kind]
    known = {spec.key for spec in specs}
    allowed_extra = PELICAN_STORY_KEYS if kind is Story else frozenset()
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

    if kind is Event:
        _check_event(values, lines, problem)
    elif kind is Story:
        image, alt = values.get("image"), values.get("image_alt")
        if image and not alt:
            problem(lines.get("image", 1), "image-alt", "een afbeelding heeft een beschrijving (Image-alt) nodig voor wie haar niet kan zien")
        elif image and alt and _says_nothing(alt, image):
            example = "'Een vrouw wijst naar een schoolbord'"
            problem(lines["image-alt"], "image-alt", f"'{alt}' zegt niet wat er te zien is; beschrijf het, bijv. {example}")
    elif kind is Internship:
        if values.get("group"):
            for key, attr in (("group-size", "group_size"), ("supervision", "supervision")):
                if not values.get(attr):
                    problem(lines.get("group", 1), key, "verplicht bij een groepsstage (Group: yes)")
        published, expires = values.get("date"), values.get("expires")
        if published and expires and expires < published:
            problem(lines["expires"], "expires", f"ligt vóór de publicatiedatum ({published:%Y-%m-%d}); het aanbod zou nooit op de site staan")

    if any(p.severity == "error" for p in problems):
        return None, problems
    item = kind(
        slug=doc.slug,
        source_path=path,
        body=doc.body,
        lines=lines,
        **{f.name: values[f.name] for f in fields(kind) if f.name in values},
    )
    return item, problems


def _check_event(values: dict[str, Any], lines: dict[str, int], problem: Callable[..., None]) -> None:
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
