"""Imports of a Python module: every statement, its line, and the local names it binds.

Relative imports are resolved against the file's package (found by climbing `__init__.py`
files with the root-bounded reader), so `from . import db` in `app/models.py` binds `db` to
"app.db". Dynamic imports with a literal name (`__import__("x")`,
`importlib.import_module("x")`) count like statements.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from framefit.scanners.python.syntax import Parsed, Visitor, dotted, resolve, string_value, visit_batched

if TYPE_CHECKING:
    from framefit.scanners.base import Collector, ScanContext, SourceFile
    from framefit.walk.reader import RepoReader

IMPORT_WEIGHT_GUARDED = 0.5  # under `if TYPE_CHECKING:` or in an `except ImportError:` fallback
_IMPORT_ERRORS = frozenset({"ImportError", "ModuleNotFoundError"})
_TYPE_CHECKING = ("TYPE_CHECKING", "typing.TYPE_CHECKING")
_RELATIVE = re.compile(r"^[ \t]*from[ \t]+\.", re.MULTILINE)
_DYNAMIC = frozenset({"__import__", "importlib.import_module", "importlib.__import__"})


@dataclass(frozen=True, slots=True)
class ImportStmt:
    """One imported module: absolute dotted name (relative ones resolved), line, guard."""

    line: int
    module: str  # absolute dotted module; "" when a relative import leaves the package
    level: int  # 0 for absolute imports (and dynamic ones)
    names: tuple[str, ...]  # imported names for `from` imports
    guarded: bool


@dataclass(slots=True)
class ImportFacts:
    """What the analyses of one module share: its imports, name bindings and model classes."""

    statements: list[ImportStmt] = field(default_factory=list)
    aliases: dict[str, str] = field(default_factory=dict)  # local name -> qualified name
    package: str = ""  # the file's dotted package ("" outside any package)
    root_dir: str = ""  # the directory its absolute imports start from ("" = repo root)
    first_party: set[str] = field(default_factory=set)  # local names bound by relative imports
    model_classes: list[ast.ClassDef] = field(default_factory=list)  # filled by python_idioms


def locate(source: SourceFile, ctx: ScanContext) -> tuple[str, str]:
    """(dotted package, import root directory) of `source`, climbing `__init__.py` files."""
    return locate_path(source.path, ctx.reader)


def locate_path(path: str, reader: RepoReader) -> tuple[str, str]:
    """(dotted package, import root directory) of the module at repo-relative `path`."""
    parts = path.split("/")[:-1]
    top = len(parts)
    while top > 0 and reader.exists("/".join(parts[:top]) + "/__init__.py"):
        top -= 1
    return ".".join(parts[top:]), "/".join(parts[:top])


def _absolute(package: str, level: int, module: str) -> str:
    """`from ..x import y` in package "a.b.c" -> "a.x"; "" when it climbs out of the package."""
    parts = package.split(".") if package else []
    if level - 1 > len(parts) or (level > 0 and not parts):
        return ""
    base = parts[: len(parts) - (level - 1)]
    return ".".join(base + ([module] if module else []))


def _handles_import_error(node: ast.ExceptHandler) -> bool:
    kind = node.type
    items = kind.elts if isinstance(kind, ast.Tuple) else [kind]
    return any((dotted(i) or "").rsplit(".", 1)[-1] in _IMPORT_ERRORS for i in items if i)


class _Visitor(Visitor):
    def __init__(self, facts: ImportFacts) -> None:
        self.facts = facts
        self._guards: list[bool] = []

    # Guards: `if TYPE_CHECKING:` bodies and `except ImportError:` handlers weigh less.
    def visit_If(self, node: ast.If) -> None:
        self._guards.append(dotted(node.test) in _TYPE_CHECKING)

    def leave_If(self, node: ast.If) -> None:
        self._guards.pop()

    def visit_ExceptHandler(self, node: ast.ExceptHandler) -> None:
        self._guards.append(_handles_import_error(node))

    def leave_ExceptHandler(self, node: ast.ExceptHandler) -> None:
        self._guards.pop()

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._add(ImportStmt(node.lineno, alias.name, 0, (), any(self._guards)))
            if alias.asname is not None:
                self.facts.aliases[alias.asname] = alias.name
            else:
                head = alias.name.split(".")[0]
                self.facts.aliases.setdefault(head, head)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        level = node.level or 0
        written = node.module or ""
        module = _absolute(self.facts.package, level, written) if level else written
        names: list[str] = []
        for alias in node.names:
            if alias.name == "*":
                continue
            names.append(alias.name)
            local = alias.asname or alias.name
            self.facts.aliases[local] = f"{module}.{alias.name}" if module else alias.name
            if level:
                self.facts.first_party.add(local)
        self._add(ImportStmt(node.lineno, module, level, tuple(names), any(self._guards)))

    def visit_Call(self, node: ast.Call) -> None:
        func = dotted(node.func)
        qualified = func if func == "__import__" else resolve(func, self.facts.aliases)
        if qualified in _DYNAMIC and node.args:
            name = string_value(node.args[0])
            if name and not name.startswith("."):
                self._add(ImportStmt(node.lineno, name, 0, (), any(self._guards)))

    def _add(self, stmt: ImportStmt) -> None:
        self.facts.statements.append(stmt)


def start(parsed: Parsed, source: SourceFile, ctx: ScanContext) -> ImportFacts:
    """Empty facts for the module, knowing its package when it has relative imports."""
    package, root_dir = locate(source, ctx) if _has_relative(parsed) else ("", "")
    return ImportFacts(package=package, root_dir=root_dir)


def visitor(parsed: Parsed, facts: ImportFacts, source: SourceFile, ctx: ScanContext,
            out: Collector) -> Visitor:
    """The visitor that fills `facts` with every import (first in the batched traversal)."""
    return _Visitor(facts)


def bind_imports(parsed: Parsed, facts: ImportFacts) -> None:
    """Fill `facts` (whose `package` is set) with the module's imports and the names they bind."""
    visit_batched(parsed.module, [_Visitor(facts)])


def _has_relative(parsed: Parsed) -> bool:
    return _RELATIVE.search(parsed.text) is not None


def analyse(parsed: Parsed, facts: ImportFacts, source: SourceFile, ctx: ScanContext,
            out: Collector) -> None:
    """Evidence `import:<name>` for each third-party import the catalog knows.

    Relative imports and modules whose top-level name the repo itself provides are first-party
    and never count as a library of the same name.
    """
    for stmt in facts.statements:
        if stmt.level or not stmt.module or stmt.module.split(".")[0] in ctx.local_modules:
            continue
        for candidate in [stmt.module] + [f"{stmt.module}.{n}" for n in stmt.names]:
            found = ctx.catalog.module(candidate)
            if found is not None:
                weight = IMPORT_WEIGHT_GUARDED if stmt.guarded else 1.0
                out.add(stmt.line, f"import:{found[0]}", parsed.text_of(stmt.line), weight)
                break
