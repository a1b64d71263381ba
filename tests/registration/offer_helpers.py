"""What an employer types into the offer form, and how the tests read back what they received."""

from __future__ import annotations

import re
import sqlite3

OFFER_FORM = "/doe-mee/stage-aanbieden"
MANAGE_LINK = re.compile(r"/doe-mee/stage-aanbieden/([A-Za-z0-9_-]{40,64})")


def offer_fields(**changes: object) -> dict[str, object]:
    """A complete, valid offer; `changes` replace fields (None leaves a field out)."""
    data: dict[str, object] = {
        "contact_name": "Fatima el Amrani",
        "contact_email": "fatima@bouwbedrijf.example",
        "title": "Stage timmerman nieuwbouw",
        "summary": "Bouw mee aan 120 nieuwe woningen in Rotterdam-Zuid.",
        "organisation": "Bouwbedrijf Zuid (voorbeeld)",
        "sector": "haven",
        "levels": ["vmbo", "mbo"],
        "location": "Rotterdam-Zuid",
        "period": "februari t/m juni 2027",
        "hours": "24",
        "group": "nee",
        "group_size": "",
        "supervision": "",
        "apply": "Mail je cv naar stage@bouwbedrijf.example",
        "expires": "2027-06-30",
        "description": "Je werkt mee op de bouwplaats.\n\nWat je leert:\n- kozijnen plaatsen\n- veilig werken",
    }
    return with_changes(data, changes)


def with_changes(data: dict[str, object], changes: dict[str, object]) -> dict[str, object]:
    """`data` with `changes` applied; a change to None leaves that field out."""
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def submit_offer(client, **changes: object):
    return client.post(OFFER_FORM, data=offer_fields(**changes))


def offer_token(db: sqlite3.Connection, address: str) -> str:
    """The manage token from the newest offer mail to `address` that carries one."""
    rows = db.execute("SELECT body FROM outbox WHERE to_address = ? ORDER BY id DESC", [address]).fetchall()
    for row in rows:
        found = MANAGE_LINK.search(row["body"])
        if found:
            return found.group(1)
    raise AssertionError(f"no offer mail with a manage link to {address}")


def offers(db: sqlite3.Connection) -> list[sqlite3.Row]:
    return db.execute("SELECT * FROM internship_offers ORDER BY id").fetchall()


def field_error(html: str, field_id: str) -> str:
    """The error text shown next to one field (empty when there is none)."""
    found = re.search(rf'<p class="field-error" id="{re.escape(field_id)}-fout">(.*?)</p>', html, re.S)
    return re.sub(r"<[^>]+>", "", found.group(1)).removeprefix("Fout: ") if found else ""
