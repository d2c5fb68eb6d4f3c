"""Feeds and article URLs: fetching, parsing, canonical URLs, duplicate detection and scheduled refresh."""
