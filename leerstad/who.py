"""Dutch wording of who can come to an event or apply for an internship: levels, groups and ages."""

from __future__ import annotations

from leerstad.model import AUDIENCE_LABELS, ROUTE_LABELS, Event, Internship


def dutch_list(items: list[str]) -> str:
    """`a`, `a en b`, `a, b en c`."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]


def ages_text(youngest: int | None, oldest: int | None) -> str:
    """`18+`, `tot en met 27 jaar`, `14–20 jaar`, or empty when there is no limit."""
    if youngest is not None and oldest is not None:
        return f"{youngest}–{oldest} jaar"
    if youngest is not None:
        return f"{youngest}+"
    if oldest is not None:
        return f"tot en met {oldest} jaar"
    return ""


def who_can_come(event: Event) -> str:
    """E.g. `mbo en werkzoekenden, 18+`: the audience, then the ages if the event has limits."""
    groups = dutch_list([AUDIENCE_LABELS.get(a, a) for a in event.audience])
    ages = ages_text(event.age_min, event.age_max)
    return f"{groups}, {ages}" if ages else groups


def who_can_apply(offer: Internship) -> str:
    """E.g. `mbo, bbl (werken en leren), 18+`: levels, the mbo route and a minimum age."""
    parts = [dutch_list(list(offer.levels))]
    parts += [ROUTE_LABELS[route] for route in offer.routes]
    if offer.age_min is not None:
        parts.append(f"{offer.age_min}+")
    return ", ".join(parts)
