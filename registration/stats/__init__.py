"""Website statistics without cookies: a first-party page-view counter, daily aggregates and follow-through funnels."""
