"""Headings in editors' Markdown start at h2: the page's title is its one h1.

An editor who writes `# Programma` in a body, or starts at `###`, would otherwise give the page
a second h1 or a gap in the heading outline that screen-reader users navigate by (WCAG 1.3.1).
The body's headings are shifted as a whole, so their order among themselves stays.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
TOP_LEVEL = 2


class ShiftHeadings(Treeprocessor):
    def run(self, root: Element) -> None:
        found = [element for element in root.iter() if element.tag in HEADINGS]
        if not found:
            return
        shift = TOP_LEVEL - min(int(element.tag[1]) for element in found)
        for element in found:
            element.tag = f"h{min(int(element.tag[1]) + shift, 6)}"


class BodyHeadings(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.treeprocessors.register(ShiftHeadings(md), "leerstad_body_headings", 1)


def add_to_markdown_settings(pelican) -> None:
    """initialized handler: every Markdown converter of the build (Pelican's and ours) shifts headings."""
    extensions = pelican.settings.setdefault("MARKDOWN", {}).setdefault("extensions", [])
    if not any(isinstance(extension, BodyHeadings) for extension in extensions):
        extensions.append(BodyHeadings())
