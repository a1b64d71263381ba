"""The statistics' own SQLite file: its schema and connections, apart from the registration database.

Page views arrive far more often than sign-ups. Writing them to a separate file means a burst of
beacons never queues behind (or in front of) a sign-up's BEGIN IMMEDIATE on the registration
database; the two files have separate write locks.
"""

from __future__ import annotations

from pathlib import Path

from sqlite_utils import Database, Migrations

from registration import store

migrations = Migrations("leerstad-stats")


@migrations(name="0001_stats_daily_counts_today_tables_and_salt")
def _v1(db: Database) -> None:
    # Kept: counts per Rotterdam day and per value of one dimension; never a visitor.
    db.execute(
        """
        CREATE TABLE stats_daily (
            day TEXT NOT NULL,
            dimension TEXT NOT NULL,
            value TEXT NOT NULL,
            views INTEGER NOT NULL DEFAULT 0,
            visitors INTEGER,
            PRIMARY KEY (day, dimension, value)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE stats_funnel (
            day TEXT NOT NULL,
            scope TEXT NOT NULL,
            step TEXT NOT NULL,
            visitors INTEGER NOT NULL,
            PRIMARY KEY (day, scope, step)
        )
        """
    )
    # Today only: emptied at the day boundary, after counting (rules.roll_over).
    db.execute(
        """
        CREATE TABLE stats_today_visitors (
            dimension TEXT NOT NULL,
            value TEXT NOT NULL,
            visitor TEXT NOT NULL,
            PRIMARY KEY (dimension, value, visitor)
        ) WITHOUT ROWID
        """
    )
    db.execute(
        """
        CREATE TABLE stats_today_steps (
            scope TEXT NOT NULL,
            step TEXT NOT NULL,
            visitor TEXT NOT NULL,
            PRIMARY KEY (scope, step, visitor)
        ) WITHOUT ROWID
        """
    )
    db.execute("CREATE TABLE stats_salt (day TEXT PRIMARY KEY, salt BLOB NOT NULL)")


def connect(path: str | Path) -> Database:
    """A connection with the registration database's settings (secure_delete, busy timeout), to another file."""
    return store.connect(path)


def migrate(path: str | Path) -> None:
    store.migrate(path, migrations)
