"""pyproject.toml: PEP 621 dependencies and optional dependencies."""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

from framefit.model import Dependency
from framefit.scanners import _toml
from framefit.scanners.base import Collector, ScanContext, Scanner, ScanResult, SourceFile, clip


def matches(path: PurePosixPath) -> bool:
    return path.name == "pyproject.toml"


def scan(source: SourceFile, ctx: ScanContext) -> ScanResult:
    out = Collector(source.path)
    data, problem = _toml.load(source.path, source.data)
    if problem is not None:
        out.diagnostics.append(problem)
        return out.result()
    assert data is not None
    lines = _toml.LineFinder(source.data.decode("utf-8-sig"))
    project = data.get("project", {})
    if isinstance(project, dict):
        start = lines.section("project")
        _strings(project.get("dependencies"), "runtime", start, lines, out)
        optional = project.get("optional-dependencies", {})
        if isinstance(optional, dict):
            for extra, items in sorted(optional.items()):
                at = lines.section("project.optional-dependencies")
                _strings(items, f"optional:{extra}", at, lines, out)
    if out.dependencies:
        out.add(lines.section("project"), "manifest", f"{len(out.dependencies)} dependencies")
    return out.result()


def _strings(items: Any, group: str, start: int, lines: _toml.LineFinder, out: Collector) -> None:
    if not isinstance(items, list):
        return
    for item in items:
        if not isinstance(item, str):
            out.problem(start, "parse-error", f"dependency is not a string: {clip(repr(item))}")
            continue
        line = lines.find(item, start)
        try:
            req = Requirement(item)
        except InvalidRequirement as exc:
            out.problem(line, "parse-error", f"not a requirement: {clip(str(exc))}")
            continue
        out.dependencies.append(Dependency(
            out.path, line, canonicalize_name(req.name), req.name, group,
            str(req.marker or ""), clip(lines.text(line) or item),
        ))
        start = line or start


SCANNER = Scanner("pyproject", matches, scan)
