"""The registry of content types: each type, its folder, model class and fields, declared once.

Everything that needs to know which content types exist or which fields they have reads
this table: loading and validation (`leerstad.content`, `leerstad.validation`), `make
check`, Pelican's excludes (`pelicanconf.py`), the offer file writer
(`leerstad.internship_file`), the calendar fingerprint (`leerstad.event_versions`) and,
through `internship_fields()`, the app's offer form, database row and export.

A field knows how to parse its header text, how to write a value back (`to_header`), its
Dutch label, whether it is required, whether a calendar shows it, which content type its
slugs refer to, and what kind of form input asks for it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from leerstad.model import ContentItem, Event, Hub, Internship, Organisation, Sector, Story
from leerstad.values import (
    AUDIENCES,
    EVENT_KINDS,
    EVENT_STATUSES,
    LANGUAGES,
    LEVEL_LABELS,
    LEVELS,
    ORGANISATION_KINDS,
    REGISTRATION_MODES,
    SUMMARY_MAX,
    AgeRange,
    Choice,
    Choices,
    Date,
    Email,
    LocalDateTime,
    SemicolonList,
    ShortageFigure,
    Slug,
    Slugs,
    Text,
    TextList,
    ValueType,
    WebAddress,
    WholeNumber,
    YesNo,
)

# Folder below content/ whose files the site copies as they are (pelicanconf STATIC_PATHS).
IMAGES_FOLDER = "images"
# Static pages: Pelican's own type (Title, optional Summary), not in the registry.
PAGES_FOLDER = "pages"


@dataclass(frozen=True)
class Field:
    """One header key of a content type."""

    key: str  # lower-case header key as editors write it (case-insensitive)
    attr: str  # attribute name on the model class
    value: ValueType  # parses the header text and formats a value back
    label: str  # Dutch, for forms and exports
    required: bool = True
    default: Any = None
    repeats: bool = False  # the key may stand on several lines; values form a tuple
    calendar: bool = False  # a calendar entry shows it: a change must move the event's SEQUENCE
    refers_to: str | None = None  # name of the content type whose slug(s) this holds
    # With refers_to: a value that is not slug-shaped is a one-off name (a warning), not an unknown slug.
    name_allowed: bool = False
    only_with: str | None = None  # attr of a yes/no field; this one means something only when that is yes
    in_form: bool = True  # False: not asked from someone submitting (set when it is published)
    input: str | None = None  # form input kind when it differs from the value type's

    def parse(self, raw: str) -> Any:
        return self.value.parse(raw)

    @property
    def header_key(self) -> str:
        """The key as written in files and in docs/content-format.md, e.g. `Group-size`."""
        return self.key.capitalize()

    @property
    def form_input(self) -> str:
        """text, textarea, number, date, datetime, email, choice, choices or yes_no."""
        return self.input or self.value.input

    @property
    def choices(self) -> tuple[tuple[str, str], ...]:
        """(value, Dutch label) pairs of a choice field; for a slug field the content gives them."""
        return self.value.choices

    def to_header(self, value: Any) -> list[str]:
        """The header lines (`Key: text`) that read back as `value`; none for an empty optional value."""
        if value is None or value == "" or value == ():
            return []
        items = value if self.repeats else (value,)
        return [f"{self.header_key}: {self.value.format(item)}" for item in items]

    def format(self, value: Any) -> str:
        """The text after `Key: ` for one value."""
        return self.value.format(value)


@dataclass(frozen=True)
class ContentType:
    """One kind of content file: where it lives, what it becomes and which keys it has."""

    name: str  # English, singular: "event"
    folder: str  # below content/
    model: type[ContentItem]
    collection: str  # attribute of leerstad.content.Content holding these items, keyed by slug
    one: str  # Dutch, singular and plural: make check's summary and reference messages
    many: str
    fields: tuple[Field, ...]
    pelican_articles: bool = False  # Pelican reads the folder itself (stories are its articles)
    extra_keys: frozenset[str] = frozenset()  # keys Pelican understands, allowed besides ours

    def field(self, key: str) -> Field:
        for spec in self.fields:
            if spec.key == key:
                return spec
        raise KeyError(f"{self.name} has no field {key!r}")

    def field_by_attr(self, attr: str) -> Field:
        for spec in self.fields:
            if spec.attr == attr:
                return spec
        raise KeyError(f"{self.name} has no attribute {attr!r}")

    @property
    def calendar_fields(self) -> tuple[str, ...]:
        """Attribute names of the fields a calendar entry shows."""
        return tuple(spec.attr for spec in self.fields if spec.calendar)


def _title(label: str = "Titel", calendar: bool = False) -> Field:
    return Field("title", "title", Text(150), label, calendar=calendar)


def _summary(label: str = "Samenvatting", calendar: bool = False) -> Field:
    return Field("summary", "summary", Text(SUMMARY_MAX), label, calendar=calendar)


SECTOR = ContentType(
    "sector", "sectors", Sector, "sectors", "sector", "sectoren",
    (
        _title("Naam"),
        _summary(),
        Field("shortage", "shortages", ShortageFigure(), "Tekort met bron", repeats=True),
        Field("professions", "professions", TextList(), "Beroepen"),
        Field("target", "target", WholeNumber(1, 1_000_000), "Doel (aantal jongeren)"),
        Field("order", "order", WholeNumber(0, 1000), "Volgorde", required=False, default=100),
    ),
)

# Keys Pelican itself understands on articles; allowed on stories besides ours.
# Not `slug`: Pelican would then publish the story at another address than every link to it.
PELICAN_STORY_KEYS = frozenset({"status", "authors", "author", "category", "modified"})

STORY = ContentType(
    "story", "stories", Story, "stories", "verhaal", "verhalen",
    (
        _title("Kop"),
        _summary(),
        Field("date", "date", Date(), "Publicatiedatum"),
        Field("sector", "sector", Slug(), "Sector", refers_to="sector"),
        Field("tags", "tags", TextList(), "Trefwoorden", required=False, default=()),
        Field("image", "image", Text(300), "Afbeelding", required=False),
        Field("image-alt", "image_alt", Text(300), "Beschrijving van de afbeelding", required=False),
        Field("featured", "featured", YesNo(), "Uitgelicht", required=False, default=False),
        Field("organisations", "organisations", Slugs(), "Organisaties", required=False, default=(), refers_to="organisation"),
    ),
    pelican_articles=True,
    extra_keys=PELICAN_STORY_KEYS,
)

EVENT = ContentType(
    "event", "events", Event, "events", "evenement", "evenementen",
    (
        _title(calendar=True),
        _summary(calendar=True),
        Field("start", "start", LocalDateTime(), "Begin", calendar=True),
        Field("end", "end", LocalDateTime(), "Einde", calendar=True),
        Field("location", "location", Text(150), "Locatie", calendar=True),
        Field("address", "address", Text(200), "Adres", calendar=True),
        Field("sectors", "sectors", Slugs(), "Sectoren", calendar=True, refers_to="sector"),
        Field("audience", "audience", Choices(AUDIENCES), "Voor wie", calendar=True),
        Field("kind", "kind", Choice(EVENT_KINDS), "Soort", required=False, default="activiteit"),
        Field("capacity", "capacity", WholeNumber(1, 100_000), "Capaciteit", required=False),
        Field("max-seats", "max_seats", WholeNumber(1, 500), "Plaatsen per aanmelding", required=False, default=1),
        Field("registration", "registration", Choice(REGISTRATION_MODES), "Aanmelden"),
        Field("organiser", "organiser", Text(150), "Organisatie", calendar=True, refers_to="organisation", name_allowed=True),
        Field("hub", "hub", Slug(), "Jongerenhub", required=False, refers_to="hub"),
        Field("edition", "edition", WholeNumber(2000, 2100), "Netwerkweek-editie", required=False),
        Field("status", "status", Choice(EVENT_STATUSES), "Status", required=False, default="scheduled", calendar=True),
        Field("language", "language", Choice(LANGUAGES), "Taal", required=False, default="nl"),
        Field("partners", "partners", Slugs(), "Deelnemende organisaties", required=False, default=(), refers_to="organisation"),
    ),
)

HUB = ContentType(
    "hub", "hubs", Hub, "hubs", "hub", "hubs",
    (
        _title("Naam"),
        _summary(),
        Field("address", "address", Text(200), "Adres"),
        Field("wijk", "wijk", Text(80), "Wijk"),
        Field("ages", "ages", AgeRange(), "Leeftijden"),
        Field("opening-hours", "opening_hours", SemicolonList(), "Openingstijden"),
        Field("email", "email", Email(), "E-mailadres"),
        Field("phone", "phone", Text(40), "Telefoon", required=False),
    ),
)

# The labels are the offer form's: employers fill these in.
INTERNSHIP = ContentType(
    "internship", "stagemarkt", Internship, "internships", "stage", "stages",
    (
        _title("Titel van de stage"),
        _summary("Korte samenvatting"),
        Field("date", "date", Date(), "Publicatiedatum", in_form=False),
        # The offer form asks for a name; an editor may replace it by the organisation's slug.
        Field("organisation", "organisation", Text(150), "Naam van je organisatie", refers_to="organisation", name_allowed=True),
        Field("sector", "sector", Slug(), "Sector", refers_to="sector"),
        Field("levels", "levels", Choices(LEVELS, LEVEL_LABELS), "Niveau"),
        Field("location", "location", Text(150), "Plaats of wijk"),
        Field("period", "period", Text(100), "Periode"),
        Field("hours", "hours", WholeNumber(1, 40), "Uren per week"),
        Field("group", "group", YesNo(), "Is dit een groepsstage?", required=False, default=False),
        Field("group-size", "group_size", Text(20), "Grootte van de groep", required=False, only_with="group"),
        Field("supervision", "supervision", Text(300), "Begeleiding van de groep", required=False, only_with="group"),
        Field("apply", "apply", Text(500), "Hoe solliciteer je?"),
        Field("expires", "expires", Date(), "Zichtbaar tot en met"),
    ),
)

ORGANISATION = ContentType(
    "organisation", "organisaties", Organisation, "organisations", "organisatie", "organisaties",
    (
        _title("Naam"),
        _summary("Korte beschrijving"),
        Field("kind", "kind", Choice(ORGANISATION_KINDS), "Soort organisatie"),
        Field("sectors", "sectors", Slugs(), "Sectoren", refers_to="sector"),
        Field("website", "website", WebAddress(), "Website", required=False),
        Field("logo", "logo", Text(300), "Logo", required=False),
        Field("logo-alt", "logo_alt", Text(300), "Beschrijving van het logo", required=False),
    ),
)

CONTENT_TYPES: tuple[ContentType, ...] = (SECTOR, STORY, EVENT, HUB, INTERNSHIP, ORGANISATION)


def content_type(kind: type[ContentItem] | str | ContentType, types: Iterable[ContentType] = CONTENT_TYPES) -> ContentType:
    """The registered type for a model class or a type name."""
    if isinstance(kind, ContentType):
        return kind
    for candidate in types:
        if kind is candidate.model or kind == candidate.name:
            return candidate
    raise KeyError(f"no content type {kind!r} in the registry")


def folders(types: Sequence[ContentType] = CONTENT_TYPES) -> tuple[str, ...]:
    return tuple(t.folder for t in types)


def article_paths(types: Sequence[ContentType] = CONTENT_TYPES) -> list[str]:
    """Folders Pelican reads as its articles."""
    return [t.folder for t in types if t.pelican_articles]


def article_excludes(types: Sequence[ContentType] = CONTENT_TYPES) -> list[str]:
    """Folders Pelican must not read as articles: ours are read by our generators, pages are pages."""
    return [t.folder for t in types if not t.pelican_articles] + [PAGES_FOLDER]


def page_excludes(types: Sequence[ContentType] = CONTENT_TYPES) -> list[str]:
    """Every content type's folder: without this Pelican would publish event files as pages."""
    return [t.folder for t in types]


def internship_fields() -> tuple[Field, ...]:
    """The internship fields an offer form asks for, in file order (all but the publication date)."""
    return tuple(spec for spec in INTERNSHIP.fields if spec.in_form)
