"""What a name imported from the repo's own modules is bound to, read from that module.

Scanners see one file, but a common layout splits an idiom across two: `db = SQLAlchemy()` in
`app/extensions.py`, `class User(db.Model)` in `app/models.py`. When a name resolves to a
first-party module ("app.extensions.db.Model"), this module finds that module's file with the
root-bounded reader, parses it (cached) and reads its top-level bindings: imports and
`x = Something(...)` instances. Re-exports (`from .extensions import db` in `app/__init__.py`)
are followed a few steps. Nothing is guessed: a name bound any other way stays unresolved.
"""

from __future__ import annotations

import ast
from functools import lru_cache
from typing import TYPE_CHECKING

from framefit.scanners.python.imports import ImportFacts, bind_imports
from framefit.scanners.python.syntax import Parsed, dotted, parse, resolve
from framefit.walk.reader import ReadError

if TYPE_CHECKING:
    from framefit.scanners.base import ScanContext

MAX_HOPS = 3  # re-exports followed before giving up


def bindings(parsed: Parsed, aliases: dict[str, str]) -> None:
    """Add the module's top-level `x = Something(...)` instances to `aliases` (in place)."""
    for statement in parsed.module.body:
        bind_instance(statement, aliases)


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


def resolve_first_party(qualified: str, root_dir: str, ctx: ScanContext) -> str | None:
    """The third-party qualified name behind the first-party `qualified`, or None.

    "app.extensions.db.Model" -> "flask_sqlalchemy.SQLAlchemy().Model" when
    `{root_dir}/app/extensions.py` (or `.../extensions/__init__.py`) binds `db = SQLAlchemy()`.
    """
    for _ in range(MAX_HOPS):
        found = _step(qualified, root_dir, ctx)
        if found is None:
            return None
        if found.split(".")[0] not in ctx.local_modules:
            return found
        qualified = found
    return None


def _step(qualified: str, root_dir: str, ctx: ScanContext) -> str | None:
    parts = qualified.split(".")
    for end in range(len(parts) - 1, 0, -1):
        table = _module_aliases(parts[:end], root_dir, ctx)
        target = table.get(parts[end]) if table is not None else None
        if target is not None:
            return ".".join([target, *parts[end + 1:]])
    return None


def _module_aliases(module: list[str], root_dir: str, ctx: ScanContext) -> dict[str, str] | None:
    """The top-level bindings of the first-party `module`, or None when it is not a file here."""
    base = "/".join(([root_dir] if root_dir else []) + module)
    for path, package in ((f"{base}.py", module[:-1]), (f"{base}/__init__.py", module)):
        if ctx.reader.exists(path):
            try:
                return _aliases_of(path, ctx.reader.read_bytes(path), ".".join(package))
            except ReadError:
                return None
    return None


@lru_cache(maxsize=256)
def _aliases_of(path: str, data: bytes, package: str) -> dict[str, str]:
    parsed = parse(path, data)
    if not isinstance(parsed, Parsed):
        return {}
    facts = ImportFacts(package=package)
    bind_imports(parsed, facts)
    aliases = dict(facts.aliases)
    bindings(parsed, aliases)
    return aliases
