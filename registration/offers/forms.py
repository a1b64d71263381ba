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

from leerstad.internship_file import (
    DESCRIPTION_MAX,
    OFFER_FIELDS,
    PUBLISHED_KEY,
    InternshipOffer,
    field_problems,
    offer_field_texts,
    offer_from_field_texts,
    parse_value,
)
from leerstad.registry import INTERNSHIP
from leerstad.registry import Field as RegistryField
from leerstad.values import FieldError
from registration.forms import checked_email, honeypot, multiline_text, plain_text, strip, strip_spaces
from registration.offers.rules import REASON_MAX, Contact

# The furthest ahead an offer may stay on the site, counted from the day it is submitted.
MAX_DAYS_AHEAD = 365
GROUP_SIZE = re.compile(r"^([0-9]{1,2})(?:\s*-\s*([0-9]{1,2}))?$")

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


# What a visitor reads when a required field of the offer is left empty, per field attribute.
REQUIRED_MESSAGES = {
    "title": "Vul een titel voor de stage in.",
    "summary": "Vul in één of twee zinnen samen wat de stage inhoudt.",
    "organisation": "Vul de naam van je organisatie in.",
    "sector": "Kies de sector van de stage.",
    "levels": "Kies minstens één niveau.",
    "location": "Vul in waar de stage is, bijvoorbeeld Maasvlakte of Rotterdam-Zuid.",
    "period": "Vul de periode in, bijvoorbeeld februari t/m juni 2027.",
    "hours": "Vul het aantal uren per week in.",
    "apply": "Vul in hoe leerlingen of studenten kunnen reageren.",
    "expires": "Vul de laatste dag in dat de stage op de site staat.",
}
YES_NO = [("nee", "Nee"), ("ja", "Ja")]
# Stand-ins for fields that failed or are empty while the model judges the rest of the offer,
# per form input: valid for every rule the model has, so they never cause a message themselves.
_STAND_INS = {"text": "-", "textarea": "-", "number": "1", "choice": "sector", "yes_no": "no"}  # "sector": any slug


def _form_field(spec: RegistryField) -> Field:
    """The WTForms field that asks for one internship field, chosen by the kind of input it needs."""
    required = REQUIRED_MESSAGES[spec.attr] if spec.required else None
    if spec.form_input == "choice":  # filled with the catalogue's sectors (or the field's choices) per request
        # An optional choice starts empty: otherwise its first value would be sent for everyone.
        empty = [] if spec.required else [("", "Niet van toepassing of weet ik niet")]
        return SelectField(spec.label, choices=empty + list(spec.choices), validate_choice=False, default="")
    if spec.form_input == "choices":
        return MultiCheckboxField(spec.label, choices=list(spec.choices), validate_choice=False)
    if spec.form_input == "yes_no":
        return RadioField(spec.label, choices=YES_NO, default="nee", validate_choice=False)
    return _text(spec.label, required)


def _description_field() -> TextAreaField:
    return TextAreaField(
        "Beschrijving",
        filters=[strip],
        validators=[
            DataRequired("Beschrijf de stage: wat ga je doen, wat leer je, wat vragen jullie?"),
            Length(max=DESCRIPTION_MAX, message=f"De beschrijving mag hoogstens {DESCRIPTION_MAX} tekens lang zijn."),
            multiline_text,
        ],
    )


def _offer_form_fields() -> dict[str, Field]:
    """One form field per internship field in the registry's order; the description follows the hours."""
    fields: dict[str, Field] = {}
    for spec in OFFER_FIELDS:
        fields[spec.attr] = _form_field(spec)
        if spec.attr == "hours":
            fields["description"] = _description_field()
    fields.setdefault("description", _description_field())
    return fields


class _OfferFieldsBase(FlaskForm):
    """Checks of the internship fields; the fields themselves come from the registry (`OfferFieldsForm`)."""

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
            raise ValidationError(REQUIRED_MESSAGES["sector"])
        if field.data not in self.known_sectors:
            raise ValidationError("Kies een sector uit de lijst.")

    def validate_levels(self, field: Field) -> None:
        if not field.data:
            raise ValidationError(REQUIRED_MESSAGES["levels"])
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
        problems = {INTERNSHIP.field(key).attr: message for key, message in field_problems(offer, self.today).items() if key != PUBLISHED_KEY}
        for attr, message in {**problems, **self._parse_problems}.items():
            field = getattr(self, attr, None)
            if isinstance(field, Field) and not field.errors:
                field.errors = [*field.errors, f"{field.label.text}: {message}."]
                valid = False
        self.offer = offer if valid else None
        return valid

    def _field_text(self, spec: RegistryField) -> str:
        """What the visitor filled in for one field, as the text a content file would hold."""
        data = getattr(self, spec.attr).data
        if spec.form_input == "choices":
            return ", ".join(data or ())
        if spec.form_input == "yes_no":
            return "yes" if data == "ja" else "no"
        return data or ""

    def _offer_for_model_check(self) -> InternshipOffer:
        # Each field is parsed by the model's own rule; a field that failed gets a harmless
        # stand-in, so the model judges the others now and a visitor sees every problem in one go.
        self._parse_problems: dict[str, str] = {}
        texts: dict[str, str] = {}
        for spec in OFFER_FIELDS:
            applies = spec.only_with is None or texts.get(spec.only_with) == "yes"  # group size without a group: dropped
            text = "" if getattr(self, spec.attr).errors or not applies else self._field_text(spec)
            if text:
                try:
                    spec.parse(text)
                except FieldError as error:
                    self._parse_problems[spec.attr] = str(error)
                    text = ""
            if not text and (spec.required or spec.only_with and applies):
                text = self._stand_in(spec)
            texts[spec.attr] = text
        description = self.description
        texts["description"] = "-" if description.errors or not description.data else description.data
        return offer_from_field_texts(texts)

    def _stand_in(self, spec: RegistryField) -> str:
        if spec.form_input == "date":
            return self.today.isoformat()
        if spec.form_input in ("choice", "choices") and spec.choices:
            return spec.choices[0][0]
        if spec.attr == "group_size":
            return "2"
        return _STAND_INS[spec.form_input]

    def fill_from(self, offer: InternshipOffer) -> None:
        """Prefill for editing a stored offer."""
        texts = offer_field_texts(offer)
        for spec in OFFER_FIELDS:
            field, value = getattr(self, spec.attr), getattr(offer, spec.attr)
            if spec.form_input == "choices":
                field.data = list(value)
            elif spec.form_input == "yes_no":
                field.data = "ja" if value else "nee"
            else:
                field.data = texts[spec.attr]
        self.description.data = offer.description


# The employer's page fields, one per internship field of the registry: a new field in the
# registry is asked for here without another edit.
OfferFieldsForm = type("OfferFieldsForm", (_OfferFieldsBase,), {
    "__doc__": "The fields that end up on the internship page; also the form for editing a pending offer.",
    "__module__": __name__,
    **_offer_form_fields(),
})


class OfferForm(ContactFields, OfferFieldsForm):  # type: ignore[misc,valid-type]
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
