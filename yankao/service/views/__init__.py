"""Views of the service app (public site, back office, hotline records, statistics)."""
