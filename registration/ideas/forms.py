"""The jongerenhubs idea form: name, address, hub, the idea itself and consent."""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from wtforms import BooleanField, Field, SelectField, TextAreaField
from wtforms.validators import DataRequired, Length, ValidationError

from registration.forms import checked_email, email_field, honeypot, multiline_text, name_field, strip
from registration.ideas import rules as ideas


class IdeaForm(FlaskForm):
    name = name_field("Je naam", DataRequired("Vul je naam in."))
    email = email_field("Je e-mailadres", DataRequired("Vul je e-mailadres in, zodat we je kunnen antwoorden."))
    hub = SelectField("Bij welke jongerenhub past je idee?", validate_choice=False, default="")
    idea = TextAreaField(
        "Je idee",
        filters=[strip],
        validators=[
            DataRequired("Beschrijf je idee."),
            Length(
                max=ideas.IDEA_MAX,
                message=f"Je idee mag hoogstens {ideas.IDEA_MAX} tekens lang zijn. Houd het kort; we mailen je als we meer willen weten.",
            ),
            multiline_text,
        ],
    )
    consent = BooleanField(
        "Ik vind het goed dat de gemeente Rotterdam mijn naam en e-mailadres gebruikt om over dit idee contact met mij op te nemen."
    )
    homepage = honeypot()

    def __init__(self, hubs: list[tuple[str, str]], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.hub.choices = [("", "Geen voorkeur"), *hubs]
        self.hub_titles = dict(hubs)
        self.normalised_email: str | None = None

    def validate_email(self, field: Field) -> None:
        self.normalised_email = checked_email(field)

    def validate_hub(self, field: Field) -> None:
        if field.data and field.data not in self.hub_titles:
            raise ValidationError("Kies een jongerenhub uit de lijst, of 'Geen voorkeur'.")

    def validate_consent(self, field: Field) -> None:
        if not field.data:
            raise ValidationError("Geef toestemming, anders kunnen we niet op je idee reageren.")

    def to_idea(self) -> ideas.Idea:
        hub = self.hub.data or None
        return ideas.Idea(
            name=self.name.data,
            email=self.normalised_email or self.email.data,
            text=self.idea.data,
            hub=hub,
            hub_title=self.hub_titles.get(hub) if hub else None,
        )
