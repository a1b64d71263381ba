"""The schema of the registration database as named migrations, applied by store.migrate at start-up.

sqlite-utils records each migration by its name in _sqlite_migrations: never rename, reorder or
remove one (tests/registration/test_migrations.py checks the names of the last release are a
prefix). A new schema change is appended at the end, with a name that starts with its number
and says which domain it belongs to, e.g. `0300_signup_...`, `0301_offers_...`.
"""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database, Migrations

migrations = Migrations("leerstad-registration")


@migrations(name="0001_registrations_and_outbox")
def _v1(db: Database) -> None:
    db.execute(
        """
        CREATE TABLE registrations (
            id INTEGER PRIMARY KEY,
            event_slug TEXT NOT NULL,
            name TEXT NOT NULL,
            email TEXT NOT NULL,
            email_key TEXT NOT NULL,
            seats INTEGER NOT NULL CHECK (seats > 0),
            school TEXT,
            education_level TEXT,
            age_group TEXT,
            postcode TEXT,
            status TEXT NOT NULL CHECK (status IN ('confirmed', 'waiting', 'cancelled')),
            token_hash TEXT NOT NULL UNIQUE,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            cancelled_at TEXT,
            promoted_at TEXT
        )
        """
    )
    db.execute("CREATE INDEX registrations_event ON registrations (event_slug, status, id)")
    db.execute("CREATE INDEX registrations_email ON registrations (email_key)")
    # One live registration per address per event; a cancelled one does not block signing up again.
    db.execute(
        "CREATE UNIQUE INDEX registrations_one_per_email ON registrations (event_slug, email_key) "
        "WHERE status != 'cancelled'"
    )
    db.execute(
        """
        CREATE TABLE outbox (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            registration_id INTEGER REFERENCES registrations (id),
            to_address TEXT NOT NULL,
            subject TEXT NOT NULL,
            body TEXT NOT NULL,
            attachment_name TEXT,
            attachment BLOB,
            created_at TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent')),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT NOT NULL,
            claimed_until TEXT,
            last_error TEXT,
            sent_at TEXT
        )
        """
    )
    db.execute("CREATE INDEX outbox_due ON outbox (status, next_attempt_at)")


@migrations(name="0002_admin_attendance_audit")
def _v2(db: Database) -> None:
    db.execute("ALTER TABLE registrations ADD COLUMN consent_at TEXT")
    db.execute("ALTER TABLE registrations ADD COLUMN attended_at TEXT")
    db.execute("ALTER TABLE registrations ADD COLUMN attended_by TEXT")
    db.execute(
        """
        CREATE TABLE admins (
            id INTEGER PRIMARY KEY,
            username TEXT NOT NULL UNIQUE,
            password_hash TEXT NOT NULL,
            created_at TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            username TEXT NOT NULL,
            action TEXT NOT NULL,
            event_slug TEXT,
            detail TEXT
        )
        """
    )


@migrations(name="0003_event_cancellation_notice")
def _v3(db: Database) -> None:
    # When the event itself is cancelled in the content, each registrant is mailed once.
    db.execute("ALTER TABLE registrations ADD COLUMN event_cancelled_notified_at TEXT")


@migrations(name="0200_reach_aggregates")
def _reach_aggregates(db: Database) -> None:
    # Reach figures and privacy (registration/reach.py, retention.py, my_data.py; docs/privacy.md).
    # person_key: keyed hash (HMAC) of the address, for counting unique people.
    db.execute("ALTER TABLE registrations ADD COLUMN person_key TEXT")
    db.execute("CREATE INDEX registrations_person ON registrations (person_key)")
    # Anonymous counts of purged or erased registrations, one row per event and one value of one
    # dimension (never a cross-tab, so no row describes one person by several traits at once).
    db.execute(
        """
        CREATE TABLE reach_counts (
            event_slug TEXT NOT NULL,
            dimension TEXT NOT NULL,
            value TEXT NOT NULL,
            sectors TEXT NOT NULL,
            registrations INTEGER NOT NULL DEFAULT 0,
            waiting INTEGER NOT NULL DEFAULT 0,
            seats INTEGER NOT NULL DEFAULT 0,
            attended INTEGER NOT NULL DEFAULT 0,
            attended_seats INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (event_slug, dimension, value)
        )
        """
    )
    # Keyed hashes of people reached in purged registrations, per sector ('' = whole programme),
    # with no link to a name, event or date: keeps unique counts right across purges.
    db.execute("CREATE TABLE reach_people (scope TEXT NOT NULL, person_key TEXT NOT NULL, PRIMARY KEY (scope, person_key)) WITHOUT ROWID")
    # People who asked to be forgotten still count once per scope they were reached in.
    db.execute("CREATE TABLE reach_erased_people (scope TEXT PRIMARY KEY, people INTEGER NOT NULL)")


@migrations(name="0100_internship_offers_and_ideas")
def _internship_offers(db: Database) -> None:
    # Offers employers submit (registration/offers.py). Ideas for youth projects get no table:
    # they only pass through the outbox on their way to the city's mailbox (registration/ideas.py).
    db.execute(
        """
        CREATE TABLE internship_offers (
            id INTEGER PRIMARY KEY,
            status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn')),
            token_hash TEXT NOT NULL UNIQUE,
            contact_name TEXT NOT NULL,
            contact_email TEXT NOT NULL,
            title TEXT NOT NULL,
            summary TEXT NOT NULL,
            organisation TEXT NOT NULL,
            sector TEXT NOT NULL,
            levels TEXT NOT NULL,
            location TEXT NOT NULL,
            period TEXT NOT NULL,
            hours INTEGER NOT NULL,
            is_group INTEGER NOT NULL DEFAULT 0,
            group_size TEXT,
            supervision TEXT,
            apply TEXT NOT NULL,
            expires TEXT NOT NULL,
            description TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            decided_at TEXT,
            decided_by TEXT,
            reject_reason TEXT,
            exported_at TEXT,
            slug TEXT UNIQUE
        )
        """
    )
    db.execute("CREATE INDEX internship_offers_status ON internship_offers (status, exported_at, id)")


@migrations(name="0300_signup_people_links_and_feeds")
def _signup_people(db: Database) -> None:
    # People, not tokens (registration/signup/people.py): one person per normalised address owns
    # any number of revocable links and a read-only feed address; only hashes are stored.
    from registration.signup.people import normalise_address  # the one place that knows the rule

    db.execute(
        "CREATE TABLE people (id INTEGER PRIMARY KEY, address TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL)"
    )
    db.execute(
        """
        CREATE TABLE person_links (
            id INTEGER PRIMARY KEY,
            token_hash TEXT NOT NULL UNIQUE,
            person_id INTEGER NOT NULL REFERENCES people (id),
            registration_id INTEGER REFERENCES registrations (id) ON DELETE SET NULL,
            created_at TEXT NOT NULL,
            revoked_at TEXT
        )
        """
    )
    db.execute("CREATE INDEX person_links_person ON person_links (person_id)")
    # person_id is NULL once the person is erased: the row is then only a tombstone (hash, moment).
    db.execute(
        """
        CREATE TABLE person_feeds (
            id INTEGER PRIMARY KEY,
            token_hash TEXT NOT NULL UNIQUE,
            person_id INTEGER REFERENCES people (id),
            created_at TEXT NOT NULL,
            revoked_at TEXT
        )
        """
    )
    db.execute("CREATE INDEX person_feeds_person ON person_feeds (person_id)")
    db.execute("ALTER TABLE registrations ADD COLUMN person_id INTEGER REFERENCES people (id)")
    db.execute("CREATE INDEX registrations_person_id ON registrations (person_id)")
    # Links already mailed keep working: each registration's token becomes a link of its person and,
    # since it was also the feed address, one of that person's (legacy) feed addresses.
    rows = db.execute("SELECT id, email, email_key, token_hash, created_at FROM registrations ORDER BY id").fetchall()
    for registration_id, email, old_key, token_hash, created_at in rows:
        address = normalise_address(email)
        found = db.execute("SELECT id FROM people WHERE address = ?", [address]).fetchone()
        if found is None:
            person_id = db.execute("INSERT INTO people (address, created_at) VALUES (?, ?)", [address, created_at]).lastrowid
        else:
            person_id = found[0]
        db.execute("UPDATE registrations SET person_id = ? WHERE id = ?", [person_id, registration_id])
        if email.strip().casefold() != address:
            # Its keyed hash was made from the casefolded address (straße@ -> strasse@); refilled from
            # the new key by privacy.person_key.fill_person_keys, so two people keep two keys.
            db.execute("UPDATE registrations SET person_key = NULL WHERE id = ?", [registration_id])
        if old_key != address:
            try:
                db.execute("UPDATE registrations SET email_key = ? WHERE id = ?", [address, registration_id])
            except sqlite3.IntegrityError:
                pass  # two live sign-ups for one event now share an address: keep the old key, both stay
        db.execute(
            "INSERT INTO person_links (token_hash, person_id, registration_id, created_at) VALUES (?, ?, ?, ?)",
            [token_hash, person_id, registration_id, created_at],
        )
        db.execute(
            "INSERT INTO person_feeds (token_hash, person_id, created_at) VALUES (?, ?, ?)",
            [token_hash, person_id, created_at],
        )
