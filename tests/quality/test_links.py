"""Every link and embedded file on the built site leads somewhere that exists."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from leerstad.urls import SITE_DOMAIN, is_app_path

LOCAL_HOSTS = {"localhost:8000", SITE_DOMAIN}


class _References(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.found.append((self.getpos()[0], value))


def resolves(output: Path, page: Path, reference: str) -> bool:
    parts = urlsplit(reference)
    if parts.scheme in ("mailto", "tel", "data"):
        return True
    if parts.scheme in ("http", "https", "webcal") and parts.netloc not in LOCAL_HOSTS:
        return True  # a link to another site; loading nothing from elsewhere is tested separately
    path = unquote(parts.path)
    if not path:
        return True  # a fragment on the same page
    if not path.startswith("/"):
        path = "/" + str((page.parent / path).resolve().relative_to(output.resolve()))
    if is_app_path(path):
        return True
    target = output / path.lstrip("/")
    return target.is_file() or (target / "index.html").is_file()


def test_every_internal_href_and_src_resolves(site_output: Path) -> None:
    broken = []
    pages = [p for p in site_output.rglob("*.html") if "pagefind" not in p.parts]
    for page in pages:
        parser = _References()
        parser.feed(page.read_text(encoding="utf-8"))
        for line, reference in parser.found:
            if not resolves(site_output, page, reference):
                broken.append(f"{page.relative_to(site_output)}:{line}: {reference}")
    assert pages and broken == []
