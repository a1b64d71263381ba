"""Link and feed tokens: random, shown once, stored only as a SHA-256 hash; and finding the row a token opens."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any

from sqlite_utils import Database

# Tables whose rows a token opens (a token_hash column); the name goes into SQL, so only these.
# A registration is opened through its person's links (registration/signup/people.py), never by
# registrations.token_hash, which would ignore a revoked link: so "registrations" is not here.
TOKEN_TABLES = frozenset({"internship_offers", "person_links", "person_feeds"})


def new_token() -> tuple[str, str]:
    """A fresh token for a manage link and the hash to store in its place."""
    token = secrets.token_urlsafe(32)
    return token, hash_token(token)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def token_matches(token: str, stored_hash: str) -> bool:
    """Constant-time check that `token` belongs to `stored_hash`."""
    return hmac.compare_digest(hash_token(token), stored_hash)


def looks_like_token(value: str) -> bool:
    """Cheap shape check before touching the database (token_urlsafe(32) is 43 characters)."""
    return 40 <= len(value) <= 64 and all(ch.isascii() and (ch.isalnum() or ch in "-_") for ch in value)


def find_by_token(db: Database, table: str, token: str) -> dict[str, Any] | None:
    """The row of `table` a manage link belongs to, or None for any unknown or malformed token."""
    if table not in TOKEN_TABLES:
        raise ValueError(f"{table} has no manage links; tables with a token_hash: {', '.join(sorted(TOKEN_TABLES))}")
    if not looks_like_token(token):
        return None
    row = db.execute(f"SELECT * FROM {table} WHERE token_hash = ?", [hash_token(token)]).fetchone()
    if row is None or not token_matches(token, row["token_hash"]):
        return None
    return dict(row)
