"""Publishing approved offers the git way: each becomes content/stagemarkt/<slug>.md for an editor to review and commit.

The export never overwrites a file and never writes a text the content model would
refuse. An offer it cannot write stays approved and unexported, with the reason in the
report, so the editor can fix the cause and run the export again.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from leerstad.content import load_content
from leerstad.internship_file import OfferFileError, internship_markdown, offer_path, offer_slug, taken_slugs
from leerstad.model import TIMEZONE
from registration.offers import rules as offers
from registration.store import immediate_transaction


@dataclass(frozen=True)
class Written:
    offer_id: int
    path: Path
    organisation: str
    title: str


@dataclass(frozen=True)
class Refused:
    offer_id: int
    organisation: str
    title: str
    reason: str  # Dutch, for the editor at the command line


@dataclass
class ExportReport:
    written: list[Written] = field(default_factory=list)
    refused: list[Refused] = field(default_factory=list)


def export_approved(db: Database, content_root: Path, *, now: dt.datetime) -> ExportReport:
    """Write every approved, not yet exported offer into `content_root`/stagemarkt/ and mark it exported."""
    today = now.astimezone(TIMEZONE).date()
    content = load_content(content_root, today=today)
    published = {(i.organisation.casefold(), i.title.casefold()): i.source_path for i in content.internships.values()}
    taken = taken_slugs(content_root) | offers.exported_slugs(db)
    report = ExportReport()
    for row in offers.approved_not_exported(db):
        offer = offers.offer_from_row(row)
        key = (offer.organisation.casefold(), offer.title.casefold())
        reason = None
        if offer.expires < today:
            reason = f"verlopen op {offer.expires:%Y-%m-%d}; niet geschreven, want het zou meteen van de site verdwijnen"
        elif offer.sector not in content.sectors:
            reason = f"sector '{offer.sector}' bestaat niet (meer) in {content_root}; kies een bestaande sector"
        elif key in published:
            reason = f"er staat al een aanbod van deze organisatie met deze titel: {published[key]}; niet nog een keer geschreven"
        if reason is None:
            slug = offer_slug(offer.organisation, offer.title, taken)
            path = offer_path(content_root, slug)
            try:
                text = internship_markdown(offer, published=today)
                if not _write_and_mark(db, row["id"], slug, path, text, now=now):
                    continue  # another export run took it meanwhile
            except OfferFileError as error:
                reason = f"zou geen geldig inhoudsbestand worden: {error}"
            except FileExistsError:
                reason = f"{path} bestaat al; niets overschreven"
            except sqlite3.IntegrityError:
                # Another export running at the same moment took this slug for another offer.
                reason = f"de naam '{slug}' is net door een andere export gebruikt; draai de export nog een keer"
        if reason is not None:
            report.refused.append(Refused(row["id"], offer.organisation, offer.title, reason))
            continue
        taken.add(slug)
        published[key] = path
        report.written.append(Written(row["id"], path, offer.organisation, offer.title))
    return report


def _write_and_mark(db: Database, offer_id: int, slug: str, path: Path, text: str, *, now: dt.datetime) -> bool:
    with immediate_transaction(db):
        if not offers.mark_exported(db, offer_id, slug, now=now):
            return False
        path.parent.mkdir(parents=True, exist_ok=True)
        # Mode "x": fails if the file exists, so nothing an editor wrote is ever overwritten;
        # the exception rolls back the mark above.
        with open(path, "x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    return True
