"""Code idioms that show a framework, a database or a login: calls, base classes, decorators.

The idioms are data (catalog `code.toml`, keyed by qualified names); this module only resolves
the names the code uses through its imports, its own `x = Something()` assignments and class
statements, and (for names imported from the repo's own modules) through `_firstparty`.

Tables of code.toml: `calls`, `bases`, `decorators`, `names` (an attribute or name used
anywhere, e.g. `admin.site.urls`), `call_args` (a call whose first argument is a given string,
e.g. `include("allauth.urls")`) and `url_calls` (a call whose string arguments may hold a
database URL: the URL's scheme decides the signal, the table value is the signal without one).
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from framefit.scanners.formats.db_urls import scheme_signal
from framefit.scanners.python.first_party import bind_instance, resolve_first_party
from framefit.scanners.python.imports import locate
from framefit.scanners.python.syntax import Parsed, Visitor, dotted, resolve, string_value

if TYPE_CHECKING:
    from framefit.scanners.base import Collector, ScanContext, SourceFile
    from framefit.scanners.python.imports import ImportFacts

_CACHE: dict[str, CodeTables] = {}  # per catalog version
TABLES = ("calls", "bases", "decorators", "names", "url_calls", "mounted_apps")


@dataclass(frozen=True, slots=True)
class CodeTables:
    """code.toml, narrowed: qualified name -> signal per table, plus string-argument calls."""

    tables: Mapping[str, Mapping[str, str]]
    call_args: Mapping[str, Mapping[str, str]]
    model_signals: frozenset[str]
    mount_methods: frozenset[str] = frozenset()
    asgi_parameters: tuple[str, ...] = ()

    @property
    def name_tails(self) -> frozenset[str]:
        """The last segment of every `names` entry: attributes worth resolving."""
        return frozenset(k.rsplit(".", 1)[-1] for k in self.tables["names"])

    def tails(self, table: str) -> frozenset[str]:
        """The last segment of every entry of `table` ("Model" of "...SQLAlchemy().Model").

        Only a name ending in one of these is looked up in a first-party module (where it may
        be re-exported, `from .utils import sqlite3`, or made, `db = SQLAlchemy()`).
        """
        return frozenset(key.rsplit(".", 1)[-1] for key in self.tables[table])

    def keys(self) -> list[str]:
        """Every qualified name of every table."""
        return [k for t in self.tables.values() for k in t] + list(self.call_args)

    @classmethod
    def of(cls, code: Mapping[str, object]) -> CodeTables:
        """Read the tables; anything malformed is left out."""
        tables = {name: _strings(code.get(name)) for name in TABLES}
        raw_args = code.get("call_args", {})
        call_args = ({str(k): _strings(v) for k, v in raw_args.items()}
                     if isinstance(raw_args, dict) else {})
        asgi = code.get("asgi_parameters")
        return cls(tables, call_args, _names(code.get("model_signals")),
                   _names(code.get("mount_methods")),
                   tuple(map(str, asgi)) if isinstance(asgi, list) else ())


def _names(value: object) -> frozenset[str]:
    return frozenset(map(str, value)) if isinstance(value, list) else frozenset()


def _strings(table: object) -> dict[str, str]:
    return {str(k): str(v) for k, v in table.items()} if isinstance(table, dict) else {}


class _Visitor(Visitor):
    def __init__(self, parsed: Parsed, facts: ImportFacts, code: CodeTables,
                 source: SourceFile, ctx: ScanContext, out: Collector) -> None:
        self.parsed, self.facts, self.code = parsed, facts, code
        self.aliases = facts.aliases
        self.source, self.ctx, self.out = source, ctx, out
        self._root_dir: str | None = None
        self._tails = code.name_tails
        self._tails_of = {table: code.tails(table) for table in TABLES}
        self._names = code.tables["names"]

    def qualify(self, expr: ast.expr) -> str | None:
        """The qualified name of `expr` (None when it is not a name it can resolve)."""
        return resolve(dotted(expr), self.aliases)

    def lookup(self, table: str, expr: ast.expr) -> tuple[str, str] | None:
        """(qualified name, signal) when `expr` names an entry of `table`."""
        entries = self.code.tables[table]
        qualified = self.qualify(expr)
        if qualified is None:
            return None
        if qualified in entries:
            return qualified, entries[qualified]
        if qualified.rsplit(".", 1)[-1] in self._tails_of[table] and self._first_party(expr, qualified):
            found = resolve_first_party(qualified, self._root(), self.ctx)
            if found is not None and found in entries:
                return found, entries[found]
        return None

    def _first_party(self, expr: ast.expr, qualified: str) -> bool:
        return qualified.split(".")[0] in self.ctx.local_modules or _head(expr) in self.facts.first_party

    def hit(self, node: ast.AST, signal: str) -> int:
        line = self.parsed.line_of(node)
        self.out.add(line, signal, self.parsed.text_of(line))
        return line

    def visit_Assign(self, node: ast.Assign) -> None:
        bind_instance(node, self.aliases)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        bind_instance(node, self.aliases)

    def visit_Call(self, node: ast.Call) -> None:
        found = self.lookup("calls", node.func)
        if found:
            self.hit(node, found[1])
        qualified = self.qualify(node.func)
        if qualified is not None and qualified in self.code.call_args and node.args:
            signal = self.code.call_args[qualified].get(string_value(node.args[0]) or "")
            if signal:
                self.hit(node, signal)
        by_url = self.lookup("url_calls", node.func)
        if by_url:
            self.hit(node, _url_signal(node, self.ctx) or by_url[1])
        mounted = self._mounted(node)
        if mounted:
            self.hit(node, mounted)

    def _mounted(self, node: ast.Call) -> str | None:
        """`outer.mount("/", app)` or `outer.mount("/", Adapter(app))`: the signal of `app`."""
        if not (isinstance(node.func, ast.Attribute) and node.func.attr in self.code.mount_methods):
            return None
        args = [*node.args, *(k.value for k in node.keywords if k.arg in ("path", "app"))]
        if len(args) < 2 or string_value(args[0]) not in ("/", ""):
            return None
        target = args[1]
        if isinstance(target, ast.Call) and target.args:
            target = target.args[0]  # the adapter's argument: `WSGIMiddleware(flask_app)`
        qualified = self.qualify(target)
        entries = self.code.tables["mounted_apps"]
        if qualified is not None and qualified not in entries and self._first_party(target, qualified):
            qualified = resolve_first_party(qualified, self._root(), self.ctx)
        return entries.get(qualified or "")

    def _root(self) -> str:
        if self._root_dir is None:
            self._root_dir = self.facts.root_dir or locate(self.source, self.ctx)[1]
        return self._root_dir

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        for base in node.bases:
            found = self.lookup("bases", base)
            if found is None:
                continue
            self.hit(node, found[1])
            # A subclass of a model base is a model base: `class Base(DeclarativeBase)`.
            self.aliases[node.name] = found[0]
            if found[1] in self.code.model_signals:
                self.facts.model_classes.append(node)
        self._decorators(node)

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._decorators(node)

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> None:
        self._decorators(node)
        names = [a.arg for a in (*node.args.posonlyargs, *node.args.args)]
        if names[:1] == ["self"] and node.name == "__call__":
            names = names[1:]
        if self.code.asgi_parameters and tuple(names) == self.code.asgi_parameters:
            self.hit(node, "asgi-app")

    def _decorators(self, node: ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        for decorator in node.decorator_list:
            target = decorator.func if isinstance(decorator, ast.Call) else decorator
            found = self.lookup("decorators", target)
            if found:
                self.hit(decorator, found[1])

    def visit_Attribute(self, node: ast.Attribute) -> None:
        if node.attr not in self._tails:
            return
        found = self.lookup("names", node)
        if found:
            self.hit(node, found[1])

    def visit_Name(self, node: ast.Name) -> None:
        target = self.aliases.get(node.id)
        if target is not None and target in self._names:
            self.hit(node, self._names[target])


def _head(expr: ast.expr) -> str:
    return (dotted(expr) or "").split(".")[0]


def _url_signal(call: ast.Call, ctx: ScanContext) -> str | None:
    """The signal of the first database URL among the call's string arguments, if any."""
    for arg in [*call.args, *(k.value for k in call.keywords)]:
        text = string_value(arg)
        signal = scheme_signal(text, ctx.catalog) if text else None
        if signal:
            return signal
    return None


def visitor(parsed: Parsed, facts: ImportFacts, source: SourceFile, ctx: ScanContext,
            out: Collector) -> Visitor:
    """The visitor adding evidence for every code.toml idiom (facts.aliases gains bindings)."""
    code = _CACHE.get(ctx.catalog.version)
    if code is None:
        code = _CACHE[ctx.catalog.version] = CodeTables.of(ctx.catalog.table("code"))
    return _Visitor(parsed, facts, code, source, ctx, out)
