"""Stagemarkt: current internship offers by sector and level, group internships, offer pages and an Atom feed."""

from __future__ import annotations

import datetime as dt
import logging
import os

from feedgenerator import Atom1Feed, get_tag_uri

from leerstad import urls
from leerstad.model import LEVELS, TIMEZONE, Internship

from .site_content import LeerstadGenerator

logger = logging.getLogger(__name__)


def by_level(internships: list[Internship]) -> list[tuple[str, list[Internship]]]:
    return [(level, [i for i in internships if level in i.levels]) for level in LEVELS if any(level in i.levels for i in internships)]


class StagemarktGenerator(LeerstadGenerator):
    def generate_context(self) -> None:
        # Offers named like a view of the listing (urls.INTERNSHIP_VIEW_SLUGS) are content errors already.
        # Expired offers are left out of every list and get no page.
        self.context["internships"] = self.site.current_internships(self.now.date())

    def generate_output(self, writer) -> None:
        site = self.site
        current = site.current_internships(self.now.date())
        by_sector = [(s, [i for i in current if i.sector == s.slug]) for s in site.sectors_in_order()]
        levels = by_level(current)
        common = {"current_count": len(current), "levels": levels}
        self.write_page(writer, urls.internships_index_path(), "stagemarkt", by_sector=[g for g in by_sector if g[1]], **common)
        for level, offers in levels:
            self.write_page(writer, urls.internships_level_path(level), "stagemarkt_level", level=level, offers=offers, **common)
        groups = [i for i in current if i.group]
        self.write_page(writer, urls.group_internships_path(), "stagemarkt_groups", offers=groups, **common)
        for internship in current:
            sector = site.sectors[internship.sector]
            self.write_page(writer, urls.internship_path(internship.slug), "internship", internship=internship, sector=sector)
        self.write_feed(current)

    def write_feed(self, current: list[Internship]) -> None:
        site_url = self.settings["SITEURL"].rstrip("/")
        feed = Atom1Feed(
            title=f"{self.settings['SITENAME']} - Stagemarkt",
            link=site_url + urls.internships_index_path(),
            feed_url=site_url + urls.internships_feed_path(),
            description="Actuele stages en groepsstages in de sectoren met tekorten.",
            language="nl",
            # RFC 4287 wants an author on the feed when the entries have none.
            author_name=self.settings["SITENAME"],
        )
        for internship in current:
            link = site_url + urls.internship_path(internship.slug)
            published = dt.datetime.combine(internship.date, dt.time(9, 0), TIMEZONE)
            feed.add_item(
                title=f"{internship.title} — {internship.organisation}",
                link=link,
                unique_id=get_tag_uri(link, published),
                description=internship.summary,
                pubdate=published,
                categories=[internship.sector, *internship.levels],
            )
        target = os.path.join(self.output_path, urls.internships_feed_path().lstrip("/"))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "w", encoding="utf-8") as handle:
            feed.write(handle, "utf-8")
