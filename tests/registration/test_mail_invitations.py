"""Mails as calendar clients and mail clients read them: invitations, their cancellation, both text parts, headers."""

from __future__ import annotations

import email.utils
import re

import pytest

from leerstad.calendar import PROGRAMME_MAILBOX
from tests.calendar_parsers import icaljs_module, read_everywhere


@pytest.fixture(scope="module")
def icaljs(tmp_path_factory):
    return icaljs_module(tmp_path_factory.mktemp("node"))


def delivered(app, runner, smtp_server):
    received = smtp_server(app.config["SMTP_PORT"])
    result = runner.invoke(args=["send-mail", "--retry-now"])
    assert result.exit_code == 0, result.output
    return received.messages


def calendar_parts(message):
    return [part for part in message.walk() if part.get_content_type() == "text/calendar"]


def test_confirmation_is_an_invitation_from_the_programme_mailbox_that_every_parser_reads(
    app, signups, runner, smtp_server, db, icaljs, tmp_path
):
    signups.submit(email="amina@example.nl", name="Amina Bakker")
    registration_id = signups.registration("amina@example.nl")["id"]
    [message] = delivered(app, runner, smtp_server)
    inline, attached = calendar_parts(message)
    assert inline.get_content_disposition() is None and attached.get_content_disposition() == "attachment"
    for part in (inline, attached):
        assert part.get_params()[1:] == [("method", "REQUEST"), ("charset", "utf-8")]
    assert message.get_content_type() == "multipart/mixed"
    assert [p.get_content_type() for p in message.get_payload()[0].get_payload()] == ["text/plain", "text/html", "text/calendar"]
    for seen in read_everywhere(inline.get_payload(decode=True), icaljs, tmp_path):
        assert seen["method"] == "REQUEST" and seen["calname"] is None, seen
        assert seen["uid"] == f"registration-{registration_id}-opening-netwerkweek@leerstad.rotterdam.nl", seen
        assert seen["organizer"] == PROGRAMME_MAILBOX, seen
        assert seen["attendees"] == [("amina@example.nl", "ACCEPTED", "FALSE")], seen


def test_cancelling_sends_cancel_with_the_same_uid_and_a_higher_sequence(app, signups, client, runner, smtp_server, icaljs, tmp_path):
    signups.submit(email="amina@example.nl", name="Amina Bakker")
    client.post(f"/mijn/{signups.manage_token('amina@example.nl')}/annuleren")
    invitation, cancellation = delivered(app, runner, smtp_server)
    [request] = read_everywhere(calendar_parts(invitation)[0].get_payload(decode=True), icaljs, tmp_path)[:1]
    [inline, _] = calendar_parts(cancellation)
    assert inline.get_param("method") == "CANCEL"
    for seen in read_everywhere(inline.get_payload(decode=True), icaljs, tmp_path):
        assert (seen["method"], seen["status"], seen["uid"]) == ("CANCEL", "CANCELLED", request["uid"]), seen
        assert seen["sequence"] == request["sequence"] + 1, seen
    assert "haalt je agenda-app het er met deze e-mail weer uit" in cancellation.get_body(("plain",)).get_content()


def test_two_registrations_on_one_address_get_two_invitations(app, signups, runner, smtp_server):
    signups.submit(email="juf@school.nl")
    signups.submit("excursie-terminal", email="juf@school.nl", school="Zadkine")
    uids = {read["uid"] for m in delivered(app, runner, smtp_server) for read in read_everywhere(
        calendar_parts(m)[0].get_payload(decode=True), None, None)}
    assert len(uids) == 2


def test_waiting_list_gets_no_invitation_and_its_cancellation_cancels_nothing(app, signups, client, runner, smtp_server):
    signups.submit("excursie-terminal", email="klas@school.nl", seats="30", school="Zadkine")
    signups.submit("excursie-terminal", email="wacht@example.nl", name="Sem")
    client.post(f"/mijn/{signups.manage_token('wacht@example.nl')}/annuleren")
    to_waiting = [m for m in delivered(app, runner, smtp_server) if m["To"] == "wacht@example.nl"]
    assert [calendar_parts(m) for m in to_waiting] == [[], []]


def test_promotion_from_the_waiting_list_is_an_invitation(app, signups, client, runner, smtp_server):
    signups.submit("excursie-terminal", email="klas@school.nl", seats="30", school="Zadkine")
    signups.submit("excursie-terminal", email="wacht@example.nl", name="Sem")
    client.post(f"/mijn/{signups.manage_token('klas@school.nl')}/annuleren")
    [waiting, promotion] = [m for m in delivered(app, runner, smtp_server) if m["To"] == "wacht@example.nl"]
    assert calendar_parts(promotion)[0].get_param("method") == "REQUEST"


def test_mail_has_reply_to_auto_submitted_a_zoned_date_and_an_escaped_html_part(app, signups, runner, smtp_server):
    signups.submit(email="amina@example.nl", name="<b>Amina</b> & co")
    [message] = delivered(app, runner, smtp_server)
    assert message["Reply-To"] == app.config["PROGRAMME_MAILBOX"]
    assert message["Auto-Submitted"] == "auto-generated"
    assert not message["Date"].endswith("-0000")
    assert email.utils.parsedate_to_datetime(message["Date"]).utcoffset() is not None
    html = message.get_body(("html",)).get_content()
    assert "&lt;b&gt;Amina&lt;/b&gt; &amp; co" in html and "<b>Amina" not in html
    assert '<a href="https://leerstad.example/mijn/' in html and ">Bekijken of annuleren</a>" in html
    text = message.get_body(("plain",)).get_content()
    assert "Hallo <b>Amina</b> & co" in text


def test_confirmation_offers_the_personal_feed_for_apple_google_and_to_copy(signups):
    signups.submit(email="amina@example.nl")
    [mail] = signups.mails_to("amina@example.nl")
    lines = mail["body"].splitlines()
    webcal = next(line for line in lines if line.startswith("iPhone, iPad of Mac: ")).split(": ", 1)[1]
    assert webcal.startswith("webcal://leerstad.example/agenda/")
    google = next(line for line in lines if line.startswith("Google Agenda: ")).split(": ", 1)[1]
    assert google.startswith("https://calendar.google.com/calendar/render?cid=webcal%3A%2F%2Fleerstad.example%2Fagenda%2F")
    assert any(line.endswith(": " + webcal.replace("webcal://", "https://")) for line in lines)
    words = re.sub(r"\S+://\S+", "", mail["body"])  # the labels, without the addresses
    assert ".ics" not in words and "webcal" not in words.lower()
