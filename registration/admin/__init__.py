"""The admin side under /beheer: one guarded blueprint (guard.py) with an area per module, and admin accounts."""
