"""Internship offer blueprint for employers: the offer form and its manage link under /doe-mee/."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, session, url_for

from leerstad import urls
from leerstad.model import LEVEL_LABELS, TIMEZONE
from registration import clock
from registration.extensions import doe_mee_limit, get_catalogue, get_db, limiter
from registration.forms import ActionForm
from registration.mail.sending import send_soon
from registration.offers import rules as offers
from registration.offers.forms import MAX_DAYS_AHEAD, OfferFieldsForm, OfferForm
from registration.signup import manage
from registration.tokens import find_by_token

bp = Blueprint("offers", __name__)
# Manage links carry their token in the URL: the same private headers as a registrant's /mijn/ pages.
bp.after_request(manage.private_page_headers)

STATUS_LABELS = {
    offers.PENDING: "wacht op beoordeling",
    offers.APPROVED: "goedgekeurd",
    offers.REJECTED: "afgewezen",
    offers.WITHDRAWN: "ingetrokken",
}


def _today() -> dt.date:
    return clock.now().astimezone(TIMEZONE).date()


def _sectors() -> list[tuple[str, str]]:
    content = get_catalogue().content()
    return [(sector.slug, sector.title) for sector in content.sectors_in_order()]


def _sector_titles() -> dict[str, str]:
    return dict(_sectors())


def page_values() -> dict:
    return {
        "level_labels": LEVEL_LABELS,
        "sector_titles": _sector_titles(),
        "status_labels": STATUS_LABELS,
        "latest_expiry": _today() + dt.timedelta(days=MAX_DAYS_AHEAD),
        "tomorrow": _today() + dt.timedelta(days=1),
        "retention_days": current_app.config["DOE_MEE_RETENTION_DAYS"],
    }


@bp.route(urls.offer_form_path(), methods=["GET", "POST"])
@limiter.limit(doe_mee_limit, methods=["POST"])
def submit():
    form = OfferForm(_sectors(), _today())
    if form.is_submitted():
        if form.homepage.data:
            # Pretend it worked so the bot learns nothing; store nothing, send nothing.
            session["offer_received"] = {"email": form.contact_email.data or "", "title": form.title.data or ""}
            return redirect(url_for("offers.received"))
        if form.validate():
            assert form.offer is not None
            result = offers.submit(get_db(), form.offer, form.contact(), site_url=current_app.config["SITE_URL"], now=clock.now())
            send_soon(result.outbox_ids)
            session["offer_received"] = {"email": form.contact().email, "title": form.offer.title}
            return redirect(url_for("offers.received"))
        return render_template("offers/form.html", form=form, **page_values()), 422
    return render_template("offers/form.html", form=form, **page_values())


@bp.get(urls.offer_received_path())
def received():
    result = session.get("offer_received")
    if not result:
        return redirect(url_for("offers.submit"))
    return render_template("offers/received.html", result=result)


def _offer_or_404(token: str) -> dict:
    row = find_by_token(get_db(), "internship_offers", token)
    if row is None:
        abort(404)
    return row


@bp.route(urls.offer_manage_path("<token>"), methods=["GET", "POST"])
@limiter.limit(doe_mee_limit, methods=["POST"])
def manage(token: str):
    row = _offer_or_404(token)
    offer = offers.offer_from_row(row)
    if row["status"] != offers.PENDING:
        # Decided offers are read-only; a stale edit form sent anyway changes nothing.
        page = render_template("offers/manage.html", row=row, offer=offer, token=token, form=None, **page_values())
        return page, 409 if request.method == "POST" else 200
    form = OfferFieldsForm(_sectors(), _today())
    if form.is_submitted():
        if form.validate():
            assert form.offer is not None
            change = offers.edit(get_db(), row["id"], form.offer, now=clock.now())
            flash("saved" if change.done else "not_pending")
            return redirect(urls.offer_manage_path(token))
        return render_template("offers/manage.html", row=row, offer=offer, token=token, form=form, **page_values()), 422
    form.fill_from(offer)
    return render_template("offers/manage.html", row=row, offer=offer, token=token, form=form, **page_values())


@bp.route(urls.offer_withdraw_path("<token>"), methods=["GET", "POST"])
def withdraw(token: str):
    row = _offer_or_404(token)
    if row["status"] != offers.PENDING:
        return redirect(urls.offer_manage_path(token))
    form = ActionForm()
    if form.validate_on_submit():
        change = offers.withdraw(get_db(), row["id"], site_url=current_app.config["SITE_URL"], now=clock.now())
        send_soon(change.outbox_ids)
        flash("withdrawn" if change.done else "not_pending")
        return redirect(urls.offer_manage_path(token))
    return render_template("offers/withdraw.html", row=row, token=token, form=form)
