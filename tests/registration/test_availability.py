"""Availability JSON that the static event pages read for live "seats left"."""

from __future__ import annotations

from leerstad.urls import availability_path
from tests.registration.conftest import write_event


def test_lists_only_events_taking_signups_with_seats_left_waiting_and_capacity(signups, client):
    signups.submit("excursie-terminal", email="klas@school.nl", seats="30", school="Zadkine")
    signups.submit("excursie-terminal", email="wacht@example.nl")
    response = client.get(availability_path())
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=30"
    assert response.json == {
        "events": {
            "opening-netwerkweek": {"seats_left": 300, "waiting": 0, "capacity": 300, "full": False},
            "excursie-terminal": {"seats_left": 0, "waiting": 1, "capacity": 30, "full": True},
            "meeloopdag-wijkzorg": {"seats_left": 12, "waiting": 0, "capacity": 12, "full": False},
        }
    }


def test_closed_and_past_events_are_left_out(make_app, content_dir):
    write_event(content_dir, "gesloten", registration="closed")
    write_event(content_dir, "voorbij", start="2026-10-01 10:00", end="2026-10-01 12:00")
    events = make_app(CONTENT_DIR=str(content_dir)).test_client().get(availability_path()).json["events"]
    assert "gesloten" not in events and "voorbij" not in events and "zorgcafe" not in events


def test_seats_left_never_goes_below_zero_when_capacity_is_lowered(make_app, content_dir):
    write_event(content_dir, "krimp", capacity=3)
    client = make_app(CONTENT_DIR=str(content_dir)).test_client()
    for n in range(3):
        client.post("/aanmelden/krimp", data={"name": "A", "email": f"a{n}@example.nl", "consent": "y"})
    write_event(content_dir, "krimp", capacity=1)
    assert client.get(availability_path()).json["events"]["krimp"]["seats_left"] == 0
