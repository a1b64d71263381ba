"""The theme: nothing loaded from other hosts, accessible page structure, search, readable colours."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
# Elements and attributes through which a browser fetches something while showing a page.
LOADED = [("script", "src"), ("link", "href"), ("img", "src"), ("img", "srcset"), ("source", "src"), ("source", "srcset"),
          ("iframe", "src"), ("video", "src"), ("video", "poster"), ("audio", "src"), ("embed", "src"), ("object", "data")]
OWN_HOSTS = {"", "localhost:8000", "leerstad.rotterdam.nl"}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)|@import\s+['"]([^'"]+)""")


def html_pages(output: Path) -> list[Path]:
    return sorted(p for p in output.rglob("*.html") if "pagefind" not in p.relative_to(output).parts)


def foreign(url: str) -> bool:
    parts = urlsplit(url.strip().split(" ")[0])
    if parts.scheme == "data":
        return False
    return parts.netloc not in OWN_HOSTS or parts.scheme not in ("", "http", "https")


def foreign_css_urls(css: str) -> list[str]:
    return [url for match in CSS_URL.finditer(css) for url in match.groups() if url and foreign(url)]


def loaded_from_elsewhere(output: Path) -> list[str]:
    found = []
    for page in html_pages(output):
        name = page.relative_to(output)
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag, attribute in LOADED:
            for element in soup.find_all(tag, attrs={attribute: True}):
                if foreign(element[attribute]):
                    found.append(f"{name}: <{tag} {attribute}={element[attribute]}>")
        for element in soup.find_all(style=True):
            found += [f"{name}: style url({url})" for url in foreign_css_urls(element["style"])]
        for style in soup.find_all("style"):
            found += [f"{name}: <style> {url}" for url in foreign_css_urls(style.get_text())]
    for sheet in output.rglob("*.css"):
        found += [f"{sheet.relative_to(output)}: {url}" for url in foreign_css_urls(sheet.read_text(encoding="utf-8"))]
    return found


def test_no_page_loads_scripts_styles_images_or_fonts_from_another_host(site):
    assert len(html_pages(site.output)) > 30
    assert loaded_from_elsewhere(site.output) == []


def test_the_check_for_foreign_hosts_catches_a_cdn(tmp_path):
    (tmp_path / "index.html").write_text('<link rel="stylesheet" href="https://cdn.example/x.css"><img src="//img.example/a.png">')
    (tmp_path / "a.css").write_text("@font-face { src: url(https://fonts.example/f.woff2) }")
    assert len(loaded_from_elsewhere(tmp_path)) == 3


def test_every_page_has_dutch_language_skip_link_landmarks_and_one_h1(site):
    for page in html_pages(site.output):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        name = page.relative_to(site.output)
        assert soup.html["lang"] == "nl", name
        skip = soup.body.find("a")
        assert skip["href"] == "#inhoud" and soup.select_one("main#inhoud"), name
        assert soup.select_one("header") and soup.select_one("footer") and soup.select_one("nav[aria-label=Hoofdmenu]"), name
        assert len(soup.find_all("h1")) == 1, name
        assert soup.title.get_text().strip(), name


def test_detail_pages_have_breadcrumbs_ending_at_the_current_page(site):
    crumbs = site.page("/evenementen/excursie-terminal/").select("nav.breadcrumbs a")
    assert [a.get_text() for a in crumbs] == ["Home", "Netwerkweek 2027", "Excursie containerterminal"]
    assert crumbs[-1]["aria-current"] == "page"


@pytest.mark.parametrize(
    "path", ["/sectoren/haven/", "/verhalen/havenstudent/", "/evenementen/zorgcafe/", "/jongerenhubs/feijenoord/", "/stagemarkt/groepsstage-zorg/"]
)
def test_detail_pages_of_every_type_are_marked_for_search(site, path):
    assert site.page(path).select_one("main [data-pagefind-body]") is not None


def test_search_page_uses_pagefind_from_our_own_site_and_explains_without_javascript(site):
    page = site.page("/zoeken/")
    scripts = [s["src"] for s in page.select("script[src]")]
    assert "/pagefind/pagefind-ui.js" in scripts
    assert "JavaScript" in page.select_one("noscript").get_text()
    assert (site.output / "pagefind" / "pagefind-ui.js").is_file()
    # Pagefind indexed only the marked pages: 2 sectors, 2 stories, 3 events, 1 hub, 2 offers, 1 page,
    # 3 partners and the partner overview's introduction.
    fragments = list((site.output / "pagefind" / "fragment").glob("*.pf_fragment"))
    assert len(fragments) == 15


def contrast(foreground: str, background: str) -> float:
    def luminance(colour: str) -> float:
        colour = colour.lstrip("#")
        if len(colour) == 3:
            colour = "".join(c * 2 for c in colour)
        channels = [int(colour[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_theme_text_colours_meet_wcag_aa_contrast():
    css = (ROOT / "theme" / "static" / "css" / "site.css").read_text(encoding="utf-8")
    colour = dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-fA-F]{3,6})", css))
    colour["white"] = "#ffffff"
    pairs = [("text", "white"), ("muted", "white"), ("link", "white"), ("link", "surface"), ("text", "surface"),
             ("white", "brand"), ("white", "accent"), ("accent", "white"), ("text", "tag"), ("danger", "danger-bg"),
             ("text", "focus"), ("muted", "surface")]
    too_low = {f"{fg} on {bg}": round(contrast(colour[fg], colour[bg]), 2) for fg, bg in pairs if contrast(colour[fg], colour[bg]) < 4.5}
    assert too_low == {}
