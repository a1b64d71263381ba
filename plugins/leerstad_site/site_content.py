"""Gives our generators and templates the build's content (see leerstad.build) and their helpers."""

from __future__ import annotations

import datetime as dt
import logging
import os
from typing import Any

from markdown import Markdown
from markupsafe import Markup
from pelican.generators import Generator

from leerstad import calendar_links, dates, urls
from leerstad.build import NOW_KEY, build_content
from leerstad.content import Content

logger = logging.getLogger(__name__)

META_EXTENSIONS = ("markdown.extensions.meta", "meta")


class MarkdownBodies:
    """Renders the Markdown body of sectors, events, hubs and internships with Pelican's MARKDOWN settings."""

    def __init__(self, settings: dict[str, Any]) -> None:
        # Without the meta extension Pelican adds for its readers: our bodies have no header left,
        # and meta would swallow a first line such as "Tip: neem je ID-kaart mee." as metadata.
        config = dict(settings["MARKDOWN"])
        config["extensions"] = [e for e in config.get("extensions", []) if e not in META_EXTENSIONS]
        self._markdown = Markdown(**config)
        self._cache: dict[str, Markup] = {}

    def __call__(self, text: str) -> Markup:
        if text not in self._cache:
            self._markdown.reset()
            self._cache[text] = Markup(self._markdown.convert(text))
        return self._cache[text]


def _absolute(settings: dict[str, Any]):
    def absolute(path: str) -> str:
        return settings["SITEURL"].rstrip("/") + path

    return absolute


def prepare_generator(generator: Generator) -> None:
    """generator_init handler: load content, give every template the model's helpers."""
    content = build_content(generator.context, generator.settings)
    settings = generator.settings
    site_url = settings["SITEURL"]
    generator.env.filters.update(
        {
            "dutch_date": dates.dutch_date,
            "dutch_time": dates.dutch_time,
            "markdown": MarkdownBodies(settings),
            "absolute": _absolute(settings),
        }
    )
    generator.env.globals.update(
        {
            "urls": urls,
            "site": content,
            "now": generator.context[NOW_KEY],
            "dutch_period": dates.dutch_period,
            "webcal_url": lambda path: calendar_links.webcal_url(site_url, path),
            "google_calendar_url": lambda event: calendar_links.google_calendar_url(event, site_url),
            "outlook_calendar_url": lambda event, host=calendar_links.OUTLOOK_PERSONAL: calendar_links.outlook_calendar_url(
                event, site_url, host
            ),
            "subscribe_links": lambda path: calendar_links.subscribe_links(site_url, path),
            "google_subscribe_url": lambda path: calendar_links.google_subscribe_url(calendar_links.webcal_url(site_url, path)),
        }
    )


def output_name(path: str) -> str:
    """Where a site path is written below output/: `/sectoren/` -> `sectoren/index.html`."""
    name = path.lstrip("/")
    return name + "index.html" if name == "" or name.endswith("/") else name


class LeerstadGenerator(Generator):
    """Base for our generators: gives them the build's Content and a write helper."""

    @property
    def site(self) -> Content:
        return build_content(self.context, self.settings)

    @property
    def now(self) -> dt.datetime:
        return self.context[NOW_KEY]

    def write_page(self, writer, path: str, template: str, **values: Any) -> None:
        writer.write_file(
            output_name(path),
            self.get_template(template),
            self.context,
            relative_urls=False,
            page_path=path,
            **values,
        )

    def write_text(self, path: str, text: str) -> None:
        """Write a non-HTML file (JSON, robots.txt) straight into output/."""
        target = os.path.join(self.output_path, output_name(path))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "w", encoding="utf-8") as handle:
            handle.write(text)
        logger.info("Writing %s", target)
