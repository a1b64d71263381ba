"""The page-view counter: /api/teller (sendBeacon POST) and /api/teller.gif (no-JS pixel), and funnel steps from app views.

Neither endpoint sets a cookie or reads one: the session is not even opened for their paths
(CookielessSessions below), so an admin's session cookie is not refreshed by a beacon either.
Whatever a request carries, they answer the same (204, or the GIF): a stranger learns nothing
from trying, and bad input is dropped, never an error.
"""

from __future__ import annotations

import logging
import threading

from flask import Blueprint, Flask, Request, Response, current_app, request
from flask.sessions import SessionInterface, SessionMixin

from leerstad import urls
from leerstad.content import Content
from leerstad.model import Event
from registration import clock
from registration.extensions import csrf, get_catalogue, get_stats_db, limiter, stats_limit
from registration.stats import rules

log = logging.getLogger(__name__)

bp = Blueprint("stats", __name__)

# The smallest transparent GIF: 1x1, one colour.
PIXEL = bytes.fromhex("47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b")
MAX_FIELD = 500

COOKIELESS_PATHS = frozenset({urls.stats_beacon_path(), urls.stats_pixel_path()})


class CookielessSessions(SessionInterface):
    """The app's session interface, except that the counter's paths get no session at all (so no Set-Cookie)."""

    def __init__(self, inner: SessionInterface) -> None:
        self.inner = inner

    def open_session(self, app: Flask, request: Request) -> SessionMixin | None:
        if request.path in COOKIELESS_PATHS:
            return self.make_null_session(app)
        return self.inner.open_session(app, request)

    def save_session(self, app: Flask, session: SessionMixin, response: Response) -> None:
        self.inner.save_session(app, session, response)

    def is_null_session(self, obj: object) -> bool:
        return self.inner.is_null_session(obj) or super().is_null_session(obj)


def init_app(app: Flask) -> None:
    app.session_interface = CookielessSessions(app.session_interface)


def _not_counted() -> bool:
    """Do-Not-Track, Global Privacy Control, a prefetch, or a crawler: then nothing is counted."""
    headers = request.headers
    if headers.get("DNT") == "1" or headers.get("Sec-GPC") == "1":
        return True
    if "prefetch" in (headers.get("Sec-Purpose", "") + headers.get("Purpose", "")).lower():
        return True
    return rules.is_bot(headers.get("User-Agent", "")[:MAX_FIELD])


_page_slugs: dict[int, frozenset[str]] = {}
_page_slugs_lock = threading.Lock()


def _classify(path: str) -> rules.Page | None:
    content: Content = get_catalogue().content()
    with _page_slugs_lock:
        slugs = _page_slugs.get(id(content))
        if slugs is None:
            _page_slugs.clear()  # one entry: the content that is loaded now
            slugs = _page_slugs[id(content)] = rules.static_page_slugs(current_app.config["CONTENT_DIR"])
    return rules.classify_path(path, content, slugs)


def _visitor() -> tuple[str, str]:
    """Today's day and visitor hash; the address and user agent themselves are not kept anywhere."""
    db = get_stats_db()
    day = rules.local_day(clock.now())
    salt = rules.todays_salt(db, day)
    return day, rules.visitor_hash(salt, request.remote_addr or "", request.headers.get("User-Agent", "")[:MAX_FIELD])


def _count(path: str, referrer: str, query: str, action: str | None) -> None:
    if _not_counted():
        return
    page = _classify(path[:MAX_FIELD])
    if page is None or (action is not None and (action not in rules.ACTIONS or page.type != rules.INTERNSHIP)):
        return
    hit = rules.Hit(
        page,
        referrer=rules.referrer_domain(referrer[:MAX_FIELD], request.host),
        campaign=rules.campaign(query[:MAX_FIELD]),
        device=rules.device_class(request.headers.get("User-Agent", "")[:MAX_FIELD]),
        language=rules.language(request.headers.get("Accept-Language", "")[:100]),
        action=action,
    )
    day, visitor = _visitor()
    rules.record_hit(get_stats_db(), day, visitor, hit)


def _no_store(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post(urls.stats_beacon_path())
@csrf.exempt  # carries nothing to protect and no session to bind a token to
@limiter.limit(stats_limit)
def beacon() -> Response:
    form = request.form
    _count(form.get("p", ""), form.get("r", ""), form.get("q", ""), form.get("e") or None)
    return _no_store(Response(status=204))


@bp.get(urls.stats_pixel_path())
@limiter.limit(stats_limit)
def pixel() -> Response:
    # Without JavaScript the page cannot read document.referrer; the Referer of this image is the page
    # itself, which still gives the campaign in its query string.
    page_query = request.referrer.partition("?")[2] if request.referrer else ""
    _count(request.args.get("p", ""), "", page_query, None)
    return _no_store(Response(PIXEL, content_type="image/gif"))


def record_step(event: Event, step: str) -> None:
    """A funnel step the app sees itself (sign-up form opened, signed up); never breaks the view it is called from."""
    try:
        if _not_counted():
            return
        _day, visitor = _visitor()
        rules.record_steps(get_stats_db(), visitor, [(scope, step) for scope in rules.event_scopes(event.sectors, event.edition)])
    except Exception:  # noqa: BLE001 (statistics must never cost a sign-up)
        log.exception("website statistics: step %s for %s not counted", step, event.slug)
