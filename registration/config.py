"""Every setting of the app in one table: name, default and meaning; create_app starts from these defaults.

Set them in instance/config.py or as LEERSTAD_<NAME> environment variables (docs/deploy.md).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from leerstad.calendar import PROGRAMME_MAILBOX
from leerstad.privacy import RETENTION_DAYS, SESSION_COOKIE, parse_retention_days


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    meaning: str


SETTINGS: tuple[Setting, ...] = (
    # --- where things are
    Setting("DATABASE", None, "Path of the SQLite file; None means instance/registration.sqlite."),
    Setting("STATS_DATABASE", None, "SQLite file of the website statistics; None means stats.sqlite next to DATABASE."),
    Setting("CONTENT_DIR", "content", "The content folder the events, sectors and hubs are read from."),
    Setting("CONTENT_CHECK_INTERVAL", 2.0, "Seconds between checks whether a content file changed; 0 checks on every request."),
    Setting("SITE_URL", "http://localhost:8000", "The public address of the site, for links in mails and calendars."),
    Setting("STYLESHEET", "/theme/css/site.css", "The static site's stylesheet, which the app's pages use too."),
    # --- mail
    Setting("SMTP_HOST", "localhost", "SMTP server the outbox is sent through."),
    Setting("SMTP_PORT", 25, "Its port."),
    Setting("SMTP_USER", None, "Login name at the SMTP server; None sends without logging in."),
    Setting("SMTP_PASSWORD", None, "Its password."),
    Setting("SMTP_STARTTLS", False, "Whether to switch to TLS with STARTTLS before logging in."),
    Setting("SMTP_TIMEOUT", 10.0, "Seconds to wait for the SMTP server."),
    Setting("MAIL_FROM", "Leerstad Rotterdam <noreply@leerstad.rotterdam.nl>", "The From of every mail."),
    Setting("MAIL_SEND_AFTER_REQUEST", True, "Try a request's mails right after its response; cron `send-mail` retries either way."),
    Setting("PROGRAMME_MAILBOX", PROGRAMME_MAILBOX, "The city's programme mailbox: Reply-To of mails, ORGANIZER in invitations and calendars."),
    Setting("IDEAS_MAILBOX", "ideeen@leerstad.example", "The city's mailbox that ideas from the jongerenhubs form go to."),
    # --- limits
    Setting("RATELIMIT_STORAGE_URI", "memory://", "Where rate limits are counted; memory counts per worker, redis://… across workers."),
    Setting("RATELIMIT_HEADERS_ENABLED", True, "Send X-RateLimit headers, so a client can see when to try again."),
    Setting("SIGNUP_RATE_LIMIT", "10/minute", "Sign-ups per client address."),
    Setting("LOGIN_RATE_LIMIT", "5/minute", "Admin login attempts per client address."),
    Setting("DOE_MEE_RATE_LIMIT", "5/minute", "Submissions per client address for the /doe-mee/ forms (offers, ideas)."),
    Setting("STATS_RATE_LIMIT", "120/minute", "Page-view counts (beacon and pixel) per client address; more are not counted."),
    Setting("MAX_CONTENT_LENGTH", 64 * 1024, "Largest request body in bytes."),
    # --- privacy
    Setting("RETENTION_DAYS", RETENTION_DAYS, "Days after an event that its registrations become anonymous counts (`flask purge`)."),
    Setting("PERSON_KEY_SECRET", None, "Secret of the keyed hash unique people are counted by; None uses SECRET_KEY."),
    Setting("DOE_MEE_RETENTION_DAYS", 30, "Days offers and ideas are kept once they no longer matter; the forms say this number."),
    # --- sessions and requests
    Setting("SECRET_KEY", None, "Signs sessions and CSRF tokens; required in production, a generated one is kept in instance/ otherwise."),
    Setting("SESSION_COOKIE_HTTPONLY", True, "The session cookie is not readable by scripts."),
    Setting("SESSION_COOKIE_SAMESITE", "Lax", "The session cookie is not sent with cross-site POSTs."),
    Setting("SESSION_COOKIE_SECURE", False, "The session cookie only goes over https; production (ENV) turns it on."),
    Setting("SESSION_COOKIE_NAME", SESSION_COOKIE, "Name of the session cookie."),
    Setting("PERMANENT_SESSION_LIFETIME", 8 * 3600, "Seconds an admin login lasts."),
    Setting("WTF_CSRF_TIME_LIMIT", None, "CSRF tokens are bound to the session, not a clock: a form left open over lunch still submits."),
    Setting("PROXY_FIX_X_FOR", 0, "Number of trusted proxies in front (1 behind nginx), for per-address limits and https links."),
    Setting("ENV", None, "'production' (or LEERSTAD_ENV=production) requires a SECRET_KEY and sends the session cookie over https only."),
    Setting("NOW", None, "A fixed moment instead of the clock, for tests."),
)


def defaults(instance_path: str) -> dict[str, Any]:
    """The default of every setting; the database goes into the instance folder."""
    values = {setting.name: setting.default for setting in SETTINGS}
    values["DATABASE"] = os.path.join(instance_path, "registration.sqlite")
    return values


def stats_database(config: Mapping[str, Any]) -> str:
    """Where the website statistics live: STATS_DATABASE, or stats.sqlite beside the registration database."""
    return config.get("STATS_DATABASE") or os.path.join(os.path.dirname(os.path.abspath(config["DATABASE"])), "stats.sqlite")


def checked(config: Mapping[str, Any]) -> dict[str, Any]:
    """Settings that must be valid at start-up, parsed; a wrong RETENTION_DAYS stops the app instead of a purge at night."""
    try:
        return {"RETENTION_DAYS": parse_retention_days(config["RETENTION_DAYS"])}
    except ValueError as error:
        raise RuntimeError(str(error)) from None
