"""Rotterdam's areas (gebieden) and the approximate postcode table that derives one from an address."""

from __future__ import annotations

import re

OUTSIDE = "buiten Rotterdam"
# The city's gebieden, plus the port as one area and everything outside the city as another.
AREAS: tuple[str, ...] = (
    "Centrum",
    "Delfshaven",
    "Overschie",
    "Noord",
    "Hillegersberg-Schiebroek",
    "Kralingen-Crooswijk",
    "Prins Alexander",
    "Feijenoord",
    "IJsselmonde",
    "Charlois",
    "Hoogvliet",
    "Pernis",
    "Rozenburg",
    "Hoek van Holland",
    "Haven",
    OUTSIDE,
)

# Four-digit postcodes (first, last) per area. APPROXIMATE: postcode areas do not follow the
# gebied borders exactly (3031 and 3034 straddle Noord and Kralingen-Crooswijk, for one), so an
# editor whose address lands in the wrong area writes `Area:`, which always wins.
POSTCODE_AREAS: tuple[tuple[int, int, str], ...] = (
    (3011, 3016, "Centrum"),
    (3021, 3029, "Delfshaven"),
    (3031, 3031, "Kralingen-Crooswijk"),
    (3032, 3033, "Noord"),
    (3034, 3034, "Kralingen-Crooswijk"),
    (3035, 3039, "Noord"),
    (3041, 3047, "Overschie"),
    (3051, 3056, "Hillegersberg-Schiebroek"),
    (3059, 3059, "Prins Alexander"),
    (3061, 3063, "Kralingen-Crooswijk"),
    (3064, 3069, "Prins Alexander"),
    (3071, 3075, "Feijenoord"),
    (3076, 3079, "IJsselmonde"),
    (3081, 3086, "Charlois"),
    (3087, 3088, "Haven"),
    (3089, 3089, "Charlois"),
    (3151, 3151, "Hoek van Holland"),
    (3181, 3182, "Rozenburg"),
    (3191, 3194, "Hoogvliet"),
    (3195, 3195, "Pernis"),
    (3196, 3199, "Haven"),
)
# Rotterdam postcodes the table does not place (post-office boxes, new numbers): no area rather than a wrong one.
_ROTTERDAM_UNPLACED = (3000, 3099)

_POSTCODE = re.compile(r"\b([1-9]\d{3})\s?[A-Za-z]{2}\b")


def area_of_postcode(number: int) -> str | None:
    """The area of a four-digit postcode: one of AREAS, or None when the table cannot tell."""
    for first, last, area in POSTCODE_AREAS:
        if first <= number <= last:
            return area
    if _ROTTERDAM_UNPLACED[0] <= number <= _ROTTERDAM_UNPLACED[1]:
        return None
    return OUTSIDE


def area_from_text(text: str | None) -> str | None:
    """The area of the first Dutch postcode (`3066 KB`) in an address, or None without one."""
    match = _POSTCODE.search(text or "")
    return area_of_postcode(int(match[1])) if match else None


def canonical_area(raw: str) -> str | None:
    """The area as AREAS spells it, written in any case and with spaces or hyphens; None if unknown."""
    wanted = _key(raw)
    return next((area for area in AREAS if _key(area) == wanted), None)


def _key(text: str) -> str:
    return re.sub(r"[\s-]+", " ", text.strip().casefold())
