"""Jongerenhubs idea form at /doe-mee/idee: "Heb je een idee voor een jongerenproject?"."""

from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, request, session, url_for

from leerstad import urls
from registration import clock
from registration.extensions import doe_mee_limit, get_catalogue, get_db, limiter
from registration.ideas import rules as ideas
from registration.ideas.forms import IdeaForm
from registration.mail.sending import send_soon

bp = Blueprint("ideas", __name__)


def _hubs() -> list[tuple[str, str]]:
    content = get_catalogue().content()
    return sorted(((hub.slug, hub.title) for hub in content.hubs.values()), key=lambda pair: pair[1])


@bp.route(urls.idea_form_path(), methods=["GET", "POST"])
@limiter.limit(doe_mee_limit, methods=["POST"])
def submit():
    form = IdeaForm(_hubs())
    if form.is_submitted():
        if form.homepage.data:
            # Pretend it worked so the bot learns nothing; send nothing.
            session["idea_sent"] = True
            return redirect(url_for("ideas.thanks"))
        if form.validate():
            outbox_ids = ideas.send_idea(
                get_db(), form.to_idea(), mailbox=current_app.config["IDEAS_MAILBOX"], now=clock.now()
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


@bp.get(urls.idea_thanks_path())
def thanks():
    if not session.pop("idea_sent", False):
        return redirect(url_for("ideas.submit"))
    return render_template("ideas/thanks.html")
