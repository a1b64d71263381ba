"""Pelican settings for the published site: pelicanconf.py with the public address."""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: E402,F403

SITEURL = "https://leerstad.rotterdam.nl"
FEED_DOMAIN = SITEURL
