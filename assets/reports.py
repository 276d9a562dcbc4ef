"""Assets of the charts and reports groups (filled in below)."""

ASSETS: list = []
