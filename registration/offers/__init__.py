"""Internship offers from employers: submission, manage link, moderation and export to content/stagemarkt/."""
