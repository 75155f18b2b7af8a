"""Code idioms that show a framework, a database or a login: calls, base classes, decorators.

The idioms are data (catalog `code.toml`, keyed by qualified names); this module only resolves
the names the code uses through its imports and its own `x = Something()` assignments.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import libcst as cst

from framefit.scanners._cst import Parsed, dotted, resolve

if TYPE_CHECKING:
    from framefit.scanners.base import Collector, ScanContext, SourceFile
    from framefit.scanners.python_imports import ImportFacts


class _Visitor(cst.CSTVisitor):
    def __init__(self, parsed: Parsed, aliases: dict[str, str], code: Mapping[str, object],
                 out: Collector) -> None:
        self.parsed = parsed
        self.aliases = aliases
        self.out = out
        self.calls = _table(code, "calls")
        self.bases = _table(code, "bases")
        self.decorators = _table(code, "decorators")

    def _hit(self, table: Mapping[str, str], node: cst.CSTNode, expr: cst.BaseExpression) -> None:
        qualified = resolve(dotted(expr), self.aliases)
        signal = table.get(qualified or "")
        if signal:
            line = self.parsed.line_of(node)
            self.out.add(line, signal, self.parsed.text_of(line))

    def visit_Assign(self, node: cst.Assign) -> None:
        # `db = SQLAlchemy(app)` binds `db` to an instance of the resolved class.
        if isinstance(node.value, cst.Call) and len(node.targets) == 1:
            target = node.targets[0].target
            qualified = resolve(dotted(node.value.func), self.aliases)
            if isinstance(target, cst.Name) and qualified:
                self.aliases[target.value] = qualified + "()"

    def visit_Call(self, node: cst.Call) -> None:
        self._hit(self.calls, node, node.func)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        for base in node.bases:
            self._hit(self.bases, node, base.value)

    def visit_Decorator(self, node: cst.Decorator) -> None:
        target = node.decorator.func if isinstance(node.decorator, cst.Call) else node.decorator
        self._hit(self.decorators, node, target)


def _table(code: Mapping[str, object], name: str) -> dict[str, str]:
    table = code.get(name, {})
    return {str(k): str(v) for k, v in table.items()} if isinstance(table, dict) else {}


def analyse(parsed: Parsed, facts: ImportFacts, source: SourceFile, ctx: ScanContext,
            out: Collector) -> None:
    visitor = _Visitor(parsed, dict(facts.aliases), ctx.catalog.table("code"), out)
    parsed.module.visit(visitor)
