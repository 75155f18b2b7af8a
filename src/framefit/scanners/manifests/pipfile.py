"""Pipfile (`[packages]`, `[dev-packages]`, custom categories) and Pipfile.lock (`default`, `develop`)."""

from __future__ import annotations

from typing import Any

from framefit.catalog.names import canonical_name
from framefit.model import Dependency
from framefit.scanners.base import (
    Collector,
    PathView,
    ScanContext,
    Scanner,
    ScanResult,
    SourceFile,
    clip,
    text_or_problem,
)
from framefit.scanners.formats import json_doc as _json
from framefit.scanners.formats import toml_doc as _toml
from framefit.scanners.formats.quoted import first_at

# Pipfile tables that are not package categories.
_NOT_CATEGORIES = frozenset({"source", "requires", "pipenv", "scripts"})
_CATEGORY_GROUPS = {"packages": "runtime", "dev-packages": "dev"}
_LOCK_GROUPS = {"default": "lock", "develop": "dev"}


def matches(path: PathView) -> bool:
    return path.name in ("Pipfile", "Pipfile.lock")


def scan(source: SourceFile, ctx: ScanContext) -> ScanResult:
    """The packages of every category, cited at their key's line; `manifest` if any category."""
    out = Collector(source.path)
    if source.posix.name == "Pipfile.lock":
        _lock(source, out)
    else:
        _pipfile(source, out)
    return out.result()


def _pipfile(source: SourceFile, out: Collector) -> None:
    data, problem = _toml.load(source.path, source.data)
    if data is None:
        out.diagnostics.extend([problem] if problem else [])
        return
    lines = _toml.LineFinder(source.data.decode("utf-8-sig"))
    categories = [c for c, t in data.items() if isinstance(t, dict) and c not in _NOT_CATEGORIES]
    for category in categories:
        _category(category, data[category], lines, out)
    if categories:
        out.add(min(lines.section(c) for c in categories), "manifest",
                f"{len(out.dependencies)} packages")


def _lock(source: SourceFile, out: Collector) -> None:
    text = text_or_problem(source, out)
    if text is None:
        return
    data, lines, problem = _json.load(source.path, source.data)
    if problem is not None:
        out.diagnostics.append(problem)
        return
    for section, group in _LOCK_GROUPS.items():
        packages = data.get(section) if isinstance(data, dict) else None
        if not isinstance(packages, dict):
            continue
        _locked(packages, group, lines, _line_of(lines, section, 1), out)
    if out.dependencies:
        out.add(None, "manifest", f"{len(out.dependencies)} locked packages")


def _category(category: str, packages: dict[str, Any], lines: _toml.LineFinder, out: Collector) -> None:
    """The packages of one Pipfile category, each cited at its key's line."""
    start = lines.section(category)
    group = _CATEGORY_GROUPS.get(category, f"group:{category}")
    for name, spec in packages.items():
        line = lines.key(name, start) or start
        marker = spec.get("markers", "") if isinstance(spec, dict) else ""
        out.dependencies.append(Dependency(out.path, line, canonical_name(name), name, group,
                                           str(marker), clip(lines.text(line) or name)))


def _locked(packages: dict[Any, Any], group: str, lines: _json.Lines, start: int,
            out: Collector) -> None:
    """The packages of one lock section, from its line at `start` on."""
    for name, spec in packages.items():
        line = _line_of(lines, name, start)
        version = spec.get("version", "") if isinstance(spec, dict) else ""
        marker = spec.get("markers", "") if isinstance(spec, dict) else ""
        out.dependencies.append(Dependency(out.path, line, canonical_name(name), name, group,
                                           str(marker), clip(f"{name}{version}")))


def _line_of(lines: _json.Lines, key: str, start: int) -> int:
    """The first line at or after `start` that starts with the JSON key `key` (start when none
    does)."""
    return first_at(lines.keys.get(key, []), start) or start


SCANNER = Scanner("pipfile", matches, scan)
