"""The registration database: connection settings, the upgrade at start-up, write transactions and stored moments."""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from sqlite_utils import Database, Migrations

from registration.migrations import migrations

# Long enough that 4 workers queueing for the write lock under a burst of sign-ups
# wait instead of failing; each write transaction here takes milliseconds.
BUSY_TIMEOUT_MS = 10_000
# SQLite's largest INTEGER; a bigger id in a URL cannot name a row (and sqlite3 would raise OverflowError).
MAX_ROW_ID = 2**63 - 1
# Row ids in URLs: a number beyond SQLite's INTEGER range is not found rather than a 500.
ROW_ID = f"int(max={MAX_ROW_ID})"

def connect(path: str | Path) -> Database:
    """Open the database with the settings every connection needs.

    isolation_level=None: we issue BEGIN IMMEDIATE ourselves; Python's implicit
    deferred BEGIN would make a count-then-insert racy.
    """
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    # Erased and purged rows must not stay readable in free pages. Debian's SQLite does this by
    # default, the upstream default does not: say so ourselves.
    conn.execute("PRAGMA secure_delete = ON")
    conn.execute("PRAGMA synchronous = NORMAL")  # safe with WAL: a crash loses no committed transaction's integrity
    return Database(conn)


def migrate(path: str | Path, schema: Migrations = migrations) -> None:
    """Create or upgrade the schema (the registration database's unless told); safe to call from several workers starting at once."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Workers start together (preload off); a file lock lets exactly one apply migrations.
    with _exclusive_lock(path.with_name(path.name + ".migrate-lock")):
        db = connect(path)
        try:
            db.execute("PRAGMA journal_mode = WAL")
            schema.apply(db)
        finally:
            db.close()


@contextlib.contextmanager
def _exclusive_lock(lock_path: Path) -> Iterator[None]:
    with open(lock_path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextlib.contextmanager
def immediate_transaction(db: Database) -> Iterator[Database]:
    """One write transaction that takes SQLite's write lock before reading.

    Counting seats and inserting must happen under the same lock, or two workers
    can both see the last free seat. BEGIN IMMEDIATE takes it up front.
    """
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    else:
        db.conn.execute("COMMIT")


def iso(moment: dt.datetime) -> str:
    """A moment as stored in every *_at column: UTC, ISO 8601, whole seconds."""
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds")
