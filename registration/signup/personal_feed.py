"""Personal calendar feed /agenda/<token>.ics: every event of one person, read-only; revoked or erased feeds answer empty, then 410."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from collections.abc import Mapping, Sequence

from flask import Blueprint, Response, abort, current_app, request
from werkzeug.http import is_resource_modified

from leerstad import urls
from leerstad.calendar import CONTENT_TYPE, REGISTERED, WAITING_LIST, WITHDRAWN, build_calendar, calendar_bytes
from leerstad.event_versions import EventVersion, calendar_fingerprint
from leerstad.model import Event
from registration import clock
from registration.extensions import get_catalogue, get_db
from registration.signup import people

bp = Blueprint("feeds", __name__)

PERSONAL_STATUS = {"confirmed": REGISTERED, "waiting": WAITING_LIST, "cancelled": WITHDRAWN}
FEED_NAME = "Mijn Leerstad-agenda"
FEED_DESCRIPTION = "Evenementen van Leerstad Rotterdam waarvoor je bent aangemeld of op de wachtlijst staat."
# Part of every personal feed's ETag: raise it when the same inputs start giving other bytes
# (a new calendar property, changed wording), so calendars fetch the new feed after a deploy.
FEED_FORMAT = 2  # 2: ORGANIZER on every event (issue 20)


def feed_etag(
    events: Sequence[Event],
    statuses: Mapping[str, str],
    versions: Mapping[str, EventVersion],
    sector_titles: Mapping[str, str],
    *,
    site_url: str,
    last_modified: dt.datetime,
) -> str:
    """An ETag from everything the feed's bytes depend on, without building the calendar."""
    inputs = {
        "format": FEED_FORMAT,
        "name": FEED_NAME,
        "description": FEED_DESCRIPTION,
        "site_url": site_url,
        "dtstamp": last_modified.isoformat(),
        "sector_titles": sorted(sector_titles.items()),
        "events": [
            [
                event.slug,
                statuses[event.slug],
                calendar_fingerprint(event),
                dataclasses.astuple(versions[event.slug]) if event.slug in versions else None,
            ]
            for event in events
        ],
    }
    encoded = json.dumps(inputs, ensure_ascii=False, sort_keys=True, default=str).encode("utf-8")
    return hashlib.sha256(encoded).hexdigest()[:32]


@bp.get(urls.personal_feed_path("<token>"))
def personal_feed(token: str):
    db = get_db()
    found = people.feed_of(db, token, now=clock.now())
    if found is None:
        abort(404)
    state, feed = found
    if state == people.FeedState.GONE:
        abort(410)
    catalogue = get_catalogue()
    versions = catalogue.versions()
    # A revoked or erased feed: an empty calendar, so calendar apps remove the events quietly.
    rows = [] if state == people.FeedState.EMPTY else db.execute(
        "SELECT event_slug, status, updated_at FROM registrations WHERE person_id = ? ORDER BY id", [feed["person_id"]]
    ).fetchall()
    # One entry per event; a live registration wins over an earlier cancelled one.
    statuses: dict[str, str] = {}
    changed = [dt.datetime.fromisoformat(feed["revoked_at"] or feed["created_at"])]
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
    site_url = current_app.config["SITE_URL"]
    sector_titles = catalogue.sector_titles()

    response = Response(content_type=CONTENT_TYPE)
    response.set_etag(feed_etag(events, statuses, versions, sector_titles, site_url=site_url, last_modified=last_modified))
    response.last_modified = last_modified
    response.headers["Cache-Control"] = "private, max-age=300"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    # Calendar apps poll this feed: answer "unchanged" before building any iCalendar.
    etag, _ = response.get_etag()
    if not is_resource_modified(request.environ, etag=etag, last_modified=last_modified):
        response.status_code = 304
        return response
    response.set_data(
        calendar_bytes(
            build_calendar(
                events,
                name=FEED_NAME,
                description=FEED_DESCRIPTION,
                site_url=site_url,
                dtstamp=last_modified,  # from the data, not the clock: an unchanged feed keeps its ETag
                versions=versions,
                statuses=statuses,
                sector_titles=sector_titles,
                organizer_email=current_app.config["PROGRAMME_MAILBOX"],
            )
        )
    )
    return response.make_conditional(request)
