"""Registrant rights from a personal link (not the feed address): /mijn/<token>/gegevens.json and /mijn/<token>/verwijderen."""

from __future__ import annotations

import json

from flask import Blueprint, Response, current_app, redirect, render_template, url_for

from leerstad import urls
from registration import clock
from registration.extensions import get_catalogue, get_db, get_mailer
from registration.forms import ConfirmForm
from registration.privacy import my_data
from registration.privacy.person_key import person_key_secret
from registration.signup import manage
from registration.signup.manage import link_or_404

bp = Blueprint("my_data", __name__)
# The token is in the URL: same no-referrer, no-store, noindex headers as the manage page.
bp.after_request(manage.private_page_headers)


@bp.get(urls.my_data_download_path("<token>"))
def download(token: str):
    link = link_or_404(token)
    data = my_data.export_for_email(
        get_db(), link["address"], person_key_secret(current_app.config), now=clock.now()
    )
    body = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    response = Response(body, content_type="application/json; charset=utf-8")
    response.headers["Content-Disposition"] = 'attachment; filename="mijn-gegevens-leerstad.json"'
    return response


@bp.route(urls.my_data_erase_path("<token>"), methods=["GET", "POST"])
def erase(token: str):
    link = link_or_404(token)
    db = get_db()
    others = db.execute("SELECT count(*) FROM registrations WHERE person_id = ?", [link["person_id"]]).fetchone()[0]
    form = ConfirmForm()
    if form.validate_on_submit():
        my_data.erase_email(
            db,
            get_catalogue().content(),
            link["address"],
            person_key_secret(current_app.config),
            mailer=get_mailer(),
            now=clock.now(),
        )
        return redirect(url_for("my_data.erased"))
    return render_template(
        "my_data/confirm_erase.html", address=link["address"], token=token, form=form, registrations=others,
        manage_path=urls.manage_path(token),
    )


@bp.get(urls.my_data_erased_path())
def erased():
    return render_template("my_data/erased.html", events_path=urls.events_index_path())
