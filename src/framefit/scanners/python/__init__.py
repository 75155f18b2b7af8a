"""The Python scanner: one parse of a module (`syntax`), the analyses that read it, and how names
are followed through imports and first-party modules."""
