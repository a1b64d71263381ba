"""The internship field table is complete enough to generate the offer form, row and file from it."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from leerstad.internship_file import (
    OFFER_FIELDS,
    InternshipOffer,
    header_values,
    internship_markdown,
    offer_field_texts,
    offer_from_field_texts,
    read_back,
)
from leerstad.registry import INTERNSHIP, internship_fields

FORM_INPUTS = {"text", "textarea", "number", "date", "datetime", "email", "choice", "choices", "yes_no"}
PUBLISHED = dt.date(2026, 11, 23)

OFFER = InternshipOffer(
    title="Stage monteur",
    summary="Monteer zonnepanelen op daken in Rotterdam-Noord.",
    organisation="Zon op Noord (voorbeeld)",
    sector="haven",
    levels=("pro", "mbo"),
    location="Rotterdam-Noord",
    period="maart t/m juni 2027",
    hours=16,
    group=True,
    group_size="6-8",
    supervision="Een docent van school is er elke dag bij.",
    apply="Bel 010 123 45 67",
    expires=dt.date(2027, 6, 30),
    routes=("bbl",),
    age_min=16,
    places=2,
    area_written="Noord",
    description="Je werkt op het dak.",
)


def test_every_offer_field_has_a_label_and_a_form_input_a_form_can_build():
    for spec in internship_fields():
        assert spec.label and spec.form_input in FORM_INPUTS, spec.key
        if spec.form_input in ("choice", "choices") and not spec.refers_to:
            assert spec.choices, spec.key


def test_the_offer_holds_every_form_field_and_the_description():
    assert [f.name for f in dataclasses.fields(InternshipOffer)] == [spec.attr for spec in OFFER_FIELDS] + ["description"]
    assert [spec.key for spec in INTERNSHIP.fields if not spec.in_form] == ["date"]


def test_file_header_follows_the_field_table_order():
    assert list(header_values(OFFER, PUBLISHED)) == [spec.key for spec in INTERNSHIP.fields]


def test_group_fields_are_left_out_of_an_offer_that_is_no_group_internship():
    single = dataclasses.replace(OFFER, group=False, group_size=None, supervision=None)
    assert "group-size" not in header_values(single, PUBLISHED) and "supervision" not in header_values(single, PUBLISHED)
    assert header_values(single, PUBLISHED)["group"] == "no"


@pytest.mark.parametrize("offer", [OFFER, dataclasses.replace(OFFER, group=False, group_size=None, supervision=None)])
def test_offer_as_field_texts_reads_back_as_the_same_offer(offer):
    texts = offer_field_texts(offer)
    assert texts["levels"] == "pro, mbo" and texts["hours"] == "16" and texts["expires"] == "2027-06-30"
    assert offer_from_field_texts(texts) == offer


def test_written_file_reads_back_every_field_of_the_table():
    item, problems = read_back(internship_markdown(OFFER, PUBLISHED))
    assert problems == [] and item is not None
    for spec in OFFER_FIELDS:
        assert getattr(item, spec.attr) == getattr(OFFER, spec.attr), spec.key
