"""Both Atom feeds have what RFC 4287 requires, so feed readers and validators accept them."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from leerstad import urls

ATOM = "{http://www.w3.org/2005/Atom}"


def text_of(element, name: str) -> str:
    child = element.find(f"{ATOM}{name}")
    assert child is not None, f"atom:{name} missing in {element.tag}"
    return (child.text or "").strip()


def author_names(element) -> list[str]:
    return [(author.findtext(f"{ATOM}name") or "").strip() for author in element.findall(f"{ATOM}author")]


@pytest.mark.parametrize("path", [urls.stories_feed_path(), urls.internships_feed_path()])
def test_atom_feed_has_the_required_elements_and_a_named_author(site, path):
    feed = ET.parse(site.output / path.lstrip("/")).getroot()
    assert feed.tag == f"{ATOM}feed"
    assert text_of(feed, "id") and text_of(feed, "title")
    dt.datetime.fromisoformat(text_of(feed, "updated"))
    entries = feed.findall(f"{ATOM}entry")
    assert entries
    for entry in entries:
        assert text_of(entry, "id") and text_of(entry, "title")
        dt.datetime.fromisoformat(text_of(entry, "updated"))
        assert entry.find(f"{ATOM}link[@rel='alternate']") is not None
        # RFC 4287 4.1.1: an author on the feed, or on every entry; a name may not be empty.
        names = author_names(entry) or author_names(feed)
        assert names and all(names), f"entry {text_of(entry, 'id')} in {path} has no named author"
