"""Shared fixtures: a real Pelican build of the fixture content, made once per test session."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
FIXTURE_CONTENT = ROOT / "tests" / "fixtures" / "content"
# Builds look at a fixed moment so "upcoming" and "expired" do not drift with the calendar.
BUILD_NOW = "2026-11-23T12:00:00+01:00"

EXPIRED_OFFER = """\
Title: Zomerstage magazijn
Summary: Een zomer meedraaien in het magazijn.
Date: 2026-03-01
Organisation: voorbeeldterminal
Sector: haven
Levels: mbo
Location: Waalhaven
Period: zomer 2026
Hours: 24
Apply: Mail naar zomer@logistiek.example
Expires: 2026-08-31

Deze stage is voorbij.
"""


@dataclass
class Build:
    """The result of one pelican run: where it wrote, and what it said."""

    output: Path
    returncode: int
    log: str  # stdout and stderr together

    def page(self, path: str) -> BeautifulSoup:
        """The built page at a site path such as `/sectoren/haven/`."""
        name = path.lstrip("/")
        target = self.output / (name + "index.html" if name == "" or name.endswith("/") else name)
        return BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser")

    def exists(self, path: str) -> bool:
        name = path.lstrip("/")
        return (self.output / (name + "index.html" if name == "" or name.endswith("/") else name)).is_file()


def run_pelican(content: Path, output: Path, *flags: str, now: str | None = BUILD_NOW) -> Build:
    """Build `content` into `output` with our pelicanconf.py, as `make build` does."""
    command = [sys.executable, "-m", "pelican", str(content), "-s", "pelicanconf.py", "-o", str(output), "--log-handler", "plain", *flags]
    if now:
        command += ["-e", f'LEERSTAD_NOW="{now}"']
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    return Build(output, result.returncode, result.stdout + result.stderr)


@pytest.fixture(scope="session")
def pelican_build() -> Callable[..., Build]:
    return run_pelican


@pytest.fixture(scope="session")
def fixture_source() -> Path:
    """tests/fixtures/content: copy it before changing anything."""
    return FIXTURE_CONTENT


@pytest.fixture(scope="session")
def fixture_content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shared fixture content plus one internship offer that expired before BUILD_NOW."""
    content = tmp_path_factory.mktemp("fixture-site") / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    (content / "stagemarkt" / "zomerstage-magazijn.md").write_text(EXPIRED_OFFER, encoding="utf-8")
    return content


@pytest.fixture(scope="session")
def site(fixture_content: Path) -> Build:
    """The fixture content built like `make build`: pelican with --fatal errors, then Pagefind."""
    build = run_pelican(fixture_content, fixture_content.parent / "output", "--fatal", "errors")
    assert build.returncode == 0, build.log
    indexed = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(build.output), "--quiet"], capture_output=True, text=True, timeout=120
    )
    assert indexed.returncode == 0, indexed.stdout + indexed.stderr
    return build


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The real content/ built like `make build` (whatever editors have written so far)."""
    output = tmp_path_factory.mktemp("real-site") / "output"
    return run_pelican(ROOT / "content", output, "--fatal", "errors", now=None)
