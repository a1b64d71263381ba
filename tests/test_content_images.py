"""Images reach the site and screen readers: story images sit in content/images/, body images have alt text."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from leerstad.content import load_content

FIXTURE = Path(__file__).parent / "fixtures" / "content"
TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(FIXTURE, target)
    return target


def errors(content_dir: Path) -> list[str]:
    return [str(p) for p in load_content(content_dir, today=TODAY).errors]


def line_of(path: Path, prefix: str) -> int:
    return next(n for n, row in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if row.startswith(prefix))


def give_story_image(content_dir: Path, image: str) -> Path:
    story = content_dir / "stories" / "havenstudent.md"
    story.write_text(
        story.read_text(encoding="utf-8").replace("Summary:", f"Image: {image}\nImage-alt: Daan op de kade\nSummary:", 1),
        encoding="utf-8",
    )
    return story


@pytest.mark.parametrize("image", ["stories/daan.svg", "/images/stories/samira.svg", "images/../stories/daan.svg"])
def test_story_image_outside_content_images_is_refused_because_the_site_would_not_have_it(content_dir, image):
    shutil.copy(content_dir / "images" / "stories" / "samira.svg", content_dir / "stories" / "daan.svg")
    story = give_story_image(content_dir, image)
    name = image.rsplit("/", 1)[-1]
    assert errors(content_dir) == [
        f"content/stories/havenstudent.md:{line_of(story, 'Image:')}: image: '{image}' staat niet in content/images/; "
        f"zet de afbeelding daar en schrijf het pad vanaf content/, bijv. images/stories/{name}"
    ]


def test_story_image_in_content_images_is_accepted(content_dir):
    give_story_image(content_dir, "images/stories/samira.svg")
    assert errors(content_dir) == []


@pytest.mark.parametrize("markdown", ["![](/images/stories/samira.svg)", "Zie ![ ] [kaart]", '<img src="/images/stories/samira.svg">'])
def test_image_in_the_text_without_description_is_named_with_its_line(content_dir, markdown):
    event = content_dir / "events" / "excursie-terminal.md"
    event.write_text(event.read_text(encoding="utf-8").rstrip("\n") + f"\n\n{markdown}\n", encoding="utf-8")
    line = len(event.read_text(encoding="utf-8").split("\n")) - 1
    assert errors(content_dir) == [
        f"content/events/excursie-terminal.md:{line}: tekst: afbeelding zonder beschrijving; zet tussen de [ ] wat erop staat, "
        "bijv. ![Een kraan op de kade](/images/kraan.jpg)"
    ]


def test_image_in_the_text_with_a_description_is_fine(content_dir):
    hub = content_dir / "hubs" / "feijenoord.md"
    hub.write_text(
        hub.read_text(encoding="utf-8") + '\n![De hub aan de Maas](/images/stories/samira.svg)\n<img src="/x.svg" alt="Plattegrond">\n',
        encoding="utf-8",
    )
    assert errors(content_dir) == []


def test_story_image_outside_images_would_have_been_a_broken_image_on_the_site(pelican_build, content_dir, tmp_path):
    # Why the rule exists: Pelican copies only content/images/, so the page pointed at nothing.
    shutil.copy(content_dir / "images" / "stories" / "samira.svg", content_dir / "stories" / "daan.svg")
    give_story_image(content_dir, "stories/daan.svg")
    build = pelican_build(content_dir, tmp_path / "output", "--fatal", "errors")
    assert build.returncode != 0
    assert "image: 'stories/daan.svg' staat niet in content/images/" in build.log


@pytest.mark.parametrize("alt", ["Foto", "samira.svg", "samira"])
def test_story_image_alt_that_describes_nothing_is_refused(content_dir, alt):
    story = content_dir / "stories" / "havenstudent.md"
    story.write_text(
        story.read_text(encoding="utf-8").replace("Summary:", f"Image: images/stories/samira.svg\nImage-alt: {alt}\nSummary:", 1),
        encoding="utf-8",
    )
    assert errors(content_dir) == [
        f"content/stories/havenstudent.md:{line_of(story, 'Image-alt:')}: image-alt: '{alt}' zegt niet wat er te zien is; "
        "beschrijf het, bijv. 'Een vrouw wijst naar een schoolbord'"
    ]
