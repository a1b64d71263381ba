"""Admin area check-in: the list of confirmed registrations at the door, and marking who is present."""

from __future__ import annotations

from flask import Blueprint, abort, g, redirect, render_template, url_for

from leerstad import urls
from leerstad.urls import in_admin
from registration import clock
from registration.admin import audit
from registration.admin.events import event_registrations
from registration.extensions import get_db
from registration.forms import ActionForm
from registration.signup import rules as signups
from registration.store import ROW_ID

bp = Blueprint("check_in", __name__)


@bp.get(in_admin(urls.admin_check_in_path("<slug>")))
def check_in(slug: str):
    event, rows = event_registrations(slug)
    confirmed = [r for r in rows if r["status"] == "confirmed"]
    return render_template("admin/check_in.html", slug=slug, event=event, rows=confirmed, form=ActionForm())


@bp.post(in_admin(urls.admin_attendance_path(f"<{ROW_ID}:registration_id>")))
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
    return redirect(url_for("admin.check_in.check_in", slug=registration["event_slug"]) + f"#aanmelding-{registration_id}")
