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
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from framefit.scanners.formats.db_urls import scheme_signal
from framefit.scanners.python.analysis import Analysis, Module
from framefit.scanners.python.imports import ImportFacts
from framefit.scanners.python.prefilter import Requirement
from framefit.scanners.python.syntax import (
    Visitor,
    last_segments,
    literal_text,
    resolve_ending,
    string_value,
)

if TYPE_CHECKING:
    from framefit.catalog import Catalog


def requirements(catalog: Catalog) -> Iterator[Requirement]:
    """A key is written where it is set or read; a URL in its value may decide the signal."""
    urls = frozenset(catalog.views.url_schemes.values())
    for key, signal in catalog.views.config.keys.items():
        yield Requirement.of([key], {signal} | urls)


ENVIRON = "os.environ"  # read by subscript: `os.environ["K"]`
_ENVIRON_LAST = last_segments(frozenset({ENVIRON}))


def env_key(node: ast.AST, aliases: Mapping[str, str],
            readers: frozenset[str]) -> tuple[str, ast.expr | None] | None:
    """(key, default) when `node` reads the environment: `os.environ["K"]`, `os.getenv("K", d)`."""
    if isinstance(node, ast.Subscript) and resolve_ending(node.value, aliases, _ENVIRON_LAST) == ENVIRON:
        key = string_value(node.slice)
        return (key, None) if key else None
    if (isinstance(node, ast.Call) and node.args
            and resolve_ending(node.func, aliases, last_segments(readers)) in readers):
        key = string_value(node.args[0])
        default = node.args[1] if len(node.args) > 1 else None
        return (key, default) if key else None
    return None


class _Visitor(Visitor):
    def __init__(self, module: Module) -> None:
        self.module = module
        self.aliases = module.result("imports", ImportFacts).aliases
        config = module.ctx.catalog.views.config
        self.keys, self.readers = config.keys, config.env_reads

    def emit(self, key: str | None, value: ast.AST | None, at: ast.AST) -> None:
        if key is None or key not in self.keys:
            return
        url = scheme_signal(literal_text(value), self.module.ctx.catalog) if value is not None else None
        self.module.add(self.module.parsed.line_of(at), url or self.keys[key])

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


def _visitor(module: Module) -> Visitor:
    """The visitor adding evidence for every database configuration key set or read."""
    return _Visitor(module)


ANALYSIS = Analysis("app_config", requirements, visitor=_visitor, reads=("imports",))
