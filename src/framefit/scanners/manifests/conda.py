"""conda environment files: environment.yml / environment.yaml, with their `pip:` sub-list.

Read with PyYAML's safe loader, composed into nodes so each package keeps its line. A conda
spec (`conda-forge::psycopg2>=2.9`, `flask 3.0.*`) is reduced to its package name; the `pip:`
entries are requirement lines, read by the requirements reader (`-r` includes followed).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from packaging.utils import canonicalize_name

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
    from yaml.nodes import Node

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
    import yaml  # as in _yaml.documents: only a repo with YAML files needs PyYAML

    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        out.problem(mark.line + 1 if mark else None, "parse-error",
                    f"not valid YAML: {getattr(exc, 'problem', None) or exc}")
        return out.result()
    lines = text.splitlines()
    found = _key(root, "dependencies")
    if found is None:
        return out.result()
    key, dependencies = found
    if not _yaml.is_sequence(dependencies):
        out.problem(dependencies.start_mark.line + 1, "parse-error", "dependencies is not a list")
        return out.result()
    for item in dependencies.value:
        _item(item, lines, source, ctx, out)
    out.add(key.start_mark.line + 1, "manifest", f"{len(out.dependencies)} packages")
    return out.result()


def _key(node: Node | None, name: str) -> tuple[Node, Node] | None:
    """The (key, value) nodes of `name` in a mapping node, or None."""
    if not _yaml.is_mapping(node):
        return None
    return next(((k, v) for k, v in node.value
                 if _yaml.is_scalar(k) and k.value == name), None)


def _item(item: Node, lines: list[str], source: SourceFile, ctx: ScanContext,
          out: Collector) -> None:
    line = item.start_mark.line + 1
    if _yaml.is_scalar(item):
        found = _CONDA_NAME.match(str(item.value).strip())
        if found is None:
            out.problem(line, "parse-error", f"not a conda package spec: {clip(str(item.value))}")
            return
        out.dependencies.append(Dependency(out.path, line, canonicalize_name(found.group(1)),
                                           found.group(1), "runtime", "", clip(lines[line - 1])))
        return
    pip = (_key(item, "pip") or (None, None))[1]
    if not _yaml.is_sequence(pip):
        out.problem(line, "parse-error", "a dependency that is neither a spec nor a pip: list")
        return
    for entry in pip.value:
        number = entry.start_mark.line + 1
        if _yaml.is_scalar(entry) and str(entry.value).strip():
            read_line(out.path, number, str(entry.value).strip(), lines[number - 1], "runtime",
                      ctx, out, {out.path})


SCANNER = Scanner("conda", matches, scan)
