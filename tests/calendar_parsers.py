"""Reads one calendar with icalendar, vobject and Mozilla's ical.js and returns what each saw, side by side."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import icalendar
import vobject

REPO = Path(__file__).resolve().parents[1]

# Prints, for the calendar on stdin, what ical.js reads: METHOD, and per VEVENT the iTIP fields.
ICALJS_SCRIPT = """
const { readFileSync } = await import("node:fs");
const ICAL = (await import(process.argv[2])).default;
const calendar = new ICAL.Component(ICAL.parse(readFileSync(0, "utf8")));
for (const zone of calendar.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(zone);
process.stdout.write(JSON.stringify({
  method: calendar.getFirstPropertyValue("method"),
  calname: calendar.getFirstPropertyValue("x-wr-calname"),
  events: calendar.getAllSubcomponents("vevent").map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid,
      summary: event.summary,
      sequence: event.sequence,
      status: vevent.getFirstPropertyValue("status"),
      organizer: vevent.getFirstPropertyValue("organizer"),
      attendees: vevent.getAllProperties("attendee").map((p) => ({
        value: p.getFirstValue(), partstat: p.getParameter("partstat"), rsvp: p.getParameter("rsvp"), cn: p.getParameter("cn"),
      })),
      start: event.startDate.toUnixTime(),
      end: event.endDate.toUnixTime(),
      alarms: vevent.getAllSubcomponents("valarm").length,
    };
  }),
}));
"""


def icaljs_module(tmp_dir: Path) -> Path | None:
    """ical.js from the project's node_modules (make test installs it), else a fresh install; None without node."""
    if shutil.which("node") is None:
        return None
    installed = REPO / "node_modules" / "ical.js" / "dist" / "ical.js"
    if installed.is_file():
        return installed
    if shutil.which("npm") is None:
        return None
    done = subprocess.run(
        ["npm", "install", "--no-save", "--no-audit", "--no-fund", "--prefix", str(tmp_dir), "ical.js@2"],
        capture_output=True, text=True,
    )
    return tmp_dir / "node_modules" / "ical.js" / "dist" / "ical.js" if done.returncode == 0 else None


def read_with_icaljs(module: Path, data: bytes, tmp_dir: Path) -> dict:
    script = tmp_dir / "read_calendar.mjs"
    script.write_text(ICALJS_SCRIPT, encoding="utf-8")
    done = subprocess.run(["node", str(script), module.as_uri()], input=data, capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr.decode()
    return json.loads(done.stdout)


def _address(value: object) -> str:
    return str(value).removeprefix("mailto:").removeprefix("MAILTO:")


def read_everywhere(data: bytes, icaljs: Path | None, tmp_dir: Path) -> list[dict]:
    """What icalendar, vobject and (if there) ical.js read: METHOD, UID, SEQUENCE, ORGANIZER, ATTENDEE, times in UTC."""
    seen = []
    calendar = icalendar.Calendar.from_ical(data)
    [event] = calendar.events
    seen.append({
        "parser": "icalendar", "method": str(calendar.get("METHOD")), "calname": calendar.get("X-WR-CALNAME"),
        "uid": str(event["UID"]), "sequence": int(event.get("SEQUENCE", 0)), "status": str(event.get("STATUS")),
        "organizer": _address(event.get("ORGANIZER")) if "ORGANIZER" in event else None,
        "attendees": [(_address(a), a.params.get("PARTSTAT"), a.params.get("RSVP")) for a in _list(event.get("ATTENDEE"))],
        "start": event.start.astimezone(dt.UTC), "end": event.end.astimezone(dt.UTC),
    })
    parsed = vobject.readOne(data.decode("utf-8"))
    vevent = parsed.vevent
    seen.append({
        "parser": "vobject", "method": parsed.method.value if hasattr(parsed, "method") else None,
        "calname": parsed.contents["x-wr-calname"][0].value if "x-wr-calname" in parsed.contents else None,
        "uid": vevent.uid.value, "sequence": int(vevent.sequence.value) if hasattr(vevent, "sequence") else 0,
        "status": vevent.status.value if hasattr(vevent, "status") else "None",
        "organizer": _address(vevent.organizer.value) if hasattr(vevent, "organizer") else None,
        "attendees": [
            (_address(a.value), a.params.get("PARTSTAT", [None])[0], a.params.get("RSVP", [None])[0])
            for a in vevent.contents.get("attendee", [])
        ],
        "start": vevent.dtstart.value.astimezone(dt.UTC), "end": vevent.dtend.value.astimezone(dt.UTC),
    })
    if icaljs is not None:
        read = read_with_icaljs(icaljs, data, tmp_dir)
        [js] = read["events"]
        seen.append({
            "parser": "ical.js", "method": read["method"], "calname": read["calname"], "uid": js["uid"],
            "sequence": js["sequence"], "status": js["status"],
            "organizer": _address(js["organizer"]) if js["organizer"] else None,
            "attendees": [(_address(a["value"]), a["partstat"], a["rsvp"]) for a in js["attendees"]],
            "start": dt.datetime.fromtimestamp(js["start"], dt.UTC), "end": dt.datetime.fromtimestamp(js["end"], dt.UTC),
        })
    return seen


def _list(value: object) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]
