"""The events the app knows about, read from the content folder and re-read when files change.

Content is the single source of truth: the app keeps no copy of events in its database,
only the slug each registration refers to.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Mapping
from pathlib import Path

from leerstad.content import Content, load_content
from leerstad.event_versions import EventVersion, event_versions
from leerstad.model import Event

log = logging.getLogger(__name__)

Stamp = tuple[tuple[str, int, int], ...]


class EventCatalogue:
    """Loads `load_content(root)` and reloads it when a content file's mtime or size changes."""

    def __init__(self, root: str | Path, check_interval: float = 2.0) -> None:
        self.root = Path(root)
        self.check_interval = check_interval  # seconds between directory scans; 0 = every call
        self._lock = threading.Lock()
        self._content: Content | None = None
        self._stamp: Stamp = ()
        self._checked_at = 0.0
        self._versions: Mapping[str, EventVersion] | None = None
        self._versions_for: Content | None = None

    def _scan(self) -> Stamp:
        entries = []
        if self.root.is_dir():
            for path in sorted(self.root.rglob("*.md")):
                try:
                    info = path.stat()
                except FileNotFoundError:  # removed while scanning; the next scan sees it
                    continue
                entries.append((str(path), info.st_mtime_ns, info.st_size))
        return tuple(entries)

    def content(self) -> Content:
        with self._lock:
            now = time.monotonic()
            if self._content is None or now - self._checked_at >= self.check_interval:
                self._checked_at = now
                stamp = self._scan()
                if self._content is None or stamp != self._stamp:
                    self._content = load_content(self.root)
                    self._stamp = stamp
                    for problem in self._content.errors:
                        log.warning("content problem, item left out: %s", problem)
            return self._content

    @property
    def events(self) -> dict[str, Event]:
        return self.content().events

    def event(self, slug: str) -> Event | None:
        return self.events.get(slug)

    def sector_titles(self) -> dict[str, str]:
        """Sector names for calendar CATEGORIES, instead of their slugs."""
        return {slug: sector.title for slug, sector in self.content().sectors.items()}

    def versions(self) -> Mapping[str, EventVersion]:
        """SEQUENCE and LAST-MODIFIED per event for calendars, computed once per content load."""
        content = self.content()
        with self._lock:
            if self._versions is None or self._versions_for is not content:
                found = event_versions(self.root, content.events)
                for warning in found.warnings:
                    log.warning("%s", warning)
                self._versions, self._versions_for = found.versions, content
            return self._versions
