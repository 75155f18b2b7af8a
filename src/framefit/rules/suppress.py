"""Inline suppression: `# framefit: ignore[FF101] -- reason` on the line a finding points at.

`# framefit: ignore[FF101, FF102]` silences those rules on that line; `# framefit: ignore` with
no list silences every rule there. Rule ids are matched exactly, case-insensitively; the text
after `--` is the justification every report shows beside the suppressed finding. The comment
works in every file a finding can point at (Python, requirements, TOML, Dockerfile, YAML), since
all of them comment with `#`. Files are read through the RepoReader; one that cannot be read
suppresses nothing.

A comment that silences nothing (no finding of its rules points at its line, or it names no rule)
is an `unused-ignore` diagnostic, as ruff reports an unused `noqa`. Comments are looked for in
the files findings point at and those that create a service's framework, where findings are shown.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace

from framefit.frozen import frozen
from framefit.model import Diagnostic, Finding, SuppressedBy, Suppression
from framefit.walk.reader import ReadError, RepoReader

_COMMENT = re.compile(r"#\s*framefit:\s*ignore\b(\[[^\]]*\])?(?:\s*--\s*(.*))?", re.IGNORECASE)
MAX_JUSTIFICATION = 200  # characters; a justification is one line of a report
EVERY = "*"


@frozen
class Ignore:
    """One ignore comment: the rule ids it silences ({"*"} for all of them) and why."""

    ids: frozenset[str]
    justification: str


def comment_on(line: str) -> Ignore | None:
    """The ignore comment on a line, or None."""
    match = _COMMENT.search(line)
    if match is None:
        return None
    listed, why = match.group(1), " ".join((match.group(2) or "").split())[:MAX_JUSTIFICATION]
    if listed is None:
        return Ignore(frozenset({EVERY}), why)
    return Ignore(frozenset(part.upper() for part in re.split(r"[\s,]+", listed[1:-1]) if part), why)


def ignored_here(line: str) -> frozenset[str] | None:
    """The rule ids a line's comment silences: None without a comment, {"*"} for all of them."""
    found = comment_on(line)
    return None if found is None else found.ids


class Comments:
    """The ignore comments of repository files, each file read once through the reader."""

    def __init__(self, reader: RepoReader) -> None:
        self._reader = reader
        self._files: dict[str, dict[int, Ignore]] = {}

    def of(self, path: str) -> dict[int, Ignore]:
        """Line number -> comment, for every ignore comment in `path` (none when unreadable)."""
        if path not in self._files:
            self._files[path] = {number: found for number, text in enumerate(_lines(self._reader, path), 1)
                                 if (found := comment_on(text)) is not None}
        return self._files[path]

    @property
    def read(self) -> frozenset[str]:
        """Every file looked at: a report that depends on its comments depends on its bytes."""
        return frozenset(self._files)


def split(findings: Iterable[Finding], comments: Comments) -> tuple[tuple[Finding, ...], tuple[Finding, ...]]:
    """`findings` parted into (kept, suppressed) by the comment on the line each points at; each
    suppressed finding carries its comment's justification and place."""
    kept: list[Finding] = []
    suppressed: list[Finding] = []
    for found in findings:
        ignore = comments.of(found.path).get(found.line) if found.path and found.line else None
        if ignore is not None and (EVERY in ignore.ids or found.rule.upper() in ignore.ids):
            why = Suppression(SuppressedBy.COMMENT, ignore.justification, found.path, found.line)
            suppressed.append(replace(found, suppression=why))
        else:
            kept.append(found)
    return tuple(kept), tuple(suppressed)


def unused(comments: Comments, paths: Iterable[str], findings: Iterable[Finding],
           ran: frozenset[str], known: frozenset[str]) -> tuple[Diagnostic, ...]:
    """An `unused-ignore` diagnostic for each comment in `paths` that silences none of
    `findings` (every finding the rules in `ran` made); an id of a rule that did not run is not
    judged, since the comment may be used when it runs."""
    here: dict[tuple[str, int], set[str]] = defaultdict(set)
    for found in findings:
        if found.path and found.line:
            here[(found.path, found.line)].add(found.rule)
    return tuple(Diagnostic(path, line, "unused-ignore", message)
                 for path in sorted(set(paths)) for line, ignore in sorted(comments.of(path).items())
                 if (message := _idle(ignore, here.get((path, line), set()), ran, known)))


def _idle(ignore: Ignore, here: set[str], ran: frozenset[str], known: frozenset[str]) -> str:
    """What a comment silences for nothing, as a message; "" when all of it is used."""
    if EVERY in ignore.ids:
        return "" if here else "# framefit: ignore silences nothing: no finding points at this line"
    if not ignore.ids:
        return "# framefit: ignore[] names no rule"
    problems = _problems(ignore, here, ran, known)
    return f"# framefit: ignore[{', '.join(sorted(ignore.ids))}]: {'; '.join(problems)}" if problems else ""


def _problems(ignore: Ignore, here: set[str], ran: frozenset[str], known: frozenset[str]) -> list[str]:
    """Each rule the comment names that ran and found nothing here, then each unknown id."""
    strangers = sorted(i for i in ignore.ids if i not in known)
    idle = sorted(i for i in ignore.ids if i in ran and i not in here)
    problems = [f"no {i} finding points at this line" for i in idle]
    return problems + [f'"{i}" is not a rule id' for i in strangers]


def _lines(reader: RepoReader, path: str) -> list[str]:
    try:
        return reader.read_bytes(path).decode("utf-8", errors="replace").splitlines()
    except ReadError:
        return []
