"""Leerstad Rotterdam's shared content model, used by the Pelican site and the Flask app."""
