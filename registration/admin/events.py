"""Admin area events: every event with its seats, one event's registrations, and their CSV export."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, abort, g, render_template

from leerstad import urls
from leerstad.urls import in_admin
from registration import clock
from registration.admin import audit
from registration.admin.csv_export import registrations_csv
from registration.extensions import get_catalogue, get_db
from registration.forms import ActionForm

bp = Blueprint("events", __name__)

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
    ("fit_warning", "past niet bij"),
    ("attended_at", "aanwezig sinds"),
    ("cancelled_at", "geannuleerd op"),
)


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


@bp.get(in_admin(urls.admin_index_path()))
def index():
    db = get_db()
    counts = _counts(db)
    catalogue = get_catalogue()
    events = [e for e in catalogue.content().events_in_order() if e.capacity is not None or e.slug in counts]
    # Registrations whose event left the content are kept and shown, never dropped.
    orphaned = sorted(slug for slug in counts if slug not in catalogue.events)
    return render_template("admin/index.html", events=events, counts=counts, orphaned=orphaned, now=clock.now(), form=ActionForm())


def event_registrations(slug: str) -> tuple[Any, list[dict]]:
    event = get_catalogue().event(slug)
    rows = [dict(r) for r in get_db().execute("SELECT * FROM registrations WHERE event_slug = ? ORDER BY id", [slug])]
    if event is None and not rows:
        abort(404)
    return event, rows


@bp.get(in_admin(urls.admin_event_path("<slug>")))
def event(slug: str):
    event, rows = event_registrations(slug)
    positions = {}
    waiting = [r for r in rows if r["status"] == "waiting"]
    for index, row in enumerate(waiting, start=1):
        positions[row["id"]] = index
    audit.record(get_db(), username=g.admin, action="aanmeldingen bekeken", event_slug=slug, now=clock.now())
    return render_template("admin/event.html", slug=slug, event=event, rows=rows, positions=positions, form=ActionForm())


@bp.get(in_admin(urls.admin_event_csv_path("<slug>")))
def export_csv(slug: str):
    _event, rows = event_registrations(slug)
    audit.record(
        get_db(), username=g.admin, action="CSV geëxporteerd", event_slug=slug, detail=f"{len(rows)} aanmeldingen", now=clock.now()
    )
    response = Response(registrations_csv(CSV_COLUMNS, rows), content_type="text/csv; charset=utf-8")
    response.headers["Content-Disposition"] = f'attachment; filename="aanmeldingen-{slug}.csv"'
    return response
