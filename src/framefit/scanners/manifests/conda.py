"""conda environment files: environment.yml / environment.yaml, with their `pip:` sub-list.

Read as YAML nodes (module yaml_doc) so each package keeps its line. A conda
spec (`conda-forge::psycopg2>=2.9`, `flask 3.0.*`) is reduced to its package name; the `pip:`
entries are requirement lines, read by the requirements reader (`-r` includes followed).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

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
from framefit.scanners.formats import yaml_doc as _yaml
from framefit.scanners.manifests.requirements import read_line

if TYPE_CHECKING:
    from framefit.scanners.formats.yaml_doc import Node

ENVIRONMENT_FILES = frozenset({"environment.yml", "environment.yaml"})
_CONDA_NAME = re.compile(r"^(?:[^:\s]+::)?([A-Za-z0-9][A-Za-z0-9._-]*)")


def matches(path: PathView) -> bool:
    return path.name in ENVIRONMENT_FILES


def scan(source: SourceFile, ctx: ScanContext) -> ScanResult:
    """Every conda and pip package of `dependencies`; `manifest` when the key is there."""
    out = Collector(source.path)
    text = text_or_problem(source, out)
    if text is None:
        return out.result()
    docs, problem = _yaml.documents(source.path, source.data)
    if problem is not None:
        out.diagnostics.append(problem)
        return out.result()
    lines = text.splitlines()
    root = docs[0] if docs else None
    dependencies = _yaml.get(root, "dependencies")
    key = _yaml.key_line(root, "dependencies")
    if dependencies is None or key is None:
        return out.result()
    if not _yaml.is_sequence(dependencies):
        out.problem(dependencies.line, "parse-error", "dependencies is not a list")
        return out.result()
    for item in dependencies.items:
        _item(item, lines, ctx, out)
    out.add(key, "manifest", f"{len(out.dependencies)} packages")
    return out.result()


def _item(item: Node, lines: list[str], ctx: ScanContext, out: Collector) -> None:
    line = item.line
    if _yaml.is_scalar(item):
        found = _CONDA_NAME.match(item.value.strip())
        if found is None:
            out.problem(line, "parse-error", f"not a conda package spec: {clip(item.value)}")
            return
        out.dependencies.append(Dependency(out.path, line, canonical_name(found.group(1)),
                                           found.group(1), "runtime", "", clip(lines[line - 1])))
        return
    pip = _yaml.get(item, "pip")
    if not _yaml.is_sequence(pip):
        out.problem(line, "parse-error", "a dependency that is neither a spec nor a pip: list")
        return
    for entry in pip.items:
        if _yaml.is_scalar(entry) and entry.value.strip():
            read_line(out.path, entry.line, entry.value.strip(), lines[entry.line - 1], "runtime",
                      ctx, out, {out.path})


SCANNER = Scanner("conda", matches, scan)
