"""Loads the whole content tree into one validated `Content`, with every problem found."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from leerstad.frontmatter import Document, read_document
from leerstad.model import (
    TIMEZONE,
    ContentItem,
    Event,
    Hub,
    Internship,
    Problem,
    Sector,
    Story,
    document_problems,
    parse_item,
)
from leerstad.urls import INTERNSHIP_VIEW_SLUGS

# Folder below content/ whose files the site copies as they are (pelicanconf STATIC_PATHS).
IMAGES_FOLDER = "images"

# Static pages: Pelican's own type (Title, optional Summary), checked for what stops the build.
PAGES_FOLDER = "pages"

# Folder below content/ that holds each content type.
FOLDERS: dict[type[ContentItem], str] = {
    Sector: "sectors",
    Story: "stories",
    Event: "events",
    Hub: "hubs",
    Internship: "stagemarkt",
}


class ContentError(Exception):
    """Raised when content has errors; its message lists every problem, one per line."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class Content:
    """Everything that exists on the site, keyed by slug, plus the problems found."""

    sectors: dict[str, Sector] = field(default_factory=dict)
    stories: dict[str, Story] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)
    hubs: dict[str, Hub] = field(default_factory=dict)
    internships: dict[str, Internship] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # Slugs of files that exist but have errors: references to them are not reported
    # again, so an editor sees the one real mistake instead of a cascade.
    broken_slugs: set[str] = field(default_factory=set)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def raise_for_errors(self) -> None:
        if self.errors:
            raise ContentError(self.errors)

    def collection(self, kind: type[ContentItem]) -> dict[str, ContentItem]:
        return {
            Sector: self.sectors,
            Story: self.stories,
            Event: self.events,
            Hub: self.hubs,
            Internship: self.internships,
        }[kind]  # type: ignore[return-value]

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


def load_content(root: Path, today: dt.date | None = None) -> Content:
    """Read and validate every content file below `root` (the content/ folder).

    Never raises for bad content: problems are collected in `Content.problems` so an
    editor sees all of them at once. Items with errors are left out of the collections.
    """
    today = today or dt.datetime.now(TIMEZONE).date()
    content = Content()
    for kind, folder in FOLDERS.items():
        content.problems.extend(_unread_files(root, folder))
        collection = content.collection(kind)
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
            item, problems = parse_item(kind, doc)
            content.problems.extend(problems)
            if item is not None:
                collection[item.slug] = item
            else:
                content.broken_slugs.add(f"{folder}/{doc.slug}")
    content.problems.extend(_check_pages(root))
    content.problems.extend(_check_references(content, root, today))
    return content


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
    problems: list[Problem] = []
    sector_names = ", ".join(sorted(content.sectors)) or "(nog geen sectoren)"

    def unknown_sector(item: ContentItem, key: str, value: str) -> None:
        if f"sectors/{value}" in content.broken_slugs:
            return
        problems.append(
            Problem(item.source_path, item.line_of(key), key, f"onbekende sector '{value}'; bestaande sectoren: {sector_names}")
        )

    for story in content.stories.values():
        if story.sector not in content.sectors:
            unknown_sector(story, "sector", story.sector)
        if story.image:
            image = PurePosixPath(story.image)
            if image.is_absolute() or ".." in image.parts or image.parts[:1] != (IMAGES_FOLDER,):
                # Only content/images/ is copied to the site (STATIC_PATHS): anything else is a broken image.
                problems.append(
                    Problem(
                        story.source_path,
                        story.line_of("image"),
                        "image",
                        f"'{story.image}' staat niet in content/{IMAGES_FOLDER}/; zet de afbeelding daar en "
                        f"schrijf het pad vanaf content/, bijv. {IMAGES_FOLDER}/stories/{image.name}",
                    )
                )
            elif not (root / story.image).is_file():
                problems.append(
                    Problem(story.source_path, story.line_of("image"), "image", f"afbeelding '{story.image}' bestaat niet in {root}")
                )
    for internship in content.internships.values():
        if internship.slug in INTERNSHIP_VIEW_SLUGS:
            message = f"'{internship.slug}' is al een pagina van de stagemarkt; geef het bestand een andere naam"
            problems.append(Problem(internship.source_path, 1, "slug", message))
        if internship.sector not in content.sectors:
            unknown_sector(internship, "sector", internship.sector)
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
    for event in content.events.values():
        for sector in event.sectors:
            if sector not in content.sectors:
                unknown_sector(event, "sectors", sector)
        if event.hub and event.hub not in content.hubs and f"hubs/{event.hub}" not in content.broken_slugs:
            hub_names = ", ".join(sorted(content.hubs)) or "(nog geen hubs)"
            problems.append(
                Problem(event.source_path, event.line_of("hub"), "hub", f"onbekende hub '{event.hub}'; bestaande hubs: {hub_names}")
            )
    return problems
