"""Value types of content fields: how a header text is parsed, written back, and asked for in a form.

Each value type turns the raw text after `Key:` into a Python value or raises FieldError
with a Dutch message for the editor, and `format` turns a value back into that text, so
whatever writes content files (the offer export) writes exactly what the parser reads.
`input` says what kind of form input asks for such a value (text, textarea, number,
date, choice, choices, yes_no), so a form can be generated from a field table.
Value types are callable: `Text(150)(raw)` parses, like the parser functions model.py had.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

TIMEZONE = ZoneInfo("Europe/Amsterdam")

AUDIENCES = ("vmbo", "mbo", "hbo", "wo", "werkzoekenden", "docenten", "werkgevers")
LEVELS = ("pro", "vmbo", "mbo", "hbo", "wo")
LEVEL_LABELS = {"pro": "pro (praktijkonderwijs)", "vmbo": "vmbo", "mbo": "mbo", "hbo": "hbo", "wo": "wo"}
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
ORGANISATION_KINDS = ("bedrijf", "school", "overheid", "non-profit", "kennisinstelling")
# Headings of the partner index, one per kind, in ORGANISATION_KINDS order.
ORGANISATION_KIND_LABELS = {
    "bedrijf": "Bedrijven",
    "school": "Scholen",
    "overheid": "Overheid",
    "non-profit": "Non-profitorganisaties",
    "kennisinstelling": "Kennisinstellingen",
}
EVENT_STATUSES = ("scheduled", "cancelled")
LANGUAGES = ("nl", "en")

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SUMMARY_MAX = 300


class FieldError(ValueError):
    """A value that does not fit its field; the message is meant for an editor."""


class ValueType:
    """Base of the value types: parse header text, format a value back, name the form input."""

    input = "text"

    def parse(self, raw: str) -> Any:
        raise NotImplementedError

    def format(self, value: Any) -> str:
        return str(value)

    @property
    def choices(self) -> tuple[tuple[str, str], ...]:
        """(value, Dutch label) pairs for choice inputs; empty for free input."""
        return ()

    def __call__(self, raw: str) -> Any:
        return self.parse(raw)


def _check_text(raw: str, max_length: int) -> str:
    if not raw:
        raise FieldError("mag niet leeg zijn")
    if len(raw) > max_length:
        raise FieldError(f"is {len(raw)} tekens lang, maximaal {max_length}")
    if any(ord(ch) < 32 for ch in raw):
        raise FieldError("bevat een stuurteken")
    return raw


@dataclass(frozen=True)
class Text(ValueType):
    """One line of free text, at most `max_length` characters."""

    max_length: int = 200

    def parse(self, raw: str) -> str:
        return _check_text(raw, self.max_length)


@dataclass(frozen=True)
class WholeNumber(ValueType):
    minimum: int = 1
    maximum: int = 1_000_000
    input = "number"

    def parse(self, raw: str) -> int:
        # The length bound comes first: int() refuses strings of thousands of digits.
        if not re.fullmatch(r"\d{1,12}", raw.strip()):
            raise FieldError(
                f"moet een heel getal van {self.minimum} tot en met {self.maximum} zijn, niet '{raw}'"
            )
        value = int(raw)
        if not self.minimum <= value <= self.maximum:
            raise FieldError(
                f"moet een heel getal van {self.minimum} tot en met {self.maximum} zijn, niet {value}"
            )
        return value


@dataclass(frozen=True)
class Choice(ValueType):
    """One word out of a fixed vocabulary."""

    allowed: tuple[str, ...]
    labels: Mapping[str, str] | None = None
    input = "choice"

    def parse(self, raw: str) -> str:
        value = raw.strip().lower()
        if value not in self.allowed:
            raise FieldError(f"onbekende waarde '{raw}'; kies uit: {', '.join(self.allowed)}")
        return value

    @property
    def choices(self) -> tuple[tuple[str, str], ...]:
        labels = self.labels or {}
        return tuple((value, labels.get(value, value)) for value in self.allowed)


def split_list(raw: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in raw.split(",") if item.strip())


@dataclass(frozen=True)
class Choices(Choice):
    """One or more words out of a fixed vocabulary, comma separated."""

    input = "choices"

    def parse(self, raw: str) -> tuple[str, ...]:  # type: ignore[override]
        items = split_list(raw)
        if not items:
            raise FieldError(f"noem er minstens één; kies uit: {', '.join(self.allowed)}")
        return tuple(dict.fromkeys(Choice.parse(self, item) for item in items))

    def format(self, value: Any) -> str:
        return ", ".join(value)


@dataclass(frozen=True)
class Slug(ValueType):
    """The slug of another content item (which type is the field's `refers_to`)."""

    input = "choice"

    def parse(self, raw: str) -> str:
        value = raw.strip()
        if not SLUG_PATTERN.match(value):
            raise FieldError(
                f"'{raw}' is geen geldige slug (kleine letters, cijfers en streepjes)"
            )
        return value


@dataclass(frozen=True)
class Slugs(ValueType):
    input = "choices"

    def parse(self, raw: str) -> tuple[str, ...]:
        items = split_list(raw)
        if not items:
            raise FieldError("noem er minstens één")
        return tuple(dict.fromkeys(Slug().parse(item) for item in items))

    def format(self, value: Any) -> str:
        return ", ".join(value)


@dataclass(frozen=True)
class TextList(ValueType):
    def parse(self, raw: str) -> tuple[str, ...]:
        items = split_list(raw)
        if not items:
            raise FieldError("noem er minstens één, gescheiden door komma's")
        return items

    def format(self, value: Any) -> str:
        return ", ".join(value)


@dataclass(frozen=True)
class SemicolonList(ValueType):
    def parse(self, raw: str) -> tuple[str, ...]:
        items = tuple(part.strip() for part in raw.split(";") if part.strip())
        if not items:
            raise FieldError("mag niet leeg zijn")
        return items

    def format(self, value: Any) -> str:
        return "; ".join(value)


@dataclass(frozen=True)
class Date(ValueType):
    input = "date"

    def parse(self, raw: str) -> dt.date:
        try:
            return dt.date.fromisoformat(raw.strip())
        except ValueError:
            raise FieldError(f"'{raw}' is geen datum; schrijf JJJJ-MM-DD, bijv. 2027-03-15") from None

    def format(self, value: Any) -> str:
        return value.isoformat()


@dataclass(frozen=True)
class LocalDateTime(ValueType):
    """A wall-clock time in Rotterdam, e.g. `2027-03-15 10:00`, as an aware datetime."""

    input = "datetime"

    def parse(self, raw: str) -> dt.datetime:
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

    def format(self, value: Any) -> str:
        return value.astimezone(TIMEZONE).strftime("%Y-%m-%d %H:%M")


@dataclass(frozen=True)
class YesNo(ValueType):
    input = "yes_no"

    def parse(self, raw: str) -> bool:
        value = raw.strip().lower()
        if value in ("yes", "ja", "true"):
            return True
        if value in ("no", "nee", "false"):
            return False
        raise FieldError(f"schrijf yes of no, niet '{raw}'")

    def format(self, value: Any) -> str:
        return "yes" if value else "no"


@dataclass(frozen=True)
class WebAddress(ValueType):
    """A website, `https://...`: a page links it, so only addresses a browser opens safely."""

    def parse(self, raw: str) -> str:
        value = raw.strip()
        if not re.fullmatch(r"https://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(/[^\s<>\"]*)?", value):
            raise FieldError(f"'{raw}' is geen webadres; schrijf het volledig, bijv. https://www.voorbeeld.example/")
        return _check_text(value, 300)


@dataclass(frozen=True)
class AgeRange(ValueType):
    def parse(self, raw: str) -> tuple[int, int]:
        match = re.fullmatch(r"\s*(\d{1,2})\s*-\s*(\d{1,2})\s*", raw)
        if match is None:
            raise FieldError(f"schrijf een leeftijdsbereik als 12-27, niet '{raw}'")
        low, high = int(match[1]), int(match[2])
        if low > high:
            raise FieldError(f"de laagste leeftijd ({low}) is hoger dan de hoogste ({high})")
        return low, high

    def format(self, value: Any) -> str:
        return f"{value[0]}-{value[1]}"


@dataclass(frozen=True)
class Email(ValueType):
    input = "email"

    def parse(self, raw: str) -> str:
        value = raw.strip()
        if not re.fullmatch(r"[^@\s,;<>]+@[^@\s,;<>]+\.[A-Za-z]{2,}", value):
            raise FieldError(f"'{raw}' is geen e-mailadres")
        return value


@dataclass(frozen=True)
class Shortage:
    """A shortage figure and where it comes from."""

    figure: str
    source: str


@dataclass(frozen=True)
class ShortageFigure(ValueType):
    """`figure | source`: a number is only believable with where it comes from."""

    def parse(self, raw: str) -> Shortage:
        figure, sep, source = raw.partition("|")
        if not sep or not source.strip():
            raise FieldError(
                "zet de bron achter een '|', bijv. 'ruim 2.000 vacatures | UWV 2026'"
            )
        if not figure.strip():
            raise FieldError("het cijfer vóór de '|' ontbreekt")
        return Shortage(_check_text(figure.strip(), 300), _check_text(source.strip(), 200))

    def format(self, value: Any) -> str:
        return f"{value.figure} | {value.source}"
