"""Stories are Pelican articles: attach each one's validated Story and write the story list."""

from __future__ import annotations

import logging
from pathlib import Path

from leerstad import urls
from leerstad.build import build_content

from .site_content import LeerstadGenerator

logger = logging.getLogger(__name__)


def attach_stories(generator) -> None:
    """article_generator_finalized handler: `article.story` is the model's Story for that file."""
    content = build_content(generator.context, generator.settings)
    root = Path(generator.settings["PATH"]).resolve()
    by_path = {(root.parent / story.source_path).resolve(): story for story in content.stories.values()}
    for article in [*generator.articles, *generator.drafts, *getattr(generator, "hidden_articles", [])]:
        story = by_path.get(Path(article.source_path).resolve())
        if story is None:
            logger.error("%s: geen geldig verhaal gevonden voor dit artikel", article.source_path)
            continue
        article.story = story
    # Only published stories get a page; lists on sector and home pages link to these.
    generator.context["published_stories"] = {a.story.slug: a for a in generator.articles if hasattr(a, "story")}


class StoriesGenerator(LeerstadGenerator):
    def generate_output(self, writer) -> None:
        articles = sorted(self.context.get("articles", []), key=lambda a: a.date, reverse=True)
        self.write_page(writer, urls.stories_index_path(), "stories", story_articles=articles)
