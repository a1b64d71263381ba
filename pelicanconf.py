"""Pelican settings for the public Leerstad Rotterdam site, for a local build (`make build`)."""

from leerstad import registry, urls

SITENAME = "Leerstad Rotterdam"
# Atom (RFC 4287) needs a named author on every story entry; a story may name its own with Author:.
AUTHOR = SITENAME
SITEURL = "http://localhost:8000"
RELATIVE_URLS = False
DEFAULT_LANG = "nl"
TIMEZONE = "Europe/Amsterdam"

PATH = "content"
THEME = "theme"
# Start from an empty output/ so an expired offer or a deleted event leaves no stale page behind.
DELETE_OUTPUT_DIRECTORY = True
# Pin the moment the build treats as "now" (what is upcoming, which offers expired), e.g. in tests:
# LEERSTAD_NOW = "2026-11-23T12:00:00+01:00"

# Stories are articles; the slug is the file name, which is the identity everywhere else too.
ARTICLE_PATHS = registry.article_paths()
SLUGIFY_SOURCE = "basename"
ARTICLE_URL = urls.story_path("{slug}").lstrip("/")
ARTICLE_SAVE_AS = ARTICLE_URL + "index.html"
PAGE_PATHS = [registry.PAGES_FOLDER]
PAGE_URL = urls.page_path("{slug}").lstrip("/")
PAGE_SAVE_AS = PAGE_URL + "index.html"
STATIC_PATHS = [registry.IMAGES_FOLDER]
# Every registered content type but stories is read by our own generators (plugins/leerstad_site)
# through leerstad.content, not by Pelican: without these excludes Pelican would publish an event
# file as a story or a page. Computed from the registry, so a new type is excluded by declaring it.
ARTICLE_EXCLUDES = registry.article_excludes()
PAGE_EXCLUDES = registry.page_excludes()
USE_FOLDER_AS_CATEGORY = False
DEFAULT_CATEGORY = "verhalen"

# Our generator writes the home page and the story list; Pelican's index/tag/category/author/
# archive pages have no place on this site.
DIRECT_TEMPLATES = []
TAG_SAVE_AS = ""
TAG_URL = ""
CATEGORY_SAVE_AS = ""
CATEGORY_URL = ""
AUTHOR_SAVE_AS = ""
AUTHOR_URL = ""
ARCHIVES_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""
ARTICLE_LANG_SAVE_AS = ""
PAGE_LANG_SAVE_AS = ""

# One Atom feed: the stories. Feeds per category, author, tag or language are off.
FEED_DOMAIN = SITEURL
FEED_ATOM = urls.stories_feed_path().lstrip("/")
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
FEED_MAX_ITEMS = 50

PLUGIN_PATHS = ["plugins"]
# Listing PLUGINS turns off discovery of pip-installed pelican.plugins.*: sitemap is listed here.
PLUGINS = ["leerstad_site", "pelican.plugins.sitemap", "leerstad_privacy", "leerstad_feeds"]

SITEMAP = {
    "format": "xml",
    "priorities": {"articles": 0.6, "indexes": 0.8, "pages": 0.5},
    "changefreqs": {"articles": "monthly", "indexes": "daily", "pages": "monthly"},
    "exclude": [r"^404\.html$", r"^zoeken/"],
}

# Titles and summaries come from editors: escape them; Markdown bodies are marked safe where rendered.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}

DEFAULT_PAGINATION = False
TYPOGRIFY = False
