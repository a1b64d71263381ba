"""The sign-up rules say what happened; the mail step turns exactly that into outbox rows, in the same transaction."""

from __future__ import annotations

import pytest

from leerstad.content import load_content
from registration import store
from registration.mail.compose import Mailer
from registration.signup import rules
from registration.signup.rules import Applicant, Happened
from tests.registration.conftest import NOW, write_event


@pytest.fixture
def setting(tmp_path, content_dir):
    write_event(content_dir, "twee-plaatsen", capacity=2)
    event = load_content(content_dir).events["twee-plaatsen"]
    path = tmp_path / "rules.sqlite"
    store.migrate(path)
    return store.connect(path), event, Mailer("https://leerstad.example")


def _outbox(db):
    return [(r["kind"], r["registration_id"]) for r in db.execute("SELECT kind, registration_id FROM outbox ORDER BY id")]


def test_a_cancellation_reports_the_cancel_and_the_promotion_and_each_gets_its_mail(setting):
    db, event, mailer = setting
    first = rules.sign_up(db, event, Applicant("A", "a@example.nl", seats=1), mailer=mailer, now=NOW)
    rules.sign_up(db, event, Applicant("B", "b@example.nl"), mailer=mailer, now=NOW)
    waiting = rules.sign_up(db, event, Applicant("C", "c@example.nl"), mailer=mailer, now=NOW)
    assert [c.happened for c in first.changes] == [Happened.CONFIRMED]
    assert [c.happened for c in waiting.changes] == [Happened.WAITING]

    result = rules.cancel(db, first.registration_id, event, mailer=mailer, now=NOW)

    assert [(c.happened, c.registration["id"]) for c in result.changes] == [
        (Happened.CANCELLED, first.registration_id),
        (Happened.PROMOTED, waiting.registration_id),
    ]
    assert result.promoted_ids == [waiting.registration_id]
    assert _outbox(db)[-2:] == [("cancellation", first.registration_id), ("promotion", waiting.registration_id)]
    assert len(result.outbox_ids) == 2


def test_signing_up_again_reports_a_resent_link_and_queues_only_that_mail(setting):
    db, event, mailer = setting
    rules.sign_up(db, event, Applicant("A", "a@example.nl"), mailer=mailer, now=NOW)
    again = rules.sign_up(db, event, Applicant("A", "A@example.nl"), mailer=mailer, now=NOW)
    assert [c.happened for c in again.changes] == [Happened.LINK_RESENT]
    assert [kind for kind, _ in _outbox(db)] == ["confirmation", "link_resend"]


def test_a_failing_mail_step_rolls_back_the_change_it_reports(setting, monkeypatch):
    db, event, mailer = setting

    def broken(*args, **kwargs):
        raise RuntimeError("mail step failed")

    monkeypatch.setattr(rules, "queue_notices", broken)
    with pytest.raises(RuntimeError):
        rules.sign_up(db, event, Applicant("A", "a@example.nl"), mailer=mailer, now=NOW)
    assert db.execute("SELECT count(*) FROM registrations").fetchone()[0] == 0
