"""Personal data: the keyed person hash, reach figures, the retention purge and a registrant's own data."""
