"""pyproject.toml: PEP 621, PEP 735 groups, Poetry, PDM, Hatch, uv and setuptools dynamic files.

Every table that declares dependencies is read; each dependency is cited at the line its string
(or, for Poetry, its key) is written on. A file with at least one such table is a manifest.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from framefit.catalog.names import canonical_name
from framefit.model import Dependency
from framefit.scanners.base import (
    WORK_BUDGET,
    Budget,
    Collector,
    PathView,
    ScanContext,
    Scanner,
    ScanResult,
    SourceFile,
    clip,
)
from framefit.scanners.formats import toml_doc as _toml
from framefit.scanners.manifests.requirements import named_group, pep508, read_file
from framefit.walk.reader import join

_POETRY_NOT_DEPENDENCIES = frozenset({"python"})


@dataclass(slots=True)
class _Doc:
    """One pyproject being read: its data, its lines, where it is, and what was found."""

    data: dict[str, Any]
    lines: _toml.LineFinder
    source: SourceFile
    ctx: ScanContext
    out: Collector
    tables: list[int]  # header lines of the dependency tables read
    budget: Budget = field(default_factory=Budget)
    budget_said: bool = False

    def get(self, *keys: str) -> Any:
        value: Any = self.data
        for key in keys:
            if not isinstance(value, dict):
                return None
            value = value.get(key)
        return value

    def over_budget(self, line: int, what: str) -> None:
        """Say, the first time only, that reading `what` spent the file's work budget."""
        if not self.budget_said:
            self.budget_said = True
            self.out.problem(line, "too-complex", f"{clip(what)}: past the work budget of {WORK_BUDGET:,}")

    def found(self, *keys: str) -> int:
        """Note that the table at `keys` was read; its header line."""
        line = self.lines.table(*keys)
        self.tables.append(line)
        return line


def matches(path: PathView) -> bool:
    return path.name == "pyproject.toml"


def scan(source: SourceFile, ctx: ScanContext) -> ScanResult:
    """Dependencies of every table pyproject tools declare them in; `manifest` if any table."""
    out = Collector(source.path)
    data, problem = _toml.load(source.path, source.data)
    if problem is not None or data is None:
        out.diagnostics.extend([problem] if problem else [])
        return out.result()
    doc = _Doc(data, _toml.LineFinder(source.data.decode("utf-8-sig")), source, ctx, out, [])
    for reader in _READERS:
        reader(doc)
    out.diagnostics[:] = dict.fromkeys(out.diagnostics)  # a cycle is met from each of its groups
    if doc.tables:
        out.add(min(doc.tables), "manifest", f"{len(out.dependencies)} dependencies")
    return out.result()


def _strings(doc: _Doc, items: Any, group: str, keys: tuple[str, ...]) -> None:
    """A list of PEP 508 strings at `keys`, each cited at the line it is written on."""
    start = doc.lines.table(*keys)
    start = doc.lines.key(keys[-1], start) or start
    if not isinstance(items, list):
        doc.out.problem(start, "parse-error", f"{'.'.join(keys)} is not a list")
        return
    for item in items:
        if not doc.budget.spend():
            doc.over_budget(start, ".".join(keys))
            return
        start = _string(doc, item, group, start)


def _string(doc: _Doc, item: object, group: str, start: int) -> int:
    """One item of a list of PEP 508 strings, found at or after `start`; the line to search on
    from. A dependency group's include is no dependency."""
    if isinstance(item, str):
        line = doc.lines.find(item, start) or start  # not found as written: its table
        pep508(doc.out, doc.out.path, line, item, group, doc.lines.text(line) or item)
        return line
    if not (isinstance(item, dict) and "include-group" in item):
        doc.out.problem(start, "parse-error", f"dependency is not a string: {clip(repr(item))}")
    return start


def _pep621(doc: _Doc) -> None:
    if doc.get("project", "dependencies") is not None:
        doc.found("project")
        _strings(doc, doc.get("project", "dependencies"), "runtime", ("project", "dependencies"))
    optional = doc.get("project", "optional-dependencies")
    if isinstance(optional, dict):
        doc.found("project", "optional-dependencies")
        for extra, items in optional.items():
            group = named_group(extra, f"optional:{extra}")
            _strings(doc, items, group, ("project", "optional-dependencies", extra))


def _pep735(doc: _Doc) -> None:
    groups = doc.get("dependency-groups")
    if not isinstance(groups, dict):
        return
    doc.found("dependency-groups")
    for name in groups:
        if doc.budget.left < 0:
            break  # said once, by the reading that spent it
        group = named_group(name, f"group:{name}")
        for owner in _included(doc, groups, name):
            _strings(doc, groups[owner], group, ("dependency-groups", owner))


def _included(doc: _Doc, groups: dict[str, Any], name: str) -> list[str]:
    """`name` and every group it includes (PEP 735 include-group), each once, in the order a
    depth-first reading meets them; cycles and missing groups reported. An explicit stack: a
    chain of includes is as long as the file makes it."""
    found: dict[str, None] = {}
    path: dict[str, None] = {}  # the groups that include the one being read, in order
    stack: list[tuple[str, bool]] = [(name, False)]  # a group, and whether its reading ends
    while stack and doc.budget.spend():
        group, leaving = stack.pop()
        if leaving:
            del path[group]
        elif group in path:
            doc.budget.spend(len(path))
            line = doc.lines.key(group, doc.lines.section("dependency-groups"))
            doc.out.problem(line, "parse-error", f"include-group cycle: {clip(' -> '.join((*path, group)))}")
        elif group not in groups:
            doc.out.problem(doc.lines.section("dependency-groups"), "parse-error",
                            f"include-group names a missing group: {clip(group)}")
        elif group not in found:
            found[group] = path[group] = None
            stack.append((group, True))
            stack.extend((child, False) for child in reversed(_includes(groups[group])))
    if stack:
        doc.over_budget(doc.lines.section("dependency-groups"), f"include-group chains from {name}")
    return list(found)


def _includes(items: Any) -> list[str]:
    """The groups a PEP 735 group's list includes, in order."""
    return [item["include-group"] for item in items if isinstance(item, dict)
            and isinstance(item.get("include-group"), str)] if isinstance(items, list) else []


def _poetry(doc: _Doc) -> None:
    extras = doc.get("tool", "poetry", "extras")
    in_extras = _poetry_extras(extras if isinstance(extras, dict) else {})
    tables: list[tuple[tuple[str, ...], str]] = [
        (("tool", "poetry", "dependencies"), "runtime"),
        (("tool", "poetry", "dev-dependencies"), "dev"),
    ]
    groups = doc.get("tool", "poetry", "group")
    for name in groups if isinstance(groups, dict) else {}:
        tables.append((("tool", "poetry", "group", name, "dependencies"),
                       named_group(name, f"group:{name}")))
    for keys, group in tables:
        table = doc.get(*keys)
        if isinstance(table, dict):
            _poetry_table(doc, keys, table, group, in_extras)


def _poetry_extras(extras: dict[str, Any]) -> dict[str, list[str]]:
    """canonical name -> the extras that list it."""
    found: dict[str, list[str]] = {}
    for extra, names in extras.items():
        for name in names if isinstance(names, list) else []:
            if isinstance(name, str):
                found.setdefault(canonical_name(name.split("[")[0]), []).append(extra)
    return found


def _poetry_table(doc: _Doc, keys: tuple[str, ...], table: dict[str, Any], group: str,
                  in_extras: dict[str, list[str]]) -> None:
    start = doc.found(*keys)
    for name, spec in table.items():
        if name in _POETRY_NOT_DEPENDENCIES:
            continue
        line = doc.lines.key(name, start) or start
        canonical = canonical_name(name)
        groups = _poetry_groups(spec, group, in_extras.get(canonical, ["none"]))
        marker = spec.get("markers", "") if isinstance(spec, dict) else ""
        for each in groups:
            doc.out.dependencies.append(Dependency(
                doc.out.path, line, canonical, name, each, str(marker),
                clip(doc.lines.text(line) or name)))


def _poetry_groups(spec: Any, group: str, extras: list[str]) -> list[str]:
    """The table's group, or for an optional dependency the extras that name it."""
    if isinstance(spec, dict) and spec.get("optional") is True:
        return [named_group(e, f"optional:{e}") for e in extras]
    return [group]


def _pdm(doc: _Doc) -> None:
    groups = doc.get("tool", "pdm", "dev-dependencies")
    if isinstance(groups, dict):
        doc.found("tool", "pdm", "dev-dependencies")
        for name, items in groups.items():
            _strings(doc, items, named_group(name, "dev"), ("tool", "pdm", "dev-dependencies", name))


def _hatch(doc: _Doc) -> None:
    envs = doc.get("tool", "hatch", "envs")
    for env, table in envs.items() if isinstance(envs, dict) else ():
        for key in ("dependencies", "extra-dependencies"):
            if isinstance(table, dict) and key in table:
                doc.found("tool", "hatch", "envs", env)
                _strings(doc, table[key], named_group(env, "dev"), ("tool", "hatch", "envs", env, key))


def _uv(doc: _Doc) -> None:
    if doc.get("tool", "uv", "dev-dependencies") is not None:
        doc.found("tool", "uv")
        _strings(doc, doc.get("tool", "uv", "dev-dependencies"), "dev",
                 ("tool", "uv", "dev-dependencies"))


def _setuptools_dynamic(doc: _Doc) -> None:
    """`[tool.setuptools.dynamic]` dependencies read from requirements files, followed."""
    dynamic = doc.get("tool", "setuptools", "dynamic")
    if not isinstance(dynamic, dict):
        return
    wanted: list[tuple[str, str, Any]] = [("dependencies", "runtime", dynamic.get("dependencies"))]
    optional = dynamic.get("optional-dependencies")
    for extra, spec in optional.items() if isinstance(optional, dict) else ():
        wanted.append(("optional-dependencies", named_group(extra, f"optional:{extra}"), spec))
    for key, group, spec in wanted:
        if isinstance(spec, dict) and "file" in spec:
            _dynamic_files(doc, key, group, spec["file"])


def _dynamic_files(doc: _Doc, key: str, group: str, files: Any) -> None:
    line = doc.found("tool", "setuptools", "dynamic")
    line = doc.lines.key(key, line) or line
    for name in [files] if isinstance(files, str) else files if isinstance(files, list) else []:
        target = join(doc.source.directory, str(name))
        if target is None:
            doc.out.problem(line, "link-outside-root", f"{clip(str(name))} is outside the repository")
            continue
        read_file(target, group, doc.ctx, doc.out, (doc.out.path, line))


_READERS: tuple[Callable[[_Doc], None], ...] = (
    _pep621, _pep735, _poetry, _pdm, _hatch, _uv, _setuptools_dynamic,
)

SCANNER = Scanner("pyproject", matches, scan)
