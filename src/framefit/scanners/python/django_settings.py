"""Django settings: DATABASES engines, INSTALLED_APPS, login keys, DJANGO_SETTINGS_MODULE.

A module that assigns DATABASES or INSTALLED_APPS at top level is a settings module. Whether it
is the project's real one is read from the pointers Django itself follows: the
`DJANGO_SETTINGS_MODULE` default in a `manage.py` above it or a `wsgi.py` / `asgi.py` beside
it (`_settings_module`). The module pointed at, and every module of the same settings package
(split settings: `settings/base.py` under `settings.production`), count in full; a settings
module that a pointer passes over (a copy for docs or CI) weighs OTHER_SETTINGS_WEIGHT.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING

from framefit.scanners.base import Collector
from framefit.scanners.python.settings_module import settings_weight
from framefit.scanners.python.syntax import Parsed, Visitor, dotted, string_value

if TYPE_CHECKING:
    from framefit.scanners.base import ScanContext, SourceFile
    from framefit.scanners.python.imports import ImportFacts


def analyse(parsed: Parsed, facts: ImportFacts, source: SourceFile, ctx: ScanContext,
            out: Collector) -> None:
    """Evidence from a settings module's DATABASES, INSTALLED_APPS and login keys."""
    django = ctx.catalog.table("settings").get("django", {})
    assert isinstance(django, dict)
    keys = django.get("keys", {})
    found = Collector(out.path)
    for statement in parsed.module.body:
        for target, value in _assignments(statement):
            if target == "DATABASES":
                _databases(parsed, value, django.get("engines", {}), found)
            elif target == "INSTALLED_APPS":
                _installed_apps(parsed, value, django.get("installed_apps", {}), found)
            elif isinstance(keys, dict) and isinstance(keys.get(target), str):
                line = parsed.line_of(value)
                found.add(line, keys[target], parsed.text_of(line))
    if found.evidence:
        weight = settings_weight(source, ctx)
        out.evidence.extend(replace(e, weight=e.weight * weight) for e in found.evidence)


def visitor(parsed: Parsed, facts: ImportFacts, source: SourceFile, ctx: ScanContext,
            out: Collector) -> Visitor:
    """The visitor for `DJANGO_SETTINGS_MODULE` defaults (a Django project's entry points)."""
    return _SettingsModuleVisitor(parsed, out)


def _assignments(statement: ast.stmt) -> Iterator[tuple[str, ast.expr]]:
    if isinstance(statement, ast.Assign):
        for target in statement.targets:
            if isinstance(target, ast.Name):
                yield target.id, statement.value
    elif isinstance(statement, ast.AnnAssign) and statement.value is not None:
        if isinstance(statement.target, ast.Name):
            yield statement.target.id, statement.value
    elif isinstance(statement, ast.AugAssign) and isinstance(statement.target, ast.Name):
        yield statement.target.id, statement.value


def _databases(parsed: Parsed, value: ast.expr, engines: Mapping[str, object],
               out: Collector) -> None:
    line = parsed.line_of(value)
    if isinstance(value, ast.Dict) and not value.keys:
        out.add(line, "django-databases-dummy", parsed.text_of(line))
        return
    for node, key, item in _dict_items(value):
        if key != "ENGINE":
            continue
        engine = string_value(item)
        if engine is None:
            continue
        at = parsed.line_of(node)
        out.add(at, _engine_signal(engine, parsed.source_of(value), engines), parsed.text_of(at))


def _engine_signal(engine: str, databases: str, engines: Mapping[str, object]) -> str:
    def listed(kind: str) -> bool:
        names = engines.get(kind, [])
        return isinstance(names, list) and engine in names

    if listed("dummy"):
        return "django-databases-dummy"
    if listed("nonrelational"):
        return "django-databases-nonrelational"
    if engine.endswith("sqlite3") and _is_startproject_default(databases):
        return "django-databases-default-sqlite"
    return "django-databases-engine"


def _is_startproject_default(code: str) -> bool:
    """One "default" sqlite database named BASE_DIR / "db.sqlite3", as startproject writes it."""
    return code.count("ENGINE") == 1 and "db.sqlite3" in code and "BASE_DIR" in code


def _dict_items(node: ast.expr) -> Iterator[tuple[ast.AST, str, ast.expr]]:
    """Every (node, string key, value) in a dict literal or `dict(...)` call, nested ones too."""
    if isinstance(node, ast.Dict):
        for key_node, value in zip(node.keys, node.values, strict=True):
            if key_node is None:
                continue  # `**other`
            key = string_value(key_node)
            if key is not None:
                yield key_node, key, value
            yield from _dict_items(value)
    elif isinstance(node, ast.Call) and dotted(node.func) == "dict":
        for arg in node.keywords:
            if arg.arg is not None:
                yield arg, arg.arg, arg.value
            yield from _dict_items(arg.value)


def _installed_apps(parsed: Parsed, value: ast.expr, apps: Mapping[str, object],
                    out: Collector) -> None:
    if not isinstance(value, (ast.List, ast.Tuple, ast.BinOp)):
        return
    for node in _string_elements(value):
        name = string_value(node)
        if name is None:
            continue
        signal = apps.get(name) or apps.get(name.split(".apps.")[0])
        if isinstance(signal, str):
            at = parsed.line_of(node)
            out.add(at, signal, parsed.text_of(at))
        if name.startswith("django.contrib."):
            at = parsed.line_of(node)
            out.add(at, "django-project", parsed.text_of(at))


def _string_elements(node: ast.expr) -> Iterator[ast.expr]:
    if isinstance(node, (ast.List, ast.Tuple)):
        yield from node.elts
    elif isinstance(node, ast.BinOp):
        yield from _string_elements(node.left)
        yield from _string_elements(node.right)


class _SettingsModuleVisitor(Visitor):
    """`os.environ.setdefault("DJANGO_SETTINGS_MODULE", ...)`: a Django project's entry point."""

    def __init__(self, parsed: Parsed, out: Collector) -> None:
        self.parsed = parsed
        self.out = out

    def visit_Call(self, node: ast.Call) -> None:
        func = dotted(node.func) or ""
        if not func.endswith(("environ.setdefault", "environ.__setitem__")) or not node.args:
            return
        if string_value(node.args[0]) == "DJANGO_SETTINGS_MODULE":
            line = self.parsed.line_of(node)
            self.out.add(line, "django-project", self.parsed.text_of(line))
