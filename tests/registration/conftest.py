"""Fixtures for the registration app: a real app on a real temp SQLite file, real SMTP, helpers."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import socket
import sqlite3
from collections.abc import Callable
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from registration import create_app

ROOT = Path(__file__).resolve().parents[2]
FIXTURE_CONTENT = ROOT / "tests" / "fixtures" / "content"
SITE_URL = "https://leerstad.example"
# A fixed "now" before every fixture event (they are in 2027).
NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)
TOKEN_IN_MAIL = re.compile(r"/mijn/([A-Za-z0-9_-]{40,64})")
FEED_IN_MAIL = re.compile(r"/agenda/([A-Za-z0-9_-]{40,64})\.ics")

EVENT_TEMPLATE = """\
Title: {title}
Summary: Een evenement voor de tests.
Start: {start}
End: {end}
Location: Testlocatie
Address: Teststraat 1, 3011 AA Rotterdam
Sectors: haven
Audience: mbo
Capacity: {capacity}
Max-seats: {max_seats}
Registration: {registration}
Organiser: Testorganisatie
Status: {status}

Tekst.
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def write_event(content: Path, slug: str, *, capacity: int = 10, max_seats: int = 1, registration: str = "open",
                start: str = "2027-04-01 10:00", end: str = "2027-04-01 12:00", title: str | None = None,
                status: str = "scheduled") -> None:
    (content / "events" / f"{slug}.md").write_text(
        EVENT_TEMPLATE.format(title=title or f"Test {slug}", start=start, end=end, capacity=capacity,
                              max_seats=max_seats, registration=registration, status=status),
        encoding="utf-8",
    )


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    """A writable copy of the fixture content, for tests that add or change events."""
    target = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, target)
    return target


@pytest.fixture
def make_app(tmp_path: Path) -> Callable:
    def make(**overrides):
        config = {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "DATABASE": str(tmp_path / "registration.sqlite"),
            "CONTENT_DIR": str(FIXTURE_CONTENT),
            "CONTENT_CHECK_INTERVAL": 0,
            "SITE_URL": SITE_URL,
            "NOW": NOW,
            "RATELIMIT_ENABLED": False,
            "WTF_CSRF_ENABLED": False,
            "MAIL_SEND_AFTER_REQUEST": False,
            "SMTP_HOST": "127.0.0.1",
            "SMTP_PORT": free_port(),  # nothing listens here: SMTP is "down" unless a test starts a server
            "SMTP_TIMEOUT": 2.0,
        }
        config.update(overrides)
        return create_app(config)

    return make


@pytest.fixture
def app(make_app):
    return make_app()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def db(app):
    """A plain sqlite3 connection to the app's database, to look at what was stored."""
    conn = sqlite3.connect(app.config["DATABASE"])
    conn.row_factory = sqlite3.Row
    yield conn
    conn.close()


class Signups:
    """What a visitor does: fill in the form; and what they receive: mails with a manage link."""

    def __init__(self, client, db: sqlite3.Connection) -> None:
        self.client = client
        self.db = db

    def submit(self, slug: str = "opening-netwerkweek", **fields):
        data = {"name": "Amina Bakker", "email": "amina@example.nl"}
        data.update({k: v for k, v in fields.items() if v is not None})
        for key in [k for k, v in fields.items() if v is None]:
            data.pop(key, None)
        return self.client.post(f"/aanmelden/{slug}", data=data)

    def mails_to(self, address: str) -> list[sqlite3.Row]:
        return self.db.execute("SELECT * FROM outbox WHERE to_address = ? ORDER BY id", [address]).fetchall()

    def manage_token(self, address: str) -> str:
        """The token from the newest mail to `address` that carries a manage link."""
        for row in reversed(self.mails_to(address)):
            found = TOKEN_IN_MAIL.search(row["body"])
            if found:
                return found.group(1)
        raise AssertionError(f"no mail with a manage link to {address}")

    def feed_token(self, address: str) -> str:
        """The read-only feed token, mailed once: in the first mail to a new person."""
        for row in self.mails_to(address):
            found = FEED_IN_MAIL.search(row["body"])
            if found:
                return found.group(1)
        raise AssertionError(f"no mail with a feed address to {address}")

    def registration(self, address: str, slug: str = "opening-netwerkweek") -> sqlite3.Row:
        return self.db.execute(
            "SELECT * FROM registrations WHERE email_key = ? AND event_slug = ? ORDER BY id DESC", [address.lower(), slug]
        ).fetchone()


@pytest.fixture
def signups(client, db) -> Signups:
    return Signups(client, db)


class Admin:
    def __init__(self, client, runner) -> None:
        self.client = client
        self.runner = runner

    def create(self, username: str = "beheerder", password: str = "een-lang-wachtwoord") -> None:
        result = self.runner.invoke(args=["users", "create", username, "--password", password])
        assert result.exit_code == 0, result.output

    def login(self, username: str = "beheerder", password: str = "een-lang-wachtwoord"):
        return self.client.post("/beheer/inloggen", data={"username": username, "password": password})

    def logout(self):
        return self.client.post("/beheer/uitloggen")


@pytest.fixture
def admin(client, runner) -> Admin:
    return Admin(client, runner)


class RecordingHandler:
    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        self.messages.append(message_from_bytes(envelope.original_content, policy=policy.default))
        return "250 OK"


@pytest.fixture
def smtp_server():
    """Starts a real SMTP server on localhost; call it with the port the app is configured for."""
    started: list[Controller] = []

    def start(port: int) -> RecordingHandler:
        handler = RecordingHandler()
        controller = Controller(handler, hostname="127.0.0.1", port=port)
        controller.start()
        started.append(controller)
        return handler

    yield start
    for controller in started:
        controller.stop()
