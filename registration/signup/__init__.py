"""Signing up for events: rules, form, views, the manage link, personal feed and live availability."""
