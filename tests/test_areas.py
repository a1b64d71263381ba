"""Areas (gebieden): the postcode table and the spelling editors may use."""

from __future__ import annotations

import pytest

from leerstad.areas import AREAS, OUTSIDE, POSTCODE_AREAS, area_from_text, canonical_area


@pytest.mark.parametrize(("address", "area"), [
    ("Coolsingel 40, 3011 AD Rotterdam", "Centrum"),
    ("Schiedamseweg 98, 3026 AK Rotterdam", "Delfshaven"),
    ("Prinsenlaan 50, 3066 KB Rotterdam", "Prins Alexander"),
    ("Oranjeboomstraat 120, 3071 SN Rotterdam", "Feijenoord"),
    ("Spinozaweg 300, 3076 ET Rotterdam", "IJsselmonde"),
    ("Ahoyweg 10, 3084 BA Rotterdam", "Charlois"),
    ("Europaweg 1, 3199 LC Maasvlakte Rotterdam", "Haven"),
    ("Stadhuisplein 1, 2902 AA Capelle aan den IJssel", OUTSIDE),
    ("Postbus 70012, 3000 KP Rotterdam", None),
    ("Rotterdam-Zuid", None),
])
def test_an_address_postcode_names_its_area(address: str, area: str | None) -> None:
    assert area_from_text(address) == area


def test_every_area_in_the_table_is_in_the_vocabulary_and_ranges_do_not_overlap() -> None:
    seen: set[int] = set()
    for first, last, area in POSTCODE_AREAS:
        assert area in AREAS and first <= last
        numbers = set(range(first, last + 1))
        assert not numbers & seen, (first, last)
        seen |= numbers


def test_an_area_may_be_written_in_any_case_and_with_spaces() -> None:
    assert canonical_area("hillegersberg schiebroek") == "Hillegersberg-Schiebroek"
    assert canonical_area("BUITEN ROTTERDAM") == OUTSIDE
    assert canonical_area("Kralingen") is None

