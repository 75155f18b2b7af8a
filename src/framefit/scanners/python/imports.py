"""Imports of a Python module: every statement, its line, and the local names it binds.

Import statements are read from the parsed module before the traversal (a walk over
statements, not expressions), so every later analysis resolves names through the module's
whole import table. Relative imports are resolved against the file's package (found by
climbing `__init__.py` files with the root-bounded reader), so `from . import db` in
`app/models.py` binds `db` to "app.db". Dynamic imports with a literal name
(`__import__("x")`, `importlib.import_module("x")`) count like statements. A module that cannot
be parsed has its imports read from its lines (`from_lines`).
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from framefit.frozen import frozen
from framefit.scanners.python.analysis import Analysis, Module
from framefit.scanners.python.prefilter import Requirement
from framefit.scanners.python.profile import LineImport, absolute, has_relative_import, line_imports
from framefit.scanners.python.syntax import Visitor, dotted, last_segments, resolve_ending, string_value

if TYPE_CHECKING:
    from framefit.catalog import Catalog
    from framefit.scanners.base import Collector, ScanContext, SourceFile
    from framefit.walk.reader import RepoReader

IMPORT_WEIGHT_GUARDED = 0.5  # under `if TYPE_CHECKING:` or in an `except ImportError:` fallback
_IMPORT_ERRORS = frozenset({"ImportError", "ModuleNotFoundError"})
_TYPE_CHECKING = ("TYPE_CHECKING", "typing.TYPE_CHECKING")
_DYNAMIC = frozenset({"__import__", "importlib.import_module", "importlib.__import__"})
_DYNAMIC_LAST = last_segments(_DYNAMIC)


@frozen
class ImportStmt:
    """One imported module: absolute dotted name (relative ones resolved), line, guard."""

    line: int
    module: str  # absolute dotted module; "" when a relative import leaves the package
    level: int  # 0 for absolute imports (and dynamic ones)
    names: tuple[str, ...]  # imported names for `from` imports
    guarded: bool


@dataclass(slots=True)
class ImportFacts:
    """The result of this analysis: a module's imports and the names they bind."""

    statements: list[ImportStmt] = field(default_factory=list)
    aliases: dict[str, str] = field(default_factory=dict)  # local name -> qualified name
    package: str = ""  # the file's dotted package ("" outside any package)
    root_dir: str = ""  # the directory its absolute imports start from ("" = repo root)
    first_party: set[str] = field(default_factory=set)  # local names bound by relative imports


def locate(source: SourceFile, ctx: ScanContext) -> tuple[str, str]:
    """(dotted package, import root directory) of `source`, climbing `__init__.py` files."""
    return locate_path(source.path, ctx.reader)


def locate_path(path: str, reader: RepoReader,
                exists: Callable[[str], bool] | None = None) -> tuple[str, str]:
    """(dotted package, import root directory) of the module at repo-relative `path` (a file
    exists as `exists` says, by default as the reader finds it)."""
    parts = path.split("/")[:-1]
    top = len(parts)
    found = exists or reader.exists
    while top > 0 and found("/".join(parts[:top]) + "/__init__.py"):
        top -= 1
    return ".".join(parts[top:]), "/".join(parts[:top])


def _handles_import_error(node: ast.ExceptHandler) -> bool:
    kind = node.type
    items = kind.elts if isinstance(kind, ast.Tuple) else [kind]
    return any((dotted(i) or "").rsplit(".", 1)[-1] in _IMPORT_ERRORS for i in items if i)


def _statements(body: list[ast.stmt], guarded: bool) -> Iterator[tuple[ast.stmt, bool]]:
    """Every statement in `body` and the bodies nested in it, with whether it is guarded
    (inside `if TYPE_CHECKING:` or an `except ImportError:` handler)."""
    stack = [(statement, guarded) for statement in reversed(body)]
    while stack:
        statement, inside = stack.pop()
        yield statement, inside
        kind = type(statement)
        if _BODIES[kind] if kind in _BODIES else _bodies(kind):  # most statements hold none
            stack.extend(reversed(_nested(statement, inside)))


def _nested(statement: ast.stmt, inside: bool) -> list[tuple[ast.stmt, bool]]:
    """The statements directly inside `statement`, each with whether it is guarded."""
    if isinstance(statement, ast.If):
        return _in_if(statement, inside)
    if isinstance(statement, (ast.Try, ast.TryStar)):
        return _in_try(statement, inside)
    if isinstance(statement, ast.Match):
        return _in_match(statement, inside)
    bodies = (getattr(statement, name, None) for name in _bodies(type(statement)))
    return _each([s for body in bodies if isinstance(body, list) for s in body
                  if isinstance(s, ast.stmt)], inside)


_BODIES: dict[type, tuple[str, ...]] = {}


def _bodies(kind: type) -> tuple[str, ...]:
    """The fields of a statement type that hold statements (`match` its cases), if any."""
    if kind not in _BODIES:
        fields = getattr(kind, "_fields", ())
        _BODIES[kind] = tuple(f for f in ("body", "orelse", "finalbody", "cases") if f in fields)
    return _BODIES[kind]


def _in_if(statement: ast.If, inside: bool) -> list[tuple[ast.stmt, bool]]:
    """The body is guarded under `if TYPE_CHECKING:`; the else branch as the `if` is."""
    guard = inside or dotted(statement.test) in _TYPE_CHECKING
    return _each(statement.body, guard) + _each(statement.orelse, inside)


def _in_match(statement: ast.Match, inside: bool) -> list[tuple[ast.stmt, bool]]:
    return _each([s for case in statement.cases for s in case.body], inside)


def _in_try(statement: ast.Try | ast.TryStar, inside: bool) -> list[tuple[ast.stmt, bool]]:
    """An `except ImportError:` handler's body is guarded; the rest as the `try` is."""
    found = _each([*statement.body, *statement.orelse, *statement.finalbody], inside)
    for handler in statement.handlers:
        found += _each(handler.body, inside or _handles_import_error(handler))
    return found


def _each(statements: list[ast.stmt], guarded: bool) -> list[tuple[ast.stmt, bool]]:
    return [(statement, guarded) for statement in statements]


def read(module: ast.Module, facts: ImportFacts) -> ImportFacts:
    """Fill `facts` (whose `package` is set) with the module's import statements and bindings."""
    for statement, guarded in _statements(module.body, False):
        if isinstance(statement, ast.Import):
            _plain(statement, guarded, facts)
        elif isinstance(statement, ast.ImportFrom):
            _from(statement, guarded, facts)
    return facts


def _plain(node: ast.Import, guarded: bool, facts: ImportFacts) -> None:
    for alias in node.names:
        facts.statements.append(ImportStmt(node.lineno, alias.name, 0, (), guarded))
        if alias.asname is not None:
            facts.aliases[alias.asname] = alias.name
        else:
            head = alias.name.split(".")[0]
            facts.aliases.setdefault(head, head)


def _from(node: ast.ImportFrom, guarded: bool, facts: ImportFacts) -> None:
    level = node.level or 0
    module = absolute(facts.package, level, node.module or "") if level else node.module or ""
    names: list[str] = []
    for alias in node.names:
        if alias.name == "*":
            continue
        names.append(alias.name)
        _bind_from(alias, module, level, facts)
    facts.statements.append(ImportStmt(node.lineno, module, level, tuple(names), guarded))


def _bind_from(alias: ast.alias, module: str, level: int, facts: ImportFacts) -> None:
    """The local name a `from` import binds; a relative one names a first-party module."""
    local = alias.asname or alias.name
    facts.aliases[local] = f"{module}.{alias.name}" if module else alias.name
    if level:
        facts.first_party.add(local)


def _start(module: Module) -> ImportFacts:
    relative = has_relative_import(module.source.data)
    package, root_dir = locate(module.source, module.ctx) if relative else ("", "")
    return read(module.parsed.module, ImportFacts(package=package, root_dir=root_dir))


class _Dynamic(Visitor):
    """`__import__("x")` and `importlib.import_module("x")` with a literal absolute name."""

    def __init__(self, facts: ImportFacts) -> None:
        self.facts = facts

    def visit_Call(self, node: ast.Call) -> None:
        if not node.args:
            return
        func = node.func
        builtin = isinstance(func, ast.Name) and func.id == "__import__"
        qualified = "__import__" if builtin else resolve_ending(func, self.facts.aliases, _DYNAMIC_LAST)
        if qualified in _DYNAMIC:
            name = string_value(node.args[0])
            if name and not name.startswith("."):
                self.facts.statements.append(ImportStmt(node.lineno, name, 0, (), False))


def _visitor(module: Module) -> Visitor:
    return _Dynamic(module.result("imports", ImportFacts))


def _finish(module: Module) -> None:
    """Evidence `import:<name>` for each third-party import the catalog knows.

    Relative imports and modules whose top-level name the repo itself provides are first-party
    and never count as a library of the same name.
    """
    facts = module.result("imports", ImportFacts)
    for stmt in sorted(facts.statements, key=lambda s: s.line):
        if stmt.level or not stmt.module or stmt.module.split(".")[0] in module.ctx.local_modules:
            continue
        found = _catalog_module(stmt.module, stmt.names, module.ctx.catalog)
        if found is not None:
            weight = IMPORT_WEIGHT_GUARDED if stmt.guarded else 1.0
            module.out.add(stmt.line, f"import:{found}", module.parsed.text_of(stmt.line), weight)


def _catalog_module(module: str, names: tuple[str, ...], catalog: Catalog) -> str | None:
    for candidate in [module] + [f"{module}.{n}" for n in names]:
        found = catalog.module(candidate)
        if found is not None:
            return found[0]
    return None


def from_lines(source: SourceFile, ctx: ScanContext, out: Collector, before: int | None = None) -> None:
    """For a module that cannot be parsed: the imports its lines state (module `profile`), those
    `before` a line only (where its text stops being decodable)."""
    if b"\0" in source.data:
        return
    text = source.data.decode("utf-8", "replace").splitlines()
    for stmt in line_imports(source.data):
        if before is not None and stmt.line >= before:
            break
        if stmt.level or stmt.module.split(".")[0] in ctx.local_modules:
            continue
        for found in _stated(stmt, ctx.catalog):
            detail = text[stmt.line - 1] if stmt.line <= len(text) else ""
            out.add(stmt.line, f"import:{found}", detail, 1.0)


def _stated(stmt: LineImport, catalog: Catalog) -> Iterator[str]:
    """The catalog import names a statement read from the lines imports."""
    if stmt.is_from:
        found = _catalog_module(stmt.module, tuple(n for n, _ in stmt.names), catalog)
        yield from ([found] if found else [])
        return
    for name, _ in stmt.names:
        found = _catalog_module(name, (), catalog)
        if found:
            yield found


def requirements(catalog: Catalog) -> Iterator[Requirement]:
    """A statement importing a catalog module (its lines name each of its segments), or a
    dynamic import naming it in a string."""
    for name in catalog.all_import_names():
        head, *rest = name.split(".")
        signal = {f"import:{name}"}
        yield Requirement.of((head, *rest), signal, imported=head)
        for dynamic in sorted({d.rsplit(".", 1)[-1] for d in _DYNAMIC}):
            yield Requirement.of((dynamic, head, *rest), signal)


ANALYSIS = Analysis("imports", requirements, start=_start, visitor=_visitor, finish=_finish)
