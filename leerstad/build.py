"""What one site build looks at: the content, checked once, and the moment it is checked against.

Both Pelican plugins (pages and calendar feeds) take these from the build's shared context,
so content is read and validated once per build, whichever plugin asks first. Plain dicts
and logging only: this module does not import Pelican.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any

from leerstad.content import Content, ContentError, load_content
from leerstad.model import TIMEZONE

logger = logging.getLogger(__name__)

CONTENT_KEY = "leerstad_content"  # the validated Content
NOW_KEY = "leerstad_now"  # what is upcoming, what expired


def build_moment(settings: dict[str, Any]) -> dt.datetime:
    """Now in Rotterdam, or LEERSTAD_NOW (ISO 8601) so tests and reproducible builds can pin it."""
    pinned = settings.get("LEERSTAD_NOW")
    if pinned:
        moment = dt.datetime.fromisoformat(pinned) if isinstance(pinned, str) else pinned
        # In Rotterdam time: its date decides which offers expired, also for a moment given in UTC.
        return moment.astimezone(TIMEZONE) if moment.tzinfo else moment.replace(tzinfo=TIMEZONE)
    return dt.datetime.now(TIMEZONE)


def build_content(context: dict[str, Any], settings: dict[str, Any]) -> Content:
    """The build's Content: loaded and checked on first use, then cached on the shared context.

    Raises ContentError after logging every problem, so the build fails.
    """
    if CONTENT_KEY in context:
        return context[CONTENT_KEY]
    now = build_moment(settings)
    content = load_content(Path(settings["PATH"]), today=now.date())
    for warning in content.warnings:
        logger.warning("%s", warning)
    if content.errors:
        # One record with every problem: under `--fatal errors` the first error record already
        # stops Pelican, and editors should see all problems at once.
        listing = "\n".join(str(problem) for problem in content.errors)
        logger.error("Content bevat %d fout(en):\n%s", len(content.errors), listing)
        # Without --fatal, a logged error alone would still let pelican exit 0.
        raise ContentError(content.errors)
    context[CONTENT_KEY] = content
    context[NOW_KEY] = now
    return content
