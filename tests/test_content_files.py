"""Files as editors' tools really save them: byte order marks, Windows line ends, empty files,
stray folders and symlinks give `file:line: field: message` or just work; they never crash."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from leerstad.content import load_content

FIXTURE = Path(__file__).parent / "fixtures" / "content"
TODAY = dt.date(2026, 11, 23)
EVENT = "events/excursie-terminal.md"
STORY = "stories/havenstudent.md"


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(FIXTURE, target)
    return target


def problems(content_dir: Path) -> list[str]:
    return [str(p) for p in load_content(content_dir, today=TODAY).problems]


def rewrite_bytes(path: Path, change) -> None:
    path.write_bytes(change(path.read_bytes()))


def test_byte_order_mark_before_the_header_is_ignored_as_pelican_does(content_dir):
    rewrite_bytes(content_dir / EVENT, lambda data: b"\xef\xbb\xbf" + data)
    content = load_content(content_dir, today=TODAY)
    assert content.errors == []
    assert content.events["excursie-terminal"].title == "Excursie containerterminal"


def test_windows_and_old_mac_line_ends_read_like_unix_ones(content_dir):
    rewrite_bytes(content_dir / EVENT, lambda data: data.replace(b"\n", b"\r\n"))
    rewrite_bytes(content_dir / STORY, lambda data: data.replace(b"\n", b"\r"))
    content = load_content(content_dir, today=TODAY)
    assert content.errors == []
    assert "\r" not in content.events["excursie-terminal"].body


def test_line_numbers_count_only_real_line_breaks(content_dir):
    # U+2028 inside a value is not a line break in the editor's editor; later lines keep their numbers.
    path = content_dir / EVENT
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Title: ", "Title: Excursie\u2028", 1).replace("Capacity: 30", "Capacity: veel"), encoding="utf-8")
    line = next(n for n, row in enumerate(text.split("\n"), 1) if row.startswith("Capacity"))
    assert problems(content_dir) == [
        f"content/{EVENT}:{line}: capacity: moet een heel getal van 1 tot en met 100000 zijn, niet 'veel'"
    ]


def test_empty_file_is_one_clear_problem(content_dir):
    (content_dir / EVENT).write_text("", encoding="utf-8")
    assert problems(content_dir) == [
        f"content/{EVENT}:1: bestand: is leeg; een bestand begint met de kop, bijv. 'Title: ...' op regel 1"
    ]


def test_empty_line_above_the_header_is_named_instead_of_every_field_missing(content_dir):
    rewrite_bytes(content_dir / EVENT, lambda data: b"\n\n" + data)
    assert problems(content_dir) == [
        f"content/{EVENT}:3: kop: de kop moet op regel 1 beginnen; haal de 2 lege regels erboven weg"
    ]


def test_file_with_only_a_header_is_valid(content_dir):
    path = content_dir / EVENT
    path.write_text(path.read_text(encoding="utf-8").split("\n\n")[0], encoding="utf-8")
    content = load_content(content_dir, today=TODAY)
    assert content.errors == []
    assert content.events["excursie-terminal"].body == ""


def test_keys_in_any_case_and_tabs_after_the_colon_are_read(content_dir):
    path = content_dir / EVENT
    path.write_text(path.read_text(encoding="utf-8").replace("Title: ", "TITLE:\t", 1).replace("Capacity:", "capacity:"), encoding="utf-8")
    content = load_content(content_dir, today=TODAY)
    assert content.errors == []
    assert content.events["excursie-terminal"].capacity == 30


def test_folder_named_like_a_content_file_is_skipped_not_a_crash(content_dir):
    (content_dir / "events" / "oud.md").mkdir()
    (content_dir / "events" / "oud.md" / ".gitkeep").write_text("", encoding="utf-8")
    assert problems(content_dir) == []


def test_symlink_to_a_missing_file_is_a_problem_not_a_crash(content_dir):
    os.symlink(content_dir / "events" / "bestaat-niet.md", content_dir / "events" / "link.md")
    assert problems(content_dir) == ["content/events/link.md:1: bestand: verwijst naar een bestand dat niet bestaat"]


def test_file_that_is_not_utf8_asks_to_save_it_as_utf8(content_dir):
    rewrite_bytes(content_dir / EVENT, lambda data: data.replace(b"Title: ", b"Title: caf\xe9 ", 1))
    (message,) = problems(content_dir)
    assert message.startswith(f"content/{EVENT}:1: bestand: is geen UTF-8-tekst")
    assert message.endswith("sla het op als UTF-8")


def test_story_saved_with_a_byte_order_mark_builds(pelican_build, content_dir, tmp_path):
    rewrite_bytes(content_dir / STORY, lambda data: b"\xef\xbb\xbf" + data)
    build = pelican_build(content_dir, tmp_path / "output", "--fatal", "errors")
    assert build.returncode == 0, build.log
    assert build.page("/verhalen/havenstudent/").h1.get_text(strip=True) == "Mbo-student in de haven"


@pytest.mark.parametrize("path", [STORY, EVENT])
def test_slug_line_is_refused_because_the_address_is_the_file_name(content_dir, path):
    # On a story, Pelican published it at the Slug's address while every link used the file name.
    file = content_dir / path
    file.write_text(file.read_text(encoding="utf-8").replace("Summary:", "Slug: daan-in-de-haven\nSummary:", 1), encoding="utf-8")
    line = next(n for n, row in enumerate(file.read_text(encoding="utf-8").split("\n"), 1) if row.startswith("Slug:"))
    slug = Path(path).stem
    assert problems(content_dir) == [f"content/{path}:{line}: slug: het adres is de bestandsnaam ('{slug}'); haal deze regel weg"]


def test_space_before_the_colon_is_named_because_pelican_would_show_the_header_as_text(content_dir):
    file = content_dir / STORY
    file.write_text(file.read_text(encoding="utf-8").replace("Sector:", "Sector :", 1), encoding="utf-8")
    line = next(n for n, row in enumerate(file.read_text(encoding="utf-8").split("\n"), 1) if row.startswith("Sector"))
    assert problems(content_dir) == [
        f"content/{STORY}:{line}: sector: zet de dubbele punt direct achter 'Sector', zonder spatie ervoor ('Sector: ...')"
    ]


def test_value_continued_on_a_line_indented_four_spaces_or_a_tab_is_joined(content_dir):
    file = content_dir / STORY
    summary = "Summary: Daan leert het vak op de terminal."
    text = file.read_text(encoding="utf-8").replace(summary, "Summary: Daan leert\n    het vak\n\top de terminal.", 1)
    file.write_text(text, encoding="utf-8")
    content = load_content(content_dir, today=TODAY)
    assert content.errors == []
    assert content.stories["havenstudent"].summary == "Daan leert het vak op de terminal."


def test_continuation_indented_less_than_four_spaces_is_named(content_dir):
    # Pelican ends a story's header at such a line and shows the rest of the header as text.
    file = content_dir / STORY
    summary = "Summary: Daan leert het vak op de terminal."
    text = file.read_text(encoding="utf-8").replace(summary, "Summary: Daan leert\n  het vak op de terminal.", 1)
    file.write_text(text, encoding="utf-8")
    line = text.split("\n").index("  het vak op de terminal.") + 1
    assert problems(content_dir) == [f"content/{STORY}:{line}: kop: een vervolgregel van de kop begint met vier spaties of een tab"]


def test_key_after_up_to_three_spaces_is_a_key_as_for_pelican(content_dir):
    file = content_dir / STORY
    file.write_text(file.read_text(encoding="utf-8").replace("Sector:", "  Sector:", 1), encoding="utf-8")
    content = load_content(content_dir, today=TODAY)
    assert content.errors == []
    assert content.stories["havenstudent"].sector == "haven"


def test_event_ending_a_year_after_it_starts_gets_a_warning(content_dir):
    file = content_dir / EVENT
    file.write_text(file.read_text(encoding="utf-8").replace("End: 2027-03-16 16:00", "End: 2028-03-16 16:00", 1), encoding="utf-8")
    line = next(n for n, row in enumerate(file.read_text(encoding="utf-8").split("\n"), 1) if row.startswith("End:"))
    content = load_content(content_dir, today=TODAY)
    assert content.errors == []
    assert [str(p) for p in content.warnings] == [
        f"content/{EVENT}:{line}: end: waarschuwing: het evenement duurt 366 dagen; klopt de datum van End?"
    ]


@pytest.mark.parametrize("name", ["havenstudent.MD", "havenstudent.markdown", "havenstudent.md.txt"])
def test_story_file_with_another_extension_is_named_instead_of_silently_missing(content_dir, name):
    (content_dir / STORY).rename(content_dir / "stories" / name)
    stem = name.rsplit(".", 1)[0].lower()
    assert problems(content_dir) == [f"content/stories/{name}:1: bestand: wordt niet gelezen; geef het de naam '{stem}.md'"]


def test_other_file_in_a_content_folder_is_a_warning_and_hidden_files_are_ignored(content_dir):
    (content_dir / "events" / "plattegrond.pdf").write_bytes(b"%PDF")
    (content_dir / "events" / ".DS_Store").write_bytes(b"\0")
    content = load_content(content_dir, today=TODAY)
    assert content.errors == []
    assert [str(p) for p in content.warnings] == [
        "content/events/plattegrond.pdf:1: bestand: waarschuwing: wordt niet gepubliceerd: in content/events/ horen alleen .md-bestanden"
    ]


def test_netwerkweek_session_in_another_year_than_its_edition_gets_a_warning(content_dir):
    file = content_dir / EVENT
    text = file.read_text(encoding="utf-8")
    file.write_text(text.replace("Start: 2027-03-16", "Start: 2026-03-16", 1).replace("End: 2027-03-16", "End: 2026-03-16", 1), encoding="utf-8")
    line = next(n for n, row in enumerate(file.read_text(encoding="utf-8").split("\n"), 1) if row.startswith("Start:"))
    content = load_content(content_dir, today=TODAY)
    assert content.errors == []
    assert [str(p) for p in content.warnings] == [
        f"content/{EVENT}:{line}: start: waarschuwing: ligt in 2026, maar het evenement hoort bij Netwerkweek 2027; klopt het jaar?"
    ]


def test_offer_that_expires_before_it_is_published_is_refused(content_dir):
    file = content_dir / "stagemarkt" / "operator-maasvlakte.md"
    text = file.read_text(encoding="utf-8")
    expires = next(row for row in text.split("\n") if row.startswith("Expires:"))
    file.write_text(text.replace(expires, "Expires: 2026-01-31"), encoding="utf-8")
    line = text.split("\n").index(expires) + 1
    date = next(row for row in text.split("\n") if row.startswith("Date:")).split(": ")[1]
    assert problems(content_dir) == [
        f"content/stagemarkt/operator-maasvlakte.md:{line}: expires: ligt vóór de publicatiedatum ({date}); het aanbod zou nooit op de site staan"
    ]


def test_static_page_without_title_is_found_by_make_check(content_dir):
    # Pelican skips such a page with an English message and, under --fatal errors, a traceback.
    page = content_dir / "pages" / "over-leerstad.md"
    page.write_text(page.read_text(encoding="utf-8").replace("Title: Over Leerstad", "Summary: Wie we zijn.", 1), encoding="utf-8")
    assert problems(content_dir) == ["content/pages/over-leerstad.md:1: title: verplicht veld ontbreekt"]


def test_static_page_with_a_byte_order_mark_and_its_own_keys_is_fine(content_dir):
    page = content_dir / "pages" / "over-leerstad.md"
    page.write_bytes(b"\xef\xbb\xbf" + page.read_bytes().replace(b"\n", b"\nTemplate: page\n", 1))
    assert problems(content_dir) == []


def test_misspelt_key_suggests_the_field_that_was_meant(content_dir):
    file = content_dir / EVENT
    file.write_text(file.read_text(encoding="utf-8").replace("Organiser:", "Organizer:", 1), encoding="utf-8")
    line = next(n for n, row in enumerate(file.read_text(encoding="utf-8").split("\n"), 1) if row.startswith("Organizer:"))
    assert any(message.startswith(f"content/{EVENT}:{line}: organizer: onbekend veld; bedoel je 'Organiser'? bekende velden: ")
               for message in problems(content_dir))


def test_time_in_the_hour_that_happens_twice_gets_a_warning(content_dir):
    file = content_dir / EVENT
    text = file.read_text(encoding="utf-8")
    file.write_text(text.replace("Start: 2027-03-16 13:00", "Start: 2027-10-31 02:30").replace("End: 2027-03-16 16:00", "End: 2027-10-31 05:00")
                    .replace("Edition: 2027\n", ""), encoding="utf-8")
    line = next(n for n, row in enumerate(file.read_text(encoding="utf-8").split("\n"), 1) if row.startswith("Start:"))
    content = load_content(content_dir, today=TODAY)
    assert content.errors == []
    assert [str(p) for p in content.warnings] == [
        f"content/{EVENT}:{line}: start: waarschuwing: 02:30 komt die nacht twee keer voor (de klok gaat een uur terug); "
        "het evenement staat op de eerste keer, in zomertijd"
    ]
    assert content.events["excursie-terminal"].start.utcoffset() == dt.timedelta(hours=2)
