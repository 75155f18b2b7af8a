"""The one harness for scanner tests: a scanner (or every scanner the engine would run) on a file
given as text, the repository's other files as a mapping, and what it found as short strings."""

from __future__ import annotations

from collections.abc import Mapping
from types import ModuleType

from framefit.catalog import load
from framefit.scanners.base import ScanContext, Scanner, ScanResult, SourceFile
from framefit.scanners.registry import scanners_for
from framefit.walk.reader import RepoReader

Files = Mapping[str, str | bytes]


def scan(scanner: Scanner | ModuleType, path: str, text: str | bytes, files: Files | None = None,
         local: frozenset[str] = frozenset()) -> ScanResult:
    """`scanner` (or a scanner module's SCANNER) on `text` at `path`; `files` are the repo's
    other files, `local` its first-party top-level import names."""
    data = text.encode() if isinstance(text, str) else text
    chosen: Scanner = scanner.SCANNER if isinstance(scanner, ModuleType) else scanner
    return chosen.scan(SourceFile(path, data), context({**(files or {}), path: data}, local))


def context(files: Files | None = None, local: frozenset[str] = frozenset()) -> ScanContext:
    """What a scanner may consult in a repository of `files` (the catalog as shipped)."""
    return ScanContext(RepoReader.from_mapping(dict(files or {})), load(), local)


def scan_all(path: str, text: str | bytes, files: Files | None = None) -> ScanResult:
    """Every scanner that reads `path`, in the registry's order, as the engine runs them."""
    result = ScanResult()
    for scanner in scanners_for(path):
        result = result + scan(scanner, path, text, files)
    return result


def cited(result: ScanResult, *, path: bool = False, about: bool = False,
          detail: bool = False) -> list[str]:
    """Each evidence as `line signal` (`path:line signal` with `path`), then its `about` ("."
    when none) and its detail when asked, in the scanner's order."""
    return [" ".join([f"{e.path}:{e.line}" if path else f"{e.line}", e.signal,
                      *([e.about or "."] if about else []), *([e.detail] if detail else [])])
            for e in result.evidence]


def listed(result: ScanResult) -> list[str]:
    """Each dependency as `path:line name group [marker]`, in the order found."""
    return [f"{d.path}:{d.line} {d.name} {d.group}" + (f" [{d.marker}]" if d.marker else "")
            for d in result.dependencies]


def diagnosed(result: ScanResult) -> list[str]:
    """Each diagnostic as `path:line kind`."""
    return [f"{d.path}:{d.line} {d.kind}" for d in result.diagnostics]
