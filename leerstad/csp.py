"""The Content-Security-Policy of the static site and of the app: everything from our own origin, no inline script.

One place for both, so nginx (deploy/nginx-leerstad.conf), the local stack (registration/local.py)
and the app (registration/errors.py) send the same rules; tests compare them with this module.
"""

from __future__ import annotations

_SHARED = ("object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'")

# Pagefind's search (/zoeken/) compiles its WebAssembly index reader, which a policy without
# 'wasm-unsafe-eval' refuses; that keyword allows WebAssembly only, not JavaScript eval().
# Its stylesheet draws the search box's icons as data: SVG images.
SITE_POLICY = "; ".join(
    ("default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "style-src 'self'", "img-src 'self' data:", *_SHARED)
)


def app_policy(style_nonce: str | None = None) -> str:
    """The app's policy; `style_nonce` allows the <style> elements of one response that carry it (the reach charts)."""
    style = "style-src 'self'" + (f" 'nonce-{style_nonce}'" if style_nonce else "")
    return "; ".join(("default-src 'self'", "script-src 'self'", style, *_SHARED))
