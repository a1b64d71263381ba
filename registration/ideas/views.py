"""Jongerenhubs idea form at /doe-mee/idee: "Heb je een idee voor een jongerenproject?"."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, redirect, render_template, request, session, url_for
from flask_wtf import FlaskForm
from wtforms import BooleanField, Field, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, ValidationError

from registration import clock
from registration.db import get_db
from registration.extensions import limiter
from registration.ideas import rules as ideas
from registration.mail.sending import send_soon
from registration.offers.forms import checked_email, multiline_text
from registration.offers.views import form_limit
from registration.signup.views import plain_text

bp = Blueprint("ideas", __name__)


def _strip_spaces(value: Any) -> Any:
    # Only spaces: a stray line break must reach the validator and be refused, not quietly removed.
    return value.strip(" ") if isinstance(value, str) else value


class IdeaForm(FlaskForm):
    name = StringField(
        "Je naam",
        filters=[_strip_spaces],
        validators=[DataRequired("Vul je naam in."), Length(max=100, message="Je naam mag hoogstens 100 tekens lang zijn."), plain_text],
    )
    email = StringField(
        "Je e-mailadres",
        filters=[_strip_spaces],
        validators=[
            DataRequired("Vul je e-mailadres in, zodat we je kunnen antwoorden."),
            Length(max=254, message="Een e-mailadres is hoogstens 254 tekens lang."),
            plain_text,
        ],
    )
    hub = SelectField("Bij welke jongerenhub past je idee?", validate_choice=False, default="")
    idea = TextAreaField(
        "Je idee",
        filters=[lambda value: value.strip() if isinstance(value, str) else value],
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
    # Honeypot: hidden from people (and screen readers); bots fill in every field they see.
    homepage = StringField("Laat dit veld leeg")

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


def _hubs() -> list[tuple[str, str]]:
    content = current_app.extensions["leerstad_catalogue"].content()
    return sorted(((hub.slug, hub.title) for hub in content.hubs.values()), key=lambda pair: pair[1])


@bp.route(ideas.FORM_PATH, methods=["GET", "POST"])
@limiter.limit(form_limit, methods=["POST"])
def submit():
    form = IdeaForm(_hubs())
    if form.is_submitted():
        if form.homepage.data:
            # Pretend it worked so the bot learns nothing; send nothing.
            session["idea_sent"] = True
            return redirect(url_for("ideas.thanks"))
        if form.validate():
            outbox_ids = ideas.send_idea(
                get_db(), form.to_idea(), mailbox=current_app.config.get("IDEAS_MAILBOX", ideas.DEFAULT_MAILBOX), now=clock.now()
            )
            send_soon(outbox_ids)
            session["idea_sent"] = True
            return redirect(url_for("ideas.thanks"))
        return _form_page(form), 422
    # A hub page links here with ?hub=<slug>, so its own hub is already chosen.
    if request.args.get("hub") in form.hub_titles:
        form.hub.data = request.args["hub"]
    return _form_page(form)


def _form_page(form: IdeaForm) -> str:
    return render_template("ideas/form.html", form=form, max_length=ideas.IDEA_MAX, retention_days=current_app.config["DOE_MEE_RETENTION_DAYS"])


@bp.get(f"{ideas.FORM_PATH}/bedankt")
def thanks():
    if not session.pop("idea_sent", False):
        return redirect(url_for("ideas.submit"))
    return render_template("ideas/thanks.html")
