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
# Flask declares its routes with these same functions, given the rule's placeholder:
# manage_path("<token>") is the rule "/mijn/<token>". So a path is written once, here.

ADMIN_PREFIX = "/beheer"


def signup_path(slug: str) -> str:
    return f"/aanmelden/{slug}"


def signup_received_path(slug: str) -> str:
    return f"/aanmelden/{slug}/ontvangen"


def availability_path() -> str:
    return "/api/beschikbaarheid.json"


def stats_beacon_path() -> str:
    """The static pages' cookieless page-view counter (a same-origin sendBeacon POST)."""
    return "/api/teller"


def stats_pixel_path() -> str:
    """The same counter for visitors without JavaScript: a 1x1 image in <noscript>."""
    return "/api/teller.gif"


def manage_path(token: str) -> str:
    """A person's own page "Mijn aanmeldingen" (all their registrations); the link's token is the only key to it."""
    return f"/mijn/{token}"


def manage_cancel_path(token: str) -> str:
    """Cancel the registration the link was first mailed with (links in mails before people had pages)."""
    return f"/mijn/{token}/annuleren"


def manage_ics_path(token: str) -> str:
    return f"/mijn/{token}/evenement.ics"


def manage_registration_cancel_path(token: str, registration_id: int | str) -> str:
    return f"/mijn/{token}/aanmeldingen/{registration_id}/annuleren"


def manage_registration_ics_path(token: str, registration_id: int | str) -> str:
    return f"/mijn/{token}/aanmeldingen/{registration_id}/evenement.ics"


def manage_link_revoke_path(token: str, link_id: int | str) -> str:
    return f"/mijn/{token}/links/{link_id}/intrekken"


def manage_new_feed_path(token: str) -> str:
    return f"/mijn/{token}/nieuw-agenda-adres"


def send_link_path() -> str:
    """The "stuur mijn link opnieuw" form; answers the same whether or not the address is known."""
    return "/mijn/stuur-link"


def send_link_sent_path() -> str:
    return "/mijn/stuur-link/verstuurd"


def my_data_download_path(token: str) -> str:
    return f"/mijn/{token}/gegevens.json"


def my_data_erase_path(token: str) -> str:
    return f"/mijn/{token}/verwijderen"


def my_data_erased_path() -> str:
    return "/mijn/verwijderd"


def personal_feed_path(token: str) -> str:
    return f"/agenda/{token}.ics"


def offer_form_path() -> str:
    """Employers offer an internship for the stagemarkt here (link it from the stagemarkt pages)."""
    return "/doe-mee/stage-aanbieden"


def offer_received_path() -> str:
    return f"{offer_form_path()}/ontvangen"


def offer_manage_path(token: str) -> str:
    """The submitter's own page for one offer; the token is the only key to it."""
    return f"{offer_form_path()}/{token}"


def offer_withdraw_path(token: str) -> str:
    return f"{offer_form_path()}/{token}/intrekken"


def idea_form_path() -> str:
    """The jongerenhubs form "Heb je een idee voor een jongerenproject?" (link it from the jongerenhubs pages)."""
    return "/doe-mee/idee"


def idea_thanks_path() -> str:
    return f"{idea_form_path()}/bedankt"


# Admin pages, all under ADMIN_PREFIX; the app's admin blueprint mounts its areas there.


def admin_login_path() -> str:
    return f"{ADMIN_PREFIX}/inloggen"


def admin_logout_path() -> str:
    return f"{ADMIN_PREFIX}/uitloggen"


def admin_index_path() -> str:
    return f"{ADMIN_PREFIX}/"


def admin_event_path(slug: str) -> str:
    return f"{ADMIN_PREFIX}/evenementen/{slug}/"


def admin_event_csv_path(slug: str) -> str:
    return f"{ADMIN_PREFIX}/evenementen/{slug}/aanmeldingen.csv"


def admin_check_in_path(slug: str) -> str:
    return f"{ADMIN_PREFIX}/evenementen/{slug}/aanwezigheid"


def admin_attendance_path(registration_id: int | str) -> str:
    return f"{ADMIN_PREFIX}/aanmeldingen/{registration_id}/aanwezig"


def admin_audit_log_path() -> str:
    return f"{ADMIN_PREFIX}/logboek"


def admin_reach_path() -> str:
    return f"{ADMIN_PREFIX}/bereik"


def admin_reach_csv_path() -> str:
    return f"{ADMIN_PREFIX}/bereik.csv"


def admin_website_path() -> str:
    """Website statistics: page views, visitors and the follow-through funnels."""
    return f"{ADMIN_PREFIX}/website"


def admin_offers_path() -> str:
    return f"{ADMIN_PREFIX}/stages/"


def admin_offer_path(offer_id: int | str) -> str:
    return f"{ADMIN_PREFIX}/stages/{offer_id}"


def admin_offer_approve_path(offer_id: int | str) -> str:
    return f"{ADMIN_PREFIX}/stages/{offer_id}/goedkeuren"


def admin_offer_reject_path(offer_id: int | str) -> str:
    return f"{ADMIN_PREFIX}/stages/{offer_id}/afwijzen"


def in_admin(path: str) -> str:
    """An admin path as its rule inside the blueprint mounted at ADMIN_PREFIX."""
    if not path.startswith(ADMIN_PREFIX + "/"):
        raise ValueError(f"{path} is not under {ADMIN_PREFIX}/")
    return path.removeprefix(ADMIN_PREFIX)


def absolute(site_url: str, path: str) -> str:
    """The full address of a site or app path, for mails and calendars: SITE_URL with or without its final slash."""
    return site_url.rstrip("/") + path


def is_app_path(path: str) -> bool:
    return path.startswith(APP_PREFIXES)
