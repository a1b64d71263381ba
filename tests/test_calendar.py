"""What a calendar app reads from one of our .ics files, built straight with leerstad.calendar."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject

from leerstad.calendar import (
    CANCEL,
    CONTENT_TYPE,
    PROGRAMME_MAILBOX,
    REGISTERED,
    WAITING_LIST,
    WITHDRAWN,
    Invitation,
    amsterdam_vtimezone,
    build_calendar,
    calendar_bytes,
    calendar_etag,
    calendar_method,
    event_calendar,
    invitation_calendar,
    invitation_uid,
    personalised,
)
from leerstad.content import load_content
from leerstad.event_versions import EventVersion
from tests.calendar_parsers import icaljs_module, read_everywhere

FIXTURE = Path(__file__).parent / "fixtures" / "content"
SITE = "https://leerstad.rotterdam.nl"
STAMP = dt.datetime(2026, 11, 20, 9, 30, tzinfo=dt.UTC)
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def write_event(content: Path, slug: str, **fields: str) -> None:
    header = {
        "Title": "Proefles",
        "Summary": "Een proefles.",
        "Start": "2027-03-15 10:00",
        "End": "2027-03-15 12:00",
        "Location": "Zadkine",
        "Address": "Benthemstraat 20, 3032 CD Rotterdam",
        "Sectors": "zorg",
        "Audience": "mbo",
        "Registration": "none",
        "Organiser": "Zadkine",
    } | fields
    text = "\n".join(f"{key}: {value}" for key, value in header.items()) + "\n\nTekst.\n"
    (content / "events" / f"{slug}.md").write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def content(tmp_path_factory):
    """The shared fixture content plus events around the 2027 DST switches and awkward text."""
    root = tmp_path_factory.mktemp("calendar") / "content"
    shutil.copytree(FIXTURE, root)
    # 28 March 2027: clocks go from 02:00 to 03:00. 31 October 2027: from 03:00 back to 02:00.
    write_event(root, "nacht-voor-zomertijd", Title="Nachtdienst meelopen", Start="2027-03-28 00:30", End="2027-03-28 04:00")
    write_event(root, "middag-zomertijd", Start="2027-03-28 14:00", End="2027-03-28 15:00")
    write_event(root, "nacht-voor-wintertijd", Start="2027-10-31 00:30", End="2027-10-31 04:00")
    write_event(root, "middag-wintertijd", Start="2027-10-31 14:00", End="2027-10-31 15:00")
    write_event(
        root,
        "lastige-tekst",
        Title="Zorg, welzijn; en meer",
        Summary="Komma's, puntkomma's; en een backslash \\ in één zin — met café-bezoek " + "en heel veel uitleg " * 8,
        Location="Café 't Hoekje; achterzaal",
    )
    loaded = load_content(root)
    assert not loaded.errors, loaded.errors
    return loaded


def calendar_for(content, *slugs: str, **options) -> bytes:
    events = [content.events[s] for s in slugs] if slugs else content.events_in_order()
    cal = build_calendar(events, name=options.pop("name", "Leerstad – test"), site_url=SITE, dtstamp=STAMP, **options)
    return calendar_bytes(cal)


def vevents(data: bytes) -> dict[str, icalendar.Event]:
    return {str(e["UID"]).split("@")[0]: e for e in icalendar.Calendar.from_ical(data).events}


def test_every_line_ends_in_crlf_and_is_folded_at_75_octets(content):
    data = calendar_for(content)
    assert data.endswith(b"\r\n")
    lines = data.split(b"\r\n")[:-1]
    assert all(b"\n" not in line and b"\r" not in line for line in lines)
    assert max(len(line) for line in lines) <= 75
    # The long Dutch description with é and — really needed folding, without splitting a character.
    assert any(line.startswith(b" ") for line in lines)
    for line in lines:
        line.decode("utf-8")


def test_commas_semicolons_and_backslashes_in_text_survive_the_round_trip(content):
    data = calendar_for(content, "lastige-tekst")
    assert b"SUMMARY:Zorg\\, welzijn\\; en meer\r\n" in data
    event = vevents(data)["lastige-tekst"]
    assert str(event["SUMMARY"]) == "Zorg, welzijn; en meer"
    assert str(event["LOCATION"]) == "Café 't Hoekje; achterzaal, Benthemstraat 20, 3032 CD Rotterdam"
    parsed = vobject.readOne(data.decode("utf-8"))
    assert parsed.vevent.summary.value == "Zorg, welzijn; en meer"
    assert "backslash \\ in één zin" in parsed.vevent.description.value


def test_description_is_plain_text_with_summary_organiser_audience_and_event_link(content):
    description = str(vevents(calendar_for(content, "opening-netwerkweek"))["opening-netwerkweek"]["DESCRIPTION"])
    lines = description.split("\n")
    assert lines[0] == "De aftrap van de Netwerkweek met wethouder en werkgevers."
    assert "Organisatie: Gemeente Rotterdam" in lines
    assert "Voor: mbo, hbo, werkgevers" in lines
    assert lines[-1] == "Meer informatie en aanmelden: https://leerstad.rotterdam.nl/evenementen/opening-netwerkweek/"
    assert "<" not in description


def test_event_has_stable_uid_url_location_and_sector_titles_as_categories(content):
    data = calendar_for(content, "opening-netwerkweek", sector_titles={"haven": "Haven en logistiek", "zorg": "Zorg en welzijn"})
    event = vevents(data)["opening-netwerkweek"]
    assert str(event["UID"]) == "opening-netwerkweek@leerstad.rotterdam.nl"
    assert str(event["URL"]) == "https://leerstad.rotterdam.nl/evenementen/opening-netwerkweek/"
    assert str(event["LOCATION"]) == "De Doelen, Willem Burgerzaal, Kruisplein 40, 3012 CC Rotterdam"
    assert event.categories == ["Haven en logistiek", "Zorg en welzijn"]
    assert event["DTSTAMP"].dt == STAMP


@pytest.mark.parametrize(
    ("slug", "start_utc", "end_utc"),
    [
        # 00:30 is still winter time (+01:00), 04:00 already summer time (+02:00).
        ("nacht-voor-zomertijd", dt.datetime(2027, 3, 27, 23, 30), dt.datetime(2027, 3, 28, 2, 0)),
        ("middag-zomertijd", dt.datetime(2027, 3, 28, 12, 0), dt.datetime(2027, 3, 28, 13, 0)),
        # 00:30 is still summer time (+02:00), 04:00 winter time again (+01:00).
        ("nacht-voor-wintertijd", dt.datetime(2027, 10, 30, 22, 30), dt.datetime(2027, 10, 31, 3, 0)),
        ("middag-wintertijd", dt.datetime(2027, 10, 31, 13, 0), dt.datetime(2027, 10, 31, 14, 0)),
    ],
)
def test_times_keep_their_utc_offset_on_both_sides_of_the_dst_switch(content, slug, start_utc, end_utc):
    data = calendar_for(content, slug)
    assert b"DTSTART;TZID=Europe/Amsterdam:" in data
    event = vevents(data)[slug]
    assert event.start.astimezone(dt.UTC).replace(tzinfo=None) == start_utc
    assert event.end.astimezone(dt.UTC).replace(tzinfo=None) == end_utc
    # vobject resolves the TZID through the VTIMEZONE written in the file, not the system database.
    parsed = vobject.readOne(data.decode("utf-8")).vevent
    assert parsed.dtstart.value.astimezone(dt.UTC).replace(tzinfo=None) == start_utc
    assert parsed.dtend.value.astimezone(dt.UTC).replace(tzinfo=None) == end_utc


def test_vtimezone_agrees_with_tzdata_for_every_day_until_2037():
    calendar = icalendar.Calendar.from_ical(calendar_bytes(build_calendar([], name="x", site_url=SITE, dtstamp=STAMP)))
    [vtimezone] = calendar.timezones
    ours = vtimezone.to_tz(lookup_tzid=False)  # built from our rules, not looked up by name
    moment = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    while moment.year < 2038:
        # Noon every day, and just before and after 01:00 UTC on Sundays, when the EU switches.
        instants = [moment.replace(hour=12)]
        if moment.weekday() == 6:
            instants += [moment.replace(hour=0, minute=59), moment.replace(hour=1, minute=0)]
        for instant in instants:
            assert instant.astimezone(ours).utcoffset() == instant.astimezone(AMSTERDAM).utcoffset(), instant
        moment += dt.timedelta(days=1)


def test_vtimezone_uses_yearly_rules_that_outlook_understands():
    text = amsterdam_vtimezone().to_ical().decode()
    assert "RDATE" not in text
    assert text.count("RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=") == 2


def test_calendar_header_names_the_feed_and_asks_for_a_refresh_every_12_hours(content):
    data = calendar_for(content, name="Leerstad Rotterdam – Zorg, welzijn", description="Zorg, en meer")
    text = data.decode("utf-8")
    for line in (
        "VERSION:2.0",
        "PRODID:-//Leerstad Rotterdam//Kalender//NL",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "NAME:Leerstad Rotterdam – Zorg\\, welzijn",
        "X-WR-CALNAME:Leerstad Rotterdam – Zorg\\, welzijn",
        "X-WR-TIMEZONE:Europe/Amsterdam",
        "REFRESH-INTERVAL;VALUE=DURATION:PT12H",
        "X-PUBLISHED-TTL:PT12H",
        "X-WR-CALDESC:Zorg\\, en meer",
        "BEGIN:VTIMEZONE",
        "TZID:Europe/Amsterdam",
    ):
        assert line + "\r\n" in text, line
    assert text.index("BEGIN:VTIMEZONE") < text.index("BEGIN:VEVENT")


def test_same_input_gives_identical_bytes_and_calendar_uid(content):
    first, second = calendar_for(content), calendar_for(content)
    assert first == second
    assert calendar_etag(first) == calendar_etag(second)
    other = calendar_for(content, name="Ander overzicht")
    assert icalendar.Calendar.from_ical(other)["UID"] != icalendar.Calendar.from_ical(first)["UID"]
    assert calendar_etag(other) != calendar_etag(first)


def test_cancelled_event_stays_with_status_cancelled_and_a_marked_title(content):
    event = vevents(calendar_for(content))["zorgcafe"]
    assert event["STATUS"] == "CANCELLED"
    assert str(event["SUMMARY"]) == "Geannuleerd: Zorgcafé in de hub"
    assert str(event["DESCRIPTION"]).startswith("Dit evenement gaat niet door.")
    assert event["TRANSP"] == "TRANSPARENT"


def test_scheduled_event_is_confirmed_and_busy(content):
    event = vevents(calendar_for(content))["opening-netwerkweek"]
    assert event["STATUS"] == "CONFIRMED"
    assert event["TRANSP"] == "OPAQUE"


def test_personal_feed_marks_waiting_list_as_tentative_and_withdrawn_as_cancelled(content):
    data = calendar_for(
        content,
        "opening-netwerkweek",
        "excursie-terminal",
        "middag-zomertijd",
        statuses={"opening-netwerkweek": WAITING_LIST, "excursie-terminal": WITHDRAWN, "middag-zomertijd": REGISTERED},
    )
    events = vevents(data)
    waiting = events["opening-netwerkweek"]
    assert waiting["STATUS"] == "TENTATIVE"
    assert str(waiting["SUMMARY"]) == "Opening Netwerkweek (wachtlijst)"
    assert str(waiting["DESCRIPTION"]).startswith("Je staat op de wachtlijst.")
    assert events["excursie-terminal"]["STATUS"] == "CANCELLED"
    assert str(events["excursie-terminal"]["SUMMARY"]) == "Afgemeld: Excursie containerterminal"
    assert events["middag-zomertijd"]["STATUS"] == "CONFIRMED"


def test_event_cancellation_wins_over_a_personal_registration(content):
    event = vevents(calendar_for(content, "zorgcafe", statuses={"zorgcafe": WAITING_LIST}))["zorgcafe"]
    assert event["STATUS"] == "CANCELLED"
    assert "(wachtlijst)" not in str(event["SUMMARY"])


def test_unknown_personal_status_is_refused_with_the_allowed_values(content):
    with pytest.raises(ValueError, match="unknown personal status 'confirmed' for event 'zorgcafe'; use one of registered"):
        calendar_for(content, "zorgcafe", statuses={"zorgcafe": "confirmed"})


def test_dtstamp_without_timezone_is_refused(content):
    with pytest.raises(ValueError, match="dtstamp must be timezone-aware"):
        build_calendar([], name="x", site_url=SITE, dtstamp=dt.datetime(2026, 11, 23, 12, 0))


def test_sequence_and_last_modified_come_from_the_given_versions(content):
    version = EventVersion(3, dt.datetime(2026, 11, 2, 8, 15, 0, tzinfo=dt.UTC))
    events = vevents(calendar_for(content, "zorgcafe", "excursie-terminal", versions={"zorgcafe": version}))
    assert events["zorgcafe"]["SEQUENCE"] == 3
    assert events["zorgcafe"]["LAST-MODIFIED"].dt == version.last_modified
    assert events["excursie-terminal"]["SEQUENCE"] == 0
    assert "LAST-MODIFIED" not in events["excursie-terminal"]


def test_single_event_download_carries_no_calendar_name_so_outlook_adds_the_event(content):
    # Issue 20 changed this: X-WR-CALNAME made Outlook desktop open the file as a new calendar.
    data = calendar_bytes(event_calendar(content.events["excursie-terminal"], site_url=SITE, dtstamp=STAMP, status=WAITING_LIST))
    calendar = icalendar.Calendar.from_ical(data)
    assert "X-WR-CALNAME" not in calendar and "NAME" not in calendar and "REFRESH-INTERVAL" not in calendar
    assert calendar["METHOD"] == "PUBLISH"
    assert [str(e["SUMMARY"]) for e in calendar.events] == ["Excursie containerterminal (wachtlijst)"]


def test_feed_without_events_is_still_a_calendar_every_parser_reads(content):
    data = calendar_bytes(build_calendar([], name="Jongerenhub Charlois", site_url=SITE, dtstamp=STAMP))
    assert icalendar.Calendar.from_ical(data).events == []
    assert vobject.readOne(data.decode("utf-8")).name == "VCALENDAR"
    assert b"BEGIN:VTIMEZONE" in data


def test_content_type_is_text_calendar_in_utf8():
    assert CONTENT_TYPE == "text/calendar; charset=utf-8"


@pytest.fixture(scope="module")
def icaljs(tmp_path_factory):
    return icaljs_module(tmp_path_factory.mktemp("node"))


def invitation(content, slug: str = "excursie-terminal", **options) -> bytes:
    details = {"uid": invitation_uid(7, slug), "attendee_email": "amina@example.nl", "attendee_name": 'Amina "Mien" Bakker'}
    version = options.pop("version", EventVersion(2, dt.datetime(2026, 11, 2, 8, 15, tzinfo=dt.UTC)))
    return calendar_bytes(
        invitation_calendar(content.events[slug], Invitation(**details | options), site_url=SITE, dtstamp=STAMP, version=version)
    )


def test_invitation_is_a_request_from_the_programme_mailbox_to_the_registrant_in_every_parser(content, icaljs, tmp_path):
    for seen in read_everywhere(invitation(content), icaljs, tmp_path):
        assert seen["method"] == "REQUEST", seen
        assert seen["uid"] == "registration-7-excursie-terminal@leerstad.rotterdam.nl", seen
        assert seen["organizer"] == PROGRAMME_MAILBOX, seen
        assert seen["attendees"] == [("amina@example.nl", "ACCEPTED", "FALSE")], seen
        assert seen["sequence"] == 2 and seen["calname"] is None, seen


def test_cancellation_has_the_same_uid_a_higher_sequence_and_status_cancelled(content, icaljs, tmp_path):
    for seen in read_everywhere(invitation(content, method=CANCEL, sequence_offset=1), icaljs, tmp_path):
        assert (seen["method"], seen["status"], seen["sequence"]) == ("CANCEL", "CANCELLED", 3), seen
        assert seen["uid"] == "registration-7-excursie-terminal@leerstad.rotterdam.nl", seen


def test_two_registrations_on_one_address_are_two_invitations(content):
    first = icalendar.Calendar.from_ical(invitation(content, uid=invitation_uid(7, "excursie-terminal")))
    second = icalendar.Calendar.from_ical(invitation(content, uid=invitation_uid(8, "excursie-terminal")))
    assert first.events[0]["UID"] != second.events[0]["UID"]


def test_invitation_reminds_the_day_before_and_a_cancellation_does_not(content):
    [alarm] = icalendar.Calendar.from_ical(invitation(content)).events[0].subcomponents
    assert alarm["ACTION"] == "DISPLAY" and alarm["TRIGGER"].dt == -dt.timedelta(days=1)
    assert not icalendar.Calendar.from_ical(invitation(content, method=CANCEL)).events[0].subcomponents


def test_an_invitation_is_only_request_or_cancel(content):
    with pytest.raises(ValueError, match="an invitation is REQUEST or CANCEL"):
        invitation(content, method="PUBLISH")


def test_feed_events_name_the_programme_mailbox_as_organizer(content):
    event = vevents(calendar_for(content, "opening-netwerkweek"))["opening-netwerkweek"]
    assert str(event["ORGANIZER"]) == "mailto:" + PROGRAMME_MAILBOX
    assert event["ORGANIZER"].params["CN"] == "Leerstad Rotterdam"
    assert "ATTENDEE" not in event


def test_an_end_in_the_repeated_autumn_hour_is_written_in_utc(content, tmp_path, icaljs):
    # 31 October 2027, 02:30 happens twice; the event starts 00:30 summer time and ends at the first 02:30.
    root = tmp_path / "content"
    shutil.copytree(FIXTURE, root)
    write_event(root, "nacht-omschakeling", Start="2027-10-31 00:30", End="2027-10-31 02:30")
    event = load_content(root).events["nacht-omschakeling"]
    data = calendar_bytes(event_calendar(event, site_url=SITE, dtstamp=STAMP))
    assert b"DTSTART;TZID=Europe/Amsterdam:20271031T003000\r\n" in data  # unambiguous: stays local
    assert b"DTEND:20271031T003000Z\r\n" in data
    for seen in read_everywhere(data, icaljs, tmp_path):
        assert seen["end"] == event.end.astimezone(dt.UTC) == dt.datetime(2027, 10, 31, 0, 30, tzinfo=dt.UTC), seen


def test_calendar_method_reads_the_method_line():
    assert calendar_method(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\n") == "REQUEST"
    assert calendar_method(b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nMETHOD:X\r\n") is None


def test_a_personalised_invitation_is_byte_identical_to_one_built_for_that_registration(content):
    template = invitation(content, uid=invitation_uid(7, "excursie-terminal"), attendee_email="a@example.nl", attendee_name="A")
    other = Invitation(invitation_uid(12345, "excursie-terminal"), "noor.de.vries-van-der-laan@een-lange-school.example.nl",
                       "Noor de Vries-van der Laan, Café; ook \\\\ mentor")
    assert personalised(template, other) == invitation(content, **{
        "uid": other.uid, "attendee_email": other.attendee_email, "attendee_name": other.attendee_name})
