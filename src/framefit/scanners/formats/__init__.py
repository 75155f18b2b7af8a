"""Readers the scanners share for data formats (TOML, YAML, JSON) and database URLs."""
