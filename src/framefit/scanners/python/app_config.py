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

import ast
from collections.abc import Mapping
from typing import TYPE_CHECKING

from framefit.scanners.formats.db_urls import scheme_signal
from framefit.scanners.python.syntax import Parsed, Visitor, dotted, literal_text, resolve, string_value

if TYPE_CHECKING:
    from framefit.scanners.base import Collector, ScanContext, SourceFile
    from framefit.scanners.python.imports import ImportFacts


def env_key(node: ast.AST, aliases: Mapping[str, str],
            readers: Mapping[str, object]) -> tuple[str, ast.expr | None] | None:
    """(key, default) when `node` reads the environment: `os.environ["K"]`, `os.getenv("K", d)`."""
    if isinstance(node, ast.Subscript) and resolve(dotted(node.value), aliases) == "os.environ":
        key = string_value(node.slice)
        return (key, None) if key else None
    if isinstance(node, ast.Call) and resolve(dotted(node.func), aliases) in readers and node.args:
        key = string_value(node.args[0])
        default = node.args[1] if len(node.args) > 1 else None
        return (key, default) if key else None
    return None


class _Visitor(Visitor):
    def __init__(self, parsed: Parsed, aliases: Mapping[str, str], config: Mapping[str, object],
                 ctx: ScanContext, out: Collector) -> None:
        self.parsed, self.aliases, self.ctx, self.out = parsed, aliases, ctx, out
        keys, readers = config.get("keys", {}), config.get("env_reads", [])
        self.keys = {str(k): str(v) for k, v in keys.items()} if isinstance(keys, dict) else {}
        self.readers = dict.fromkeys(map(str, readers)) if isinstance(readers, list) else {}

    def emit(self, key: str | None, value: ast.AST | None, at: ast.AST) -> None:
        if key not in self.keys:
            return
        url = scheme_signal(literal_text(value), self.ctx.catalog) if value is not None else None
        line = self.parsed.line_of(at)
        self.out.add(line, url or self.keys[key], self.parsed.text_of(line))

    def visit_Assign(self, node: ast.Assign) -> None:
        for target in node.targets:
            self._target(target, node.value, node)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if node.value is not None:
            self._target(node.target, node.value, node)

    def _target(self, target: ast.expr, value: ast.expr, node: ast.AST) -> None:
        if isinstance(target, ast.Name):
            self.emit(target.id, value, node)
        elif isinstance(target, ast.Subscript):
            self.emit(string_value(target.slice), value, node)

    def visit_Call(self, node: ast.Call) -> None:
        for arg in node.keywords:
            if arg.arg is not None:
                self.emit(arg.arg, arg.value, arg)
        read = env_key(node, self.aliases, self.readers)
        if read:
            default = read[1] or next((a.value for a in node.keywords if a.arg == "default"), None)
            self.emit(read[0], default, node)

    def visit_Subscript(self, node: ast.Subscript) -> None:
        read = env_key(node, self.aliases, self.readers)
        if read:
            self.emit(read[0], None, node)

    def visit_Dict(self, node: ast.Dict) -> None:
        for key, value in zip(node.keys, node.values, strict=True):
            if key is not None:
                self.emit(string_value(key), value, key)


def visitor(parsed: Parsed, facts: ImportFacts, source: SourceFile, ctx: ScanContext,
            out: Collector) -> Visitor:
    """The visitor adding evidence for every database configuration key set or read."""
    config = ctx.catalog.table("settings").get("config", {})
    return _Visitor(parsed, facts.aliases, config if isinstance(config, dict) else {}, ctx, out)
