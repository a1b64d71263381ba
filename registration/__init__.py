"""The registration app (Flask): create_app() wires config, extensions, each domain's blueprints and commands."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from leerstad import calendar_links, urls, who
from leerstad.dates import dutch_date, dutch_period, dutch_time, local_timestamp
from registration import config, extensions


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app; config comes from registration/config.py's defaults, instance/config.py, LEERSTAD_* env vars, then test_config."""
    app = Flask(
        __name__,
        instance_relative_config=True,
        instance_path=os.environ.get("LEERSTAD_INSTANCE_PATH") or None,
    )
    app.config.from_mapping(config.defaults(app.instance_path))
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
        app.config.from_prefixed_env("LEERSTAD")
    else:
        app.config.from_mapping(test_config)

    production = os.environ.get("LEERSTAD_ENV") == "production" or app.config.get("ENV") == "production"
    if production:
        app.config["SESSION_COOKIE_SECURE"] = True
        if not app.config.get("SECRET_KEY"):
            raise RuntimeError("SECRET_KEY ontbreekt: zet hem in instance/config.py of in LEERSTAD_SECRET_KEY")
    elif not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _development_secret(Path(app.instance_path))

    if app.config["PROXY_FIX_X_FOR"]:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=int(app.config["PROXY_FIX_X_FOR"]), x_proto=1, x_host=1)

    app.config.update(config.checked(app.config))

    os.makedirs(app.instance_path, exist_ok=True)
    extensions.init_app(app)

    app.jinja_env.globals.update(
        event_path=urls.event_path, signup_path=urls.signup_path, urls=urls, calendar_links=calendar_links,
        who_can_come=who.who_can_come,
    )
    app.jinja_env.filters.update(
        period=lambda event: dutch_period(event.start, event.end),
        dutch_date=dutch_date,
        dutch_time=dutch_time,
        local_time=local_timestamp,  # stored moments are UTC; admins read Rotterdam time
    )

    from registration import errors
    from registration.admin import cli as admin_cli
    from registration.admin import guard as admin
    from registration.ideas import cli as ideas_cli
    from registration.ideas import views as ideas_views
    from registration.mail import cli as mail_cli
    from registration.offers import cli as offers_cli
    from registration.offers import views as offers_views
    from registration.privacy import cli as privacy_cli
    from registration.privacy import my_data_views
    from registration.signup import availability, manage, personal_feed
    from registration.signup import views as signup_views
    from registration.stats import cli as stats_cli
    from registration.stats import views as stats_views

    app.register_blueprint(signup_views.bp)  # /aanmelden/<slug>
    app.register_blueprint(manage.bp)  # /mijn/<token>
    app.register_blueprint(my_data_views.bp)  # /mijn/<token>/gegevens.json, /verwijderen
    app.register_blueprint(personal_feed.bp)  # /agenda/<token>.ics
    app.register_blueprint(availability.bp)  # /api/beschikbaarheid.json
    app.register_blueprint(stats_views.bp)  # /api/teller, /api/teller.gif: cookieless page-view counter
    app.register_blueprint(offers_views.bp)  # /doe-mee/stage-aanbieden
    app.register_blueprint(ideas_views.bp)  # /doe-mee/idee
    app.register_blueprint(admin.bp)  # /beheer: every admin area, behind one login guard
    errors.init_app(app)
    stats_views.init_app(app)  # no session (so no cookie) on the counter's paths

    mail_cli.init_app(app)  # `flask send-mail`
    admin_cli.init_app(app)  # `flask users create|list`
    privacy_cli.init_app(app)  # `flask purge`, `flask my-data`
    offers_cli.init_app(app)  # `flask offers export|purge`
    ideas_cli.init_app(app)  # `flask ideas purge`
    stats_cli.init_app(app)  # `flask stats roll-over`
    return app


def _development_secret(instance: Path) -> str:
    """A key kept in instance/secret_key so that all local workers and restarts share it."""
    instance.mkdir(parents=True, exist_ok=True)
    path = instance / "secret_key"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        handle.write(secrets.token_hex(32))
    return path.read_text().strip()
