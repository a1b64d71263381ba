"""The one /beheer blueprint: a login guard for every admin page, admin headers, and the admin areas nested under it.

Protection by construction: Flask runs a parent blueprint's before_request for all its
children, so an admin page added to any area below is guarded without remembering to.
Only the login page itself is exempt, by endpoint name.
"""

from __future__ import annotations

from flask import Blueprint, Response, g, redirect, request, session, url_for

from leerstad.urls import ADMIN_PREFIX
from registration.admin import audit_log, check_in, events, login
from registration.offers import moderation
from registration.privacy import reach_views
from registration.stats import admin_views as website

bp = Blueprint("admin", __name__, url_prefix=ADMIN_PREFIX)

LOGIN_ENDPOINT = "admin.accounts.login"
# Endpoints that answer without a login; everything else under /beheer needs one.
PUBLIC_ENDPOINTS = frozenset({LOGIN_ENDPOINT})

for area in (login.bp, events.bp, check_in.bp, audit_log.bp, reach_views.bp, website.bp, moderation.bp):
    bp.register_blueprint(area)


@bp.before_request
def require_login() -> Response | None:
    g.admin = session.get("admin")
    if g.admin is None and request.endpoint not in PUBLIC_ENDPOINTS:
        return redirect(url_for(LOGIN_ENDPOINT, next=request.path))
    return None


@bp.after_request
def admin_headers(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    return response
