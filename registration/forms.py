"""Form pieces every form of the app shares: space stripping, text validators, the honeypot and confirm forms."""

from __future__ import annotations

import unicodedata
from typing import Any

from email_validator import EmailNotValidError, validate_email
from flask_wtf import FlaskForm
from wtforms import Field, HiddenField, StringField
from wtforms.validators import Length, ValidationError

# Line and paragraph separators end a mail header just like CR/LF do in some clients.
FORBIDDEN_IN_LINE = {"Cc", "Zl", "Zp"}
# Line breaks are allowed in a longer text; other control characters never are.
_ALLOWED_IN_TEXT = {"\n", "\r", "\t"}


def strip_spaces(value: Any) -> Any:
    """Filter for one-line fields. Only spaces: a stray line break must reach the validator and be refused, not quietly removed."""
    return value.strip(" ") if isinstance(value, str) else value


def strip(value: Any) -> Any:
    """Filter for multi-line fields: surrounding white space, line breaks included, means nothing there."""
    return value.strip() if isinstance(value, str) else value


def has_line_breaking_characters(text: str | None) -> bool:
    """True when `text` holds a control character or a line or paragraph separator."""
    return bool(text) and any(unicodedata.category(ch) in FORBIDDEN_IN_LINE for ch in text)


def plain_text(form: FlaskForm, field: Field) -> None:
    """Validator for one-line fields, whose values may end up in mail headers."""
    if has_line_breaking_characters(field.data):
        raise ValidationError("Gebruik hier geen regeleinden, tabs of andere onzichtbare tekens.")


def multiline_text(form: FlaskForm, field: Field) -> None:
    """Validator for longer texts: line breaks and tabs yes, other invisible control characters no."""
    if field.data and any(unicodedata.category(ch) in ("Cc", "Cf") and ch not in _ALLOWED_IN_TEXT for ch in field.data):
        raise ValidationError("Deze tekst bevat onzichtbare stuurtekens. Typ de tekst opnieuw of plak hem zonder opmaak.")


def checked_email(field: Field) -> str | None:
    """The normalised address, or a ValidationError with a message for the field."""
    if not field.data or field.errors:
        return None
    try:
        return validate_email(field.data, check_deliverability=False).normalized
    except EmailNotValidError:
        raise ValidationError("Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.") from None


def name_field(label: str, required: Any) -> StringField:
    """A person's name on one line; `required` is the validator that says it is missing."""
    return StringField(
        label,
        filters=[strip_spaces],
        validators=[required, Length(max=100, message="Je naam mag hoogstens 100 tekens lang zijn."), plain_text],
    )


def email_field(label: str, required: Any) -> StringField:
    """An e-mail address on one line (checked and normalised by the form's validate_email); `required` says it is missing."""
    return StringField(
        label,
        filters=[strip_spaces],
        validators=[required, Length(max=254, message="Een e-mailadres is hoogstens 254 tekens lang."), plain_text],
    )


def honeypot() -> StringField:
    """The `homepage` field: hidden from people (and screen readers); bots fill in every field they see."""
    return StringField("Laat dit veld leeg")


class ConfirmForm(FlaskForm):
    """Only the CSRF token: the confirmation page itself is the "are you sure" step."""


class ActionForm(FlaskForm):
    """A button that changes something: only the CSRF token and a value."""

    value = HiddenField()
