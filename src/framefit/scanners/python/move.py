"""What a move to the other framework touches in a module: code facts, never evidence.

Per framework (catalog `moves.toml`, typed as `views.MoveSide`), a module's routes (route
decorators and calls, `@x.route` and `x.add_url_rule` on any object for Flask), blueprints
made, model classes (those idioms found, and those whose base the repo's own module binds to a
model base, less abstract ones and declarative bases), form classes, and template folders
(`templates/` beside a module that makes a Flask app, a `template_folder=` literal; Django's in
`move_settings`). Names resolve as idioms resolves them:
through the module's imports and bindings and, for a name imported from the repo's own modules,
through `first_party`. The imports of the framework and its extensions are read from a module's
lines (answers/move.py), so a module that only imports them is never parsed for a move.

The facts go to `ScanResult.facts`; the prefilter foresees MOVE_SIGNAL wherever one may be, and
answers/settled.py keeps the `move` group open only for a service that does not fit.
"""

from __future__ import annotations

import ast
import posixpath
from collections.abc import Iterator
from typing import TYPE_CHECKING

from framefit.model import MOVE_SIGNAL, FactKind
from framefit.scanners.python.analysis import Analysis, Module
from framefit.scanners.python.first_party import FirstParty, parsed_bindings
from framefit.scanners.python.idioms import IdiomFacts, app_object, key_words
from framefit.scanners.python.imports import ImportFacts, locate
from framefit.scanners.python.move_settings import INSTALLED_APPS, TEMPLATES, settings_facts
from framefit.scanners.python.prefilter import Requirement
from framefit.scanners.python.syntax import Visitor, dotted, resolve, string_value

if TYPE_CHECKING:
    from framefit.catalog import Catalog
    from framefit.catalog.views import MoveSide

_META, _ABSTRACT = "Meta", "__abstract__"


def requirements(catalog: Catalog) -> Iterator[Requirement]:
    """Where a route, blueprint, model, form, app object or settings of a move may be."""
    code, signal = catalog.views.code, {MOVE_SIGNAL}
    for framework, side in catalog.views.moves.items():
        for key in (*side.route_calls, *side.unit_calls):
            for words, via in key_words(key):
                yield Requirement.of(words, signal, via=via)
        for key in side.route_decorators:  # a decorator's method is on a decorator line
            for words, via in key_words(key):
                yield Requirement.of(words, signal, via=via, decorated=[key.rsplit(".", 1)[-1]])
        for name in side.any_route_decorators:
            yield Requirement.of([name], signal, decorated=[name])
        for name in side.any_route_calls:
            yield Requirement.of([name], signal)
        bases = [k for k, s in code.tables["bases"].items() if s in side.model_signals]
        for key in (*bases, *side.form_bases):  # the models idioms finds, the forms
            for words, via in key_words(key):
                yield Requirement.of(words, signal, via=via)
        for key in (*bases, *side.form_bases):  # a base the repo's own module binds, in a class head
            yield Requirement.of(["class"], signal, via={key.split(".")[0]}, based=True)
        for key in _app_calls(catalog, framework):
            for words, via in key_words(key):
                if not via:
                    yield Requirement.of(words, signal)
    yield Requirement.of([INSTALLED_APPS], signal)
    yield Requirement.of([TEMPLATES], signal)


def _app_calls(catalog: Catalog, framework: str) -> list[str]:
    """The calls that make an app object of `framework` (code.toml `calls`), when it has a
    template folder beside the module that makes it (Flask)."""
    calls = catalog.views.code.tables["calls"]
    if not catalog.views.moves[framework].template_keyword:
        return []
    return [k for k, s in calls.items() if app_object("calls", s, catalog)
            and (entry := catalog.lookup(s)) is not None and entry.framework == framework]


class _Visitor(Visitor):
    def __init__(self, module: Module) -> None:
        self.module, self.parsed, self.out = module, module.parsed, module.out
        catalog, ctx = module.ctx.catalog, module.ctx
        self.sides: dict[str, MoveSide] = dict(catalog.views.moves)
        self.idioms = module.result("idioms", IdiomFacts)
        self.imports = module.result("imports", ImportFacts)
        self.apps = {k: f for f in self.sides for k in _app_calls(catalog, f)}
        self.forms: dict[str, str] = {}  # a class of this module -> the framework of its form base
        self.models: dict[str, str] = {}  # a model class of this module -> its model signal
        self.bases = catalog.views.code.tables["bases"]
        self.model_signals = frozenset(s for side in self.sides.values() for s in side.model_signals)
        self.first_party = FirstParty(ctx.reader, ctx.local_modules, parsed_bindings)
        self.tails = {key.rsplit(".", 1)[-1] for side in self.sides.values()
                      for key in (*side.route_calls, *side.route_decorators, *side.unit_calls)}
        self.call_keys = {k for side in self.sides.values()
                          for k in (*side.route_calls, *side.unit_calls)} | set(self.apps)
        self.call_tails = {k.rsplit(".", 1)[-1] for k in self.call_keys} | {
            name for side in self.sides.values() for name in side.any_route_calls}
        self._root: str | None = None
        self._folders: set[str] = set()

    def fact(self, node: ast.AST, framework: str, kind: FactKind, name: str = "") -> None:
        line = self.parsed.line_of(node)
        self.out.fact(line, framework, kind, name, self.parsed.text_of(line))

    def qualify(self, expr: ast.expr, base: bool = False) -> str | None:
        """The qualified name of `expr`, through the repo's own modules when it names one
        (any base class: the repo's own form base stands for a form base)."""
        qualified = resolve(dotted(expr), self.idioms.aliases)
        if qualified is None or not (base or qualified.rsplit(".", 1)[-1] in self.tails):
            return qualified
        head = (dotted(expr) or "").split(".")[0]
        if qualified.split(".")[0] in self.module.ctx.local_modules or head in self.imports.first_party:
            return self.first_party.resolve(qualified, self.root()) or qualified
        return qualified

    def root(self) -> str:
        if self._root is None:
            self._root = self.imports.root_dir or locate(self.module.source, self.module.ctx)[1]
        return self._root

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._decorators(node)

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> None:
        self._decorators(node)

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self._decorators(node)
        signal = self.idioms.model_signal.get(node) or self._model_base(node)
        if signal:
            self.models[node.name] = signal
            self._model(node, signal)
        for base in node.bases:
            framework = self.forms.get(dotted(base) or "") or self._form_base(base)
            if framework:
                self.forms[node.name] = framework
                self.fact(node, framework, FactKind.FORM, node.name)
                return

    def _model_base(self, node: ast.ClassDef) -> str | None:
        """The model signal of a base idioms does not follow: a class of this module that has
        one, or a name the repo's own module binds to a model base (`Base = declarative_base()`
        in app/db.py, `class User(Base)` here)."""
        for base in node.bases:
            signal = (self.models.get(dotted(base) or "")
                      or self.bases.get(self.qualify(base, base=True) or ""))
            if signal in self.model_signals:
                return signal
        return None

    def _form_base(self, base: ast.expr) -> str | None:
        qualified = self.qualify(base, base=True)
        return next((f for f, side in self.sides.items() if qualified in side.form_bases), None)

    def _model(self, node: ast.ClassDef, signal: str) -> None:
        for framework, side in self.sides.items():
            if signal in side.model_signals and _is_table(node, side, self.imports.aliases):
                self.fact(node, framework, FactKind.MODEL, node.name)

    def _decorators(self, node: ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        for decorator in node.decorator_list:
            if not isinstance(decorator, ast.Call) or not isinstance(decorator.func, ast.Attribute):
                continue
            qualified = self.qualify(decorator.func)
            for framework, side in self.sides.items():
                if decorator.func.attr in side.any_route_decorators or qualified in side.route_decorators:
                    self.fact(decorator, framework, FactKind.ROUTE)

    def visit_Call(self, node: ast.Call) -> None:
        if not self._worth(node.func):
            return
        qualified = self.qualify(node.func)
        method = node.func.attr if isinstance(node.func, ast.Attribute) else ""
        for framework, side in self.sides.items():
            if method in side.any_route_calls or qualified in side.route_calls:
                self.fact(node, framework, FactKind.ROUTE)
            if qualified in side.unit_calls:
                self.fact(node, framework, FactKind.BLUEPRINT, _first_string(node))
                self._folder(node, framework, side, None)
        if qualified in self.apps:
            framework = self.apps[qualified]
            self._folder(node, framework, self.sides[framework], self.sides[framework].templates)

    def _worth(self, func: ast.expr) -> bool:
        """Whether a call may be one of a move's (most calls are not): its last name is one of
        theirs, or a name of this module bound to one (`class Api(Flask)`, then `Api()`)."""
        if isinstance(func, ast.Attribute):
            return func.attr in self.call_tails
        return isinstance(func, ast.Name) and (
            func.id in self.call_tails or self.idioms.aliases.get(func.id) in self.call_keys)

    def _folder(self, node: ast.Call, framework: str, side: MoveSide, default: str | None) -> None:
        """The template folder of an app object or blueprint: its `template_folder=` literal
        (or, for an app, the default), beside the module that makes it."""
        given = next((k.value for k in node.keywords if k.arg == side.template_keyword), None)
        folder = default if given is None else string_value(given)
        if not folder or folder.startswith("/"):
            return
        path = posixpath.normpath(posixpath.join(self.module.source.directory, folder))
        if path not in self._folders and path != ".." and not path.startswith("../"):
            self._folders.add(path)
            self.fact(node, framework, FactKind.TEMPLATES, "" if path == "." else path)


def _is_table(node: ast.ClassDef, side: MoveSide, imports: dict[str, str]) -> bool:
    """A model class that is a table: not abstract, not a declarative base made on one of the
    framework's (unless it says `table=True`), and declaring more than its Meta."""
    if any(_assigns_true(s, _ABSTRACT) for s in node.body):
        return False
    meta = [s for s in node.body if isinstance(s, ast.ClassDef) and s.name == _META]
    if any(_assigns_true(s, "abstract") for m in meta for s in m.body):
        return False
    direct = {resolve(dotted(b), imports) for b in node.bases}
    table = any(k.arg == "table" and isinstance(k.value, ast.Constant) and k.value.value is True
                for k in node.keywords)
    if direct & side.declarative_bases and not table:
        return False
    return any(not _says_nothing(s) for s in node.body)


def _assigns_true(statement: ast.stmt, name: str) -> bool:
    return (isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Constant)
            and statement.value.value is True
            and any(isinstance(t, ast.Name) and t.id == name for t in statement.targets))


def _says_nothing(statement: ast.stmt) -> bool:
    """`pass`, `...`, a docstring or the Meta class: a body of only these declares no table."""
    if isinstance(statement, ast.Pass):
        return True
    if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant):
        return True
    return isinstance(statement, ast.ClassDef) and statement.name == _META


def _first_string(node: ast.Call) -> str:
    return (string_value(node.args[0]) if node.args else None) or ""


def _visitor(module: Module) -> Visitor:
    return _Visitor(module)


ANALYSIS = Analysis("move", requirements, visitor=_visitor, finish=settings_facts,
                    reads=("imports", "idioms"))
