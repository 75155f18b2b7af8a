"""Running the python scanner on modules given as strings (the repo given as a mapping)."""

from __future__ import annotations

from framefit.catalog import load
from framefit.model import CodeFact, Evidence
from framefit.scanners.base import ScanContext, ScanResult, SourceFile
from framefit.scanners.python import scanner as python_code
from framefit.scanners.python.move import MoveReader
from framefit.scanners.python.registry import ModulePrefilter
from framefit.walk.reader import RepoReader


def scan_py(source: str | bytes, path: str = "app.py", files: dict[str, str | bytes] | None = None,
            local: frozenset[str] = frozenset()) -> ScanResult:
    """The python scanner's result for `source` at `path`, other repo files from `files`."""
    data = source.encode() if isinstance(source, str) else source
    mapping: dict[str, str | bytes] = {**(files or {}), path: data}
    ctx = ScanContext(RepoReader.from_mapping(mapping), load(), local)
    return python_code.scan(SourceFile(path, data), ctx)


def move_py(source: str | bytes, path: str = "app.py", files: dict[str, str | bytes] | None = None,
            local: frozenset[str] = frozenset()) -> tuple[CodeFact, ...]:
    """The code facts of a move in `source` at `path` (scanners/python/move.py), other repo
    files from `files`."""
    data = source.encode() if isinstance(source, str) else source
    mapping: dict[str, str | bytes] = {**(files or {}), path: data}
    ctx = ScanContext(RepoReader.from_mapping(mapping), load(), local)
    return MoveReader(ctx).facts(SourceFile(path, data))


def foreseen_signals(prefilter: ModulePrefilter, path: str, data: bytes) -> frozenset[str]:
    """Every signal the prefilter foresees in the module, those the repo confirms included."""
    found = prefilter(path, data)
    return found.signals | prefilter.confirm(path, data, found)


def cited(result: ScanResult) -> list[str]:
    """Evidence as `line signal` strings, in the scanner's order."""
    return [f"{e.line} {e.signal}" for e in result.evidence]


def weighed(result: ScanResult) -> list[tuple[int | None, str, float]]:
    """Evidence as (line, signal, weight)."""
    return [(e.line, e.signal, e.weight) for e in result.evidence]


def signals(result: ScanResult) -> list[str]:
    return [e.signal for e in result.evidence]


__all__ = ["Evidence", "cited", "scan_py", "signals", "weighed"]
