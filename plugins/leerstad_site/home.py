"""The site frame: home page, search page, 404 page and robots.txt."""

from __future__ import annotations

from leerstad import urls

from .site_content import LeerstadGenerator

HOME_EVENTS = 6
HOME_STORIES = 3


class HomeGenerator(LeerstadGenerator):
    def generate_output(self, writer) -> None:
        site = self.site
        published = self.context.get("published_stories", {})
        newest_first = sorted((a.story for a in published.values()), key=lambda s: (s.date, s.slug), reverse=True)
        # Featured stories lead (newest of them first); the newest others fill the remaining places.
        stories = [s for s in newest_first if s.featured] + [s for s in newest_first if not s.featured]
        self.write_page(
            writer,
            urls.home_path(),
            "home",
            events=[e for e in site.upcoming_events(self.now) if not e.is_cancelled][:HOME_EVENTS],
            stories=stories[:HOME_STORIES],
            sectors=site.sectors_in_order(),
        )
        self.write_page(writer, urls.search_path(), "search")
        self.write_page(writer, "/404.html", "404")
        sitemap = self.settings["SITEURL"].rstrip("/") + "/sitemap.xml"
        self.write_text("/robots.txt", f"User-agent: *\nDisallow: /beheer/\nDisallow: /mijn/\n\nSitemap: {sitemap}\n")
