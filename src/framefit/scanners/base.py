"""What a scanner is: a pure function from one file (and a root-bounded reader) to a ScanResult."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Protocol

from framefit.catalog import Catalog
from framefit.model import Dependency, Diagnostic, Evidence, Role
from framefit.walk.reader import RepoReader

DETAIL_LIMIT = 120
# `scheme://user:password@`: the userinfo's password, up to the last `@` of the authority (an
# unescaped `@` in a password is common). Neither part crosses `/ ? #`, blanks or quotes, so the
# match stays in one URL and the scan is linear: each part stops at a `/` that every `://` has.
_URL_PASSWORD = re.compile(r"(://[^\s/?#@:\"'`<>]*):[^\s/?#\"'`<>]+@")
REDACTED = "***"


class PathView(Protocol):
    """What a scanner's `matches` may read of a repo-relative path (a PurePosixPath has it all)."""

    @property
    def name(self) -> str: ...
    @property
    def suffix(self) -> str: ...
    @property
    def parts(self) -> tuple[str, ...]: ...
    @property
    def parent(self) -> PathView: ...


class RepoPath:
    """A PathView of a repo-relative POSIX path with its name and suffix worked out once.

    `scanners_for` asks every scanner about every file of the tree; a PurePosixPath costs more
    to build and recomputes its name and suffix on each access.
    """

    __slots__ = ("_head", "name", "suffix")

    def __init__(self, path: str) -> None:
        self._head, _, self.name = path.rpartition("/")
        dot = self.name.rfind(".")
        self.suffix = self.name[dot:] if 0 < dot < len(self.name) - 1 else ""

    @property
    def parts(self) -> tuple[str, ...]:
        return (*self._head.split("/"), self.name) if self._head else (self.name,)

    @property
    def parent(self) -> RepoPath:
        return RepoPath(self._head)


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A file handed to a scanner: its repo-relative path, role, candidate service and bytes."""

    path: str
    data: bytes
    role: Role = Role.APP
    service: str = "."

    @property
    def posix(self) -> PurePosixPath:
        return PurePosixPath(self.path)

    @property
    def directory(self) -> str:
        """The file's directory, "" at the root (for joining relative includes)."""
        parent = self.posix.parent.as_posix()
        return "" if parent == "." else parent


@dataclass(frozen=True, slots=True)
class ScanContext:
    """What a scanner may consult besides its file."""

    reader: RepoReader
    catalog: Catalog
    local_modules: frozenset[str] = frozenset()  # first-party top-level import names


@dataclass(frozen=True, slots=True)
class ScanResult:
    evidence: tuple[Evidence, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    dependencies: tuple[Dependency, ...] = ()

    def __add__(self, other: ScanResult) -> ScanResult:
        return ScanResult(
            self.evidence + other.evidence,
            self.diagnostics + other.diagnostics,
            self.dependencies + other.dependencies,
        )


# A scanner's prefilter, made once per run from the catalog, the first-party module names and the
# repo's reader: called with a file's path and bytes, it gives every signal the scanner may give
# in that file.
Prefilter = Callable[[str, bytes], frozenset[str]]


@dataclass(frozen=True, slots=True)
class Scanner:
    """One kind of file: `matches` decides from the path alone, `scan` reads the contents.

    A scanner whose evidence is known in advance is *planned* (module `engine.plan`): its files
    are scanned only while what they can show may still change an answer. `signals` is every
    signal it can give in any file; `prefilter` (a factory, for scanners whose evidence depends
    on the file) makes the function that tells them from a file's bytes. Give neither when the
    scanner declares dependencies or can give any signal: its files are always scanned.
    """

    name: str
    matches: Callable[[PathView], bool]
    scan: Callable[[SourceFile, ScanContext], ScanResult]
    signals: tuple[str, ...] = ()
    prefilter: Callable[[Catalog, frozenset[str], RepoReader], Prefilter] | None = None

    @property
    def planned(self) -> bool:
        return bool(self.signals) or self.prefilter is not None


@dataclass(slots=True)
class Collector:
    """Accumulates a scanner's output; `result()` freezes it."""

    path: str
    evidence: list[Evidence] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    dependencies: list[Dependency] = field(default_factory=list)

    def add(self, line: int | None, signal: str, detail: str, weight: float = 1.0) -> None:
        self.evidence.append(Evidence(self.path, line, signal, clip(detail), weight))

    def problem(self, line: int | None, kind: str, message: str) -> None:
        self.diagnostics.append(Diagnostic(self.path, line, kind, redact(message)))

    def result(self) -> ScanResult:
        return ScanResult(tuple(self.evidence), tuple(self.diagnostics), tuple(self.dependencies))


def clip(text: str) -> str:
    """One line, stripped, at most DETAIL_LIMIT characters, with URL passwords redacted (before
    cutting, so a cut never leaves part of a password)."""
    line = " ".join(redact(text).split())
    return line if len(line) <= DETAIL_LIMIT else line[: DETAIL_LIMIT - 1] + "…"


def redact(text: str) -> str:
    """`text` with the password of every `scheme://user:password@host` URL shown as `***`:
    evidence quotes settings and compose files, and a report may become a pull-request comment."""
    return _URL_PASSWORD.sub(rf"\1:{REDACTED}@", text)


def decode(source: SourceFile) -> tuple[str | None, Diagnostic | None]:
    """UTF-8 text (BOM allowed) or a decode-error diagnostic."""
    try:
        return source.data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = source.data[: exc.start].count(b"\n") + 1
        return None, Diagnostic(source.path, line, "decode-error", f"not UTF-8: {exc.reason}")


def text_or_problem(source: SourceFile, out: Collector) -> str | None:
    """The file's UTF-8 text; when it is not UTF-8, its decode-error goes to `out` and None."""
    text, problem = decode(source)
    if problem is not None:
        out.diagnostics.append(problem)
    return text
