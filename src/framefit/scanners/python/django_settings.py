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
from framefit.scanners.python.analysis import Analysis, Module
from framefit.scanners.python.prefilter import Requirement
from framefit.scanners.python.settings_module import settings_weight
from framefit.scanners.python.syntax import Parsed, Visitor, dotted, last_segments, string_value

if TYPE_CHECKING:
    from framefit.catalog import Catalog
    from framefit.catalog.views import DjangoSettings

PROJECT = "django-project"  # the signal of a Django project's settings and entry points
_SETS_DEFAULT = ("environ.setdefault", "environ.__setitem__")  # where DJANGO_SETTINGS_MODULE is set
_SETS_DEFAULT_LAST = last_segments(frozenset(_SETS_DEFAULT))
# DATABASES's signal, by what its ENGINE (or the startproject default) says.
DATABASE_SIGNALS = {"relational": "django-databases-engine",
                    "nonrelational": "django-databases-nonrelational",
                    "dummy": "django-databases-dummy", "default": "django-databases-default-sqlite"}


def requirements(catalog: Catalog) -> Iterator[Requirement]:
    django = catalog.views.django
    yield Requirement.of(["DATABASES"], DATABASE_SIGNALS.values())
    yield Requirement.of(["INSTALLED_APPS"], {*django.installed_apps.values(), PROJECT})
    for key, signal in django.keys.items():
        yield Requirement.of([key], {signal})
    yield Requirement.of(["DJANGO_SETTINGS_MODULE"], {PROJECT})


def _finish(module: Module) -> None:
    """Evidence from a settings module's DATABASES, INSTALLED_APPS and login keys."""
    parsed, django = module.parsed, module.ctx.catalog.views.django
    found = Collector(module.out.path)
    for statement in parsed.module.body:
        for target, value in assignments(statement):
            if target == "DATABASES":
                _databases(parsed, value, django, found)
            elif target == "INSTALLED_APPS":
                _installed_apps(parsed, value, django.installed_apps, found)
            elif target in django.keys:
                line = parsed.line_of(value)
                found.add(line, django.keys[target], parsed.text_of(line))
    if found.evidence:
        weight = settings_weight(module.source, module.ctx)
        module.out.evidence.extend(replace(e, weight=e.weight * weight) for e in found.evidence)


def _visitor(module: Module) -> Visitor:
    """The visitor for `DJANGO_SETTINGS_MODULE` defaults (a Django project's entry points)."""
    return _SettingsModuleVisitor(module)


def assignments(statement: ast.stmt) -> Iterator[tuple[str, ast.expr]]:
    if isinstance(statement, ast.Assign):
        for target in statement.targets:
            if isinstance(target, ast.Name):
                yield target.id, statement.value
    elif isinstance(statement, ast.AnnAssign) and statement.value is not None:
        if isinstance(statement.target, ast.Name):
            yield statement.target.id, statement.value
    elif isinstance(statement, ast.AugAssign) and isinstance(statement.target, ast.Name):
        yield statement.target.id, statement.value


def _databases(parsed: Parsed, value: ast.expr, django: DjangoSettings, out: Collector) -> None:
    line = parsed.line_of(value)
    if isinstance(value, ast.Dict) and not value.keys:
        out.add(line, DATABASE_SIGNALS["dummy"], parsed.text_of(line))
        return
    for node, key, item in dict_items(value):
        if key != "ENGINE":
            continue
        engine = string_value(item)
        if engine is None:
            continue
        at = parsed.line_of(node)
        out.add(at, _engine_signal(engine, parsed.source_of(value), django), parsed.text_of(at))


def _engine_signal(engine: str, databases: str, django: DjangoSettings) -> str:
    kind = django.engine_kind(engine)
    if kind in ("dummy", "nonrelational"):
        return DATABASE_SIGNALS[kind]
    if engine.endswith("sqlite3") and _is_startproject_default(databases):
        return DATABASE_SIGNALS["default"]
    return DATABASE_SIGNALS["relational"]


def _is_startproject_default(code: str) -> bool:
    """One "default" sqlite database named BASE_DIR / "db.sqlite3", as startproject writes it."""
    return code.count("ENGINE") == 1 and "db.sqlite3" in code and "BASE_DIR" in code


def dict_items(node: ast.expr) -> Iterator[tuple[ast.AST, str, ast.expr]]:
    """Every (node, string key, value) in a dict literal or `dict(...)` call, nested ones too."""
    if isinstance(node, ast.Dict):
        for key_node, value in zip(node.keys, node.values, strict=True):
            if key_node is None:
                continue  # `**other`
            key = string_value(key_node)
            if key is not None:
                yield key_node, key, value
            yield from dict_items(value)
    elif isinstance(node, ast.Call) and dotted(node.func) == "dict":
        for arg in node.keywords:
            if arg.arg is not None:
                yield arg, arg.arg, arg.value
            yield from dict_items(arg.value)


def _installed_apps(parsed: Parsed, value: ast.expr, apps: Mapping[str, str],
                    out: Collector) -> None:
    if not isinstance(value, (ast.List, ast.Tuple, ast.BinOp)):
        return
    for node in string_elements(value):
        name = string_value(node)
        if name is None:
            continue
        signal = apps.get(name) or apps.get(name.split(".apps.")[0])
        if signal is not None:
            at = parsed.line_of(node)
            out.add(at, signal, parsed.text_of(at))
        if name.startswith("django.contrib."):
            at = parsed.line_of(node)
            out.add(at, PROJECT, parsed.text_of(at))


def string_elements(node: ast.expr) -> Iterator[ast.expr]:
    if isinstance(node, (ast.List, ast.Tuple)):
        yield from node.elts
    elif isinstance(node, ast.BinOp):
        yield from string_elements(node.left)
        yield from string_elements(node.right)


class _SettingsModuleVisitor(Visitor):
    """`os.environ.setdefault("DJANGO_SETTINGS_MODULE", ...)`: a Django project's entry point."""

    def __init__(self, module: Module) -> None:
        self.module = module

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func  # `….setdefault(...)` only: the attribute's name is asked first
        if not (node.args and isinstance(func, ast.Attribute) and func.attr in _SETS_DEFAULT_LAST):
            return
        if not (dotted(func) or "").endswith(_SETS_DEFAULT):
            return
        if string_value(node.args[0]) == "DJANGO_SETTINGS_MODULE":
            self.module.add(self.module.parsed.line_of(node), PROJECT)


ANALYSIS = Analysis("django_settings", requirements, visitor=_visitor, finish=_finish)
