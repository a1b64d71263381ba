"""Personal calendar feed /agenda/<token>.ics: every event the link owner's address signed up for."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, Response, abort, current_app, request

from leerstad.calendar import CONTENT_TYPE, REGISTERED, WAITING_LIST, WITHDRAWN, build_calendar, calendar_bytes, calendar_etag
from registration import signups
from registration.db import get_db

bp = Blueprint("feeds", __name__)

PERSONAL_STATUS = {"confirmed": REGISTERED, "waiting": WAITING_LIST, "cancelled": WITHDRAWN}


@bp.get("/agenda/<token>.ics")
def personal_feed(token: str):
    db = get_db()
    owner = signups.find_by_token(db, token)
    if owner is None:
        abort(404)
    catalogue = current_app.extensions["leerstad_catalogue"]
    versions = catalogue.versions()
    rows = db.execute(
        "SELECT event_slug, status, updated_at FROM registrations WHERE email_key = ? ORDER BY id", [owner["email_key"]]
    ).fetchall()
    # One entry per event; a live registration wins over an earlier cancelled one.
    statuses: dict[str, str] = {}
    changed = [dt.datetime.fromisoformat(owner["updated_at"])]
    for row in rows:
        if row["event_slug"] not in catalogue.events:
            continue
        if statuses.get(row["event_slug"]) in (REGISTERED, WAITING_LIST) and row["status"] == "cancelled":
            continue
        statuses[row["event_slug"]] = PERSONAL_STATUS[row["status"]]
        changed.append(dt.datetime.fromisoformat(row["updated_at"]))
    events = [catalogue.events[slug] for slug in statuses]
    changed += [versions[e.slug].last_modified for e in events if e.slug in versions]
    last_modified = max(changed).astimezone(dt.UTC).replace(microsecond=0)
    data = calendar_bytes(
        build_calendar(
            events,
            name="Mijn Leerstad-agenda",
            description="Evenementen van Leerstad Rotterdam waarvoor je bent aangemeld of op de wachtlijst staat.",
            site_url=current_app.config["SITE_URL"],
            dtstamp=last_modified,  # from the data, not the clock: an unchanged feed keeps its ETag
            versions=versions,
            statuses=statuses,
            sector_titles=catalogue.sector_titles(),
        )
    )
    response = Response(data, content_type=CONTENT_TYPE)
    response.set_etag(calendar_etag(data).strip('"'))
    response.last_modified = last_modified
    response.headers["Cache-Control"] = "private, max-age=300"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    return response.make_conditional(request)
