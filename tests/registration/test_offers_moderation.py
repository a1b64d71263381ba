"""Moderators review offers under /beheer/stages; `flask offers export` writes approved ones into content/stagemarkt/."""

from __future__ import annotations

import shutil

import pytest

from leerstad.content import load_content
from tests.registration.conftest import FIXTURE_CONTENT, NOW
from tests.registration.offer_helpers import field_error, offers, submit_offer

SUBMITTER = "fatima@bouwbedrijf.example"


@pytest.fixture
def logged_in(admin):
    admin.create()
    admin.login()
    return admin


def subjects_to(db, address: str) -> list[str]:
    return [r["subject"] for r in db.execute("SELECT subject FROM outbox WHERE to_address = ? ORDER BY id", [address])]


def test_moderation_pages_need_a_login(client, db):
    submit_offer(client)
    for path in ("/beheer/stages/", "/beheer/stages/1"):
        response = client.get(path)
        assert response.status_code == 302
        assert "/beheer/inloggen" in response.headers["Location"]
    response = client.post("/beheer/stages/1/goedkeuren")
    assert response.status_code == 302 and "/beheer/inloggen" in response.headers["Location"]
    client.post("/beheer/stages/1/afwijzen", data={"reason": "Nee"})
    assert offers(db)[0]["status"] == "pending"


def test_pending_list_shows_submitted_offers_oldest_first(client, logged_in):
    submit_offer(client)
    submit_offer(client, title="Stage helpende zorg", sector="zorg")
    response = client.get("/beheer/stages/")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Wacht op beoordeling (2)" in page
    assert page.index("Stage timmerman nieuwbouw") < page.index("Stage helpende zorg")
    assert response.headers["Cache-Control"] == "no-store"


def test_detail_shows_the_offer_and_its_contact_person(client, logged_in):
    submit_offer(client, group="ja", group_size="6-8", supervision="Docent gaat mee")
    page = client.get("/beheer/stages/1").get_data(as_text=True)
    assert "Fatima el Amrani" in page and SUBMITTER in page
    assert "ja, 6-8 leerlingen; begeleiding: Docent gaat mee" in page
    assert "vmbo, mbo" in page
    assert "Goedkeuren" in page and "Reden van afwijzing" in page


def test_unknown_offer_is_not_found(client, logged_in):
    assert client.get("/beheer/stages/99").status_code == 404
    assert client.post("/beheer/stages/99/goedkeuren").status_code == 404


def test_approval_mails_the_submitter_and_is_audit_logged(client, db, logged_in):
    submit_offer(client)
    response = client.post("/beheer/stages/1/goedkeuren")
    assert response.status_code == 302
    [row] = offers(db)
    assert (row["status"], row["decided_by"]) == ("approved", "beheerder")
    assert subjects_to(db, SUBMITTER)[-1] == 'Goedgekeurd: je stageaanbod "Stage timmerman nieuwbouw"'
    [entry] = db.execute("SELECT * FROM audit_log WHERE action = 'stage goedgekeurd'").fetchall()
    assert entry["username"] == "beheerder"
    assert "Stage timmerman nieuwbouw" in entry["detail"]
    assert "Goedgekeurd." in client.get("/beheer/stages/1").get_data(as_text=True)


def test_rejection_needs_a_reason(client, db, logged_in):
    submit_offer(client)
    for reason in ("", "   "):
        response = client.post("/beheer/stages/1/afwijzen", data={"reason": reason})
        assert response.status_code == 422
        assert "Vul de reden in" in field_error(response.get_data(as_text=True), "reason")
    assert offers(db)[0]["status"] == "pending"
    response = client.post("/beheer/stages/1/afwijzen", data={"reason": "r" * 2001})
    assert response.status_code == 422
    assert "hoogstens 2000 tekens" in field_error(response.get_data(as_text=True), "reason")
    assert subjects_to(db, SUBMITTER) == ['Ontvangen: je stageaanbod "Stage timmerman nieuwbouw"']


def test_rejection_mails_the_reason_to_the_submitter(client, db, logged_in):
    submit_offer(client)
    reason = "Dit is een vacature, geen stage. Bied hem aan als leer-werkplek."
    assert client.post("/beheer/stages/1/afwijzen", data={"reason": reason}).status_code == 302
    [row] = offers(db)
    assert (row["status"], row["reject_reason"]) == ("rejected", reason)
    mail = db.execute("SELECT * FROM outbox WHERE to_address = ? ORDER BY id DESC", [SUBMITTER]).fetchone()
    assert mail["subject"] == 'Niet geplaatst: je stageaanbod "Stage timmerman nieuwbouw"'
    assert reason in mail["body"]
    assert db.execute("SELECT count(*) FROM audit_log WHERE action = 'stage afgewezen'").fetchone()[0] == 1


def test_a_decided_offer_cannot_be_decided_again(client, db, logged_in):
    submit_offer(client)
    client.post("/beheer/stages/1/afwijzen", data={"reason": "Geen tekortsector."})
    mails_before = len(subjects_to(db, SUBMITTER))
    client.post("/beheer/stages/1/goedkeuren")
    assert offers(db)[0]["status"] == "rejected"
    assert len(subjects_to(db, SUBMITTER)) == mails_before
    page = client.get("/beheer/stages/1").get_data(as_text=True)
    assert "was al beoordeeld" in page
    assert "Goedkeuren</button>" not in page


def test_a_withdrawn_offer_cannot_be_approved(client, db, logged_in):
    from tests.registration.offer_helpers import offer_token

    submit_offer(client)
    client.post(f"/doe-mee/stage-aanbieden/{offer_token(db, SUBMITTER)}/intrekken")
    client.post("/beheer/stages/1/goedkeuren")
    assert offers(db)[0]["status"] == "withdrawn"


# --- export into content/


@pytest.fixture
def content_copy(tmp_path):
    target = tmp_path / "site-content"
    shutil.copytree(FIXTURE_CONTENT, target)
    return target


def export(runner, content_copy):
    return runner.invoke(args=["offers", "export", "--content-dir", str(content_copy)])


def test_export_writes_each_approved_offer_as_a_valid_content_file_once(client, db, runner, logged_in, content_copy):
    submit_offer(client)
    submit_offer(client, title="Stage helpende zorg", organisation="Zorghuis Noord", sector="zorg", group="ja", group_size="6-8",
                 supervision="Een docent is elke dag bij de groep.")
    submit_offer(client, title="Nog in beoordeling")
    client.post("/beheer/stages/1/goedkeuren")
    client.post("/beheer/stages/2/goedkeuren")
    result = export(runner, content_copy)
    assert result.exit_code == 0, result.output
    first = content_copy / "stagemarkt" / "bouwbedrijf-zuid-voorbeeld-stage-timmerman-nieuwbouw.md"
    second = content_copy / "stagemarkt" / "zorghuis-noord-stage-helpende-zorg.md"
    assert f"geschreven: {first}" in result.output
    assert f"geschreven: {second}" in result.output
    assert "git add" in result.output
    assert not any("nog-in-beoordeling" in p.name for p in (content_copy / "stagemarkt").iterdir())
    content = load_content(content_copy, today=NOW.date())
    assert content.errors == []
    timmerman = content.internships[first.stem]
    assert (timmerman.organisation, timmerman.levels, timmerman.hours, timmerman.date) == (
        "Bouwbedrijf Zuid (voorbeeld)", ("vmbo", "mbo"), 24, NOW.date()
    )
    zorg = content.internships[second.stem]
    assert (zorg.group, zorg.group_size, zorg.supervision) == (True, "6-8", "Een docent is elke dag bij de groep.")
    rows = offers(db)
    assert [r["slug"] for r in rows] == [first.stem, second.stem, None]
    assert rows[0]["exported_at"] is not None
    # A second run has nothing left to do and leaves the files alone.
    before = first.read_bytes()
    again = export(runner, content_copy)
    assert again.exit_code == 0
    assert "geen goedgekeurd aanbod" in again.output
    assert first.read_bytes() == before


def test_export_never_overwrites_a_file_and_picks_a_free_slug(client, db, runner, logged_in, content_copy):
    taken = content_copy / "stagemarkt" / "bouwbedrijf-zuid-voorbeeld-stage-timmerman-nieuwbouw.md"
    # An editor's own file that happens to have the slug, about something else.
    text = (content_copy / "stagemarkt" / "operator-maasvlakte.md").read_text(encoding="utf-8")
    taken.write_text(text, encoding="utf-8")
    submit_offer(client)
    client.post("/beheer/stages/1/goedkeuren")
    result = export(runner, content_copy)
    assert result.exit_code == 0, result.output
    assert taken.read_text(encoding="utf-8") == text
    assert (content_copy / "stagemarkt" / "bouwbedrijf-zuid-voorbeeld-stage-timmerman-nieuwbouw-2.md").is_file()
    assert load_content(content_copy, today=NOW.date()).errors == []


def test_export_refuses_an_offer_that_is_already_published(client, db, runner, logged_in, content_copy):
    submit_offer(client, organisation="Voorbeeldterminal (voorbeeld)", title="Stage havenoperator")
    client.post("/beheer/stages/1/goedkeuren")
    result = export(runner, content_copy)
    assert result.exit_code == 1
    assert "niet geschreven: aanbod 1" in result.output
    assert "er staat al een aanbod van deze organisatie met deze titel" in result.output
    assert "operator-maasvlakte.md" in result.output
    assert sorted(p.name for p in (content_copy / "stagemarkt").iterdir()) == ["groepsstage-zorg.md", "operator-maasvlakte.md"]
    assert offers(db)[0]["exported_at"] is None


def test_export_refuses_an_offer_whose_sector_left_the_content(client, db, runner, logged_in, content_copy):
    submit_offer(client, sector="zorg")
    client.post("/beheer/stages/1/goedkeuren")
    (content_copy / "sectors" / "zorg.md").unlink()
    (content_copy / "stagemarkt" / "groepsstage-zorg.md").unlink()
    result = export(runner, content_copy)
    assert result.exit_code == 1
    assert "sector 'zorg' bestaat niet" in result.output
    assert offers(db)[0]["exported_at"] is None


def test_export_leaves_out_an_offer_that_expired_before_it_was_exported(make_app, content_copy):
    import datetime as dt

    app = make_app()
    client = app.test_client()
    runner = app.test_cli_runner()
    runner.invoke(args=["users", "create", "beheerder", "--password", "een-lang-wachtwoord"])
    client.post("/beheer/inloggen", data={"username": "beheerder", "password": "een-lang-wachtwoord"})
    submit_offer(client, expires="2026-12-01")
    client.post("/beheer/stages/1/goedkeuren")
    app.config["NOW"] = dt.datetime(2026, 12, 2, 9, 0, tzinfo=dt.UTC)
    result = export(runner, content_copy)
    assert result.exit_code == 1
    assert "verlopen op 2026-12-01" in result.output
    assert len(list((content_copy / "stagemarkt").iterdir())) == 2


def test_export_refuses_a_folder_that_is_not_a_content_folder(runner, tmp_path):
    result = runner.invoke(args=["offers", "export", "--content-dir", str(tmp_path)])
    assert result.exit_code != 0
    assert "lijkt geen content-map" in result.output


def test_pending_list_shows_where_an_exported_offer_was_written(client, runner, logged_in, content_copy):
    submit_offer(client)
    client.post("/beheer/stages/1/goedkeuren")
    export(runner, content_copy)
    page = client.get("/beheer/stages/").get_data(as_text=True)
    assert "content/stagemarkt/bouwbedrijf-zuid-voorbeeld-stage-timmerman-nieuwbouw.md" in page


# --- retention


def test_purge_forgets_decided_offers_and_their_mails_after_the_retention_period(make_app, smtp_server):
    import datetime as dt
    import sqlite3

    app = make_app(DOE_MEE_RETENTION_DAYS=30)
    client, runner = app.test_client(), app.test_cli_runner()
    smtp_server(app.config["SMTP_PORT"])
    runner.invoke(args=["users", "create", "beheerder", "--password", "een-lang-wachtwoord"])
    client.post("/beheer/inloggen", data={"username": "beheerder", "password": "een-lang-wachtwoord"})
    submit_offer(client, title="Afgewezen stage")
    submit_offer(client, title="Goedgekeurde stage", expires="2027-01-31")
    submit_offer(client, title="Wacht nog", expires="2027-05-31")
    client.post("/beheer/stages/1/afwijzen", data={"reason": "Geen stage."})
    client.post("/beheer/stages/2/goedkeuren")
    assert runner.invoke(args=["send-mail"]).exit_code == 0

    def remaining() -> tuple[list[str], int]:
        conn = sqlite3.connect(app.config["DATABASE"])
        titles = [r[0] for r in conn.execute("SELECT title FROM internship_offers ORDER BY id")]
        mails = conn.execute("SELECT count(*) FROM outbox WHERE kind LIKE 'offer_%'").fetchone()[0]
        conn.close()
        return titles, mails

    app.config["NOW"] = dt.datetime(2026, 12, 22, 12, 0, tzinfo=dt.UTC)  # 29 days later: everything stays
    result = runner.invoke(args=["offers", "purge"])
    assert "verwijderd: 0 stageaanbiedingen en 0 verstuurde mails" in result.output
    assert remaining() == (["Afgewezen stage", "Goedgekeurde stage", "Wacht nog"], 5)

    app.config["NOW"] = dt.datetime(2026, 12, 24, 12, 0, tzinfo=dt.UTC)  # 31 days after the rejection
    runner.invoke(args=["offers", "purge"])
    assert remaining() == (["Goedgekeurde stage", "Wacht nog"], 0)

    app.config["NOW"] = dt.datetime(2027, 3, 3, 12, 0, tzinfo=dt.UTC)  # 31 days after the approved offer expired
    result = runner.invoke(args=["offers", "purge"])
    assert result.exit_code == 0
    assert remaining() == (["Wacht nog"], 0)

    app.config["NOW"] = dt.datetime(2027, 7, 2, 12, 0, tzinfo=dt.UTC)  # never decided, expired 32 days ago
    runner.invoke(args=["offers", "purge"])
    assert remaining() == ([], 0)


def test_admin_navigation_leads_to_the_offers(client, logged_in):
    page = client.get("/beheer/").get_data(as_text=True)
    assert '<a href="/beheer/stages/">Stageaanbod</a>' in page


def test_an_absurdly_large_offer_id_is_404_not_500(client, logged_in):
    huge = "99999999999999999999999"
    assert client.get(f"/beheer/stages/{huge}").status_code == 404
    assert client.post(f"/beheer/stages/{huge}/goedkeuren").status_code == 404
    assert client.post(f"/beheer/stages/{huge}/afwijzen", data={"reason": "x"}).status_code == 404
