"""What a name imported from the repo's own modules is bound to, read from that module: the one
first-party resolver.

Scanners see one file, but a common layout splits an idiom across two: `db = SQLAlchemy()` in
`app/extensions.py`, `class User(db.Model)` in `app/models.py`. When a name resolves to a
first-party module ("app.extensions.db.Model"), the resolver finds that module's file with the
root-bounded reader and reads its top-level bindings: imports, `x = Something(...)` instances
and `class X(Something)` subclasses. Re-exports (`from .extensions import db` in
`app/__init__.py`) are followed MAX_HOPS steps. Nothing is guessed: a name bound any other way
stays unresolved.

The bindings come from the parsed module for evidence (`parsed_bindings`) and from its lines for
the prefilter (`profile.line_bindings`); the resolution is the same.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace
from functools import lru_cache

from framefit.scanners.python.imports import ImportFacts, locate_path, read
from framefit.scanners.python.profile import LineImport, absolute
from framefit.scanners.python.syntax import Parsed, decode, dotted, parse, resolve
from framefit.walk.reader import ReadError, RepoReader

MAX_HOPS = 3  # re-exports followed before giving up
# (path, bytes, dotted package) -> local name -> qualified name, for a module's top level.
Bindings = Callable[[str, bytes, str], Mapping[str, str]]


def bind_instance(node: ast.AST, aliases: dict[str, str]) -> None:
    """`x = pkg.Cls(...)` (or `x: T = ...`) binds `x` to the instance "pkg.Cls()"."""
    if isinstance(node, ast.Assign) and len(node.targets) == 1:
        target, value = node.targets[0], node.value
    elif isinstance(node, ast.AnnAssign) and node.value is not None:
        target, value = node.target, node.value
    else:
        return
    if isinstance(value, ast.Call) and isinstance(target, ast.Name):
        qualified = resolve(dotted(value.func), aliases)
        if qualified:
            aliases[target.id] = qualified + "()"


def bind_subclass(node: ast.AST, aliases: dict[str, str]) -> None:
    """`class X(pkg.Cls)` binds `X` to what its first resolvable base stands for."""
    if isinstance(node, ast.ClassDef):
        for base in node.bases:
            qualified = resolve(dotted(base), aliases)
            if qualified:
                aliases[node.name] = qualified
                return


class FirstParty:
    """Resolves names of the repo's own modules, reading their bindings with `bindings`; a
    module is one of `modules` (the tree's Python files) when given, else a file the reader
    finds."""

    def __init__(self, reader: RepoReader, local_modules: frozenset[str], bindings: Bindings,
                 modules: frozenset[str] | None = None, probe: bool = True) -> None:
        self.reader, self.local_modules, self.bindings = reader, local_modules, bindings
        self.modules, self.probe = modules, probe
        self._known: dict[tuple[str, tuple[str, ...]], Mapping[str, str] | None] = {}
        self._resolved: dict[tuple[str, str], str | None] = {}

    def exists(self, path: str) -> bool:
        """Whether `path` is one of the tree's modules. With `probe`, the reader is asked too,
        so a scan records the question (its cached result then depends on the answer)."""
        listed = self.modules is None or path in self.modules
        if self.probe:
            return self.reader.exists(path) and listed
        return listed if self.modules is not None else self.reader.exists(path)

    def resolve(self, qualified: str, root_dir: str) -> str | None:
        """The third-party qualified name behind the first-party `qualified`, or None.

        "app.extensions.db.Model" -> "flask_sqlalchemy.SQLAlchemy().Model" when
        `{root_dir}/app/extensions.py` (or `.../extensions/__init__.py`) binds `db = SQLAlchemy()`.
        """
        key = (qualified, root_dir)
        if key not in self._resolved:
            self._resolved[key] = self._follow(qualified, root_dir)
        return self._resolved[key]

    def _follow(self, qualified: str, root_dir: str) -> str | None:
        for _ in range(MAX_HOPS):
            found = self._step(qualified, root_dir)
            if found is None:
                return None
            if found.split(".")[0] not in self.local_modules:
                return found
            qualified = found
        return None

    def step(self, qualified: str, root_dir: str) -> str | None:
        """One step of `resolve`: what the module holding the name binds it to."""
        return self._step(qualified, root_dir)

    def _step(self, qualified: str, root_dir: str) -> str | None:
        parts = qualified.split(".")
        for end in range(len(parts) - 1, 0, -1):
            table = self.module(parts[:end], root_dir)
            target = table.get(parts[end]) if table is not None else None
            if target is not None:
                return ".".join([target, *parts[end + 1:]])
        return None

    def module(self, module: list[str], root_dir: str) -> Mapping[str, str] | None:
        """The top-level bindings of the first-party `module`, or None when it is not a file here
        (read once per resolver)."""
        key = (root_dir, tuple(module))
        if key not in self._known:
            self._known[key] = self._read(module, root_dir)
        return self._known[key]

    def _read(self, module: list[str], root_dir: str) -> Mapping[str, str] | None:
        base = "/".join(([root_dir] if root_dir else []) + module)
        for path, package in ((f"{base}.py", module[:-1]), (f"{base}/__init__.py", module)):
            if self.exists(path):
                try:
                    return self.bindings(path, self.reader.read_bytes(path), ".".join(package))
                except ReadError:
                    return None
        return None


@lru_cache(maxsize=32)  # each holds the module's bytes and text: up to 2 MB each of a hostile tree
def parsed_bindings(path: str, data: bytes, package: str) -> Mapping[str, str]:
    """The top-level bindings of a module, from its parse (nothing when it cannot be parsed)."""
    return _ParsedBindings(path, data, package)


class _ParsedBindings(Mapping[str, str]):
    """`parsed_bindings`, parsed on the first question the text cannot answer: every name the
    parse binds is an identifier token of the module's text (decoded as the parser reads it, and
    ASCII, which NFKC leaves as it is), and one in a binding place: after `import`, `as`, `,`,
    `(`, `class` or at a statement's start, never after a `.` or a `def`. A name the text holds
    nowhere else is not bound, parsed or not."""

    def __init__(self, path: str, data: bytes, package: str) -> None:
        self._source: tuple[str, bytes, str] | None = (path, data, package)
        self._table: dict[str, str] | None = None
        self._text: str | None = None

    def __getitem__(self, name: str) -> str:
        if self._table is None and self._source is not None and not self._may_bind(name):
            raise KeyError(name)
        return self._parsed()[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._parsed())

    def __len__(self) -> int:
        return len(self._parsed())

    def _may_bind(self, name: str) -> bool:
        assert self._source is not None
        if self._text is None:
            path, data, _ = self._source
            text = decode(path, data) if data.isascii() else ""
            self._text = text if isinstance(text, str) and text.isascii() else ""
        return not self._text or _in_binding_place(name, self._text)

    def _parsed(self) -> dict[str, str]:
        if self._table is None:
            assert self._source is not None
            self._table = _parse_bindings(*self._source)
            self._source = self._text = None
        return self._table


def _in_binding_place(name: str, text: str) -> bool:
    """Whether the ASCII `text` holds `name` as a whole token in a place a binding may name it:
    not an attribute (`x.name`), not a function's name (`def name`), not a call (`name(`) but
    for a class statement's (`class name(`)."""
    start = text.find(name)
    while start >= 0:
        end = start + len(name)
        if ((start == 0 or text[start - 1] not in _BEFORE) and text[max(start - 4, 0):start] != "def "
                and (end == len(text) or text[end] not in _WORD)
                and (_next_char(text, end) != "(" or _after_class(text, start))):
            return True
        start = text.find(name, start + 1)
    return False


def _next_char(text: str, end: int) -> str:
    """The character after `end` past spaces on the line (a line break or `\\` stops it)."""
    while end < len(text) and text[end] in " \t\f":
        end += 1
    return text[end] if end < len(text) else ""


def _after_class(text: str, start: int) -> bool:
    """Whether the word before `start`, past any blanks, line breaks and `\\`, is `class`."""
    while start > 0 and text[start - 1] in " \t\f\r\n\\":
        start -= 1
    return text[max(start - 5, 0):start] == "class" and (start < 6 or text[start - 6] not in _WORD)


_WORD = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
_BEFORE = _WORD | {"."}


def _parse_bindings(path: str, data: bytes, package: str) -> dict[str, str]:
    parsed = parse(path, data)
    if not isinstance(parsed, Parsed):
        return {}
    aliases = dict(read(parsed.module, ImportFacts(package=package)).aliases)
    for statement in parsed.module.body:
        bind_instance(statement, aliases)
        bind_subclass(statement, aliases)
    return aliases


def seen_libraries(path: str, statements: tuple[LineImport, ...], resolver: FirstParty,
                   only: frozenset[bytes] | None = None) -> frozenset[str]:
    """The libraries (top-level names) that the names the module at `path` imports from the
    repo's own modules are bound to, over the modules' lines (a prefilter's `via`, `resolver`
    reading `profile.line_bindings`): a name resolved as evidence would resolve it, and a module
    imported whole (or `from . import m`, or `*`) with every binding it has. With `only`, the
    names bound in this module that are not among these words are left out (not a `*`)."""
    return frozenset(_library(t) for t in seen_targets(path, statements, resolver, only)) - {""}


def seen_targets(path: str, statements: tuple[LineImport, ...], resolver: FirstParty,
                 only: frozenset[bytes] | None = None) -> frozenset[str]:
    """What `seen_libraries` finds, as the qualified names themselves ("flask.Flask" for a
    `class Api(Flask)` the module imports from the repo's own `base.py`)."""
    local = resolver.local_modules
    mine = [s for s in statements if s.level or s.module.split(".")[0] in local]
    if not mine:
        return frozenset()
    package, root_dir = locate_path(path, resolver.reader, resolver.exists)
    found: set[str] = set()
    for stmt in mine:
        module = absolute(package, stmt.level, stmt.module) if stmt.level else stmt.module
        if module:
            found |= _statement_targets(_names_in(stmt, only), module, root_dir, resolver)
    found.discard("")
    return frozenset(found)


def _names_in(stmt: LineImport, only: frozenset[bytes] | None) -> LineImport:
    """The statement less the names it binds that are not among `only` (a `*` kept)."""
    if only is None:
        return stmt
    return replace(stmt, names=tuple((n, a) for n, a in stmt.names if n == "*" or _local(a, stmt) in only))


def _statement_targets(stmt: LineImport, module: str, root_dir: str, resolver: FirstParty) -> set[str]:
    """What the names one first-party import statement (from `module`) binds are bound to
    ("" for a name that resolves to nothing)."""
    named, wholes = _imported(stmt, module)
    found = {resolver.resolve(q, root_dir) or "" for q in named}
    for whole in wholes:
        found |= _bound_in(whole, root_dir, resolver)
    return found


def bound_names(stmt: LineImport) -> set[bytes]:
    """The names a first-party import statement binds in the module (b"*" for a star)."""
    return {b"*" if n == "*" else _local(a, stmt) for n, a in stmt.names}


def _local(alias: str, stmt: LineImport) -> bytes:
    """The name an import binds in the module (`import a.b` binds `a`)."""
    return (alias if stmt.is_from or "." not in alias else alias.split(".")[0]).encode()


def _imported(stmt: LineImport, module: str) -> tuple[list[str], list[str]]:
    """The qualified names a first-party import statement binds, and the modules it may take
    whole (a plain import, a star, or a name that is itself a submodule)."""
    if not stmt.is_from:
        return [], [name for name, _ in stmt.names]
    named = [f"{module}.{n}" for n, _ in stmt.names if n != "*"]
    star = any(n == "*" for n, _ in stmt.names)
    return named, ([module] if star else []) + named


def _bound_in(module: str, root_dir: str, resolver: FirstParty) -> set[str]:
    """The qualified names every top-level name of the first-party `module` is bound to."""
    found: set[str] = set()
    for target in (resolver.module(module.split("."), root_dir) or {}).values():
        first_party = target.split(".")[0] in resolver.local_modules
        found.add((resolver.resolve(target, root_dir) or "") if first_party else target)
    return found


def _library(qualified: str | None) -> str:
    return (qualified or "").split(".")[0]
