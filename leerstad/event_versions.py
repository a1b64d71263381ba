"""Each event's calendar version (SEQUENCE, LAST-MODIFIED), derived from the content's git history.

Calendar clients decide whether an event they already have was updated by its SEQUENCE
(and LAST-MODIFIED). These must move when, and only when, what a calendar shows of the
event changes, and every build of the same commit must give the same numbers.

Why git history and not a ledger file next to the content: editors commit Markdown and
nothing else, so a ledger that the build updates would drift from the content whenever
someone forgets to commit it, and two builds of the same commit could disagree. The git
history of the events folder (`content/events/`) already records every published state of every event:

* Walk the first-parent history of HEAD (the states `main` actually had, merges included
  as one step) oldest first, and take each committed version of each event file.
* Parse it with the shared model and fingerprint the fields a calendar shows
  (`CALENDAR_FIELDS`). The first valid version is SEQUENCE 0; each later commit that
  changes the fingerprint adds 1 and sets LAST-MODIFIED to that commit's committer time.
  A commit that only touches the page text (the body) or other fields changes nothing.
* Identity is the slug (file name), as everywhere else: moving a file to another folder
  keeps its versions; deleting and restoring it continues its sequence.
* A working-tree change that is not committed yet (a local preview) gets the committed
  SEQUENCE + 1 and the file's modification time, so rebuilding it stays byte-stable.

Nothing is written, so a build in a read-only or temporary tree works. Without git (an
exported tarball, a temporary copy) every event gets SEQUENCE 0 and its file's
modification time, with a warning. A shallow clone lacks the history and would restart
numbering: it builds but warns; deploy builds need a full clone (`git fetch --unshallow`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import subprocess
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from leerstad.frontmatter import parse_document
from leerstad.model import Event
from leerstad.registry import EVENT
from leerstad.validation import parse_item

# The event fields a calendar entry is built from: those the registry marks `calendar=True`.
# tests/test_calendar_fields.py proves these are exactly the fields whose change alters the .ics.
CALENDAR_FIELDS = EVENT.calendar_fields

_NULL_BLOB = "0" * 40


@dataclass(frozen=True)
class EventVersion:
    """How often an event changed in calendars, and when it last did."""

    sequence: int
    last_modified: dt.datetime  # aware, UTC, whole seconds
    fingerprint: str = ""


@dataclass
class EventVersions:
    """Versions per event slug, plus warnings about how reliable they are."""

    versions: dict[str, EventVersion] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def calendar_fingerprint(event: Event) -> str:
    """A short hash of the fields a calendar shows; equal fingerprints mean nothing to update."""
    shown = {}
    for name in CALENDAR_FIELDS:
        # A resolved reference (Organiser: a slug, shown as the organisation's name) counts as
        # written in the file: history is parsed file by file and never sees the name.
        value = getattr(event, f"{name}_slug", None) or getattr(event, name)
        shown[name] = value.isoformat() if isinstance(value, dt.datetime) else value
    encoded = json.dumps(shown, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(encoded).hexdigest()[:16]


def _utc_seconds(timestamp: float) -> dt.datetime:
    return dt.datetime.fromtimestamp(int(timestamp), dt.UTC)


def _git(cwd: Path, *args: str, stdin: bytes | None = None) -> bytes:
    return subprocess.run(
        ["git", "-C", str(cwd), *args],
        input=stdin,
        capture_output=True,
        check=True,
    ).stdout


@dataclass(frozen=True)
class _Change:
    commit_time: dt.datetime
    path: str
    blob: str


def _committed_changes(content_root: Path) -> tuple[list[_Change], list[str]]:
    """Every committed version of every event file on HEAD's first-parent line, oldest first."""
    top = Path(_git(content_root, "rev-parse", "--show-toplevel").decode().strip())
    events_dir = (content_root / EVENT.folder).resolve()
    warnings = []
    if _git(top, "rev-parse", "--is-shallow-repository").decode().strip() == "true":
        warnings.append(
            "kalender: dit is een ondiepe git-kloon; SEQUENCE-nummers van evenementen kunnen te laag zijn. "
            "Bouw de site voor publicatie vanuit een volledige kloon (git fetch --unshallow)."
        )
    try:
        relative = events_dir.relative_to(top.resolve()).as_posix()
    except ValueError:
        return [], warnings
    log = _git(
        top,
        "log",
        "--first-parent",
        "--diff-merges=first-parent",
        "--reverse",
        "--no-renames",
        "--raw",
        "--no-abbrev",
        "-z",
        "--format=%x1e%ct",
        "--",
        relative,
    ).decode("utf-8", errors="surrogateescape")
    changes = []
    for chunk in log.split("\x1e")[1:]:
        header, _, rest = chunk.partition("\0")
        commit_time = _utc_seconds(int(header.strip()))
        fields_ = rest.lstrip("\n").split("\0")
        for meta, path in zip(fields_[0::2], fields_[1::2], strict=False):
            parts = meta.split()
            if len(parts) < 5 or not path.endswith(".md"):
                continue
            new_blob, status = parts[3], parts[4]
            if status.startswith("D") or new_blob == _NULL_BLOB:
                continue  # a deleted event keeps its versions, in case it comes back
            changes.append(_Change(commit_time, path, new_blob))
    return changes, warnings


def _read_blobs(top_or_root: Path, blobs: Iterable[str]) -> dict[str, bytes]:
    """Read many blobs with one `git cat-file --batch` instead of a process per file."""
    wanted = list(dict.fromkeys(blobs))
    if not wanted:
        return {}
    out = _git(top_or_root, "cat-file", "--batch", stdin=("\n".join(wanted) + "\n").encode())
    result: dict[str, bytes] = {}
    position = 0
    for blob in wanted:
        newline = out.index(b"\n", position)
        header = out[position:newline].split()
        position = newline + 1
        if len(header) < 3 or header[1] != b"blob":
            continue
        size = int(header[2])
        result[blob] = out[position : position + size]
        position += size + 1  # the content is followed by a newline
    return result


def _fingerprint_of_text(path: str, data: bytes) -> str | None:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    item, _ = parse_item(Event, parse_document(Path(path), text))
    # A version that broke the model never got built, so it was never published.
    return calendar_fingerprint(item) if isinstance(item, Event) else None


def _history(content_root: Path) -> tuple[dict[str, EventVersion], list[str]]:
    changes, warnings = _committed_changes(content_root)
    blobs = _read_blobs(content_root, (change.blob for change in changes))
    history: dict[str, EventVersion] = {}
    for change in changes:
        data = blobs.get(change.blob)
        fingerprint = _fingerprint_of_text(change.path, data) if data is not None else None
        if fingerprint is None:
            continue
        slug = Path(change.path).stem
        previous = history.get(slug)
        if previous is None:
            history[slug] = EventVersion(0, change.commit_time, fingerprint)
        elif previous.fingerprint != fingerprint:
            # Committer clocks can disagree; LAST-MODIFIED must still move forward.
            moment = max(change.commit_time, previous.last_modified + dt.timedelta(seconds=1))
            history[slug] = EventVersion(previous.sequence + 1, moment, fingerprint)
    return history, warnings


def _file_time(content_root: Path, event: Event) -> dt.datetime:
    # Content.source_path is shown relative to the content folder's parent when possible.
    candidates = [event.source_path, content_root.parent / event.source_path, content_root / event.source_path]
    for candidate in candidates:
        if candidate.is_file():
            return _utc_seconds(os.stat(candidate).st_mtime)
    return _utc_seconds(0)


def event_versions(content_root: Path, events: Mapping[str, Event]) -> EventVersions:
    """SEQUENCE and LAST-MODIFIED for each current event, from git history (see module doc)."""
    result = EventVersions()
    try:
        history, result.warnings = _history(content_root)
    except FileNotFoundError:
        history = {}
        result.warnings.append("kalender: git is niet geïnstalleerd; alle evenementen krijgen SEQUENCE 0.")
    except subprocess.CalledProcessError as error:
        history = {}
        reason = error.stderr.decode("utf-8", errors="replace").strip().splitlines()
        result.warnings.append(
            f"kalender: {content_root} staat niet in een bruikbare git-repository ({reason[0] if reason else error}); "
            "alle evenementen krijgen SEQUENCE 0 en de wijzigingstijd van hun bestand."
        )
    for slug, event in events.items():
        fingerprint = calendar_fingerprint(event)
        committed = history.get(slug)
        if committed is not None and committed.fingerprint == fingerprint:
            result.versions[slug] = committed
            continue
        moment = _file_time(content_root, event)
        if committed is None:
            result.versions[slug] = EventVersion(0, moment, fingerprint)
        else:
            moment = max(moment, committed.last_modified + dt.timedelta(seconds=1))
            result.versions[slug] = EventVersion(committed.sequence + 1, moment, fingerprint)
    return result
