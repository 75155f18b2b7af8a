"""Candidate services: directories with a dependency manifest or a manage.py (DESIGN's rule).

The walk only proposes; after scanning, `settle` keeps the candidates that really are services
(a manifest that declares something, or app code using a web framework) and folds the rest
into the nearest candidate above them.
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
    """Every candidate service directory, the root always among them.

    A directory whose only claim is a manage.py is a candidate only when no manifest sits at or
    above it: `requirements.txt` at the top with the Django project in `src/` is one service.
    """
    manifests: set[str] = set()
    manage: set[str] = set()
    for path in paths:
        found = candidate_of(path)
        if found is not None:
            (manage if path.rsplit("/", 1)[-1] == "manage.py" else manifests).add(found)
    found_all = {"."} | manifests
    found_all.update(d for d in manage if not any(_at_or_above(m, d) for m in manifests))
    return tuple(sorted(found_all))


def _at_or_above(ancestor: str, path: str) -> bool:
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
