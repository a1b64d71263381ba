"""Forms for internship offers: the employer's offer form and the moderator's rejection form.

Where a field is also a content field, its value is checked with the content model's
own parser (`leerstad.internship_file.parse_value`) and, once every field is filled in,
the whole offer is written as a content file in memory and read back: what the form
accepts is exactly what the site build accepts.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from flask_wtf import FlaskForm
from wtforms import Field, RadioField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from leerstad.internship_file import DESCRIPTION_MAX, InternshipOffer, field_problems, parse_value
from leerstad.model import LEVELS
from registration.forms import checked_email, honeypot, multiline_text, plain_text, strip, strip_spaces
from registration.offers.rules import REASON_MAX, Contact

# The furthest ahead an offer may stay on the site, counted from the day it is submitted.
MAX_DAYS_AHEAD = 365
GROUP_SIZE = re.compile(r"^([0-9]{1,2})(?:\s*-\s*([0-9]{1,2}))?$")
LEVEL_LABELS = {"pro": "pro (praktijkonderwijs)", "vmbo": "vmbo", "mbo": "mbo", "hbo": "hbo", "wo": "wo"}

class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _text(label: str, required: str | None, *extra: Any) -> StringField:
    validators: list[Any] = [DataRequired(required)] if required else []
    return StringField(label, filters=[strip_spaces], validators=[*validators, plain_text, *extra])


class ContactFields(FlaskForm):
    """Who to mail about an offer; never published. Defined first so these fields come first, as on the page."""

    contact_name = _text(
        "Naam contactpersoon", "Vul de naam van de contactpersoon in.", Length(max=100, message="De naam mag hoogstens 100 tekens lang zijn.")
    )
    contact_email = _text(
        "E-mailadres contactpersoon",
        "Vul het e-mailadres van de contactpersoon in.",
        Length(max=254, message="Een e-mailadres is hoogstens 254 tekens lang."),
    )

    def validate_contact_email(self, field: Field) -> None:
        self.normalised_email = checked_email(field)

    def contact(self) -> Contact:
        return Contact(self.contact_name.data, getattr(self, "normalised_email", None) or self.contact_email.data)


class OfferFieldsForm(FlaskForm):
    """The fields that end up on the internship page; also the form for editing a pending offer."""

    title = _text("Titel van de stage", "Vul een titel voor de stage in.")
    summary = _text("Korte samenvatting", "Vul in één of twee zinnen samen wat de stage inhoudt.")
    organisation = _text("Naam van je organisatie", "Vul de naam van je organisatie in.")
    sector = SelectField("Sector", validate_choice=False)
    levels = MultiCheckboxField("Niveau", choices=[(level, LEVEL_LABELS[level]) for level in LEVELS], validate_choice=False)
    location = _text("Plaats of wijk", "Vul in waar de stage is, bijvoorbeeld Maasvlakte of Rotterdam-Zuid.")
    period = _text("Periode", "Vul de periode in, bijvoorbeeld februari t/m juni 2027.")
    hours = _text("Uren per week", "Vul het aantal uren per week in.")
    description = TextAreaField(
        "Beschrijving",
        filters=[strip],
        validators=[
            DataRequired("Beschrijf de stage: wat ga je doen, wat leer je, wat vragen jullie?"),
            Length(max=DESCRIPTION_MAX, message=f"De beschrijving mag hoogstens {DESCRIPTION_MAX} tekens lang zijn."),
            multiline_text,
        ],
    )
    group = RadioField("Is dit een groepsstage?", choices=[("nee", "Nee"), ("ja", "Ja")], default="nee", validate_choice=False)
    group_size = _text("Grootte van de groep", None)
    supervision = _text("Begeleiding van de groep", None)
    apply = _text("Hoe solliciteer je?", "Vul in hoe leerlingen of studenten kunnen reageren.")
    expires = _text("Zichtbaar tot en met", "Vul de laatste dag in dat de stage op de site staat.")
    def __init__(self, sectors: Sequence[tuple[str, str]], today: dt.date, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sector.choices = [("", "Kies een sector"), *sectors]
        self.known_sectors = {value for value, _ in sectors}
        self.today = today
        self.offer: InternshipOffer | None = None

    # --- fields whose value the content model parses

    def _model_value(self, key: str, raw: str, message: str) -> Any:
        try:
            return parse_value(key, raw)
        except ValueError:  # FieldError, or int() refusing an absurdly long number
            raise ValidationError(message) from None

    def validate_sector(self, field: Field) -> None:
        if not field.data:
            raise ValidationError("Kies de sector van de stage.")
        if field.data not in self.known_sectors:
            raise ValidationError("Kies een sector uit de lijst.")

    def validate_levels(self, field: Field) -> None:
        if not field.data:
            raise ValidationError("Kies minstens één niveau.")
        self._model_value("levels", ", ".join(field.data), "Kies alleen niveaus uit de lijst.")

    def validate_hours(self, field: Field) -> None:
        if field.data:
            self._model_value("hours", field.data, "Vul het aantal uren per week in als een heel getal van 1 tot en met 40.")

    def validate_group(self, field: Field) -> None:
        if field.data not in ("ja", "nee"):
            raise ValidationError("Kies ja of nee.")

    def validate_group_size(self, field: Field) -> None:
        if self.group.data != "ja":
            return
        if not field.data:
            raise ValidationError("Vul bij een groepsstage in hoeveel leerlingen meedoen, bijvoorbeeld 6-8.")
        match = GROUP_SIZE.match(field.data)
        if match is None:
            raise ValidationError("Vul de groepsgrootte in als een aantal of een bereik, bijvoorbeeld 6-8.")
        low, high = int(match[1]), int(match[2] or match[1])
        if low < 2 or low > high:
            raise ValidationError("Een groep is minstens 2 leerlingen; schrijf het kleinste aantal eerst, bijvoorbeeld 6-8.")

    def validate_supervision(self, field: Field) -> None:
        if self.group.data == "ja" and not field.data:
            raise ValidationError("Vul bij een groepsstage in wie de groep begeleidt, bijvoorbeeld een docent van school.")

    def validate_expires(self, field: Field) -> None:
        if not field.data:
            return
        expires = self._model_value("expires", field.data, "Vul een datum in als JJJJ-MM-DD, bijvoorbeeld 2027-06-30.")
        if expires <= self.today:
            raise ValidationError("Kies een datum in de toekomst.")
        if expires > self.today + dt.timedelta(days=MAX_DAYS_AHEAD):
            raise ValidationError("Een stage staat hoogstens een jaar op de site; kies een datum binnen een jaar.")

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        # The content model has the last word on lengths and every other rule it knows.
        offer = self._offer_for_model_check()
        for key, message in field_problems(offer, self.today).items():
            field = getattr(self, key.replace("-", "_"), None) if key != "date" else None
            if isinstance(field, Field) and not field.errors:
                field.errors = [*field.errors, f"{field.label.text}: {message}."]
                valid = False
        self.offer = offer if valid else None
        return valid

    def _offer_for_model_check(self) -> InternshipOffer:
        # Fields that already failed get a harmless stand-in, so the model judges the others now
        # and a visitor sees every problem in one go.
        def value(field: Field, fallback: Any, parse: Any = None) -> Any:
            if field.errors or field.data in (None, ""):
                return fallback
            return parse(field.data) if parse else field.data

        group = self.group.data == "ja"
        return InternshipOffer(
            title=value(self.title, "-"),
            summary=value(self.summary, "-"),
            organisation=value(self.organisation, "-"),
            sector=value(self.sector, "sector"),
            levels=tuple(self.levels.data) if self.levels.data and not self.levels.errors else ("mbo",),
            location=value(self.location, "-"),
            period=value(self.period, "-"),
            hours=value(self.hours, 1, int),
            group=group,
            group_size=value(self.group_size, "2") if group else None,
            supervision=value(self.supervision, "-") if group else None,
            apply=value(self.apply, "-"),
            expires=value(self.expires, self.today, dt.date.fromisoformat),
            description=value(self.description, "-"),
        )

    def fill_from(self, offer: InternshipOffer) -> None:
        """Prefill for editing a stored offer."""
        self.title.data, self.summary.data, self.organisation.data = offer.title, offer.summary, offer.organisation
        self.sector.data, self.levels.data = offer.sector, list(offer.levels)
        self.location.data, self.period.data, self.hours.data = offer.location, offer.period, str(offer.hours)
        self.group.data = "ja" if offer.group else "nee"
        self.group_size.data, self.supervision.data = offer.group_size or "", offer.supervision or ""
        self.apply.data, self.expires.data, self.description.data = offer.apply, offer.expires.isoformat(), offer.description


class OfferForm(ContactFields, OfferFieldsForm):
    """A new offer: who to mail about it, the page fields, and a honeypot."""

    homepage = honeypot()


class RejectForm(FlaskForm):
    reason = TextAreaField(
        "Reden van afwijzing",
        filters=[strip],
        validators=[
            DataRequired("Vul de reden in; die mailen we naar de inzender."),
            Length(max=REASON_MAX, message=f"De reden mag hoogstens {REASON_MAX} tekens lang zijn."),
            multiline_text,
        ],
    )
