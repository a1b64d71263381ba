"""Admin blueprint /beheer/: login, events with seats, registrations, CSV export, check-in, audit log."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from flask import Blueprint, Response, abort, current_app, g, redirect, render_template, request, session, url_for
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import InputRequired, Length

from registration import clock
from registration.admin import accounts, audit
from registration.admin.csv_export import registrations_csv
from registration.db import get_db
from registration.extensions import limiter, login_limit
from registration.forms import ActionForm
from registration.signup import rules as signups
from registration.store import MAX_ROW_ID

bp = Blueprint("admin", __name__, url_prefix="/beheer")
# Row ids in URLs: a number beyond SQLite's INTEGER range is not found rather than a 500.
ROW_ID = f"int(max={MAX_ROW_ID})"

CSV_COLUMNS = (
    ("id", "nummer"),
    ("created_at", "aangemeld op"),
    ("status", "status"),
    ("name", "naam"),
    ("email", "e-mailadres"),
    ("seats", "plaatsen"),
    ("school", "school"),
    ("education_level", "onderwijsniveau"),
    ("age_group", "leeftijd"),
    ("postcode", "postcode"),
    ("attended_at", "aanwezig sinds"),
    ("cancelled_at", "geannuleerd op"),
)


class LoginForm(FlaskForm):
    username = StringField("Gebruikersnaam", validators=[InputRequired("Vul je gebruikersnaam in."), Length(max=40)])
    password = PasswordField("Wachtwoord", validators=[InputRequired("Vul je wachtwoord in."), Length(max=200)])


@bp.before_request
def load_admin() -> None:
    g.admin = session.get("admin")


@bp.after_request
def admin_headers(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    return response


def login_required(view: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if g.admin is None:
            return redirect(url_for("admin.login", next=request.path))
        return view(*args, **kwargs)

    return wrapped


def _safe_next(target: str | None) -> str:
    # Only our own admin pages: an open redirect would help phishing for admin passwords.
    # No control or space characters either: a line break cannot go into a Location header.
    if (
        target
        and target.startswith("/beheer/")
        and "//" not in target
        and "\\" not in target
        and target.isprintable()
        and not any(ch.isspace() for ch in target)
    ):
        return target
    return url_for("admin.index")


@bp.route("/inloggen", methods=["GET", "POST"])
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


@bp.post("/uitloggen")
def logout():
    if g.admin is not None and ActionForm().validate_on_submit():
        audit.record(get_db(), username=g.admin, action="uitgelogd", now=clock.now())
    session.clear()
    return redirect(url_for("admin.login"))


def _counts(db) -> dict[str, dict[str, int]]:
    rows = db.execute(
        "SELECT event_slug,"
        " coalesce(sum(CASE WHEN status = 'confirmed' THEN seats END), 0) AS taken,"
        " count(CASE WHEN status = 'waiting' THEN 1 END) AS waiting,"
        " coalesce(sum(CASE WHEN status = 'waiting' THEN seats END), 0) AS waiting_seats,"
        " count(CASE WHEN attended_at IS NOT NULL THEN 1 END) AS attended"
        " FROM registrations GROUP BY event_slug"
    ).fetchall()
    return {r["event_slug"]: dict(r) for r in rows}


@bp.get("/")
@login_required
def index():
    db = get_db()
    counts = _counts(db)
    catalogue = current_app.extensions["leerstad_catalogue"]
    events = [e for e in catalogue.content().events_in_order() if e.capacity is not None or e.slug in counts]
    # Registrations whose event left the content are kept and shown, never dropped.
    orphaned = sorted(slug for slug in counts if slug not in catalogue.events)
    return render_template("admin/index.html", events=events, counts=counts, orphaned=orphaned, now=clock.now(), form=ActionForm())


def _event_registrations(slug: str) -> tuple[Any, list[dict]]:
    event = current_app.extensions["leerstad_catalogue"].event(slug)
    rows = [dict(r) for r in get_db().execute("SELECT * FROM registrations WHERE event_slug = ? ORDER BY id", [slug])]
    if event is None and not rows:
        abort(404)
    return event, rows


@bp.get("/evenementen/<slug>/")
@login_required
def event(slug: str):
    event, rows = _event_registrations(slug)
    positions = {}
    waiting = [r for r in rows if r["status"] == "waiting"]
    for index, row in enumerate(waiting, start=1):
        positions[row["id"]] = index
    audit.record(get_db(), username=g.admin, action="aanmeldingen bekeken", event_slug=slug, now=clock.now())
    return render_template("admin/event.html", slug=slug, event=event, rows=rows, positions=positions, form=ActionForm())


@bp.get("/evenementen/<slug>/aanmeldingen.csv")
@login_required
def export_csv(slug: str):
    _event, rows = _event_registrations(slug)
    audit.record(
        get_db(), username=g.admin, action="CSV geëxporteerd", event_slug=slug, detail=f"{len(rows)} aanmeldingen", now=clock.now()
    )
    response = Response(registrations_csv(CSV_COLUMNS, rows), content_type="text/csv; charset=utf-8")
    response.headers["Content-Disposition"] = f'attachment; filename="aanmeldingen-{slug}.csv"'
    return response


@bp.get("/evenementen/<slug>/aanwezigheid")
@login_required
def check_in(slug: str):
    event, rows = _event_registrations(slug)
    confirmed = [r for r in rows if r["status"] == "confirmed"]
    return render_template("admin/check_in.html", slug=slug, event=event, rows=confirmed, form=ActionForm())


@bp.post(f"/aanmeldingen/<{ROW_ID}:registration_id>/aanwezig")
@login_required
def mark_attendance(registration_id: int):
    form = ActionForm()
    db = get_db()
    registration = signups.get_registration(db, registration_id)
    if registration is None:
        abort(404)
    if not form.validate_on_submit() or form.value.data not in ("ja", "nee"):
        abort(400)
    present = form.value.data == "ja"
    now = clock.now()
    if present:
        db.execute(
            "UPDATE registrations SET attended_at = coalesce(attended_at, ?), attended_by = ? WHERE id = ?",
            [now.isoformat(timespec="seconds"), g.admin, registration_id],
        )
    else:
        db.execute("UPDATE registrations SET attended_at = NULL, attended_by = ? WHERE id = ?", [g.admin, registration_id])
    audit.record(
        db, username=g.admin, action="aanwezig gemeld" if present else "aanwezigheid teruggedraaid",
        event_slug=registration["event_slug"], detail=f"aanmelding {registration_id}", now=now,
    )
    return redirect(url_for("admin.check_in", slug=registration["event_slug"]) + f"#aanmelding-{registration_id}")


@bp.get("/logboek")
@login_required
def audit_log():
    return render_template("admin/audit.html", entries=audit.recent(get_db()), form=ActionForm())
