"""Distribution names as the catalog keys them: PEP 503's normalised form.

packaging.utils.canonicalize_name does the same, but importing it imports packaging.tags (and
with it platform, sysconfig and logging), some 10 ms of every run for one substitution.
"""

from __future__ import annotations

import re

_SEPARATORS = re.compile(r"[-_.]+")


def canonical_name(name: str) -> str:
    """`name` normalised as PEP 503 says: runs of '-', '_' and '.' become one '-', lower case."""
    return _SEPARATORS.sub("-", name).lower()
