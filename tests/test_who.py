"""The Dutch wording of who can come, as cards and the sign-up button show it."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from leerstad.content import load_content
from leerstad.who import who_can_apply, who_can_come

CONTENT = load_content(Path(__file__).parent / "fixtures" / "content")


def test_who_can_come_names_groups_and_ages_in_dutch() -> None:
    events = CONTENT.events
    assert who_can_come(events["meeloopdag-wijkzorg"]) == "mbo en werkzoekenden, 18+"
    assert who_can_come(dataclasses.replace(events["excursie-terminal"], age_min=12, age_max=16)) == "vmbo en docenten, 12–16 jaar"
    assert who_can_come(dataclasses.replace(events["opening-netwerkweek"], age_max=27)) == "mbo, hbo en werkgevers, tot en met 27 jaar"


def test_who_can_apply_names_level_route_and_minimum_age() -> None:
    assert who_can_apply(CONTENT.internships["operator-maasvlakte"]) == "mbo, bbl (werken en leren), 18+"
