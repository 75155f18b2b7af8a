"""Inline suppression: `# framefit: ignore[FF101]` on the line a finding points at, as a filter.

`# framefit: ignore[FF101, FF102]` silences those rules on that line; `# framefit: ignore` with
no list silences every rule there. Rule ids are matched exactly, case-insensitively. The comment
works in every file a finding can point at (Python, requirements, TOML, Dockerfile, YAML), since
all of them comment with `#`. Files are read through the RepoReader; one that cannot be read
suppresses nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from framefit.model import Finding
from framefit.walk.reader import ReadError, RepoReader

_COMMENT = re.compile(r"#\s*framefit:\s*ignore\b(\[[^\]]*\])?", re.IGNORECASE)


def ignored_here(line: str) -> frozenset[str] | None:
    """The rule ids a line's comment silences: None without a comment, {"*"} for all of them."""
    match = _COMMENT.search(line)
    if match is None:
        return None
    if match.group(1) is None:
        return frozenset({"*"})
    return frozenset(part.upper() for part in re.split(r"[\s,]+", match.group(1)[1:-1]) if part)


def split(findings: Iterable[Finding], reader: RepoReader) -> tuple[tuple[Finding, ...], tuple[Finding, ...]]:
    """`findings` parted into (kept, suppressed) by the comment on the line each points at."""
    cache: dict[str, list[str] | None] = {}
    kept: list[Finding] = []
    suppressed: list[Finding] = []
    for found in findings:
        (suppressed if _silenced(found, reader, cache) else kept).append(found)
    return tuple(kept), tuple(suppressed)


def _silenced(found: Finding, reader: RepoReader, cache: dict[str, list[str] | None]) -> bool:
    if found.path is None or found.line is None:
        return False
    if found.path not in cache:
        cache[found.path] = _lines(reader, found.path)
    lines = cache[found.path]
    if lines is None or not 0 < found.line <= len(lines):
        return False
    ids = ignored_here(lines[found.line - 1])
    return ids is not None and ("*" in ids or found.rule.upper() in ids)


def _lines(reader: RepoReader, path: str) -> list[str] | None:
    try:
        return reader.read_bytes(path).decode("utf-8", errors="replace").splitlines()
    except ReadError:
        return None
