"""Deployment pieces do what docs/deploy.md promises: nginx proxies every app prefix, cron's command runs."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from leerstad import urls as links
from leerstad.csp import SITE_POLICY
from leerstad.urls import APP_PREFIXES, availability_path, signup_path
from tests.registration.conftest import FIXTURE_CONTENT, ROOT

NGINX = (ROOT / "deploy" / "nginx-leerstad.conf").read_text(encoding="utf-8")


def test_nginx_sends_every_app_prefix_and_only_those_to_the_app():
    pattern = re.search(r"location ~ (\^/\S+) \{\n\s+proxy_pass http://leerstad_app;", NGINX).group(1)
    app_location = re.compile(pattern)
    for path in (*APP_PREFIXES, signup_path("x"), availability_path(), links.manage_path("t" * 43), links.personal_feed_path("t" * 43)):
        assert app_location.match(path), path
    for path in ("/", "/evenementen/opening/", "/kalender/programma.ics", "/theme/css/site.css", "/aanmeldenx/"):
        assert not app_location.match(path), path


def test_cron_command_sends_mail_with_the_instance_config(tmp_path):
    instance = tmp_path / "instance"
    instance.mkdir()
    (instance / "config.py").write_text(
        f"DATABASE = {str(tmp_path / 'db.sqlite')!r}\nCONTENT_DIR = {str(FIXTURE_CONTENT)!r}\nSECRET_KEY = 'x'\n"
    )
    env = {**os.environ, "LEERSTAD_INSTANCE_PATH": str(instance), "LEERSTAD_ENV": "production"}
    flask = [sys.executable, "-m", "flask", "--app", "registration"]
    created = subprocess.run([*flask, "users", "create", "anna", "--password", "een-lang-wachtwoord"],
                             cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert created.returncode == 0, created.stderr
    sent = subprocess.run([*flask, "send-mail"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert sent.returncode == 0, sent.stderr
    assert sent.stdout.strip() == "verstuurd: 0, mislukt: 0, nog in de wachtrij: 0"
    assert (tmp_path / "db.sqlite").exists()


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {**os.environ, "LEERSTAD_INSTANCE_PATH": str(tmp_path), "LEERSTAD_ENV": "production"}
    env.pop("LEERSTAD_SECRET_KEY", None)
    result = subprocess.run([sys.executable, "-c", "from registration import create_app; create_app()"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "SECRET_KEY ontbreekt" in result.stderr


def _location_block(opening: str) -> str:
    """A location of the HTTPS server block, up to its closing brace."""
    start = NGINX.index(opening, NGINX.index("listen 443"))
    return NGINX[start:NGINX.index("\n    }", start)]


def test_nginx_sends_the_sites_content_security_policy_on_static_files_only():
    header = f'add_header Content-Security-Policy "{SITE_POLICY}" always;'
    assert header in _location_block("location / {")
    assert header in _location_block("location ~ \\.ics$ {")
    # The app sends its own policy; a second header from nginx would narrow it (two policies both apply).
    assert "Content-Security-Policy" not in _location_block("location ~ ^/(")
    server = NGINX[NGINX.index("listen 443"):]
    assert server.count("add_header Content-Security-Policy") == 2
