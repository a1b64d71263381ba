"""The keyed hash of a registrant's e-mail address that reach figures count unique people by.

HMAC-SHA256 with a server secret over the normalised address (the same normalisation as
`signups.email_key`, i.e. `people.normalise_address`): the same person gives the same key across events, but without the
secret nobody can test an address against a key, unlike a plain hash of an address.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from typing import Any

from sqlite_utils import Database

from registration.signup.rules import email_key


def person_key(email: str, secret: str | bytes) -> str:
    """The keyed hash for `email`; Jan@School.nl and jan@school.nl give the same key."""
    key = secret.encode("utf-8") if isinstance(secret, str) else secret
    return hmac.new(key, email_key(email).encode("utf-8"), hashlib.sha256).hexdigest()


def fill_person_keys(db: Database, secret: str | bytes) -> int:
    """Give every registration that still has an address its key; returns how many were filled.

    Sign-up (registration/signups.py) does not know the secret, so keys are filled here,
    before anything counts, purges or erases by them. Idempotent.
    """
    rows = db.execute("SELECT id, email FROM registrations WHERE person_key IS NULL").fetchall()
    for row in rows:
        db.execute("UPDATE registrations SET person_key = ? WHERE id = ?", [person_key(row["email"], secret), row["id"]])
    return len(rows)


def person_key_secret(config: Mapping[str, Any]) -> str:
    """PERSON_KEY_SECRET, else SECRET_KEY. Set its own in production: rotating SECRET_KEY
    (to log everyone out) must not change every key and so double unique counts."""
    secret = config.get("PERSON_KEY_SECRET") or config.get("SECRET_KEY")
    if not secret:
        raise RuntimeError("PERSON_KEY_SECRET en SECRET_KEY ontbreken: zonder geheim kan het bereik niet geteld worden")
    return str(secret)
