"""The outbox: mail survives SMTP being down, is delivered later by `send-mail`, retries back off."""

from __future__ import annotations

import datetime as dt
import time

import icalendar
from aiosmtpd.controller import Controller

from registration import store
from registration.mail import outbox
from registration.mail.compose import Mail
from tests.registration.conftest import NOW, RecordingHandler


def test_signup_is_kept_when_smtp_is_down_and_delivered_later_with_ics(app, signups, runner, smtp_server, db):
    signups.submit(email="amina@example.nl", name="Amina Bakker")
    assert signups.registration("amina@example.nl")["status"] == "confirmed"

    failed = runner.invoke(args=["send-mail"])  # nothing listens on SMTP_PORT yet
    assert failed.exit_code == 1 and "verstuurd: 0, mislukt: 1, nog in de wachtrij: 1" in failed.output
    [row] = db.execute("SELECT * FROM outbox").fetchall()
    assert row["status"] == "pending" and row["attempts"] == 1
    assert "ConnectionRefusedError" in row["last_error"]
    assert row["next_attempt_at"] > row["created_at"]  # backed off, not hammering

    received = smtp_server(app.config["SMTP_PORT"])
    early = runner.invoke(args=["send-mail"])  # not due yet: the back-off is respected
    assert early.exit_code == 0 and received.messages == []
    result = runner.invoke(args=["send-mail", "--retry-now"])
    assert result.exit_code == 0, result.output
    assert "verstuurd: 1" in result.output

    [message] = received.messages
    assert message["To"] == "amina@example.nl"
    assert message["Subject"] == "Je bent aangemeld: Opening Netwerkweek"
    body = message.get_body(("plain",)).get_content()
    assert "Hallo Amina Bakker" in body and "https://leerstad.example/mijn/" in body
    [attachment] = list(message.iter_attachments())
    assert attachment.get_content_type() == "text/calendar"
    assert attachment.get_filename() == "opening-netwerkweek.ics"
    calendar = icalendar.Calendar.from_ical(attachment.get_payload(decode=True))
    [event] = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Opening Netwerkweek"
    assert event.start == dt.datetime(2027, 3, 15, 10, 0, tzinfo=event.start.tzinfo)

    row = db.execute("SELECT * FROM outbox").fetchone()
    assert row["status"] == "sent" and row["sent_at"] is not None  # kept, not deleted
    assert runner.invoke(args=["send-mail"]).output.startswith("verstuurd: 0")  # never sent twice


def test_mail_is_sent_right_after_the_request_without_cron(make_app, smtp_server):
    app = make_app(MAIL_SEND_AFTER_REQUEST=True)
    received = smtp_server(app.config["SMTP_PORT"])
    client = app.test_client()
    response = client.post("/aanmelden/opening-netwerkweek", data={"name": "A", "email": "a@example.nl", "consent": "y"})
    response.close()  # the server closes the response after sending it; that starts the delivery
    deadline = time.monotonic() + 10
    while not received.messages and time.monotonic() < deadline:
        time.sleep(0.05)
    assert [m["To"] for m in received.messages] == ["a@example.nl"]


def test_failed_mail_retries_back_off_exponentially_up_to_six_hours():
    delays = [outbox.retry_delay(n) for n in (1, 2, 3, 4, 20)]
    assert delays == [dt.timedelta(minutes=1), dt.timedelta(minutes=2), dt.timedelta(minutes=4),
                      dt.timedelta(minutes=8), dt.timedelta(hours=6)]


def test_unsendable_mail_is_kept_and_rescheduled_never_deleted(tmp_path):
    path = tmp_path / "db.sqlite"
    store.migrate(path)
    db = store.connect(path)
    with store.immediate_transaction(db):
        outbox.enqueue(db, Mail("confirmation", "a@example.nl", "Onderwerp", "Tekst"), registration_id=None, now=NOW)
    down = outbox.SmtpSettings(host="127.0.0.1", port=1, timeout=1)
    moment = NOW
    for attempt in range(1, 4):
        report = outbox.deliver(db, down, now=moment)
        assert report.failed == 1
        row = db.execute("SELECT * FROM outbox").fetchone()
        assert row["attempts"] == attempt and row["status"] == "pending"
        assert outbox.deliver(db, down, now=moment).failed == 0  # not due again until the back-off passed
        moment = dt.datetime.fromisoformat(row["next_attempt_at"])
    assert db.execute("SELECT count(*) FROM outbox").fetchone()[0] == 1


def test_header_injection_cannot_reach_a_mail_header(tmp_path):
    row = {"to_address": "a@example.nl\r\nBcc: b@example.nl", "subject": "x", "body": "y", "attachment": None}
    try:
        outbox.build_message(row, "noreply@example.nl")
    except ValueError:
        return
    raise AssertionError("a CR/LF in a header value was accepted")


def test_waiting_and_promotion_mails_are_dutch(signups, client):
    signups.submit("excursie-terminal", email="klas@school.nl", seats="30", school="Zadkine")
    signups.submit("excursie-terminal", email="wacht@example.nl", name="Sem")
    [waiting] = signups.mails_to("wacht@example.nl")
    assert waiting["subject"] == "Je staat op de wachtlijst: Excursie containerterminal"
    assert "plaats 1" in waiting["body"]
    client.post(f"/mijn/{signups.manage_token('klas@school.nl')}/annuleren")
    promotion = signups.mails_to("wacht@example.nl")[-1]
    assert promotion["kind"] == "promotion"
    assert "Goed nieuws: er is een plaats vrijgekomen" in promotion["body"]
    cancellation = signups.mails_to("klas@school.nl")[-1]
    assert cancellation["subject"] == "Je aanmelding is geannuleerd: Excursie containerterminal"


def test_registrants_of_an_event_cancelled_in_the_content_are_told_once(make_app, content_dir, smtp_server):
    from tests.registration.conftest import write_event

    write_event(content_dir, "afgelast", capacity=1)
    app = make_app(CONTENT_DIR=str(content_dir))
    client = app.test_client()
    for address in ("plaats@example.nl", "wacht@example.nl"):
        client.post("/aanmelden/afgelast", data={"name": "Noor", "email": address, "consent": "y"})
    runner = app.test_cli_runner()
    received = smtp_server(app.config["SMTP_PORT"])
    runner.invoke(args=["send-mail"])
    assert len(received.messages) == 2  # confirmation and waiting-list notice
    write_event(content_dir, "afgelast", capacity=1, status="cancelled")
    runner.invoke(args=["send-mail"])
    runner.invoke(args=["send-mail"])  # a second run does not mail again
    notices = {m["To"]: m for m in received.messages[2:]}
    assert set(notices) == {"plaats@example.nl", "wacht@example.nl"}
    assert notices["plaats@example.nl"]["Subject"] == "Gaat niet door: Test afgelast"
    assert "Je plaats vervalt" in notices["plaats@example.nl"].get_body(("plain",)).get_content()
    assert "wachtlijst; die vervalt" in notices["wacht@example.nl"].get_body(("plain",)).get_content()


def test_address_with_an_international_domain_gets_its_mail_from_a_server_without_smtputf8(app, signups, runner):
    # The form accepts jan@exämple.nl; a server that does not speak SMTPUTF8 takes it as punycode.
    assert signups.submit(email="jan@exämple.nl").status_code == 302
    handler = RecordingHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=app.config["SMTP_PORT"], enable_SMTPUTF8=False)
    controller.start()
    try:
        result = runner.invoke(args=["send-mail", "--retry-now"])
    finally:
        controller.stop()
    assert result.exit_code == 0 and "verstuurd: 1" in result.output, result.output
    [message] = handler.messages
    assert message["To"] == "jan@xn--exmple-cua.nl"
