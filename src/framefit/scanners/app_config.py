"""Configuration keys that name a database, wherever a Python module sets or reads them.

A key of settings.toml `[config.keys]` (SQLALCHEMY_DATABASE_URI, DATABASE_URL, MONGO_URI...)
counts when it is assigned (`X = ...` at module or class level, so `from_object` classes too),
set with `app.config["X"] = ...`, passed as `from_mapping(X=...)` / `update(X=...)` /
`dict(X=...)` / `{"X": ...}`, or read from the environment (`os.environ["X"]`,
`os.environ.get("X", default)`, `os.getenv`). A database URL written in the value (or the
default) decides the signal through the urls.toml scheme table; without one the key's own
signal stands.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import libcst as cst

from framefit.scanners._cst import Parsed, dotted, resolve, string_value
from framefit.scanners._urls import scheme_signal

if TYPE_CHECKING:
    from framefit.scanners.base import Collector, ScanContext, SourceFile
    from framefit.scanners.python_imports import ImportFacts


def literal_text(node: cst.CSTNode) -> str:
    """Every piece of literal string text inside `node` (f-string parts too), space-joined."""
    parts: list[str] = []

    class _Strings(cst.CSTVisitor):
        def visit_SimpleString(self, leaf: cst.SimpleString) -> None:
            value = leaf.evaluated_value
            parts.append(value if isinstance(value, str) else "")

        def visit_FormattedStringText(self, leaf: cst.FormattedStringText) -> None:
            parts.append(leaf.value)

    node.visit(_Strings())
    return " ".join(parts)


def env_key(node: cst.BaseExpression, aliases: Mapping[str, str],
            readers: Mapping[str, object]) -> tuple[str, cst.BaseExpression | None] | None:
    """(key, default) when `node` reads the environment: `os.environ["K"]`, `os.getenv("K", d)`."""
    if isinstance(node, cst.Subscript) and resolve(dotted(node.value), aliases) == "os.environ":
        key = _subscript_key(node)
        return (key, None) if key else None
    if isinstance(node, cst.Call) and resolve(dotted(node.func), aliases) in readers and node.args:
        key = string_value(node.args[0].value)
        default = node.args[1].value if len(node.args) > 1 else None
        return (key, default) if key else None
    return None


def _subscript_key(node: cst.Subscript) -> str | None:
    if len(node.slice) != 1 or not isinstance(node.slice[0].slice, cst.Index):
        return None
    return string_value(node.slice[0].slice.value)


class _Visitor(cst.BatchableCSTVisitor):
    def __init__(self, parsed: Parsed, aliases: Mapping[str, str], config: Mapping[str, object],
                 ctx: ScanContext, out: Collector) -> None:
        self.parsed, self.aliases, self.ctx, self.out = parsed, aliases, ctx, out
        keys, readers = config.get("keys", {}), config.get("env_reads", [])
        self.keys = {str(k): str(v) for k, v in keys.items()} if isinstance(keys, dict) else {}
        self.readers = dict.fromkeys(map(str, readers)) if isinstance(readers, list) else {}

    def emit(self, key: str | None, value: cst.CSTNode | None, at: cst.CSTNode) -> None:
        if key not in self.keys:
            return
        url = scheme_signal(literal_text(value), self.ctx.catalog) if value is not None else None
        line = self.parsed.line_of(at)
        self.out.add(line, url or self.keys[key], self.parsed.text_of(line))

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            self._target(target.target, node.value, node)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if node.value is not None:
            self._target(node.target, node.value, node)

    def _target(self, target: cst.BaseExpression, value: cst.BaseExpression,
                node: cst.CSTNode) -> None:
        if isinstance(target, cst.Name):
            self.emit(target.value, value, node)
        elif isinstance(target, cst.Subscript):
            self.emit(_subscript_key(target), value, node)

    def visit_Call(self, node: cst.Call) -> None:
        for arg in node.args:
            if arg.keyword is not None:
                self.emit(arg.keyword.value, arg.value, arg)
        read = env_key(node, self.aliases, self.readers)
        if read:
            default = read[1] or next((a.value for a in node.args
                                       if a.keyword and a.keyword.value == "default"), None)
            self.emit(read[0], default, node)

    def visit_Subscript(self, node: cst.Subscript) -> None:
        read = env_key(node, self.aliases, self.readers)
        if read:
            self.emit(read[0], None, node)

    def visit_DictElement(self, node: cst.DictElement) -> None:
        self.emit(string_value(node.key), node.value, node)


def visitor(parsed: Parsed, facts: ImportFacts, source: SourceFile, ctx: ScanContext,
            out: Collector) -> cst.BatchableCSTVisitor:
    """The visitor adding evidence for every database configuration key set or read."""
    config = ctx.catalog.table("settings").get("config", {})
    return _Visitor(parsed, facts.aliases, config if isinstance(config, dict) else {}, ctx, out)
