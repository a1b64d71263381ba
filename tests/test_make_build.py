"""`make build` swaps in a complete site: a failing build leaves the site that was being served."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
STAMP = ".venv/.installed-stamp"

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def make_build(content: Path, output: Path, *variables: str) -> subprocess.CompletedProcess:
    # -o: treat the venv as installed, so the test never runs pip.
    return subprocess.run(
        ["make", "-s", "-o", STAMP, "build", f"CONTENT={content}", f"OUTPUT={output}", *variables],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )


@pytest.fixture
def served(tmp_path: Path) -> Path:
    """An output folder as the web server is serving it right now."""
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("de site van gisteren", encoding="utf-8")
    return output


def test_failing_build_keeps_the_site_that_was_served(fixture_source, tmp_path, served):
    content = tmp_path / "content"
    shutil.copytree(fixture_source, content)
    # Valid for `make check` (pages are Pelican's own), but Pelican's build fails on it.
    page = content / "pages" / "over-leerstad.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nWe bewaren gegevens {{ onbekende_plaatshouder }} dagen.\n", encoding="utf-8")
    result = make_build(content, served)
    assert result.returncode != 0, result.stdout + result.stderr
    assert (served / "index.html").read_text(encoding="utf-8") == "de site van gisteren"


def test_successful_build_replaces_the_site_and_leaves_no_work_folders(fixture_source, tmp_path, served):
    result = make_build(fixture_source, served)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Leerstad" in (served / "index.html").read_text(encoding="utf-8")
    assert (served / "pagefind").is_dir()
    assert not (tmp_path / "output.new").exists() and not (tmp_path / "output.old").exists()


def test_production_build_uses_the_public_address(fixture_source, tmp_path, served):
    result = make_build(fixture_source, served, "SETTINGS=publishconf.py")
    assert result.returncode == 0, result.stdout + result.stderr
    home = (served / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://leerstad.rotterdam.nl/">' in home
    assert "localhost" not in (served / "sitemap.xml").read_text(encoding="utf-8")
