"""Paths of the app's personal pages (under the /mijn/ and /agenda/ prefixes of leerstad.urls)."""

from __future__ import annotations


def manage_path(token: str) -> str:
    return f"/mijn/{token}"


def manage_cancel_path(token: str) -> str:
    return f"/mijn/{token}/annuleren"


def manage_ics_path(token: str) -> str:
    return f"/mijn/{token}/evenement.ics"


def personal_feed_path(token: str) -> str:
    return f"/agenda/{token}.ics"


def absolute(site_url: str, path: str) -> str:
    return site_url.rstrip("/") + path
