"""Sector pages: the overview and one page per sector with its figures, stories, events and offers."""

from __future__ import annotations

from leerstad import urls

from .site_content import LeerstadGenerator


class SectorsGenerator(LeerstadGenerator):
    def generate_context(self) -> None:
        self.context["sectors"] = self.site.sectors_in_order()

    def generate_output(self, writer) -> None:
        site, now = self.site, self.now
        published = self.context.get("published_stories", {})
        self.write_page(writer, urls.sectors_index_path(), "sectors", sectors=site.sectors_in_order())
        for sector in site.sectors_in_order():
            self.write_page(
                writer,
                urls.sector_path(sector.slug),
                "sector",
                sector=sector,
                stories=[s for s in site.stories_for_sector(sector.slug) if s.slug in published],
                events=[e for e in site.events_for_sector(sector.slug) if not e.is_past(now)],
                internships=[i for i in site.current_internships(now.date()) if i.sector == sector.slug],
            )
