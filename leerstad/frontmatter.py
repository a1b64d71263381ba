"""Reads a content file's `Key: value` header, remembering the line of every key."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

_KEY_LINE = re.compile(r"^(?P<key>[A-Za-z][A-Za-z0-9_-]*)(?P<space>\s*):\s?(?P<value>.*)$")
# Only these end a line, as in the editors' text editors and in Python-Markdown; str.splitlines()
# would also split on U+2028, form feeds and the like, and shift every line number after them.
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
BOM = "\ufeff"
# A header line indented this far (a tab counts as four) continues the value above it;
# Python-Markdown, which reads the stories' headers for Pelican, ends the header at a line
# indented less that is not a key.
CONTINUATION_INDENT = 4


@dataclass(frozen=True)
class HeaderValue:
    """One occurrence of a header key: its raw text and the 1-based line it stands on."""

    text: str
    line: int


@dataclass
class Document:
    """A content file split into header values (per lower-cased key) and Markdown body."""

    path: Path
    header: dict[str, list[HeaderValue]] = field(default_factory=dict)
    body: str = ""
    # Header lines that are not `Key: value`, reported as problems by the model.
    malformed_lines: list[int] = field(default_factory=list)
    # Lines with a space before the colon (`Sector : haven`), with the key as written. Pelican's
    # reader ends a story's header there and shows the rest as text, so the model refuses them.
    space_before_colon: list[tuple[int, str]] = field(default_factory=list)
    # Lines meant to continue a value but indented by fewer than four spaces.
    short_indent_lines: list[int] = field(default_factory=list)
    # Empty lines before the first header line (the header must start on line 1).
    leading_blank_lines: int = 0
    # The 1-based line the body's first line stands on, for problems found in the body.
    body_line: int = 1

    @property
    def slug(self) -> str:
        return self.path.stem


def parse_document(path: Path, text: str) -> Document:
    """Split text into header and body the way Pelican's Markdown reader does.

    The header runs from the first line to the first empty line. A line indented by four
    spaces or a tab continues the previous value (Python-Markdown's meta extension does the same).
    """
    doc = Document(path=path)
    # Some Windows editors put a byte order mark before "Title:"; Pelican drops it too.
    text = text.removeprefix(BOM)
    lines = _LINE_BREAK.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    last_key: str | None = None
    body_start = len(lines)
    # Empty lines above the header: Pelican would then see no header at all, so report it.
    doc.leading_blank_lines = next((i for i, raw in enumerate(lines) if raw.strip()), 0)
    for index, raw in enumerate(lines):
        number = index + 1
        if not raw.strip():
            body_start = index + 1
            break
        expanded = raw.expandtabs(4)
        indent = len(expanded) - len(expanded.lstrip(" "))
        if indent >= CONTINUATION_INDENT and last_key is not None:
            previous = doc.header[last_key][-1]
            doc.header[last_key][-1] = HeaderValue(
                f"{previous.text} {raw.strip()}".strip(), previous.line
            )
            continue
        # Up to three spaces may stand before a key, as in Python-Markdown.
        match = _KEY_LINE.match(raw.lstrip(" ") if indent < CONTINUATION_INDENT else raw)
        if match is None:
            if 0 < indent < CONTINUATION_INDENT and last_key is not None:
                doc.short_indent_lines.append(number)
            else:
                doc.malformed_lines.append(number)
            continue
        if match["space"]:
            doc.space_before_colon.append((number, match["key"]))
        last_key = match["key"].lower()
        doc.header.setdefault(last_key, []).append(
            HeaderValue(match["value"].strip(), number)
        )
    body = "\n".join(lines[body_start:])
    doc.body = body.strip("\n")
    doc.body_line = body_start + 1 + len(body) - len(body.lstrip("\n"))
    return doc


def read_document(path: Path) -> Document:
    """Read and split one content file (UTF-8)."""
    return parse_document(path, path.read_text(encoding="utf-8"))
