"""Admin accounts: usernames with werkzeug password hashes, created from the command line."""

from __future__ import annotations

import datetime as dt
import re

from sqlite_utils import Database
from werkzeug.security import check_password_hash, generate_password_hash

from registration.store import iso

USERNAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{1,39}$")
MIN_PASSWORD_LENGTH = 12

# Checked against when the username is unknown, so a login takes as long either way.
_DUMMY_HASH = generate_password_hash("not-a-real-password-but-same-cost")


class AccountError(ValueError):
    """An account cannot be created as asked; the message says why (Dutch, for the CLI user)."""


def create_admin(db: Database, username: str, password: str, *, now: dt.datetime) -> None:
    if not USERNAME_PATTERN.match(username):
        raise AccountError("gebruikersnaam: 2-40 tekens, kleine letters, cijfers, punt, streepje of liggend streepje")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"wachtwoord: minstens {MIN_PASSWORD_LENGTH} tekens")
    if db.execute("SELECT 1 FROM admins WHERE username = ?", [username]).fetchone():
        raise AccountError(f"gebruiker '{username}' bestaat al")
    db.execute(
        "INSERT INTO admins (username, password_hash, created_at) VALUES (?, ?, ?)",
        [username, generate_password_hash(password), iso(now)],
    )


def set_password(db: Database, username: str, password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"wachtwoord: minstens {MIN_PASSWORD_LENGTH} tekens")
    cursor = db.execute("UPDATE admins SET password_hash = ? WHERE username = ?", [generate_password_hash(password), username])
    if cursor.rowcount == 0:
        raise AccountError(f"gebruiker '{username}' bestaat niet")


def verify_admin(db: Database, username: str, password: str) -> bool:
    row = db.execute("SELECT password_hash FROM admins WHERE username = ?", [username]).fetchone()
    if row is None:
        check_password_hash(_DUMMY_HASH, password)
        return False
    return check_password_hash(row["password_hash"], password)


def usernames(db: Database) -> list[str]:
    return [r["username"] for r in db.execute("SELECT username FROM admins ORDER BY username")]
