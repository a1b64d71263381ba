"""Local run: the built static site from output/ and the registration app on one port.

    python -m registration.local --port 8000     (what `make run` does)

Paths under leerstad.urls.APP_PREFIXES go to the Flask app, everything else is a file
from output/ (index.html for directory URLs, 404.html when missing), as nginx does in
production. Mail goes to a local SMTP sink that prints each message in this terminal.
"""

from __future__ import annotations

import argparse
import os
import socket
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from werkzeug.security import safe_join
from werkzeug.serving import run_simple
from werkzeug.utils import redirect, send_file
from werkzeug.wrappers import Request, Response

from leerstad.csp import SITE_POLICY
from leerstad.urls import is_app_path

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def static_site(root: Path) -> WSGIApp:
    """Serve `root` like the production web server: directory URLs end in / and give index.html."""
    root = root.resolve()

    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        request = Request(environ)
        response = _static_response(root, request)
        # As nginx sends it (deploy/nginx-leerstad.conf), so browser tests run under the real policy.
        response.headers["Content-Security-Policy"] = SITE_POLICY
        return response(environ, start_response)

    return app


def _static_response(root: Path, request: Request) -> Response:
    relative = request.path.lstrip("/")
    joined = safe_join(str(root), relative) if relative else str(root)
    if joined is not None:
        target = Path(joined)
        if target.is_dir():
            if not request.path.endswith("/"):
                return redirect(request.path + "/", code=301)
            target = target / "index.html"
        if target.is_file():
            return send_file(target, request.environ, conditional=True, max_age=0)
    not_found = root / "404.html"
    if not_found.is_file():
        return Response(not_found.read_bytes(), status=404, content_type="text/html; charset=utf-8")
    return Response("Niet gevonden. Is de site gebouwd? Draai eerst `make build`.", status=404,
                    content_type="text/plain; charset=utf-8")


def combined(app: WSGIApp, site: WSGIApp) -> WSGIApp:
    """One WSGI app: the registration app for its prefixes, the static site for the rest."""

    def dispatch(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        target = app if is_app_path(environ.get("PATH_INFO", "/")) else site
        return target(environ, start_response)

    return dispatch


def _start_mail_sink() -> int | None:
    """An SMTP server on a free localhost port that prints every mail; None when aiosmtpd is missing."""
    try:
        from aiosmtpd.controller import Controller
        from aiosmtpd.handlers import Debugging
    except ImportError:
        return None
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    Controller(Debugging(), hostname="127.0.0.1", port=port).start()
    return port


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Leerstad lokaal: statische site en aanmeld-app op één poort.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--output", default="output", help="map met de gebouwde site (standaard: output)")
    parser.add_argument("--content", default="content", help="map met de content (standaard: content)")
    parser.add_argument("--instance", default="instance", help="map voor database en instellingen (standaard: instance)")
    parser.add_argument("--no-mail-sink", action="store_true", help="geen lokale SMTP-server die mails toont")
    args = parser.parse_args(argv)

    url = f"http://{'localhost' if args.host in ('127.0.0.1', '0.0.0.0') else args.host}:{args.port}"
    instance = Path(args.instance).resolve()
    instance.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("LEERSTAD_INSTANCE_PATH", str(instance))
    os.environ.setdefault("LEERSTAD_CONTENT_DIR", str(Path(args.content).resolve()))
    os.environ.setdefault("LEERSTAD_SITE_URL", url)
    mail_port = None if args.no_mail_sink else _start_mail_sink()
    if mail_port is not None:
        os.environ["LEERSTAD_SMTP_HOST"] = "127.0.0.1"
        os.environ["LEERSTAD_SMTP_PORT"] = str(mail_port)

    from registration import create_app

    app = create_app()
    if not Path(args.output).is_dir():
        print(f"Let op: {args.output}/ bestaat niet; draai eerst `make build` voor de statische site.")
    print(f"Leerstad draait op {url}/  (aanmelden: {url}/aanmelden/<slug>, beheer: {url}/beheer/)")
    print(f"Database: {app.config['DATABASE']}")
    if mail_port is not None:
        print(f"Mails worden niet verstuurd maar hieronder getoond (SMTP-sink op poort {mail_port}).")
    run_simple(args.host, args.port, combined(app, static_site(Path(args.output))), threaded=True, use_reloader=False)


if __name__ == "__main__":
    main()
