"""SEQUENCE and LAST-MODIFIED of events follow the content's git history, and nothing else."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from leerstad.content import load_content
from leerstad.event_versions import event_versions

FIXTURE = Path(__file__).parent / "fixtures" / "content"
FIRST = dt.datetime(2026, 10, 1, 9, 0, tzinfo=dt.UTC)
LATER = dt.datetime(2026, 11, 2, 14, 30, tzinfo=dt.UTC)
LATEST = dt.datetime(2026, 11, 20, 16, 45, tzinfo=dt.UTC)


def git(repo: Path, *args: str, when: dt.datetime | None = None) -> str:
    env = os.environ | {"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}
    if when is not None:
        env |= {"GIT_AUTHOR_DATE": when.isoformat(), "GIT_COMMITTER_DATE": when.isoformat()}
    command = ["git", "-C", str(repo), "-c", "user.name=Redactie", "-c", "user.email=redactie@example.org", *args]
    return subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout


def commit_all(repo: Path, message: str, when: dt.datetime) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, when=when)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def repo(tmp_path):
    """A site repository whose content is the shared fixture, committed once by an editor."""
    shutil.copytree(FIXTURE, tmp_path / "content")
    git(tmp_path, "init", "-q", "-b", "main")
    commit_all(tmp_path, "Eerste evenementen", FIRST)
    return tmp_path


def versions(repo: Path):
    root = repo / "content"
    return event_versions(root, load_content(root).events)


def test_first_committed_version_is_sequence_0_at_its_commit_time(repo):
    found = versions(repo)
    assert found.warnings == []
    assert {slug: (v.sequence, v.last_modified) for slug, v in found.versions.items()} == {
        "excursie-terminal": (0, FIRST),
        "meeloopdag-wijkzorg": (0, FIRST),
        "opening-netwerkweek": (0, FIRST),
        "zorgcafe": (0, FIRST),
    }


def test_location_change_bumps_sequence_and_last_modified_of_that_event_only(repo):
    edit(repo / "content/events/opening-netwerkweek.md", "Location: De Doelen, Willem Burgerzaal", "Location: De Doelen, Jurriaanse Zaal")
    commit_all(repo, "Andere zaal", LATER)
    found = versions(repo).versions
    assert (found["opening-netwerkweek"].sequence, found["opening-netwerkweek"].last_modified) == (1, LATER)
    assert (found["zorgcafe"].sequence, found["zorgcafe"].last_modified) == (0, FIRST)


def test_every_later_change_counts_once_even_back_to_an_earlier_text(repo):
    path = repo / "content/events/opening-netwerkweek.md"
    edit(path, "End: 2027-03-15 12:00", "End: 2027-03-15 12:30")
    commit_all(repo, "Langer", LATER)
    edit(path, "End: 2027-03-15 12:30", "End: 2027-03-15 12:00")
    commit_all(repo, "Toch niet", LATEST)
    version = versions(repo).versions["opening-netwerkweek"]
    assert (version.sequence, version.last_modified) == (2, LATEST)


def test_editing_only_the_page_text_or_unshown_fields_does_not_bump(repo):
    path = repo / "content/events/excursie-terminal.md"
    edit(path, "Bekijk hoe een containerterminal werkt.", "Bekijk hoe een grote containerterminal werkt.")
    edit(path, "Capacity: 30", "Capacity: 40")
    commit_all(repo, "Meer plekken", LATER)
    version = versions(repo).versions["excursie-terminal"]
    assert (version.sequence, version.last_modified) == (0, FIRST)


def test_cancelling_an_event_bumps_its_sequence(repo):
    edit(repo / "content/events/excursie-terminal.md", "Edition: 2027", "Edition: 2027\nStatus: cancelled")
    commit_all(repo, "Gaat niet door", LATER)
    assert versions(repo).versions["excursie-terminal"].sequence == 1


def test_moving_an_event_into_a_subfolder_keeps_its_versions(repo):
    edit(repo / "content/events/opening-netwerkweek.md", "Kruisplein 40", "Kruisplein 30")
    commit_all(repo, "Adres", LATER)
    (repo / "content/events/netwerkweek-2027").mkdir()
    git(repo, "mv", "content/events/opening-netwerkweek.md", "content/events/netwerkweek-2027/opening-netwerkweek.md")
    commit_all(repo, "Opgeruimd", LATEST)
    version = versions(repo).versions["opening-netwerkweek"]
    assert (version.sequence, version.last_modified) == (1, LATER)


def test_fresh_clone_gives_the_same_numbers(repo, tmp_path_factory):
    edit(repo / "content/events/zorgcafe.md", "Start: 2027-01-20 19:00", "Start: 2027-01-20 18:30")
    commit_all(repo, "Eerder", LATER)
    clone = tmp_path_factory.mktemp("clone") / "site"
    subprocess.run(["git", "clone", "-q", str(repo), str(clone)], check=True)
    assert versions(clone).versions == versions(repo).versions


def test_merged_branch_counts_as_one_step_on_main(repo):
    git(repo, "checkout", "-q", "-b", "redactie")
    path = repo / "content/events/zorgcafe.md"
    edit(path, "Start: 2027-01-20 19:00", "Start: 2027-01-20 18:00")
    commit_all(repo, "Eerst zo", LATER)
    edit(path, "Start: 2027-01-20 18:00", "Start: 2027-01-20 18:30")
    commit_all(repo, "Toch zo", LATER + dt.timedelta(minutes=5))
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--no-ff", "-m", "Redactie samenvoegen", "redactie", when=LATEST)
    version = versions(repo).versions["zorgcafe"]
    assert (version.sequence, version.last_modified) == (1, LATEST)


def test_uncommitted_edit_previews_as_the_next_sequence_and_stays_stable(repo):
    path = repo / "content/events/zorgcafe.md"
    edit(path, "Jongerenhub Feijenoord\nAddress", "Jongerenhub Feijenoord, zaal 2\nAddress")
    preview = versions(repo).versions["zorgcafe"]
    assert preview.sequence == 1
    assert preview.last_modified == dt.datetime.fromtimestamp(int(path.stat().st_mtime), dt.UTC)
    assert versions(repo).versions["zorgcafe"] == preview


def test_new_uncommitted_event_starts_at_sequence_0(repo):
    shutil.copy(repo / "content/events/zorgcafe.md", repo / "content/events/zorgcafe-extra.md")
    assert versions(repo).versions["zorgcafe-extra"].sequence == 0


def test_content_outside_git_gets_sequence_0_and_a_warning(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(FIXTURE, root)
    found = event_versions(root, load_content(root).events)
    assert {v.sequence for v in found.versions.values()} == {0}
    assert len(found.warnings) == 1
    assert "staat niet in een bruikbare git-repository" in found.warnings[0]


def test_shallow_clone_warns_that_numbers_may_be_too_low(repo, tmp_path_factory):
    edit(repo / "content/events/zorgcafe.md", "Start: 2027-01-20 19:00", "Start: 2027-01-20 18:30")
    commit_all(repo, "Eerder", LATER)
    clone = tmp_path_factory.mktemp("shallow") / "site"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)], check=True)
    found = versions(clone)
    assert any("ondiepe git-kloon" in warning and "git fetch --unshallow" in warning for warning in found.warnings)


def test_a_broken_commit_is_skipped_because_it_was_never_published(repo):
    path = repo / "content/events/zorgcafe.md"
    edit(path, "Start: 2027-01-20 19:00", "Start: 20 januari")
    commit_all(repo, "Kapot", LATER)
    edit(path, "Start: 20 januari", "Start: 2027-01-20 19:00")
    commit_all(repo, "Hersteld", LATEST)
    version = versions(repo).versions["zorgcafe"]
    assert (version.sequence, version.last_modified) == (0, FIRST)
