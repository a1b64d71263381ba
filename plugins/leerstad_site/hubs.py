"""Jongerenhubs: the directory and a page per hub with its upcoming events and calendar feed."""

from __future__ import annotations

from leerstad import urls

from .site_content import LeerstadGenerator


def hubs_by_wijk(hubs):
    return sorted(hubs, key=lambda h: (h.wijk, h.title))


class HubsGenerator(LeerstadGenerator):
    def generate_context(self) -> None:
        self.context["hubs"] = hubs_by_wijk(self.site.hubs.values())

    def generate_output(self, writer) -> None:
        hubs = hubs_by_wijk(self.site.hubs.values())
        self.write_page(writer, urls.hubs_index_path(), "hubs", hubs=hubs)
        for hub in hubs:
            events = [e for e in self.site.events_for_hub(hub.slug) if not e.is_past(self.now)]
            self.write_page(writer, urls.hub_path(hub.slug), "hub", hub=hub, events=events)
