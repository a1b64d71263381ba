"""What personal data the registration app keeps, why, and for how long: one list for the app and the privacy page.

The Flask app takes its RETENTION_DAYS default from here, the purge empties exactly the
columns listed here, and the Pelican plugin `leerstad_privacy` writes the same numbers and
list into content/pages/privacyverklaring.md. A test checks that every field of the sign-up
form is listed, so the page and the code cannot drift apart.

The Dutch wording below is data shown on the privacy page (like the editor messages in
`leerstad.model`), so it is kept next to the field it describes.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

# Days after an event ends before its registrations are reduced to anonymous counts.
RETENTION_DAYS = 90
# Same variable the Flask app reads (from_prefixed_env("LEERSTAD")), so one setting serves both.
RETENTION_ENV = "LEERSTAD_RETENTION_DAYS"
# Groups with fewer people than this are shown as "< 5" in reach figures and exports.
SMALL_GROUP_THRESHOLD = 5
# Days a revoked or erased feed address answers an empty calendar before it answers 410 Gone.
FEED_GRACE_DAYS = 180

# Why sign-up may process personal data without consent: a 15-year-old cannot give valid consent
# alone (art. 8 AVG, UAVG art. 5), so consent is not asked; shown on the form and the privacy page.
LEGAL_BASIS = (
    "We verwerken je gegevens omdat de gemeente Rotterdam met Leerstad een taak van algemeen belang uitvoert:"
    " jongeren helpen de weg naar opleiding en werk te vinden (artikel 6, lid 1, onder e AVG)."
    " Daarom vragen we je niet om toestemming. Deze grondslag is nog te bevestigen door de functionaris"
    " gegevensbescherming van de gemeente."
)
# The notice in place of a consent checkbox on the sign-up form; {days} is the retention period.
SIGNUP_NOTICE = (
    "We gebruiken je gegevens alleen om je aanmelding te regelen en om te zien welke jongeren we bereiken,"
    " en we verwijderen ze {days} dagen na de activiteit. Je hoeft hiervoor geen toestemming te geven."
)


@dataclass(frozen=True)
class StoredField:
    """One piece of personal data the app stores about a registrant."""

    column: str  # column of the registrations table that holds it (or the table, for person_feeds)
    label: str  # Dutch name shown on the privacy page
    purpose: str  # Dutch: why we store it
    required: bool  # must be filled in to register
    form_field: str | None = None  # name of the sign-up form field it comes from, if any


STORED_FIELDS: tuple[StoredField, ...] = (
    StoredField("name", "Naam", "om je aan te spreken in e-mails en je te herkennen op de deelnemerslijst", True, "name"),
    StoredField(
        "email", "E-mailadres",
        "om je aanmelding te bevestigen, je je beheerlink te sturen en je te laten weten als de activiteit verandert",
        True, "email",
    ),
    StoredField("seats", "Aantal plaatsen", "om de capaciteit van de activiteit te bewaken (een docent kan een klas aanmelden)", True, "seats"),
    StoredField("school", "School", "om te zien welke scholen we bereiken", False, "school"),
    StoredField("education_level", "Onderwijsniveau", "om te zien welke groepen we bereiken (alleen als aantallen)", False, "education_level"),
    StoredField("age_group", "Leeftijdsgroep", "om te zien welke leeftijden we bereiken (alleen als aantallen)", False, "age_group"),
    StoredField(
        "postcode", "De vier cijfers van je postcode", "om te zien uit welke wijken deelnemers komen (alleen als aantallen)", False, "postcode",
    ),
    StoredField(
        "fit_warning", "Of je niveau of leeftijd past",
        "als je je toch aanmeldt terwijl je niveau of leeftijd niet past bij voor wie het evenement is, ziet de organisatie dat"
        " en kan ze je laten weten of je mee kunt doen",
        False,
    ),
    StoredField("status", "Status van je aanmelding", "om bij te houden of je een plaats hebt, op de wachtlijst staat of hebt afgezegd", True),
    StoredField("attended_at", "Aanwezigheid", "om te tellen hoeveel mensen er echt waren", False),
    StoredField(
        "token_hash", "Versleutelde codes van je persoonlijke links",
        "zodat alleen jij met je links je aanmeldingen kunt bekijken, annuleren of verwijderen; de links zelf bewaren we niet,"
        " en links die je intrekt werken niet meer",
        True,
    ),
    StoredField(
        "person_feeds", "Versleutelde code van je agenda-adres",
        "zodat je agenda-app je activiteiten kan tonen; met dat adres kan niemand iets annuleren of verwijderen."
        " Trek je het in of laat je je gegevens verwijderen, dan bewaren we alleen deze code, zonder je e-mailadres,"
        f" en toont het adres nog {FEED_GRACE_DAYS} dagen een lege agenda",
        True,
    ),
    StoredField(
        "person_key", "Versleutelde code van je e-mailadres",
        "om unieke deelnemers te tellen zonder je e-mailadres te gebruiken; zonder onze geheime sleutel is hij niet terug te rekenen",
        True,
    ),
)
# Sign-up form fields whose values are never stored, and why.
NOT_STORED_FORM_FIELDS = {
    "homepage": "an invisible field only spam bots fill in; a filled-in form is thrown away",
    "csrf_token": "protects the form against other sites; lives in a cookie, not in the database",
    "despite_misfit": "the warning step's 'Toch aanmelden': only what did not fit is stored, as fit_warning",
}


def form_fields() -> frozenset[str]:
    """Names of the sign-up form fields whose values are stored."""
    return frozenset(f.form_field for f in STORED_FIELDS if f.form_field)


def retention_days(environ: Mapping[str, str] | None = None) -> int:
    """The retention period in days: LEERSTAD_RETENTION_DAYS if set, else the default of 90."""
    environ = os.environ if environ is None else environ
    raw = environ.get(RETENTION_ENV)
    if raw is None or raw.strip() == "":
        return RETENTION_DAYS
    return parse_retention_days(raw)


def parse_retention_days(value: object) -> int:
    """A whole number of days from 1 to 3650, or ValueError naming the setting."""
    try:
        days = int(str(value).strip())
    except ValueError:
        raise ValueError(f"RETENTION_DAYS moet een heel aantal dagen zijn, niet {value!r}") from None
    if not 1 <= days <= 3650:
        raise ValueError(f"RETENTION_DAYS moet tussen 1 en 3650 dagen liggen, niet {days}")
    return days


# --- website statistics, server logs and the rate limiter (registration/stats, deploy/nginx-leerstad.conf)
# A section of its own on the privacy page ({{ website_statistics }} and {{ server_logs }}).

# The cookie forms and admin logins need (Flask's session, holding the CSRF code); registration/config.py uses this name.
SESSION_COOKIE = "leerstad_sessie"
# nginx's access log is rotated daily by Debian's /etc/logrotate.d/nginx and kept this many days (`rotate 14`).
SERVER_LOG_DAYS = 14


@dataclass(frozen=True)
class CountedItem:
    """One thing the website statistics count: Dutch label, what exactly, and why."""

    label: str
    what: str
    purpose: str


STATS_COUNTED: tuple[CountedItem, ...] = (
    CountedItem("Pagina", "het adres van de pagina op deze site en wat die laat zien (een sector, evenement, stage, verhaal …)",
                "om te zien welke informatie jongeren vinden en welke niet"),
    CountedItem("Herkomst", "alleen de naam van de website waar je vandaan kwam (bijvoorbeeld google.com), nooit het volledige adres",
                "om te zien langs welke weg jongeren de site vinden"),
    CountedItem("Campagne", "de woorden achter utm_source en utm_campaign, als die in de link staan waarmee je kwam",
                "om te zien welke campagnes van scholen en partners werken"),
    CountedItem("Soort apparaat", "mobiel, tablet of computer, afgeleid uit wat je browser over zichzelf zegt",
                "om de site goed te laten werken op wat jongeren gebruiken"),
    CountedItem("Taal", "alleen de taal van je browser (bijvoorbeeld nl of en)", "om te zien of informatie in andere talen nodig is"),
    CountedItem("Stappen naar een aanmelding",
                "of je op dezelfde dag van een sectorpagina naar een evenement, het aanmeldformulier en een aanmelding ging;"
                " bij een stage of je op 'Zo reageer je' klikte of het adres kopieerde",
                "om te zien waar jongeren afhaken op weg naar een activiteit of stage"),
)


@dataclass(frozen=True)
class LogItem:
    """What a part of the system that is no database still holds about a visit, and for how long."""

    where: str
    what: str
    kept: str


SERVER_LOGS: tuple[LogItem, ...] = (
    LogItem("Logboek van de webserver",
            "tijdstip, je internetadres zonder het laatste deel (bijvoorbeeld 192.0.2.0), de opgevraagde pagina"
            " (codes in beheerlinks onleesbaar gemaakt), het antwoord en de duur; geen browsergegevens en geen herkomst."
            " Om storingen en misbruik op te sporen",
            f"{SERVER_LOG_DAYS} dagen, daarna automatisch verwijderd"),
    LogItem("Aanmeldlimiet",
            "per internetadres hoeveel formulieren en tellingen er de afgelopen minuut kwamen, om te voorkomen dat iemand"
            " de formulieren of de statistiek volspuit; alleen in het werkgeheugen van de server",
            "tot het einde van die minuut"),
    LogItem(f"Cookie {SESSION_COOKIE}",
            "alleen op pagina's met een formulier (aanmelden, stage aanbieden, idee, beheer): een code die het formulier"
            " beschermt tegen misbruik door andere websites, en voor medewerkers dat ze ingelogd zijn",
            "tot je je browser sluit; voor medewerkers hoogstens 8 uur"),
)
