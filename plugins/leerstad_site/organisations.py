"""Partner pages: every organisation by kind, and a page per organisation with its events, offers and stories."""

from __future__ import annotations

from leerstad import urls
from leerstad.content import Content
from leerstad.model import ORGANISATION_KIND_LABELS, ORGANISATION_KINDS, Organisation, Sector

from .site_content import LeerstadGenerator


def by_kind(site: Content) -> list[tuple[str, str, list[Organisation]]]:
    """(kind, Dutch heading, organisations) for each kind that has any, in vocabulary order."""
    groups = []
    for kind in ORGANISATION_KINDS:
        members = [o for o in site.organisations_in_order() if o.kind == kind]
        if members:
            groups.append((kind, ORGANISATION_KIND_LABELS[kind], members))
    return groups


def by_sector(site: Content) -> list[tuple[Sector, list[Organisation]]]:
    """(sector, organisations working in it) for each sector that has any, in the sectors' order."""
    groups = [(s, [o for o in site.organisations_in_order() if s.slug in o.sectors]) for s in site.sectors_in_order()]
    return [(sector, members) for sector, members in groups if members]


class OrganisationsGenerator(LeerstadGenerator):
    def generate_output(self, writer) -> None:
        site, now = self.site, self.now
        published = self.context.get("published_stories", {})
        self.write_page(writer, urls.organisations_index_path(), "organisations", groups=by_kind(site), by_sector=by_sector(site))
        for organisation in site.organisations_in_order():
            self.write_page(
                writer,
                urls.organisation_path(organisation.slug),
                "organisation",
                organisation=organisation,
                sectors=[site.sectors[s] for s in organisation.sectors],
                # Upcoming only, like a hub's page; cancelled ones stay listed, marked as cancelled.
                events=[e for e in site.events_of_organisation(organisation.slug) if not e.is_past(now)],
                internships=site.internships_of_organisation(organisation.slug, now.date()),
                stories=[s for s in site.stories_of_organisation(organisation.slug) if s.slug in published],
            )
