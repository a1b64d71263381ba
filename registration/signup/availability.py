"""Availability JSON for the static site's live "seats left" text (leerstad.urls.availability_path())."""

from __future__ import annotations

from flask import Blueprint, jsonify

from leerstad.urls import availability_path
from registration import clock
from registration.extensions import get_catalogue, get_db
from registration.signup import rules as signups

bp = Blueprint("availability", __name__)


@bp.get(availability_path())
def seats():
    now = clock.now()
    counts = signups.counts_per_event(get_db())
    events = {}
    for event in get_catalogue().events.values():
        if not event.accepts_registrations(now):
            continue
        taken, waiting = counts.get(event.slug, (0, 0))
        seats_left = max(event.capacity - taken, 0)
        # Full: a new sign-up of one seat goes onto the waiting list ("Zet me op de wachtlijst").
        events[event.slug] = {"seats_left": seats_left, "waiting": waiting, "capacity": event.capacity, "full": seats_left == 0}
    response = jsonify({"events": events})
    response.headers["Cache-Control"] = "public, max-age=30"
    return response
