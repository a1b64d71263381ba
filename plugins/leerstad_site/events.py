"""Event pages, the Netwerkweek programme views and events.json for the app and scripts."""

from __future__ import annotations

import json

from leerstad import urls
from leerstad.model import Event

from .programme import by_day, edition_views, editions
from .site_content import LeerstadGenerator


def event_record(event: Event, site_url: str) -> dict:
    """One event as events.json lists it."""
    path = urls.event_path(event.slug)
    return {
        "slug": event.slug,
        "title": event.title,
        "start": event.start.isoformat(),
        "end": event.end.isoformat(),
        "sectors": list(event.sectors),
        "audience": list(event.audience),
        "kind": event.kind,
        "capacity": event.capacity,
        "max_seats": event.max_seats,
        "registration": event.registration,
        "status": event.status,
        "hub": event.hub,
        "edition": event.edition,
        "url": site_url.rstrip("/") + path,
        "path": path,
    }


class EventsGenerator(LeerstadGenerator):
    def generate_context(self) -> None:
        self.context["events"] = self.site.events_in_order()
        self.context["netwerkweek_editions"] = editions(self.site)

    def generate_output(self, writer) -> None:
        site = self.site
        upcoming = site.upcoming_events(self.now)
        self.write_page(writer, urls.events_index_path(), "events", days=by_day(upcoming))
        for event in site.events_in_order():
            self.write_page(
                writer,
                urls.event_path(event.slug),
                "event",
                event=event,
                sectors=[site.sectors[s] for s in event.sectors],
                hub=site.hubs.get(event.hub) if event.hub else None,
                signup_state=event.signup_state(self.now),
            )
        for edition in editions(site):
            views = edition_views(site, edition)
            for view in views:
                self.write_page(writer, view.path, "programme", edition=edition, view=view, views=views)
        records = [event_record(e, self.settings["SITEURL"]) for e in site.events_in_order()]
        self.write_text(urls.events_json_path(), json.dumps({"events": records}, ensure_ascii=False, indent=1))
