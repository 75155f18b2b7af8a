"""The contract between the catalog, the analyses and the plan, generated from the catalog.

For every entry the Python analyses read (an import name, each code.toml idiom, each settings
and configuration key, each login idiom), a minimal module that uses it must give its signal,
and the scanner's prefilter must foresee that signal in the module's bytes (or the plan could
skip the module). Idioms are also used through a first-party module (`db = SQLAlchemy()` in
`app/ext.py`, used in `app/m.py`), where the prefilter must see the binding over the tree.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from framefit.catalog import load
from framefit.scanners.base import ScanContext, SourceFile
from framefit.scanners.python import scanner as python_code
from framefit.scanners.python.idioms import app_object
from framefit.scanners.python.registry import ModulePrefilter, requirements
from framefit.walk.reader import RepoReader
from tests.scanners.python_helpers import foreseen_signals

CATALOG = load()
VIEWS = CATALOG.views
Case = tuple[str, dict[str, str], str, str]  # (id, files, module path, signal)


def _expression(key: str) -> tuple[list[str], str]:
    """Lines that bind what `key` names, and the expression naming it: "a.B().m" is
    (["import a", "v0 = a.B()"], "v0.m")."""
    head = key.split(".")[0]
    lines, current = [f"import {head}"], ""
    for number, part in enumerate(key.split("().")):
        current = f"{current}.{part}" if current else part
        if number < key.count("()."):
            lines.append(f"v{number} = {current}()")
            current = f"v{number}"
    if current.endswith("()"):  # "sqlalchemy.orm.declarative_base()": the instance itself
        lines.append(f"v9 = {current}")
        current = "v9"
    return lines, current


def _use(table: str, expr: str) -> str:
    return {
        "calls": f"{expr}(__name__)",
        "url_calls": f"{expr}()",
        "bases": f"class Thing({expr}):\n    pass",
        "decorators": f"@{expr}\ndef view():\n    pass",
        "names": f"shown = {expr}",
    }[table]


def _idiom_cases() -> Iterator[Case]:
    for table, entries in VIEWS.code.tables.items():
        if table == "mounted_apps":
            continue
        for key, signal in sorted(entries.items()):
            lines, expr = _expression(key)
            source = "\n".join([*lines, _use(table, expr)]) + "\n"
            yield f"{table}:{key}", {"m.py": source}, "m.py", signal
            # The same through the repo's own module: what it names imported from app/ext.py
            # (but an app object, made where its framework is imported: idioms.app_object; and
            # an instance that is itself a base, `Base = declarative_base()` in app/ext.py:
            # a class subclassed in another module is not followed, idioms.key_words).
            first = expr.split(".")[0]
            if app_object(table, signal, CATALOG) or (table == "bases" and key.endswith("()")):
                continue
            yield (f"{table}:{key}:first-party",
                   {"app/__init__.py": "", "app/ext.py": "\n".join(lines) + "\n",
                    "app/m.py": f"from .ext import {first}\n{_use(table, expr)}\n"},
                   "app/m.py", signal)
    for key, by_argument in sorted(VIEWS.code.call_args.items()):
        for argument, signal in sorted(by_argument.items()):
            lines, expr = _expression(key)
            yield f"call_args:{key}:{argument}", {"m.py": "\n".join([*lines, f"{expr}({argument!r})"])},\
                "m.py", signal


def _mounted_cases() -> Iterator[Case]:
    for key, signal in sorted(VIEWS.code.tables["mounted_apps"].items()):
        lines, expr = _expression(key.removesuffix("()"))
        for method in sorted(VIEWS.code.mount_methods):
            source = "\n".join([*lines, f"inner = {expr}(__name__)", f"outer.{method}('/', inner)"])
            yield f"mounted:{key}:{method}", {"m.py": source + "\n"}, "m.py", signal
            yield (f"mounted:{key}:{method}:first-party",
                   {"app/__init__.py": "", "app/ext.py": "\n".join([*lines, f"inner = {expr}(__name__)"]),
                    "app/m.py": f"from .ext import inner\nouter.{method}('/', inner)\n"},
                   "app/m.py", signal)
            yield (f"mounted:{key}:{method}:adapter",
                   {"m.py": "\n".join([*lines, f"inner = {expr}(__name__)",
                                        f"outer.{method}('/', Adapter(inner))"]) + "\n"},
                   "m.py", signal)


def _settings_cases() -> Iterator[Case]:
    django = VIEWS.django
    for kind, engines in sorted(django.engines.items()):
        for engine in sorted(engines):
            signal = {"relational": "django-databases-engine", "nonrelational":
                      "django-databases-nonrelational", "dummy": "django-databases-dummy"}[kind]
            source = f"DATABASES = {{'default': {{'ENGINE': {engine!r}, 'NAME': 'x'}}}}\n"
            yield f"engine:{engine}", {"settings.py": source}, "settings.py", signal
    for app, signal in sorted(django.installed_apps.items()):
        yield f"app:{app}", {"settings.py": f"INSTALLED_APPS = [{app!r}]\n"}, "settings.py", signal
    for key, signal in sorted(django.keys.items()):
        yield f"setting:{key}", {"settings.py": f"{key} = 'x'\n"}, "settings.py", signal
    manage = "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'p.settings')\n"
    yield "settings-module", {"manage.py": manage}, "manage.py", "django-project"
    for key, signal in sorted(VIEWS.config.keys.items()):
        yield f"config:{key}", {"config.py": f"{key} = 'x'\n"}, "config.py", signal
        for reader in sorted(VIEWS.config.env_reads):
            lines, expr = _expression(reader)
            source = "\n".join([*lines, f"value = {expr}({key!r})"]) + "\n"
            yield f"config:{key}:{reader}", {"config.py": source}, "config.py", signal
    for scheme, signal in sorted(VIEWS.url_schemes.items()):
        yield f"url:{scheme}", {"config.py": f"DATABASE_URL = '{scheme}://u@h/db'\n"}, "config.py", signal


def _login_cases() -> Iterator[Case]:
    auth = VIEWS.auth
    for holder in auth.session_objects:
        lines, expr = _expression(holder)
        for key in sorted(auth.session_keys):
            write = f"{expr}[{key!r}] = 1"
            yield (f"session:{holder}:{key}", {"m.py": "\n".join([*lines, write])},
                   "m.py", "session-user-unchecked")
            for method in sorted(auth.credential_methods):  # a credential checked: a login
                checked = "\n".join([*lines, f"if user.{method}(pw):", f"    {write}"])
                yield f"session:{holder}:{key}:{method}", {"m.py": checked}, "m.py", "session-user-login"
    for method in sorted(auth.credential_methods):
        yield f"credential:{method}", {"m.py": f"ok = {method}(stored, sent)\n"}, "m.py", "password-check"
    yield from _checked_session_cases()
    for word in auth.secret_words:
        for reader in sorted(VIEWS.config.env_reads):
            lines, expr = _expression(reader)
            source = "\n".join([*lines, f"ok = sent == {expr}('X_{word}')"])
            yield f"secret:{word}:{reader}", {"m.py": source}, "m.py", "machine-token-auth"
        yield (f"secret:{word}:environ", {"m.py": f"import os\nok = sent == os.environ['X_{word}']\n"},
               "m.py", "machine-token-auth")
        yield f"secret:{word}:config", {"m.py": f"ok = sent == app.config['X_{word}']\n"}, "m.py", \
            "machine-token-auth"
        yield f"secret:{word}:constant", {"m.py": f"ok = sent == conf.X_{word}\n"}, "m.py", \
            "machine-token-auth"
    for key, signal in sorted(VIEWS.code.tables["bases"].items()):
        if signal in VIEWS.code.model_signals:
            lines, expr = _expression(key)
            for column in auth.password_columns:
                source = "\n".join([*lines, f"class User({expr}):\n    {column} = 1"])
                yield f"user-table:{key}:{column}", {"m.py": source}, "m.py", "user-table-password"


def _checked_session_cases() -> Iterator[Case]:
    """A user written into the session in a module that checks a credential by any idiom the
    catalog gives a credential signal (`auth.credential_signals`): a login, foreseen as one."""
    holder = VIEWS.auth.session_objects[0]
    session_lines, session = _expression(holder)
    key = sorted(VIEWS.auth.session_keys)[0]
    for table, entries in sorted(VIEWS.code.tables.items()):
        if table == "mounted_apps":
            continue
        for idiom, signal in sorted(entries.items()):
            if signal not in VIEWS.auth.credential_signals:
                continue
            lines, expr = _expression(idiom)
            source = "\n".join([*session_lines, *lines, _use(table, expr), f"{session}[{key!r}] = 1"])
            yield f"session-checked:{table}:{idiom}", {"m.py": source + "\n"}, "m.py", "session-user-login"


def _import_cases() -> Iterator[Case]:
    for name in sorted(CATALOG.all_import_names()):
        yield f"import:{name}", {"m.py": f"import {name}\n"}, "m.py", f"import:{name}"
        yield (f"import:{name}:dynamic", {"m.py": f"mod = __import__({name!r})\n"}, "m.py",
               f"import:{name}")


def _dockerfile_cases() -> Iterator[Case]:
    yield ("dockerfile-string", {"m.py": 'TEMPLATE = """\nFROM python:3.12-slim\nRUN pip install x\n"""\n'},
           "m.py", "docker-base-slim")


CASES = [*_idiom_cases(), *_mounted_cases(), *_settings_cases(), *_login_cases(), *_import_cases(),
         *_dockerfile_cases()]


@pytest.mark.parametrize(("files", "path", "signal"), [pytest.param(f, p, s, id=i) for i, f, p, s in CASES])
def test_a_module_using_a_catalog_entry_gives_its_signal_and_the_plan_keeps_it(
        files: dict[str, str], path: str, signal: str) -> None:
    reader = RepoReader.from_mapping(files)
    local = frozenset({"app"}) if path.startswith("app/") else frozenset()
    data = files[path].encode()
    ctx = ScanContext(reader, CATALOG, local, frozenset(p for p in files if p.endswith(".py")))
    result = python_code.scan(SourceFile(path, data), ctx)
    given = {e.signal for e in result.evidence}
    assert signal in given, (sorted(given), result.diagnostics)
    foreseen = foreseen_signals(ModulePrefilter(ctx), path, data)
    assert given <= foreseen, sorted(given - foreseen)


def test_every_idiom_table_entry_has_a_case() -> None:
    ids = {case[0] for case in CASES}
    for table, entries in VIEWS.code.tables.items():
        prefix = "mounted" if table == "mounted_apps" else table
        for key in entries:
            assert any(i.startswith(f"{prefix}:{key}") for i in ids), (table, key)


def test_every_credential_signal_is_foreseen_by_some_requirement() -> None:
    """A session login is foreseen only beside a credential signal foreseen in the module
    (`prefilter.Requirement.needs`): each such signal must be one some requirement foresees."""
    foreseeable = {s for r in requirements(CATALOG) for s in r.signals}
    assert VIEWS.auth.credential_signals <= foreseeable, sorted(VIEWS.auth.credential_signals - foreseeable)
