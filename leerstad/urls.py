"""Where things live on the site: one definition used by templates, feeds, mails and the app.

Static pages are directories with an index.html so URLs end in a slash. The Flask app
owns the prefixes in APP_PREFIXES; the reverse proxy sends those to it.
"""

from __future__ import annotations

import datetime as dt

SITE_DOMAIN = "leerstad.rotterdam.nl"  # used in calendar UIDs: <slug>@SITE_DOMAIN

# Paths the registration app answers; everything else is static output/.
APP_PREFIXES = ("/aanmelden/", "/mijn/", "/agenda/", "/beheer/", "/api/", "/doe-mee/")


def sector_path(slug: str) -> str:
    return f"/sectoren/{slug}/"


def story_path(slug: str) -> str:
    return f"/verhalen/{slug}/"


def event_path(slug: str) -> str:
    return f"/evenementen/{slug}/"


def hub_path(slug: str) -> str:
    return f"/jongerenhubs/{slug}/"


def internship_path(slug: str) -> str:
    return f"/stagemarkt/{slug}/"


def organisation_path(slug: str) -> str:
    """An organisation's partner page: its events, offers and stories."""
    return f"/partners/{slug}/"


def netwerkweek_path(edition: int) -> str:
    return f"/netwerkweek/{edition}/"


# --- overview pages and other files of the public site


def page_path(slug: str) -> str:
    """A static page from content/pages/, e.g. /over-leerstad/."""
    return f"/{slug}/"


def home_path() -> str:
    return "/"


def sectors_index_path() -> str:
    return "/sectoren/"


def stories_index_path() -> str:
    return "/verhalen/"


def events_index_path() -> str:
    return "/evenementen/"


def hubs_index_path() -> str:
    return "/jongerenhubs/"


def internships_index_path() -> str:
    return "/stagemarkt/"


def organisations_index_path() -> str:
    return "/partners/"


# Offer pages live at /stagemarkt/<slug>/, next to these views of the listing: no offer may take their name.
INTERNSHIP_VIEW_SLUGS = ("groepsstages", "niveau")


def internships_level_path(level: str) -> str:
    return f"/stagemarkt/niveau/{level}/"


def group_internships_path() -> str:
    return "/stagemarkt/groepsstages/"


def netwerkweek_day_path(edition: int, day: dt.date) -> str:
    return f"/netwerkweek/{edition}/dag/{day.isoformat()}/"


def netwerkweek_sector_path(edition: int, slug: str) -> str:
    return f"/netwerkweek/{edition}/sector/{slug}/"


def netwerkweek_audience_path(edition: int, audience: str) -> str:
    return f"/netwerkweek/{edition}/voor/{audience}/"


def search_path() -> str:
    return "/zoeken/"


def stories_feed_path() -> str:
    return "/feeds/verhalen.atom.xml"


def internships_feed_path() -> str:
    return "/feeds/stagemarkt.atom.xml"


def events_json_path() -> str:
    """All events as JSON for the app and scripts."""
    return "/events.json"


# --- static calendar feeds written by the Pelican build


def programme_ics_path() -> str:
    return "/kalender/programma.ics"


def sector_ics_path(slug: str) -> str:
    return f"/kalender/sector/{slug}.ics"


def hub_ics_path(slug: str) -> str:
    return f"/kalender/hub/{slug}.ics"


def day_ics_path(day: dt.date) -> str:
    return f"/kalender/dag/{day.isoformat()}.ics"


def edition_ics_path(edition: int) -> str:
    return f"/kalender/netwerkweek-{edition}.ics"


def event_ics_path(slug: str) -> str:
    return f"/kalender/evenement/{slug}.ics"


# --- routes of the registration app


def signup_path(slug: str) -> str:
    return f"/aanmelden/{slug}"


def availability_path() -> str:
    return "/api/beschikbaarheid.json"


def offer_form_path() -> str:
    """Employers offer an internship for the stagemarkt here (link it from the stagemarkt pages)."""
    return "/doe-mee/stage-aanbieden"


def idea_form_path() -> str:
    """The jongerenhubs form "Heb je een idee voor een jongerenproject?" (link it from the jongerenhubs pages)."""
    return "/doe-mee/idee"


def is_app_path(path: str) -> bool:
    return path.startswith(APP_PREFIXES)
