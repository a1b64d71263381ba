"""Moderation of internship offers under /beheer/stages: the list, one offer, approve and reject."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, url_for

from leerstad import urls
from leerstad.urls import in_admin
from registration import clock
from registration.extensions import get_db
from registration.forms import ActionForm
from registration.mail.sending import send_soon
from registration.offers import rules as offers
from registration.offers.forms import RejectForm
from registration.offers.views import page_values
from registration.store import ROW_ID

# An area of the /beheer blueprint (admin/guard.py), which requires the login: /beheer/stages/...
bp = Blueprint("offer_moderation", __name__)


@bp.get(in_admin(urls.admin_offers_path()))
def pending_list():
    db = get_db()
    return render_template(
        "offers/admin_list.html",
        pending=offers.pending(db),
        decided=offers.recently_decided(db),
        form=ActionForm(),
        **page_values(),
    )


def _stored_offer_or_404(offer_id: int) -> dict:
    row = offers.get_offer(get_db(), offer_id)
    if row is None:
        abort(404)
    return row


def _detail(row: dict, reject_form: RejectForm, status: int = 200):
    page = render_template(
        "offers/admin_detail.html",
        row=row,
        offer=offers.offer_from_row(row),
        reject_form=reject_form,
        approve_form=ActionForm(),
        form=ActionForm(),
        **page_values(),
    )
    return page, status


@bp.get(in_admin(urls.admin_offer_path(f"<{ROW_ID}:offer_id>")))
def detail(offer_id: int):
    return _detail(_stored_offer_or_404(offer_id), RejectForm(formdata=None))


@bp.post(in_admin(urls.admin_offer_approve_path(f"<{ROW_ID}:offer_id>")))
def approve(offer_id: int):
    row = _stored_offer_or_404(offer_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    change = offers.approve(get_db(), row["id"], admin=g.admin, now=clock.now(), site_url=current_app.config["SITE_URL"])
    send_soon(change.outbox_ids)
    flash("approved" if change.done else "not_pending")
    return redirect(url_for("admin.offer_moderation.detail", offer_id=offer_id))


@bp.post(in_admin(urls.admin_offer_reject_path(f"<{ROW_ID}:offer_id>")))
def reject(offer_id: int):
    row = _stored_offer_or_404(offer_id)
    form = RejectForm()
    if not form.validate_on_submit():
        return _detail(row, form, 422)
    change = offers.reject(
        get_db(), row["id"], form.reason.data, admin=g.admin, now=clock.now(), site_url=current_app.config["SITE_URL"]
    )
    send_soon(change.outbox_ids)
    flash("rejected" if change.done else "not_pending")
    return redirect(url_for("admin.offer_moderation.detail", offer_id=offer_id))
