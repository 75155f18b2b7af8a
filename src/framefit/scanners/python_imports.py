"""Imports of a Python module: every statement, its line, and the local names it binds."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import libcst as cst

from framefit.scanners._cst import Parsed, dotted

if TYPE_CHECKING:
    from framefit.scanners.base import Collector, ScanContext, SourceFile

IMPORT_WEIGHT_GUARDED = 0.5  # under `if TYPE_CHECKING:` or in an `except ImportError:` fallback


@dataclass(frozen=True, slots=True)
class ImportStmt:
    line: int
    module: str  # absolute dotted module ("" for `from . import x` at the top)
    level: int  # 0 for absolute imports
    names: tuple[str, ...]  # imported names for `from` imports
    guarded: bool


@dataclass(slots=True)
class ImportFacts:
    statements: list[ImportStmt] = field(default_factory=list)
    aliases: dict[str, str] = field(default_factory=dict)  # local name -> qualified name


class _Visitor(cst.CSTVisitor):
    def __init__(self, parsed: Parsed) -> None:
        self.parsed = parsed
        self.facts = ImportFacts()
        self._guards = 0

    # Guards: `if TYPE_CHECKING:` bodies and `except ImportError:` handlers weigh less.
    def visit_If(self, node: cst.If) -> None:
        if dotted(node.test) in ("TYPE_CHECKING", "typing.TYPE_CHECKING"):
            self._guards += 1

    def leave_If(self, node: cst.If) -> None:
        if dotted(node.test) in ("TYPE_CHECKING", "typing.TYPE_CHECKING"):
            self._guards -= 1

    def visit_ExceptHandler(self, node: cst.ExceptHandler) -> None:
        self._guards += 1

    def leave_ExceptHandler(self, node: cst.ExceptHandler) -> None:
        self._guards -= 1

    def visit_Import(self, node: cst.Import) -> None:
        line = self.parsed.line_of(node)
        for alias in node.names:
            name = dotted(alias.name) or ""
            self._add(ImportStmt(line, name, 0, (), self._guards > 0))
            if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                self.facts.aliases[alias.asname.name.value] = name
            else:
                head = name.split(".")[0]
                self.facts.aliases.setdefault(head, head)

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        line = self.parsed.line_of(node)
        module = dotted(node.module) if node.module is not None else ""
        level = len(node.relative)
        names: list[str] = []
        if not isinstance(node.names, cst.ImportStar):
            for alias in node.names:
                name = dotted(alias.name) or ""
                names.append(name)
                local = name
                if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                    local = alias.asname.name.value
                prefix = "." * level + (module or "")
                joiner = "" if prefix.endswith(".") or not prefix else "."
                self.facts.aliases[local] = f"{prefix}{joiner}{name}"
        self._add(ImportStmt(line, module or "", level, tuple(names), self._guards > 0))

    def _add(self, stmt: ImportStmt) -> None:
        self.facts.statements.append(stmt)


def collect(parsed: Parsed) -> ImportFacts:
    visitor = _Visitor(parsed)
    parsed.module.visit(visitor)
    return visitor.facts


def analyse(parsed: Parsed, facts: ImportFacts, source: SourceFile, ctx: ScanContext,
            out: Collector) -> None:
    """Evidence `import:<name>` for each third-party import the catalog knows."""
    for stmt in facts.statements:
        if stmt.level or not stmt.module:
            continue  # relative imports are first-party
        candidates = [stmt.module] + [f"{stmt.module}.{n}" for n in stmt.names]
        if stmt.module.split(".")[0] in ctx.local_modules:
            continue
        for candidate in candidates:
            found = ctx.catalog.module(candidate)
            if found is not None:
                weight = IMPORT_WEIGHT_GUARDED if stmt.guarded else 1.0
                out.add(stmt.line, f"import:{found[0]}", parsed.text_of(stmt.line), weight)
                break
