"""The sign-up form at /aanmelden/<slug> and the "stuur mijn link opnieuw" form: what a visitor fills in, checked field by field."""

from __future__ import annotations

import re

from email_validator import EmailNotValidError, validate_email
from flask_wtf import FlaskForm
from wtforms import Field, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, ValidationError

from leerstad.model import Event
from registration.forms import email_field, has_line_breaking_characters, honeypot, name_field, plain_text, strip_spaces
from registration.signup import rules as signups

EDUCATION_LEVELS = [("", "Zeg ik liever niet"), ("vmbo", "vmbo"), ("mbo", "mbo"), ("hbo", "hbo"), ("wo", "wo"), ("anders", "Anders")]
AGE_GROUPS = [
    ("", "Zeg ik liever niet"),
    ("<16", "Jonger dan 16"),
    ("16-18", "16 tot en met 18"),
    ("19-23", "19 tot en met 23"),
    ("24-27", "24 tot en met 27"),
    ("28+", "28 of ouder"),
]

def checked_email(field: Field) -> str | None:
    """The address as email-validator writes it, or a Dutch error; None when the field's own validators already failed."""
    if not field.data or has_line_breaking_characters(field.data):
        return None  # the field's own validators already said what is wrong
    try:
        result = validate_email(field.data, check_deliverability=False)
    except EmailNotValidError:
        raise ValidationError("Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.") from None
    return result.normalized


class SignupForm(FlaskForm):
    name = name_field("Naam", InputRequired("Vul je naam in."))
    email = email_field("E-mailadres", InputRequired("Vul je e-mailadres in."))
    seats = StringField("Aantal plaatsen", default="1", filters=[strip_spaces])
    school = StringField(
        "Naam van de school",
        filters=[strip_spaces],
        validators=[Length(max=150, message="De naam van de school mag hoogstens 150 tekens lang zijn."), plain_text],
    )
    education_level = SelectField(
        "Onderwijsniveau", choices=[SelectChoice(v, label) for v, label in EDUCATION_LEVELS], validate_choice=False, default=""
    )
    age_group = SelectField("Leeftijd", choices=[SelectChoice(v, label) for v, label in AGE_GROUPS], validate_choice=False, default="")
    postcode = StringField("Postcode (alleen de vier cijfers)", filters=[strip_spaces])
    # No consent checkbox: a 15-year-old cannot consent alone, so sign-up rests on the city's public
    # task (leerstad.privacy.LEGAL_BASIS); the form shows a notice instead.
    homepage = honeypot()

    def __init__(self, event: Event, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.event = event
        self.normalised_email: str | None = None

    def seat_count(self) -> int | None:
        raw = self.seats.data if self.seats.data not in (None, "") else "1"
        return int(raw) if re.fullmatch(r"\d{1,6}", raw) else None

    def validate_email(self, field: Field) -> None:
        self.normalised_email = checked_email(field)

    def validate_seats(self, field: Field) -> None:
        maximum = self.event.max_seats
        if has_line_breaking_characters(field.data):
            raise ValidationError("Vul het aantal plaatsen in als een heel getal, zoals 1 of 25.")
        count = self.seat_count()
        if count is None:
            raise ValidationError("Vul het aantal plaatsen in als een heel getal, zoals 1 of 25.")
        if count < 1:
            raise ValidationError("Reserveer minstens 1 plaats.")
        if count > maximum:
            if maximum == 1:
                raise ValidationError("Voor dit evenement kun je alleen 1 plaats per aanmelding reserveren.")
            raise ValidationError(f"Je kunt met één aanmelding hoogstens {maximum} plaatsen reserveren.")

    def validate_school(self, field: Field) -> None:
        count = self.seat_count()
        if count is not None and count > 1 and not field.data:
            raise ValidationError("Vul de naam van de school in als je meer dan 1 plaats reserveert, bijvoorbeeld voor een klas.")

    def validate_education_level(self, field: Field) -> None:
        if field.data not in {value for value, _ in EDUCATION_LEVELS}:
            raise ValidationError("Kies een onderwijsniveau uit de lijst.")

    def validate_age_group(self, field: Field) -> None:
        if field.data not in {value for value, _ in AGE_GROUPS}:
            raise ValidationError("Kies een leeftijdsgroep uit de lijst.")

    def validate_postcode(self, field: Field) -> None:
        if field.data and not re.fullmatch(r"[1-9][0-9]{3}", field.data):
            raise ValidationError("Vul alleen de vier cijfers van je postcode in, zoals 3012.")

    def applicant(self) -> signups.Applicant:
        count = self.seat_count() or 1
        return signups.Applicant(
            name=self.name.data,
            email=self.normalised_email or self.email.data,
            seats=count,
            school=self.school.data or None,
            education_level=self.education_level.data or None,
            age_group=self.age_group.data or None,
            postcode=self.postcode.data or None,
        )


class SendLinkForm(FlaskForm):
    """"Stuur mijn link opnieuw": only the address (and the honeypot)."""

    email = email_field("E-mailadres", InputRequired("Vul je e-mailadres in."))
    homepage = honeypot()

    def validate_email(self, field: Field) -> None:
        self.normalised_email = checked_email(field)
