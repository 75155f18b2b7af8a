"""What a scanner is: a pure function from one file (and a root-bounded reader) to a ScanResult."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Protocol

# Evidence details (one line, bounded, redacted), shared with the configuration; re-exported.
from framefit.detail import clip as clip
from framefit.detail import redact as redact

# The bounds on reading a file, shared with the configuration; re-exported.
from framefit.frozen import frozen
from framefit.limits import LINE_LIMIT as LINE_LIMIT
from framefit.limits import PATH_PARTS as PATH_PARTS
from framefit.limits import WORK_BUDGET as WORK_BUDGET
from framefit.limits import Budget as Budget
from framefit.model import CodeFact, Dependency, Diagnostic, Evidence, FactKind, Role

if TYPE_CHECKING:  # types only: importing this module (config discovery does) stays cheap
    from framefit.catalog import Catalog
    from framefit.walk.reader import RepoReader

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


@frozen
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


@frozen
class ScanContext:
    """What a scanner may consult besides its file."""

    reader: RepoReader
    catalog: Catalog
    local_modules: frozenset[str] = frozenset()  # first-party top-level import names
    # The tree's Python modules as the walk listed them (None: not known, the reader decides):
    # names are followed through these modules only.
    modules: frozenset[str] | None = None


@frozen
class ScanResult:
    """A file's evidence, diagnostics and declared dependencies, and its code facts: what a
    move would touch there, which answers no question (answers/move.py reads them)."""

    evidence: tuple[Evidence, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    dependencies: tuple[Dependency, ...] = ()
    facts: tuple[CodeFact, ...] = ()

    def __add__(self, other: ScanResult) -> ScanResult:
        return ScanResult(
            self.evidence + other.evidence,
            self.diagnostics + other.diagnostics,
            self.dependencies + other.dependencies,
            self.facts + other.facts,
        )


@frozen
class Foreseen:
    """What a prefilter foresees in a file: the signals the scanner may give there, and those it
    may give only if the repo's other files bear them out: each with what would (in the
    prefilter's own terms: `Prefilter.confirm` reads it)."""

    signals: frozenset[str] = frozenset()
    # (what would bear them out, in the prefilter's own terms; the signals)
    waiting: tuple[tuple[Hashable, frozenset[str]], ...] = ()

    @property
    def unconfirmed(self) -> frozenset[str]:
        return frozenset(s for _, signals in self.waiting for s in signals) - self.signals

    def __or__(self, other: Foreseen) -> Foreseen:
        return Foreseen(self.signals | other.signals, self.waiting + other.waiting)


class Prefilter(Protocol):
    """A scanner's prefilter, made once per run from the catalog, the first-party module names
    and the repo's reader (and picklable, for a spawned pool)."""

    def __call__(self, path: str, data: bytes) -> Foreseen:
        """What the scanner may give in the file at `path` with these bytes."""

    def confirm(self, path: str, data: bytes, foreseen: Foreseen) -> frozenset[str]:
        """Which of the file's waiting signals the rest of the repo bears out (a look at other
        files, made only when the plan needs to know)."""


@frozen
class Scanner:
    """One kind of file: `matches` decides from the path alone, `scan` reads the contents.

    A scanner whose evidence is known in advance is *planned* (module `engine.plan`): its files
    are scanned only while what they can show may still change an answer. `signals` is every
    signal it can give in any file; `prefilter` (a factory, for scanners whose evidence depends
    on the file) makes the function that tells them from a file's bytes. Give neither when the
    scanner declares dependencies or can give any signal: its files are always scanned.
    A planned scanner's evidence is about its own file's service (no `Evidence.about`): the
    plan weighs what a file may show against that service's answers.
    """

    name: str
    matches: Callable[[PathView], bool]
    scan: Callable[[SourceFile, ScanContext], ScanResult]
    signals: tuple[str, ...] = ()
    prefilter: Callable[[ScanContext], Prefilter] | None = None

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
    facts: list[CodeFact] = field(default_factory=list)

    def add(self, line: int | None, signal: str, detail: str, weight: float = 1.0,
            about: str = "") -> None:
        self.evidence.append(Evidence(self.path, line, signal, clip(detail), weight, about=about))

    def fact(self, line: int, framework: str, kind: FactKind, name: str, detail: str) -> None:
        self.facts.append(CodeFact(self.path, line, framework, kind, name, clip(detail)))

    def problem(self, line: int | None, kind: str, message: str) -> None:
        self.diagnostics.append(Diagnostic(self.path, line, kind, redact(message)))

    def too_long(self, line: int, text: str) -> bool:
        """Whether `text`, line `line` of the file, is over LINE_LIMIT (then it is diagnosed)."""
        if len(text) <= LINE_LIMIT:
            return False
        self.problem(line, "too-large", f"line of {len(text):,} characters, over {LINE_LIMIT:,}")
        return True

    def result(self) -> ScanResult:
        return ScanResult(tuple(self.evidence), tuple(self.diagnostics), tuple(self.dependencies),
                          tuple(self.facts))


def path_problem(target: str) -> str | None:
    """Why a path written in a file names nothing to look for in the repo, or None."""
    if "\0" in target:
        return "holds a NUL character"
    if target.count("/") >= PATH_PARTS:
        return f"has more than {PATH_PARTS} folders"
    return None


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
