"""`exclude` and `extend-exclude`: patterns in `.gitignore` syntax (translated, anchored and made
linear by module `ignore`, as every `.gitignore` is), each relative to the directory it was
written for; a pattern that matches nothing under PATH is an `unmatched-config` diagnostic.

As in a `.gitignore` (and as ruff's users expect), a pattern without a slash matches a name at
any depth (`web` leaves out `services/web`), one with a slash is anchored to its directory
(`services/web`, `/web`), `docs/` matches directories only, `!keep.py` brings a file back, and a
directory left out is left out whole. `./services/web` is `/services/web`. PATH itself is never
left out: it was asked for.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from framefit.frozen import frozen
from framefit.model import Diagnostic
from framefit.walk.ignore import Rules, rules_from


@frozen
class Exclude:
    """One pattern and where it was written: `base` is the scanned root's path below the
    pattern's directory ("" when the pattern is relative to the root itself), `source` names
    where it was set ("--exclude", "FRAMEFIT_EXCLUDE", a configuration file), and `path` and
    `line` are where its diagnostic points ("." and None: the command line or the API)."""

    pattern: str
    base: str = ""
    source: str = "configuration"
    path: str = "."
    line: int | None = None


def normalized(pattern: str) -> str:
    """`pattern` as a `.gitignore` line: blanks around it dropped, `./x` anchored as `/x`."""
    text = pattern.strip()
    if not text.startswith("./"):
        return text
    while text.startswith("./"):
        text = text[2:].lstrip("/")
    return "/" + text if text else ""


def problem(pattern: str) -> str | None:
    """Why `pattern` (normalized) cannot be applied, or None: it is empty, a comment, or has two
    `**` that match at any depth (quadratic in a path's depth, module `ignore`)."""
    if not pattern or pattern.startswith("#"):
        return "not a pattern"
    _, problems = rules_from(pattern.encode("utf-8", "surrogateescape"), "", "")
    return problems[0].message if problems else None


@dataclass
class Excluder:
    """The patterns of a run, compiled once; `excluded` asks about one listed file."""

    patterns: tuple[Exclude, ...]
    rules: list[Rules | None] = field(default_factory=list)
    matched: set[int] = field(default_factory=set)  # indices of the patterns that decided a path
    _directories: dict[str, bool] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for item in self.patterns:
            found, _ = rules_from(normalized(item.pattern).encode("utf-8", "surrogateescape"), "", "")
            self.rules.append(found)

    def excluded(self, path: str) -> bool:
        """Whether the file at `path` (relative to the root) is left out: a directory above it
        is, or it is itself."""
        directory, _, name = path.rpartition("/")
        if directory and self._directory(directory):
            return True
        return self._decide(path, name)

    def covers(self, path: str) -> bool:
        """Whether `path`, a file or a directory (a diagnostic's), is left out."""
        return self.excluded(path) or self._directory(path)

    def _directory(self, directory: str) -> bool:
        """Whether `directory` or one above it is left out; each asked about once (a loop, not
        recursion: a tree can be deeper than the interpreter's stack)."""
        known = self._directories
        pending = []
        at = directory
        while at and at not in known:
            pending.append(at)
            at = at.rpartition("/")[0]
        left_out = known[at] if at else False
        for at in reversed(pending):
            left_out = left_out or self._decide(at + "/", at.rpartition("/")[2] + "/")
            known[at] = left_out
        return known[directory]

    def _decide(self, rel: str, name: str) -> bool:
        """The last pattern that matches decides, as in a `.gitignore`."""
        verdict = False
        for index, (item, rules) in enumerate(zip(self.patterns, self.rules, strict=True)):
            if rules is None:
                continue
            found = rules.verdict(f"{item.base}/{rel}" if item.base else rel, name)
            if found is not None:
                verdict = found
                self.matched.add(index)
        return verdict

    def unmatched(self) -> list[Diagnostic]:
        """An `unmatched-config` diagnostic for each pattern that decided no path."""
        return [_unmatched(item) for index, item in enumerate(self.patterns) if index not in self.matched]


def _unmatched(item: Exclude) -> Diagnostic:
    below = (f"; it is relative to the directory of {item.source}, and PATH is {item.base} below it"
             if item.base else "")
    return Diagnostic(item.path, item.line, "unmatched-config",
                      f'exclude pattern "{item.pattern}" ({item.source}) matches nothing under PATH{below}')


def excluder(patterns: Iterable[str | Exclude]) -> Excluder | None:
    """The Excluder of `patterns` (a string is relative to the root), None when there are none."""
    items = tuple(p if isinstance(p, Exclude) else Exclude(p) for p in patterns)
    return Excluder(items) if items else None
