"""Helpers for the dependency-scanner tests: scan a string with files beside it, list the result."""

from __future__ import annotations

from collections.abc import Mapping

from framefit.catalog import load
from framefit.scanners.base import ScanContext, Scanner, ScanResult, SourceFile
from framefit.walk.reader import RepoReader


def scan(scanner: Scanner, path: str, text: str | bytes,
         files: Mapping[str, str | bytes] | None = None) -> ScanResult:
    """Run `scanner` on `text` at `path`; `files` are the repo's other files."""
    data = text.encode() if isinstance(text, str) else text
    reader = RepoReader.from_mapping({path: data, **(files or {})})
    return scanner.scan(SourceFile(path, data), ScanContext(reader, load()))


def listed(result: ScanResult) -> list[str]:
    """Each dependency as `path:line name group [marker]`, in the order found."""
    return [f"{d.path}:{d.line} {d.name} {d.group}" + (f" [{d.marker}]" if d.marker else "")
            for d in result.dependencies]


def diagnosed(result: ScanResult) -> list[str]:
    """Each diagnostic as `path:line kind`."""
    return [f"{d.path}:{d.line} {d.kind}" for d in result.diagnostics]
