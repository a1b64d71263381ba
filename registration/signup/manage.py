"""Manage-link blueprint: /mijn/<token> shows one registration, lets its owner cancel it and get the .ics."""

from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template

from leerstad import urls
from leerstad.calendar import CONTENT_TYPE, calendar_bytes, event_calendar
from leerstad.calendar_links import webcal_url
from registration import clock
from registration.extensions import get_catalogue, get_db, get_mailer
from registration.forms import ConfirmForm
from registration.mail.sending import send_soon
from registration.signup import rules as signups
from registration.signup.personal_feed import PERSONAL_STATUS
from registration.tokens import find_by_token

bp = Blueprint("manage", __name__)



@bp.after_request
def private_page_headers(response: Response) -> Response:
    """Headers of every page whose URL carries a token (here, /mijn/…/gegevens, /doe-mee/ manage links)."""
    # The token is in the URL: never leak it to other sites, caches or search engines.
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    return response


def registration_or_404(token: str) -> dict:
    """The registration a manage link opens; any other token is a 404."""
    registration = find_by_token(get_db(), "registrations", token)
    if registration is None:
        abort(404)
    return registration


def _can_cancel(registration: dict, event) -> bool:
    if registration["status"] == "cancelled":
        return False
    return event is None or clock.now() < event.start


@bp.get(urls.manage_path("<token>"))
def show(token: str):
    registration = registration_or_404(token)
    event = get_catalogue().event(registration["event_slug"])
    site_url = current_app.config["SITE_URL"]
    return render_template(
        "manage/show.html",
        registration=registration,
        event=event,
        token=token,
        position=signups.waiting_position(get_db(), registration),
        can_cancel=_can_cancel(registration, event),
        feed_url=urls.absolute(site_url, urls.personal_feed_path(token)),
        webcal_url=webcal_url(site_url, urls.personal_feed_path(token)),
    )


@bp.route(urls.manage_cancel_path("<token>"), methods=["GET", "POST"])
def cancel(token: str):
    registration = registration_or_404(token)
    event = get_catalogue().event(registration["event_slug"])
    if not _can_cancel(registration, event):
        return redirect(urls.manage_path(token))
    form = ConfirmForm()
    if form.validate_on_submit():
        result = signups.cancel(
            get_db(), registration["id"], event, mailer=get_mailer(), now=clock.now()
        )
        send_soon(result.outbox_ids)
        flash("cancelled")
        return redirect(urls.manage_path(token))
    return render_template("manage/cancel.html", registration=registration, event=event, token=token, form=form)


@bp.get(urls.manage_ics_path("<token>"))
def event_ics(token: str):
    registration = registration_or_404(token)
    catalogue = get_catalogue()
    event = catalogue.event(registration["event_slug"])
    if event is None:
        abort(404)
    version = catalogue.versions().get(event.slug)
    data = calendar_bytes(
        event_calendar(
            event,
            site_url=current_app.config["SITE_URL"],
            dtstamp=version.last_modified if version else event.start,
            version=version,
            status=PERSONAL_STATUS[registration["status"]],
            sector_titles=catalogue.sector_titles(),
            organizer_email=current_app.config["PROGRAMME_MAILBOX"],
            reminder=True,
        )
    )
    response = Response(data, content_type=CONTENT_TYPE)
    response.headers["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response
