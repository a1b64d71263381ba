"""No page of the real build loads anything from another host (editors' Markdown included).

tests/test_site_theme.py holds the theme to this on the fixture content; this runs the same rule
over the real content/, where an editor could paste an image or embed from elsewhere.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

# Where a browser fetches something while showing a page (links a visitor follows are fine).
LOADED = [("script", "src"), ("img", "src"), ("img", "srcset"), ("source", "src"), ("source", "srcset"), ("iframe", "src"),
          ("video", "src"), ("video", "poster"), ("audio", "src"), ("embed", "src"), ("object", "data"), ("track", "src")]
FETCHING_LINKS = {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "preconnect", "dns-prefetch", "manifest"}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)|@import\s+(?:url\()?['"]?([^'");]+)""")


def elsewhere(url: str) -> bool:
    first = url.strip().split(",")[0].strip().split(" ")[0]
    parts = urlsplit(first)
    return parts.scheme not in ("", "data") or bool(parts.netloc)


def css_urls_elsewhere(css: str) -> list[str]:
    return [url for match in CSS_URL.finditer(css) for url in match.groups() if url and elsewhere(url)]


def third_party_loads(output: Path) -> list[str]:
    found = []
    for page in sorted(output.rglob("*.html")):
        if "pagefind" in page.relative_to(output).parts:
            continue
        name = page.relative_to(output)
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag, attribute in LOADED:
            for element in soup.find_all(tag, attrs={attribute: True}):
                candidates = element[attribute].split(",") if attribute == "srcset" else [element[attribute]]
                found += [f"{name}: <{tag} {attribute}={c.strip()}>" for c in candidates if elsewhere(c)]
        for link in soup.find_all("link", href=True):
            if FETCHING_LINKS & set(link.get("rel", [])) and elsewhere(link["href"]):
                found.append(f"{name}: <link rel={' '.join(link['rel'])} href={link['href']}>")
        for element in soup.find_all(style=True):
            found += [f"{name}: style {url}" for url in css_urls_elsewhere(element["style"])]
        for style in soup.find_all("style"):
            found += [f"{name}: <style> {url}" for url in css_urls_elsewhere(style.get_text())]
    for sheet in sorted(output.rglob("*.css")):
        found += [f"{sheet.relative_to(output)}: {url}" for url in css_urls_elsewhere(sheet.read_text(encoding="utf-8"))]
    return found


def test_no_real_page_loads_scripts_styles_images_or_fonts_from_another_host(site_output: Path) -> None:
    assert len(list(site_output.rglob("*.html"))) > 50
    assert third_party_loads(site_output) == []


def test_the_check_names_a_pasted_image_a_web_font_and_an_embed(tmp_path: Path) -> None:
    (tmp_path / "verhaal").mkdir()
    (tmp_path / "verhaal" / "index.html").write_text(
        '<img src="https://images.example/foto.jpg" srcset="/eigen.png 1x, https://cdn.example/2x.png 2x">'
        '<iframe src="https://www.youtube.com/embed/x"></iframe><link rel="stylesheet" href="//fonts.example/f.css">'
        '<a href="https://www.rotterdam.nl/">a link is fine</a><img src="/theme/ok.svg" alt="">',
        encoding="utf-8",
    )
    (tmp_path / "site.css").write_text("@import url('https://fonts.example/x.css'); b { background: url(data:image/png;base64,AA) }")
    assert third_party_loads(tmp_path) == [
        "verhaal/index.html: <img src=https://images.example/foto.jpg>",
        "verhaal/index.html: <img srcset=https://cdn.example/2x.png 2x>",
        "verhaal/index.html: <iframe src=https://www.youtube.com/embed/x>",
        "verhaal/index.html: <link rel=stylesheet href=//fonts.example/f.css>",
        "site.css: https://fonts.example/x.css",
    ]
