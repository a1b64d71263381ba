"""A real build of the real content/, shared by the HTML, link and browser checks."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent


def require_tool(path: str | None, what: str) -> str:
    """Skip loudly outside CI when a system tool is missing; fail in CI, where .ci/run installs it."""
    if path and Path(path).exists():
        return path
    message = f"{what} is not installed: run `bash .ci/run` or install it to run these checks"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def site_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """output/ of `make build` for the real content, built once into a temp dir."""
    output = tmp_path_factory.mktemp("site") / "output"
    subprocess.run(
        [str(VENV_BIN / "pelican"), "content", "-s", "pelicanconf.py", "-o", str(output), "--fatal", "errors"],
        cwd=ROOT, check=True, capture_output=True,
    )
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(output), "--quiet"], cwd=ROOT, check=True)
    return output


@pytest.fixture(scope="session")
def java() -> str:
    return require_tool(shutil.which("java"), "java (Debian package default-jre-headless)")


@pytest.fixture(scope="session")
def vnu_jar() -> Path:
    jar = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    require_tool(str(jar) if jar.exists() else None, "vnu.jar (npm package vnu-jar; `npm ci`)")
    return jar
