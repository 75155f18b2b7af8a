"""Database URLs: the signal a URL's scheme gives (catalog urls.toml), wherever the URL is written."""

from __future__ import annotations

import re

from framefit.catalog import Catalog

_URL = re.compile(r"\b([a-z][a-z0-9]*(?:\+[a-z0-9]+)?)://", re.IGNORECASE)


def scheme_signal(url: str, catalog: Catalog) -> str | None:
    """The signal id for the first URL in `url` whose scheme the catalog knows, else None.

    "postgresql+psycopg://u@h/db" -> "database-url-relational"; "mongodb+srv://..." keeps its
    "+srv" because that is part of the scheme, not a driver.
    """
    schemes = catalog.views.url_schemes
    for found in _URL.finditer(url):
        scheme = found.group(1).lower()
        signal = schemes.get(scheme) or schemes.get(scheme.split("+")[0])
        if isinstance(signal, str):
            return signal
    return None
