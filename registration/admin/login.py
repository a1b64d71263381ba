"""Logging in and out of /beheer (the accounts area); the guard in admin/guard.py lets only the login page through."""

from __future__ import annotations

from flask import Blueprint, g, redirect, render_template, request, session, url_for
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import InputRequired, Length

from leerstad.urls import ADMIN_PREFIX, admin_login_path, admin_logout_path, in_admin
from registration import clock
from registration.admin import accounts, audit
from registration.extensions import get_db, limiter, login_limit
from registration.forms import ActionForm

bp = Blueprint("accounts", __name__)


class LoginForm(FlaskForm):
    username = StringField("Gebruikersnaam", validators=[InputRequired("Vul je gebruikersnaam in."), Length(max=40)])
    password = PasswordField("Wachtwoord", validators=[InputRequired("Vul je wachtwoord in."), Length(max=200)])


def _safe_next(target: str | None) -> str:
    # Only our own admin pages: an open redirect would help phishing for admin passwords.
    # No control or space characters either: a line break cannot go into a Location header.
    if (
        target
        and target.startswith(ADMIN_PREFIX + "/")
        and "//" not in target
        and "\\" not in target
        and target.isprintable()
        and not any(ch.isspace() for ch in target)
    ):
        return target
    return url_for("admin.events.index")


@bp.route(in_admin(admin_login_path()), methods=["GET", "POST"])
@limiter.limit(login_limit, methods=["POST"])
def login():
    form = LoginForm()
    error = None
    if form.validate_on_submit():
        db = get_db()
        if accounts.verify_admin(db, form.username.data, form.password.data):
            session.clear()  # a fresh session on login: no fixation
            session.permanent = True
            session["admin"] = form.username.data
            audit.record(db, username=form.username.data, action="ingelogd", now=clock.now())
            return redirect(_safe_next(request.args.get("next")))
        error = "Gebruikersnaam of wachtwoord klopt niet."
    status = 401 if error else (422 if form.errors else 200)
    return render_template("admin/login.html", form=form, error=error), status


@bp.post(in_admin(admin_logout_path()))
def logout():
    if g.admin is not None and ActionForm().validate_on_submit():
        audit.record(get_db(), username=g.admin, action="uitgelogd", now=clock.now())
    session.clear()
    return redirect(url_for("admin.accounts.login"))
