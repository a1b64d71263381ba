"""Loads the whole content tree into one validated `Content`, with every problem found."""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
from collections.abc import Callable, Iterator
from pathlib import Path, PurePosixPath
from typing import Any

from leerstad.frontmatter import Document, read_document
from leerstad.model import (
    SLUG_PATTERN,
    TIMEZONE,
    ContentItem,
    Event,
    Hub,
    Internship,
    Organisation,
    Problem,
    Sector,
    Story,
)
from leerstad.registry import CONTENT_TYPES, IMAGES_FOLDER, PAGES_FOLDER, ContentType, content_type
from leerstad.urls import INTERNSHIP_VIEW_SLUGS
from leerstad.validation import document_problems, parse_item

__all__ = ["FOLDERS", "IMAGES_FOLDER", "PAGES_FOLDER", "Content", "ContentError", "load_content"]

# Folder below content/ that holds each content type (from the registry).
FOLDERS: dict[type[ContentItem], str] = {t.model: t.folder for t in CONTENT_TYPES}


class ContentError(Exception):
    """Raised when content has errors; its message lists every problem, one per line."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class Content:
    """Everything that exists on the site, keyed by slug, plus the problems found.

    Each registered type's items are in the attribute its `ContentType.collection` names
    (`content.events`, `content.sectors` …), keyed by slug.
    """

    def __init__(self, types: tuple[ContentType, ...] = CONTENT_TYPES) -> None:
        self.types = types
        self.collections: dict[str, dict[str, ContentItem]] = {t.collection: {} for t in types}
        self.problems: list[Problem] = []
        # Slugs of files that exist but have errors (as `folder/slug`): references to them are
        # not reported again, so an editor sees the one real mistake instead of a cascade.
        self.broken_slugs: set[str] = set()

    def __getattr__(self, name: str) -> dict[str, ContentItem]:
        # Only called for names that are not attributes: a registered type's collection.
        collections = self.__dict__.get("collections", {})
        if name in collections:
            return collections[name]
        raise AttributeError(name)

    # Typed views of the five types the site and app were written for.
    @property
    def sectors(self) -> dict[str, Sector]:
        return self.collections["sectors"]  # type: ignore[return-value]

    @property
    def stories(self) -> dict[str, Story]:
        return self.collections["stories"]  # type: ignore[return-value]

    @property
    def events(self) -> dict[str, Event]:
        return self.collections["events"]  # type: ignore[return-value]

    @property
    def hubs(self) -> dict[str, Hub]:
        return self.collections["hubs"]  # type: ignore[return-value]

    @property
    def internships(self) -> dict[str, Internship]:
        return self.collections["internships"]  # type: ignore[return-value]

    @property
    def organisations(self) -> dict[str, Organisation]:
        return self.collections["organisations"]  # type: ignore[return-value]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def raise_for_errors(self) -> None:
        if self.errors:
            raise ContentError(self.errors)

    def collection(self, kind: type[ContentItem] | str | ContentType) -> dict[str, ContentItem]:
        return self.collections[content_type(kind, self.types).collection]

    # --- relations, so pages and the app ask the same questions the same way

    def sectors_in_order(self) -> list[Sector]:
        return sorted(self.sectors.values(), key=lambda s: (s.order, s.title))

    def events_in_order(self) -> list[Event]:
        return sorted(self.events.values(), key=lambda e: (e.start, e.title))

    def upcoming_events(self, now: dt.datetime) -> list[Event]:
        return [e for e in self.events_in_order() if not e.is_past(now)]

    def events_for_sector(self, sector_slug: str) -> list[Event]:
        return [e for e in self.events_in_order() if sector_slug in e.sectors]

    def events_for_hub(self, hub_slug: str) -> list[Event]:
        return [e for e in self.events_in_order() if e.hub == hub_slug]

    def events_for_edition(self, edition: int) -> list[Event]:
        return [e for e in self.events_in_order() if e.edition == edition]

    def stories_for_sector(self, sector_slug: str) -> list[Story]:
        return sorted(
            (s for s in self.stories.values() if s.sector == sector_slug),
            key=lambda s: s.date,
            reverse=True,
        )

    def current_internships(self, today: dt.date) -> list[Internship]:
        return sorted(
            (i for i in self.internships.values() if i.is_current(today)),
            key=lambda i: (i.date, i.slug),
            reverse=True,
        )

    def organisations_in_order(self) -> list[Organisation]:
        return sorted(self.organisations.values(), key=lambda o: (o.title.lower(), o.slug))

    def events_of_organisation(self, slug: str) -> list[Event]:
        """Events it organises or takes part in (Organiser or Partners)."""
        return [e for e in self.events_in_order() if e.organiser_slug == slug or slug in e.partners]

    def internships_of_organisation(self, slug: str, today: dt.date) -> list[Internship]:
        return [i for i in self.current_internships(today) if i.organisation_slug == slug]

    def stories_of_organisation(self, slug: str) -> list[Story]:
        return sorted((s for s in self.stories.values() if slug in s.organisations), key=lambda s: s.date, reverse=True)


def _content_files(root: Path, folder: str) -> Iterator[Path]:
    base = root / folder
    if base.is_dir():
        # A folder named like a file (`oud.md/`) is not content; a broken symlink still is
        # yielded, so the editor hears about it instead of it silently vanishing.
        yield from sorted(path for path in base.rglob("*.md") if not path.is_dir())


# Extensions of files that are clearly meant as content but are not read (only `.md` is).
_MISNAMED_CONTENT = (".md", ".markdown", ".mkd", ".mdown", ".txt")


def _unread_files(root: Path, folder: str) -> Iterator[Problem]:
    """Files in a content folder that neither the model nor the site reads, so they never appear."""
    base = root / folder
    if not base.is_dir():
        return
    for path in sorted(base.rglob("*")):
        if path.name.startswith(".") or path.suffix == ".md" or path.is_dir():
            continue
        shown = path.relative_to(root.parent) if root.parent in path.parents else path
        if path.suffix.lower() in _MISNAMED_CONTENT:
            yield Problem(shown, 1, "bestand", f"wordt niet gelezen; geef het de naam '{path.stem.lower()}.md'")
        else:
            yield Problem(shown, 1, "bestand", f"wordt niet gepubliceerd: in content/{folder}/ horen alleen .md-bestanden", "warning")


def load_content(root: Path, today: dt.date | None = None, types: tuple[ContentType, ...] = CONTENT_TYPES) -> Content:
    """Read and validate every content file below `root` (the content/ folder).

    Never raises for bad content: problems are collected in `Content.problems` so an
    editor sees all of them at once. Items with errors are left out of the collections.
    """
    today = today or dt.datetime.now(TIMEZONE).date()
    content = Content(types)
    for declared in types:
        folder = declared.folder
        content.problems.extend(_unread_files(root, folder))
        collection = content.collection(declared)
        first_seen: dict[str, Path] = {}
        for path in _content_files(root, folder):
            doc = _read(root, path, content.problems)
            if doc is None:
                continue
            shown = doc.path
            if doc.slug in first_seen:
                content.problems.append(
                    Problem(shown, 1, "slug", f"'{doc.slug}' bestaat al in {first_seen[doc.slug]}; geef het bestand een andere naam")
                )
                continue
            first_seen[doc.slug] = shown
            item, problems = parse_item(declared, doc, types)
            content.problems.extend(problems)
            if item is not None:
                collection[item.slug] = item
            else:
                content.broken_slugs.add(f"{folder}/{doc.slug}")
    content.problems.extend(_check_pages(root))
    content.problems.extend(_check_references(content, root, today))
    _resolve_organisation_names(content)
    return content


def _resolve_organisation_names(content: Content) -> None:
    """Events and offers that name an organisation by slug get its name, and keep the slug for links.

    Everything that shows an organiser (pages, calendars, feeds, the app's mails and duplicate
    check) then reads a name, whether the editor wrote a slug or a one-off name.
    """
    if "organisations" not in content.collections:
        return
    for collection, attr in (("events", "organiser"), ("internships", "organisation")):
        items = content.collections.get(collection, {})
        for slug, item in items.items():
            organisation = content.organisations.get(getattr(item, attr))
            if organisation is not None:
                items[slug] = dataclasses.replace(item, **{attr: organisation.title, f"{attr}_slug": organisation.slug})


def _read(root: Path, path: Path, problems: list[Problem]) -> Document | None:
    """One content file split into header and body, its path shown from content/; None if unreadable."""
    shown = path.relative_to(root.parent) if root.parent in path.parents else path
    try:
        doc = read_document(path)
    except UnicodeDecodeError as error:
        problems.append(Problem(shown, 1, "bestand", f"is geen UTF-8-tekst ({error.reason}); sla het op als UTF-8"))
        return None
    except OSError as error:
        reason = "verwijst naar een bestand dat niet bestaat" if path.is_symlink() and not path.exists() else (
            f"kan niet gelezen worden ({error.strerror or error})"
        )
        problems.append(Problem(shown, 1, "bestand", reason))
        return None
    doc.path = shown
    return doc


def _check_pages(root: Path) -> list[Problem]:
    """Static pages are Pelican's own, but the build stops on the same mistakes: find them here."""
    problems: list[Problem] = []
    for path in _content_files(root, PAGES_FOLDER):
        doc = _read(root, path, problems)
        if doc is None:
            continue
        found = document_problems(doc)
        problems.extend(found)
        if not found and "title" not in doc.header:
            problems.append(Problem(doc.path, 1, "title", "verplicht veld ontbreekt"))
    return problems


def _check_references(content: Content, root: Path, today: dt.date) -> list[Problem]:
    """Fields that name another item (a field's `refers_to`), then each type's own cross-file checks."""
    problems: list[Problem] = []
    for declared in content.types:
        references = [spec for spec in declared.fields if spec.refers_to]
        for item in content.collection(declared).values():
            for spec in references:
                value = getattr(item, spec.attr)
                if spec.name_allowed and isinstance(value, str) and not SLUG_PATTERN.match(value):
                    problems.append(_one_off_name(content, item, spec.key, spec.refers_to, value))
                    continue
                problems.extend(_unknown_references(content, item, spec.key, spec.refers_to, value))
    for declared in content.types:
        check = _CROSS_FILE_CHECKS.get(declared.model)
        for item in content.collection(declared).values() if check else ():
            problems.extend(check(item, root, today))
    return problems


def _unknown_references(content: Content, item: ContentItem, key: str, target_name: str, value: object) -> list[Problem]:
    target = content_type(target_name, content.types)
    existing = content.collection(target)
    found = []
    for slug in value if isinstance(value, tuple) else (value,) if value else ():
        if slug in existing or f"{target.folder}/{slug}" in content.broken_slugs:
            continue
        names = ", ".join(sorted(existing)) or f"(nog geen {target.many})"
        close = difflib.get_close_matches(slug, sorted(existing), n=3, cutoff=0.6)
        hint = f"bedoel je {' of '.join(repr(c) for c in close)}? " if close else ""
        message = f"onbekende {target.one} '{slug}'; {hint}bestaande {target.many}: {names}"
        found.append(Problem(item.source_path, item.line_of(key), key, message))
    return found


def _one_off_name(content: Content, item: ContentItem, key: str, target_name: str, name: str) -> Problem:
    """A name instead of a slug: it shows as plain text, without the organisation's page."""
    target = content_type(target_name, content.types)
    by_title = {other.title.lower(): other.slug for other in content.collection(target).values()}
    if name.lower() in by_title:
        advice = f"dat is {target.one} '{by_title[name.lower()]}'; schrijf die slug, dan linkt de pagina ernaar"
    else:
        advice = f"geen link naar een {target.one}pagina; maak er een aan in content/{target.folder}/ en schrijf hier de slug"
    return Problem(item.source_path, item.line_of(key), key, f"'{name}' is een losse naam: {advice}", "warning")


def _published_image(item: ContentItem, key: str, what: str, subfolder: str, root: Path) -> list[Problem]:
    """An image path in a header (`Image:`, `Logo:`) that the site will actually publish."""
    value = getattr(item, key)
    if not value:
        return []
    image = PurePosixPath(value)
    if image.is_absolute() or ".." in image.parts or image.parts[:1] != (IMAGES_FOLDER,):
        # Only content/images/ is copied to the site (STATIC_PATHS): anything else is a broken image.
        message = (
            f"'{value}' staat niet in content/{IMAGES_FOLDER}/; zet {what} daar en "
            f"schrijf het pad vanaf content/, bijv. {IMAGES_FOLDER}/{subfolder}/{image.name}"
        )
        return [Problem(item.source_path, item.line_of(key), key, message)]
    if not (root / value).is_file():
        noun = what.split(" ", 1)[-1]  # "de afbeelding" -> "afbeelding"
        return [Problem(item.source_path, item.line_of(key), key, f"{noun} '{value}' bestaat niet in {root}")]
    return []


def _story_image(story: Story, root: Path, today: dt.date) -> list[Problem]:
    return _published_image(story, "image", "de afbeelding", "stories", root)


def _organisation_logo(organisation: Organisation, root: Path, today: dt.date) -> list[Problem]:
    return _published_image(organisation, "logo", "het logo", "organisaties", root)


def _internship_name_and_expiry(internship: Internship, root: Path, today: dt.date) -> list[Problem]:
    problems = []
    if internship.slug in INTERNSHIP_VIEW_SLUGS:
        message = f"'{internship.slug}' is al een pagina van de stagemarkt; geef het bestand een andere naam"
        problems.append(Problem(internship.source_path, 1, "slug", message))
    if not internship.is_current(today):
        problems.append(
            Problem(
                internship.source_path,
                internship.line_of("expires"),
                "expires",
                f"aanbod is verlopen op {internship.expires:%Y-%m-%d} en staat niet meer op de site",
                severity="warning",
            )
        )
    return problems


# Checks that need other files or the date, per model class; a type without one needs no entry.
_CROSS_FILE_CHECKS: dict[type[ContentItem], Callable[[Any, Path, dt.date], list[Problem]]] = {
    Story: _story_image,
    Internship: _internship_name_and_expiry,
    Organisation: _organisation_logo,
}
