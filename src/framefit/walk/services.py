"""Candidate services: directories with a dependency manifest or a manage.py (DESIGN's rule).

The walk only proposes, from paths alone; after scanning, answers/repo.py keeps the candidates
that really are services and `settle` folds the rest into the nearest kept one above them. A
file named like a manifest is one only when it declares something: a `pyproject.toml` of tool
settings (`[tool.ruff]`), a `setup.py` that is a module of a package (a handler named setup),
a requirements file that includes nothing. So a manage.py folder below such a file is a
service of its own, and one below a real manifest (`requirements.txt` at the top, the Django
project in `src/`) belongs to that manifest's service: `declared` decides, from the evidence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

_MANIFEST = re.compile(
    r"(?:requirements[\w.-]*\.(?:txt|in)|pyproject\.toml|setup\.py|setup\.cfg|Pipfile(?:\.lock)?"
    r"|poetry\.lock|uv\.lock|pdm\.lock|manage\.py|environment\.ya?ml|PKG-INFO)"
)
# Folders whose manifests describe their parent: requirement includes and packaging metadata.
_BELONGS_TO_PARENT = re.compile(r"(?:requirements|reqs|.+\.dist-info|.+\.egg-info)")


def candidate_of(path: str) -> str | None:
    """The directory this file would make a service of, if it is a manifest."""
    *dirs, name = path.split("/")
    if not _MANIFEST.fullmatch(name) and not (dirs and name == "METADATA"):
        return None
    if dirs and _BELONGS_TO_PARENT.fullmatch(dirs[-1]):
        dirs = dirs[:-1]
    elif name == "METADATA":
        return None
    return "/".join(dirs) or "."


def candidates(paths: Iterable[str]) -> tuple[str, ...]:
    """Every candidate service directory (a manifest's or a manage.py's), the root among them."""
    found = {"."}
    found.update(c for path in paths if (c := candidate_of(path)) is not None)
    return tuple(sorted(found))


def declared(manifests: Iterable[str], projects: Iterable[str]) -> frozenset[str]:
    """The candidates that are services of their own if they use a web framework: those whose
    manifest declares something, and those with a manage.py and no such manifest at or above."""
    real = frozenset(manifests)
    return real | {p for p in projects if not any(at_or_above(m, p) for m in real)}


def at_or_above(ancestor: str, path: str) -> bool:
    """Whether the repo directory `ancestor` ("." the root) is `path` or holds it."""
    return ancestor == "." or path == ancestor or path.startswith(ancestor + "/")


def owner(path: str, services: Iterable[str]) -> str:
    """The innermost service directory that holds `path`."""
    best = "."
    for service in services:
        inside = service != "." and (path == service or path.startswith(service + "/"))
        if inside and (len(service) > len(best) or best == "."):
            best = service
    return best


def parent_service(service: str, services: Iterable[str]) -> str:
    """The innermost other service above `service` ("." for a top-level one)."""
    above = [s for s in services if s != service and (s == "." or service.startswith(s + "/"))]
    return max(above, key=lambda s: 0 if s == "." else len(s), default=".")


def settle(candidates: Iterable[str], keep: Mapping[str, bool]) -> dict[str, str]:
    """Map every candidate to the service it ends in: itself if kept, else its nearest kept parent."""
    ordered = sorted(candidates, key=lambda s: (s != ".", s.count("/"), s))
    result: dict[str, str] = {}
    kept: list[str] = []
    for candidate in ordered:
        if candidate == "." or keep.get(candidate, False):
            result[candidate] = candidate
            kept.append(candidate)
        else:
            result[candidate] = parent_service(candidate, kept)
    return result
