"""Pelican plugin for Leerstad's own content types: sectors, events, hubs, stagemarkt, partners and the site frame."""

from pelican import signals

from .events import EventsGenerator
from .headings import add_to_markdown_settings
from .home import HomeGenerator
from .hubs import HubsGenerator
from .organisations import OrganisationsGenerator
from .sectors import SectorsGenerator
from .site_content import prepare_generator
from .stagemarkt import StagemarktGenerator
from .stories import StoriesGenerator, attach_stories


def get_generators(pelican):
    return [SectorsGenerator, EventsGenerator, HubsGenerator, StagemarktGenerator, OrganisationsGenerator, StoriesGenerator, HomeGenerator]


def register() -> None:
    # generator_init fires first for Pelican's own ArticlesGenerator, so content is loaded and
    # checked before Pelican reads a single story.
    signals.initialized.connect(add_to_markdown_settings)
    signals.generator_init.connect(prepare_generator)
    signals.get_generators.connect(get_generators)
    signals.article_generator_finalized.connect(attach_stories)
