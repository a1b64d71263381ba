"""Dutch error pages for every HTTP error the app can answer, and headers every page gets."""

from __future__ import annotations

import secrets

from flask import Flask, Response, g, render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from leerstad.csp import app_policy


def style_nonce() -> str:
    """A nonce for this response's own <style> elements (the reach charts); the policy names it."""
    if "csp_style_nonce" not in g:
        g.csp_style_nonce = secrets.token_urlsafe(16)
    return g.csp_style_nonce


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        return render_template("errors/csrf.html"), 400

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code is None or error.code < 400:
            return error
        response = error.get_response()
        template = f"errors/{error.code}.html" if error.code in (400, 403, 404, 405, 410, 413, 429) else "errors/other.html"
        page = render_template(template, code=error.code)
        response.data = page
        response.content_type = "text/html; charset=utf-8"
        return response

    @app.errorhandler(500)
    def server_error(error: Exception):
        return render_template("errors/other.html", code=500), 500

    @app.after_request
    def security_headers(response: Response) -> Response:
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("Content-Security-Policy", app_policy(g.get("csp_style_nonce")))
        return response
