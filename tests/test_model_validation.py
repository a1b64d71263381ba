"""Editors get one precise `file:line: field: message` per content mistake."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from leerstad.content import load_content
from leerstad.model import TIMEZONE

FIXTURE = Path(__file__).parent / "fixtures" / "content"
TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    """A private copy of the valid fixture content that a test may break."""
    target = tmp_path / "content"
    shutil.copytree(FIXTURE, target)
    return target


def rewrite(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, prefix: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith(prefix):
            return number
    raise AssertionError(f"{prefix!r} not in {path}")


def messages(content_dir: Path) -> list[str]:
    return [str(p) for p in load_content(content_dir, today=TODAY).errors]


def only_error(content_dir: Path) -> str:
    errors = messages(content_dir)
    assert len(errors) == 1, errors
    return errors[0]


def test_fixture_content_is_valid(content_dir: Path) -> None:
    content = load_content(content_dir, today=TODAY)
    assert content.problems == []
    assert set(content.sectors) == {"haven", "zorg"}
    assert content.events["excursie-terminal"].max_seats == 30


def test_event_times_are_rotterdam_wall_clock(content_dir: Path) -> None:
    event = load_content(content_dir, today=TODAY).events["opening-netwerkweek"]
    assert event.start == dt.datetime(2027, 3, 15, 10, 0, tzinfo=TIMEZONE)
    assert event.start.utcoffset() == dt.timedelta(hours=1)


def test_unknown_sector_on_event_names_file_line_and_known_sectors(content_dir: Path) -> None:
    path = content_dir / "events" / "opening-netwerkweek.md"
    rewrite(path, "Sectors: haven, zorg", "Sectors: haven, zorgg")
    error = only_error(content_dir)
    assert error.startswith(f"content/events/opening-netwerkweek.md:{line_of(path, 'Sectors')}: sectors: ")
    assert "onbekende sector 'zorgg'" in error and "haven, zorg" in error


def test_end_before_start_is_reported_on_the_end_line(content_dir: Path) -> None:
    path = content_dir / "events" / "opening-netwerkweek.md"
    rewrite(path, "End: 2027-03-15 12:00", "End: 2027-03-15 09:00")
    assert only_error(content_dir).startswith(f"content/events/opening-netwerkweek.md:{line_of(path, 'End')}: end: ligt niet na de start")


@pytest.mark.parametrize("bad", ["veel", "0", "-5", "12.5"])
def test_capacity_must_be_a_positive_whole_number(content_dir: Path, bad: str) -> None:
    path = content_dir / "events" / "opening-netwerkweek.md"
    rewrite(path, "Capacity: 300", f"Capacity: {bad}")
    error = only_error(content_dir)
    assert error.startswith(f"content/events/opening-netwerkweek.md:{line_of(path, 'Capacity')}: capacity: moet een heel getal")


def test_open_registration_needs_a_capacity(content_dir: Path) -> None:
    path = content_dir / "events" / "opening-netwerkweek.md"
    rewrite(path, "Capacity: 300\n", "")
    assert "capacity: verplicht als aanmelden open is" in only_error(content_dir)


def test_unknown_audience_lists_the_allowed_values(content_dir: Path) -> None:
    path = content_dir / "events" / "opening-netwerkweek.md"
    rewrite(path, "Audience: mbo, hbo, werkgevers", "Audience: mbo, studenten")
    error = only_error(content_dir)
    assert error.startswith(f"content/events/opening-netwerkweek.md:{line_of(path, 'Audience')}: audience: onbekende waarde 'studenten'")
    assert "pro, vmbo, havo, vwo, mbo, hbo, wo, werkzoekenden, docenten, werkgevers" in error


def test_duplicate_slug_in_a_subfolder_is_refused(content_dir: Path) -> None:
    (content_dir / "events" / "2027").mkdir()
    shutil.copy(content_dir / "events" / "zorgcafe.md", content_dir / "events" / "2027" / "zorgcafe.md")
    error = only_error(content_dir)
    assert error.startswith("content/events/zorgcafe.md:1: slug: 'zorgcafe' bestaat al in content/events/2027/zorgcafe.md")


def test_story_image_without_alt_text_is_an_error(content_dir: Path) -> None:
    path = content_dir / "stories" / "van-bijstand-naar-voor-de-klas.md"
    rewrite(path, "Image-alt: Een vrouw wijst naar een schoolbord\n", "")
    error = only_error(content_dir)
    assert error.startswith(f"content/stories/van-bijstand-naar-voor-de-klas.md:{line_of(path, 'Image:')}: image-alt: ")


def test_story_image_that_does_not_exist_is_an_error(content_dir: Path) -> None:
    (content_dir / "images" / "stories" / "samira.svg").unlink()
    assert ": image: afbeelding 'images/stories/samira.svg' bestaat niet" in only_error(content_dir)


def test_event_naming_a_missing_hub_is_an_error(content_dir: Path) -> None:
    path = content_dir / "events" / "excursie-terminal.md"
    rewrite(path, "Hub: feijenoord", "Hub: charlois")
    error = only_error(content_dir)
    assert error == (
        f"content/events/excursie-terminal.md:{line_of(path, 'Hub')}: hub: onbekende hub 'charlois'; bestaande hubs: feijenoord"
    )


def test_expired_internship_is_a_warning_not_an_error(content_dir: Path) -> None:
    path = content_dir / "stagemarkt" / "operator-maasvlakte.md"
    rewrite(path, "Expires: 2099-06-30", "Expires: 2026-11-01")
    content = load_content(content_dir, today=TODAY)
    assert content.errors == []
    assert [str(w) for w in content.warnings] == [
        f"content/stagemarkt/operator-maasvlakte.md:{line_of(path, 'Expires')}: expires: "
        "waarschuwing: aanbod is verlopen op 2026-11-01 en staat niet meer op de site"
    ]
    assert not content.internships["operator-maasvlakte"].is_current(TODAY)


def test_missing_required_field_is_named(content_dir: Path) -> None:
    rewrite(content_dir / "hubs" / "feijenoord.md", "Wijk: Feijenoord\n", "")
    assert only_error(content_dir) == "content/hubs/feijenoord.md:1: wijk: verplicht veld ontbreekt"


def test_misspelt_key_is_reported_instead_of_ignored(content_dir: Path) -> None:
    path = content_dir / "events" / "zorgcafe.md"
    rewrite(path, "Organiser:", "Organizer:")
    errors = messages(content_dir)
    assert f"content/events/zorgcafe.md:{line_of(path, 'Organizer')}: organizer: onbekend veld" in "\n".join(errors)
    assert "content/events/zorgcafe.md:1: organiser: verplicht veld ontbreekt" in errors


def test_time_in_the_spring_forward_gap_is_refused(content_dir: Path) -> None:
    path = content_dir / "events" / "zorgcafe.md"
    rewrite(path, "Start: 2027-01-20 19:00", "Start: 2027-03-28 02:30")
    rewrite(path, "End: 2027-01-20 21:00", "End: 2027-03-28 04:00")
    assert "start: 2027-03-28 02:30 bestaat niet in Rotterdam" in only_error(content_dir)


def test_group_internship_needs_supervision(content_dir: Path) -> None:
    path = content_dir / "stagemarkt" / "groepsstage-zorg.md"
    rewrite(path, "Supervision: Een docent van school is de hele week bij de groep.\n", "")
    assert only_error(content_dir).endswith("supervision: verplicht bij een groepsstage (Group: yes)")


def test_every_problem_is_listed_at_once(content_dir: Path) -> None:
    rewrite(content_dir / "events" / "opening-netwerkweek.md", "Capacity: 300", "Capacity: nul")
    rewrite(content_dir / "events" / "excursie-terminal.md", "Audience: vmbo, docenten", "Audience: kleuters")
    assert len(messages(content_dir)) == 2


def test_make_check_command_exits_non_zero_and_prints_locations(content_dir: Path) -> None:
    rewrite(content_dir / "events" / "opening-netwerkweek.md", "Capacity: 300", "Capacity: nul")
    result = subprocess.run(
        [sys.executable, "-m", "leerstad.check", str(content_dir)], capture_output=True, text=True, cwd=content_dir.parent
    )
    assert result.returncode == 1
    assert "content/events/opening-netwerkweek.md:" in result.stderr
    assert "capacity: moet een heel getal" in result.stderr
    assert "1 fout(en) gevonden" in result.stderr


def test_absurdly_long_number_is_a_problem_not_a_crash(content_dir: Path) -> None:
    rewrite(content_dir / "events" / "opening-netwerkweek.md", "Capacity: 300", "Capacity: " + "9" * 5000)
    assert ": capacity: moet een heel getal van 1 tot en met 100000 zijn" in only_error(content_dir)


def test_make_check_refuses_an_offer_named_like_a_stagemarkt_view(content_dir: Path) -> None:
    # The build refused it already; `make check` said "Alles in orde" for the same content.
    (content_dir / "stagemarkt" / "operator-maasvlakte.md").rename(content_dir / "stagemarkt" / "niveau.md")
    assert only_error(content_dir) == (
        "content/stagemarkt/niveau.md:1: slug: 'niveau' is al een pagina van de stagemarkt; geef het bestand een andere naam"
    )


def test_age_max_below_age_min_names_both(content_dir: Path) -> None:
    path = content_dir / "events" / "meeloopdag-wijkzorg.md"
    rewrite(path, "Age-min: 18", "Age-min: 18\nAge-max: 16")
    assert only_error(content_dir) == f"content/events/meeloopdag-wijkzorg.md:{line_of(path, 'Age-max')}: age-max: is lager dan Age-min (18)"


def test_unknown_area_suggests_the_closest_gebied(content_dir: Path) -> None:
    path = content_dir / "events" / "meeloopdag-wijkzorg.md"
    rewrite(path, "Age-min: 18", "Age-min: 18\nArea: Kralingen")
    error = only_error(content_dir)
    expected = "area: onbekend gebied 'Kralingen'; bedoel je 'Kralingen-Crooswijk'?"
    assert error.startswith(f"content/events/meeloopdag-wijkzorg.md:{line_of(path, 'Area')}: {expected}")


def test_class_session_with_one_seat_per_sign_up_is_an_error(content_dir: Path) -> None:
    path = content_dir / "events" / "excursie-terminal.md"
    rewrite(path, "Max-seats: 30\n", "")
    error = only_error(content_dir)
    assert error.startswith(f"content/events/excursie-terminal.md:{line_of(path, 'For')}: max-seats: is 1, maar een docent meldt hier een klas aan")


def test_area_comes_from_the_postcode_unless_written(content_dir: Path) -> None:
    content = load_content(content_dir, today=TODAY)
    assert content.events["meeloopdag-wijkzorg"].area == "IJsselmonde"
    assert content.events["excursie-terminal"].area == "Haven"  # 3199: the Maasvlakte
    assert content.hubs["feijenoord"].area == "Feijenoord"
    path = content_dir / "events" / "meeloopdag-wijkzorg.md"
    rewrite(path, "Age-min: 18", "Age-min: 18\nArea: prins alexander")
    assert load_content(content_dir, today=TODAY).events["meeloopdag-wijkzorg"].area == "Prins Alexander"


def test_internship_route_age_and_places_are_read(content_dir: Path) -> None:
    offer = load_content(content_dir, today=TODAY).internships["operator-maasvlakte"]
    assert (offer.routes, offer.age_min, offer.places, offer.area) == (("bbl",), 18, 2, "Haven")
