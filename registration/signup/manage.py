"""Personal-link blueprint: /mijn/<token> is "Mijn aanmeldingen" of one person: every registration, cancel, .ics, links, feed address."""

from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template

from leerstad import urls
from leerstad.calendar import CONTENT_TYPE, calendar_bytes, event_calendar
from registration import clock
from registration.extensions import get_catalogue, get_db, get_mailer
from registration.forms import ConfirmForm
from registration.mail.sending import send_soon
from registration.signup import people
from registration.signup import rules as signups
from registration.signup.personal_feed import PERSONAL_STATUS
from registration.store import ROW_ID, immediate_transaction

bp = Blueprint("manage", __name__)


@bp.after_request
def private_page_headers(response: Response) -> Response:
    """Headers of every page whose URL carries a token (here, /mijn/…/gegevens, /doe-mee/ manage links)."""
    # The token is in the URL: never leak it to other sites, caches or search engines.
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    return response


def link_or_404(token: str) -> dict:
    """The live personal link a token is (with its person's address); a feed token, a revoked or unknown one is a 404."""
    link = people.link_of(get_db(), token)
    if link is None:
        abort(404)
    return link


def _own_registration(link: dict, registration_id: int | None) -> dict:
    """A registration of the link's person; another person's (or none) is a 404, so ids reveal nothing."""
    registration = signups.get_registration(get_db(), registration_id) if registration_id is not None else None
    if registration is None or registration["person_id"] != link["person_id"]:
        abort(404)
    return registration


def _can_cancel(registration: dict, event) -> bool:
    if registration["status"] == "cancelled":
        return False
    return event is None or clock.now() < event.start


@bp.get(urls.manage_path("<token>"))
def show(token: str):
    link = link_or_404(token)
    db = get_db()
    catalogue = get_catalogue()
    entries = []
    for registration in reversed(people.registrations_of(db, link["person_id"])):
        event = catalogue.event(registration["event_slug"])
        entries.append({
            "registration": registration,
            "event": event,
            "position": signups.waiting_position(db, registration),
            "can_cancel": _can_cancel(registration, event),
        })
    return render_template(
        "manage/show.html",
        token=token,
        address=link["address"],
        entries=entries,
        links=people.links_of(db, link["person_id"]),
        current_link_id=link["id"],
        form=ConfirmForm(),
    )


def _cancel(token: str, link: dict, registration: dict):
    event = get_catalogue().event(registration["event_slug"])
    if not _can_cancel(registration, event):
        return redirect(urls.manage_path(token))
    form = ConfirmForm()
    if form.validate_on_submit():
        result = signups.cancel(get_db(), registration["id"], event, mailer=get_mailer(), now=clock.now())
        send_soon(result.outbox_ids)
        flash("cancelled")
        return redirect(urls.manage_path(token))
    return render_template(
        "manage/cancel.html", registration=registration, event=event, token=token, form=form,
        action=urls.manage_registration_cancel_path(token, registration["id"]),
    )


@bp.route(urls.manage_cancel_path("<token>"), methods=["GET", "POST"])
def cancel(token: str):
    # Links mailed with one registration go on cancelling that one; a link without one shows the list.
    link = link_or_404(token)
    if link["registration_id"] is None:
        return redirect(urls.manage_path(token))
    return _cancel(token, link, _own_registration(link, link["registration_id"]))


@bp.route(urls.manage_registration_cancel_path("<token>", f"<{ROW_ID}:registration_id>"), methods=["GET", "POST"])
def cancel_registration(token: str, registration_id: int):
    link = link_or_404(token)
    return _cancel(token, link, _own_registration(link, registration_id))


def _event_ics(registration: dict) -> Response:
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


@bp.get(urls.manage_ics_path("<token>"))
def event_ics(token: str):
    link = link_or_404(token)
    return _event_ics(_own_registration(link, link["registration_id"]))


@bp.get(urls.manage_registration_ics_path("<token>", f"<{ROW_ID}:registration_id>"))
def registration_ics(token: str, registration_id: int):
    link = link_or_404(token)
    return _event_ics(_own_registration(link, registration_id))


@bp.post(urls.manage_link_revoke_path("<token>", f"<{ROW_ID}:link_id>"))
def revoke_link(token: str, link_id: int):
    link = link_or_404(token)
    form = ConfirmForm()
    if form.validate_on_submit() and link_id != link["id"]:  # the link in use stays: no locking oneself out
        db = get_db()
        with immediate_transaction(db):
            if people.revoke_link(db, link["person_id"], link_id, now=clock.now()):
                flash("link_revoked")
    return redirect(urls.manage_path(token))


@bp.post(urls.manage_new_feed_path("<token>"))
def new_feed(token: str):
    """A new feed address, shown once on this page; every older one answers an empty calendar from now on."""
    link = link_or_404(token)
    form = ConfirmForm()
    if not form.validate_on_submit():
        return redirect(urls.manage_path(token))
    db = get_db()
    with immediate_transaction(db):
        feed_token = people.renew_feed(db, link["person_id"], now=clock.now())
    return render_template(
        "manage/new_feed.html",
        token=token,
        feed_path=urls.personal_feed_path(feed_token),
    )
