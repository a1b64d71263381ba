"""The templates editors copy from README.md pass `make check` next to the real content."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from leerstad import check
from leerstad.content import FOLDERS

ROOT = Path(__file__).resolve().parents[1]
# A template is a bold type name, a dash and the file to create, then a fenced block.
TEMPLATE = re.compile(r"^\*\*[^*\n]+\*\* — `(content/[^`]+\.md)`\n```\n(.*?)^```$", re.M | re.S)


def readme_templates() -> dict[str, str]:
    return dict(TEMPLATE.findall((ROOT / "README.md").read_text(encoding="utf-8")))


def test_readme_has_a_template_for_every_content_type():
    folders = {Path(path).parts[1] for path in readme_templates()}
    assert folders == set(FOLDERS.values())


def test_every_readme_template_passes_make_check_among_the_real_content(tmp_path, capsys):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    for path, text in readme_templates().items():
        target = tmp_path / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    assert check.main([str(content)]) == 0, capsys.readouterr().err
