"""The admin side under /beheer: accounts, audit log, events with registrations, check-in."""
