"""One real stack per session for browser tests: built site, app, SMTP server on localhost, chromium.

Everything runs on 127.0.0.1: the real content/ built by Pelican + Pagefind into a temp dir,
the registration app serving it on one port (as `make run` does), an aiosmtpd server that
collects the mails the app sends, an admin account made with the CLI, and one chromium.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer

import pytest
from aiosmtpd.controller import Controller

from registration import local

ROOT = Path(__file__).resolve().parents[2]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ADMIN_USER = "beheerder"
ADMIN_PASSWORD = "een-lang-wachtwoord-voor-de-browsertests"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
MANAGE_LINK = re.compile(r"https?://[^\s<>\"]+/mijn/[A-Za-z0-9_-]{20,}")


def _load_quality_conftest():
    # tests/ is no package; load the sibling conftest by path to share require_tool and the build.
    spec = importlib.util.spec_from_file_location("leerstad_quality_checks", ROOT / "tests" / "quality" / "conftest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


quality = _load_quality_conftest()
require_tool = quality.require_tool


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- SMTP -----------------------------------------------------------------------------------


class Mailbox:
    """Collects every mail the app delivers to the local SMTP server."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self._lock = threading.Lock()
        self.database: Path | None = None  # the app's database, to explain a missing mail

    def outbox_rows(self) -> list[tuple]:
        if self.database is None or not self.database.exists():
            return []
        with sqlite3.connect(self.database) as conn:
            return conn.execute("SELECT id, to_address, status, attempts, claimed_until, created_at, last_error FROM outbox ORDER BY id").fetchall()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        with self._lock:
            self.messages.append(message_from_bytes(envelope.original_content, policy=policy.default))
        return "250 OK"

    def wait_for(self, to: str, subject_contains: str = "", timeout: float = 15.0) -> EmailMessage:
        """The first mail to `to` whose subject contains the text; waits because the app sends after responding."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                for message in self.messages:
                    if to.lower() in str(message["To"]).lower() and subject_contains.lower() in str(message["Subject"]).lower():
                        return message
            time.sleep(0.05)
        subjects = [(str(m["To"]), str(m["Subject"])) for m in self.messages]
        raise AssertionError(
            f"no mail to {to} with {subject_contains!r} in the subject arrived; got {subjects}; outbox: {self.outbox_rows()}"
        )


    @staticmethod
    def text(message: EmailMessage) -> str:
        part = message.get_body(preferencelist=("plain", "html"))
        return part.get_content() if part is not None else ""

    def manage_link(self, message: EmailMessage) -> str:
        found = MANAGE_LINK.search(self.text(message))
        assert found, f"no manage link in the mail:\n{self.text(message)}"
        return found.group(0)


@pytest.fixture(scope="session")
def mailbox() -> Iterator[Mailbox]:
    box = Mailbox()
    # SMTPUTF8: straße@example.nl has no ASCII form; a mailbox like it lives only on such servers.
    controller = Controller(box, hostname="127.0.0.1", port=free_port(), enable_SMTPUTF8=True)
    controller.start()
    box.port = controller.port
    yield box
    controller.stop()


# --- site + app on one port ----------------------------------------------------------------


class ThreadedWSGIServer(ThreadingMixIn, WSGIServer):
    # wsgiref rather than werkzeug's dev server: in early runs under werkzeug, mails that the app sends
    # from the response's close() (delivery.send_soon) sometimes stayed unclaimed in the outbox. Not
    # reproduced since and the cause is not pinned down; wsgiref closes every response it writes.
    daemon_threads = True


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args) -> None:
        pass


@dataclass
class Stack:
    base_url: str
    output: Path
    database: Path
    content: Path
    mailbox: Mailbox
    app: object
    admin_user: str = ADMIN_USER
    admin_password: str = ADMIN_PASSWORD

    def url(self, path: str) -> str:
        return self.base_url + path


@pytest.fixture(scope="session")
def site_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real content/ built like `make build` (Pelican with --fatal errors, then Pagefind)."""
    output = tmp_path_factory.mktemp("browser-site") / "output"
    built = subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py", "-o", str(output), "--fatal", "errors",
         "--log-handler", "plain"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    indexed = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(output), "--quiet"], cwd=ROOT,
                             capture_output=True, text=True, timeout=300)
    assert indexed.returncode == 0, indexed.stdout + indexed.stderr
    return output


@dataclass
class SitePicks:
    """Pages and events of the real build chosen by rule, so tests outlive today's content."""

    output: Path
    events: list[dict]  # from events.json: upcoming, open, scheduled, at least 5 seats; soonest first
    taken: set[str]

    def event(self, *, min_max_seats: int = 1, min_capacity: int = 5) -> dict:
        """An open event no other test has taken; tests that sign up each get their own."""
        for event in self.events:
            if event["slug"] not in self.taken and event["max_seats"] >= min_max_seats and event["capacity"] >= min_capacity:
                self.taken.add(event["slug"])
                return event
        pytest.fail(f"the real content has no more upcoming events open for sign-up with {min_max_seats}+ seats per sign-up")

    def word_only_one_event_uses(self) -> tuple[str, str]:
        """A long word from one event's description that no other page has, and that event's path."""
        from bs4 import BeautifulSoup

        pages: dict[str, set[str]] = {}
        for html in self.output.rglob("index.html"):
            if "pagefind" in html.parts:
                continue
            main = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").find("main")
            text = main.get_text(" ") if main else ""
            pages["/" + str(html.parent.relative_to(self.output)) + "/"] = set(re.findall(r"[a-z]{10,}", text.lower()))
        for event in self.events:
            html = self.output / event["path"].strip("/") / "index.html"
            prose = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").select_one(".prose")
            for word in sorted(set(re.findall(r"[a-z]{10,}", prose.get_text(" ").lower() if prose else ""))):
                if sum(word in words for words in pages.values()) == 1:
                    return word, event["path"]
        pytest.fail("no event description has a word of its own to search for")

    def first_child(self, path: str, skip: tuple[str, ...] = ()) -> str:
        """The first page one level under a listing path, e.g. a story under /verhalen/."""
        folder = self.output / path.strip("/")
        children = sorted(p.name for p in folder.iterdir() if (p / "index.html").is_file() and p.name not in skip)
        assert children, f"no pages under {path} in the build"
        return f"{path}{children[0]}/"


@pytest.fixture(scope="session")
def picks(site_build: Path) -> SitePicks:
    soon = dt.datetime.now(dt.UTC) + dt.timedelta(days=2)
    events = json.loads((site_build / "events.json").read_text(encoding="utf-8"))["events"]
    usable = [
        e for e in events
        if e["registration"] == "open" and e["status"] == "scheduled" and (e["capacity"] or 0) >= 5
        and dt.datetime.fromisoformat(e["start"]) > soon
    ]
    usable.sort(key=lambda e: e["start"])
    return SitePicks(site_build, usable, set())


@pytest.fixture(scope="session")
def stack(site_build: Path, mailbox: Mailbox, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    from registration import create_app

    workdir = tmp_path_factory.mktemp("browser-app")
    database = workdir / "registration.sqlite"
    mailbox.database = database
    instance = workdir / "instance"
    instance.mkdir()
    content = ROOT / "content"

    # The admin account is made the way an operator makes it: with the CLI.
    env = {**os.environ, "LEERSTAD_DATABASE": str(database), "LEERSTAD_CONTENT_DIR": str(content),
           "LEERSTAD_INSTANCE_PATH": str(instance), "LEERSTAD_SECRET_KEY": "browser-tests"}
    created = subprocess.run(
        [str(Path(sys.executable).parent / "flask"), "--app", "registration", "users", "create", ADMIN_USER,
         "--password", ADMIN_PASSWORD],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert created.returncode == 0, created.stdout + created.stderr

    server = ThreadedWSGIServer(("127.0.0.1", 0), QuietHandler)
    base_url = f"http://127.0.0.1:{server.server_port}"
    app = create_app({
        "SECRET_KEY": "browser-tests",
        "DATABASE": str(database),
        "CONTENT_DIR": str(content),
        "SITE_URL": base_url,
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": mailbox.port,
        "SMTP_TIMEOUT": 5.0,
        "MAIL_SEND_AFTER_REQUEST": True,
        "SIGNUP_RATE_LIMIT": "1000/minute",
        "LOGIN_RATE_LIMIT": "1000/minute",
    })
    # The same dispatch as `make run` (registration.local), under a server that closes every response.
    server.set_app(local.combined(app, local.static_site(site_build)))
    thread = threading.Thread(target=server.serve_forever, daemon=True, name="browser-test-server")
    thread.start()
    yield Stack(base_url, site_build, database, content, mailbox, app)
    server.shutdown()
    server.server_close()


# --- browser --------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    chromium = require_tool(shutil.which("chromium") or shutil.which("chromium-browser"), "chromium (Debian package chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    require_tool(str(AXE_JS) if AXE_JS.exists() else None, "axe-core (npm package axe-core; `npm ci`)")
    return AXE_JS.read_text(encoding="utf-8")


@pytest.fixture
def context(browser, stack):
    """A fresh browser profile per test: no cookies or storage shared between tests."""
    ctx = browser.new_context(base_url=stack.base_url, locale="nl-NL", timezone_id="Europe/Amsterdam")
    ctx.set_default_timeout(10_000)
    _refuse_other_hosts(ctx, stack.base_url)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    return context.new_page()


def _refuse_other_hosts(ctx, base_url: str) -> None:
    # Tests never leave 127.0.0.1; the site makes no third-party requests, so this blocks nothing it needs.
    ctx.route(re.compile("^(?!" + re.escape(base_url) + "|data:|blob:)"), lambda route: route.abort())
