"""Code idioms that show a framework, a database or a login: calls, base classes, decorators.

The idioms are data (catalog `code.toml`, typed as `views.CodeIdioms`, keyed by qualified
names); this analysis only resolves the names the code uses through its imports, its own
`x = Something()` assignments and class statements, and (for names imported from the repo's own
modules) through `first_party`.

Tables of code.toml: `calls`, `bases`, `decorators`, `names` (an attribute or name used
anywhere, e.g. `admin.site.urls`), `call_args` (a call whose first argument is a given string,
e.g. `include("allauth.urls")`), `url_calls` (a call whose string arguments may hold a database
URL: the URL's scheme decides the signal, the table value is the signal without one) and
`mounted_apps` (an app mounted at the root of another).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from framefit.scanners.formats.db_urls import scheme_signal
from framefit.scanners.python.analysis import Analysis, Module
from framefit.scanners.python.first_party import FirstParty, bind_instance, parsed_bindings
from framefit.scanners.python.imports import ImportFacts, locate
from framefit.scanners.python.prefilter import Requirement
from framefit.scanners.python.profile import call_words
from framefit.scanners.python.syntax import Visitor, dotted, last_segments, resolve, string_value

if TYPE_CHECKING:
    from framefit.catalog import Catalog
    from framefit.catalog.views import CodeIdioms


@dataclass(slots=True)
class IdiomFacts:
    """The result of this analysis: the module's names, its own bindings (instances, subclasses)
    added to its imports', and the model classes it defines (read by `auth` and `move`)."""

    aliases: dict[str, str]
    model_classes: list[ast.ClassDef] = field(default_factory=list)
    model_signal: dict[ast.ClassDef, str] = field(default_factory=dict)  # each one's model base


def _tail(key: str) -> str:
    return key.rsplit(".", 1)[-1].removesuffix("()")


def key_words(key: str) -> Iterator[tuple[tuple[str, ...], frozenset[str]]]:
    """The word sets one of which a module using the idiom `key` holds, each with the libraries
    one of which a name it imports from the repo's own modules must then be bound to: the last
    segment always, and with it the library's name (imported there), or the class an instance
    is made of (`db = SQLAlchemy()` written there), or a first-party name bound to the library
    (`from .ext import db`, then `db.Model`). A class subclassed in another module
    (`class User(Base)`, Base made in app/db.py) is not followed: in a repo where no question
    settles, every class of every module would send the plan reading the modules it comes from."""
    tail, head = _tail(key), key.split(".")[0]
    yield (tail, head), frozenset()
    if "()." in key:
        yield (tail, _tail(key.split("().")[0])), frozenset()
    yield (tail,), frozenset({head})


def app_object(table: str, signal: str, catalog: Catalog) -> bool:
    """A call that makes a framework's app object (`Flask(__name__)`). Its class is looked for
    through the repo's own modules only as itself, and only in a call passing code.toml's
    `own_app_argument`: a name imported from one of them that is bound to the app class
    (`class Api(Flask)` in base.py, then `application = Api(__name__)`), never any name of the
    library (every module imports from the repo's own, and following each for an app object
    would cost the plan what it saves)."""
    entry = catalog.lookup(signal)
    return table == "calls" and entry is not None and entry.framework is not None


def requirements(catalog: Catalog) -> Iterator[Requirement]:
    yield from _table_requirements(catalog)
    code = catalog.views.code
    for key, signal in code.tables["mounted_apps"].items():  # `outer.mount("/", app)`: the app
        for method in code.mount_methods:  # is made in the module, or in a first-party one
            yield Requirement.of((method, _tail(key)), {signal})
            yield Requirement.of((method,), {signal}, via={key.split(".")[0]})
    for key, by_argument in code.call_args.items():
        for argument, signal in by_argument.items():
            for found, via in key_words(key):
                yield Requirement.of((*found, *argument.split(".")), {signal}, via=via)
    if code.asgi_parameters:
        yield Requirement.of(code.asgi_parameters, {"asgi-app"})


def _table_requirements(catalog: Catalog) -> Iterator[Requirement]:
    """The words of each keyed table but the mounted apps (a URL call needs a scheme too)."""
    views = catalog.views
    code, urls = views.code, frozenset(views.url_schemes.values())
    for table, entries in code.tables.items():
        if table == "mounted_apps":
            continue
        for key, signal in entries.items():
            signals = {signal} | (urls if table == "url_calls" else set())
            yield from _entry_requirements(catalog, table, (key, signal), signals)


def _entry_requirements(catalog: Catalog, table: str, entry: tuple[str, str],
                        signals: set[str]) -> Iterator[Requirement]:
    """One entry's words; an app class made through the repo's own modules needs its call."""
    code = catalog.views.code
    key, signal = entry
    for found, via in key_words(key):
        if not (via and app_object(table, signal, catalog)):
            yield Requirement.of(found, signals, via=via)
    if app_object(table, signal, catalog) and code.own_app_argument:
        # the repo's own subclass, made in another module: `Api(__name__)`
        yield Requirement.of([code.own_app_argument], signals, via={key},
                             called=code.own_app_argument)


_LAST_NAMES: dict[str, tuple[dict[str, frozenset[str]], frozenset[str]]] = {}  # per catalog version


def _last_names(catalog: Catalog) -> tuple[dict[str, frozenset[str]], frozenset[str]]:
    """Each table's last segments (`CodeIdioms.tails`), and every last segment a called name
    can end in for a call to be looked up at all: those of `calls`, `url_calls` and
    `call_args`, and the mount methods."""
    if catalog.version not in _LAST_NAMES:
        code = catalog.views.code
        tails = {table: code.tails(table) for table in code.tables}
        called = tails["calls"] | tails["url_calls"] | last_segments(frozenset(code.call_args))
        _LAST_NAMES[catalog.version] = (tails, called | code.mount_methods)
    return _LAST_NAMES[catalog.version]


class _Visitor(Visitor):
    def __init__(self, module: Module, facts: IdiomFacts) -> None:
        self.module, self.facts = module, facts
        self.code: CodeIdioms = module.ctx.catalog.views.code
        self.imports = module.result("imports", ImportFacts)
        self.aliases = facts.aliases
        self._root_dir: str | None = None
        self._tails_of, self._called = _last_names(module.ctx.catalog)
        ctx = module.ctx
        self.first_party = FirstParty(ctx.reader, ctx.local_modules, parsed_bindings, ctx.modules)
        self._names = self.code.tables["names"]
        self._own: set[str] = set()  # local classes bound to an app class through the repo's own
        # The names this module calls with the own-app argument (None: any may be): only those
        # are followed into the repo's own modules as app classes (each follow parses a module).
        argument = self.code.own_app_argument.encode()
        self._own_called = call_words(module.source.data, argument) if argument else frozenset()
        for statement in module.parsed.module.body:  # a class is bound before any function runs
            if isinstance(statement, ast.ClassDef):
                self._subclass(statement)

    def qualify(self, expr: ast.expr) -> str | None:
        """The qualified name of `expr` (None when it is not a name it can resolve)."""
        return resolve(dotted(expr), self.aliases)

    def lookup(self, table: str, expr: ast.expr, own_app: bool = False) -> tuple[str, str] | None:
        """(qualified name, signal) when `expr` names an entry of `table`; with `own_app`, a
        call's name is followed into the repo's own modules as an app class too."""
        return self._entry(table, expr, self.qualify(expr), own_app)

    def _entry(self, table: str, expr: ast.expr, qualified: str | None,
               own_app: bool = False) -> tuple[str, str] | None:
        """`lookup` of `expr` once qualified (`qualified`, None when it is not a name)."""
        entries = self.code.tables[table]
        if qualified is None:
            return None
        if qualified in entries:
            return qualified, entries[qualified]
        tail = qualified.rsplit(".", 1)[-1] in self._tails_of[table]
        if (tail or (own_app and table == "calls")) and self._first_party(expr, qualified):
            return self._first_party_entry(table, qualified, tail)
        return None

    def _first_party_entry(self, table: str, qualified: str, tail: bool) -> tuple[str, str] | None:
        """(name, signal) of the entry of `table` the repo's own module binds `qualified` to."""
        entries = self.code.tables[table]
        found = self.first_party.resolve(qualified, self._root())
        if found is not None and found in entries:
            # An app class stands for itself only when the repo's own module binds the
            # name to it: a subclass, or the class re-exported (requirements: `called`).
            made = app_object(table, entries[found], self.module.ctx.catalog)
            if made or tail:
                return found, entries[found]
        return None

    def _first_party(self, expr: ast.expr, qualified: str) -> bool:
        return (qualified.split(".")[0] in self.module.ctx.local_modules
                or _head(expr) in self.imports.first_party)

    def hit(self, node: ast.AST, signal: str) -> None:
        self.module.add(self.module.parsed.line_of(node), signal)

    def visit_Assign(self, node: ast.Assign) -> None:
        bind_instance(node, self.aliases)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        bind_instance(node, self.aliases)

    def visit_Call(self, node: ast.Call) -> None:
        func, own_app = node.func, self._passes_own_argument(node)
        if isinstance(func, ast.Attribute) and func.attr not in self._called and not own_app:
            return  # an attribute keeps its name through the aliases: no entry ends so
        qualified = self.qualify(func)  # once: the lookups below bind no name
        found = self._entry("calls", func, qualified, own_app)
        if found and (not self._made_of_own(func, found[1]) or own_app):
            self.hit(node, found[1])
        if qualified is not None and qualified in self.code.call_args:
            self._argument_hit(node, qualified)
        by_url = self._entry("url_calls", func, qualified)
        if by_url:
            self.hit(node, _url_signal(node, self.module) or by_url[1])
        mounted = self._mounted(node)
        if mounted:
            self.hit(node, mounted)

    def _argument_hit(self, node: ast.Call, qualified: str) -> None:
        """A call the catalog keys by its first string argument: `include("django.contrib.auth.urls")`."""
        if node.args:
            signal = self.code.call_args[qualified].get(string_value(node.args[0]) or "")
            if signal:
                self.hit(node, signal)

    def _mounted(self, node: ast.Call) -> str | None:
        """`outer.mount("/", app)` or `outer.mount("/", Adapter(app))`: the signal of `app`."""
        if not (isinstance(node.func, ast.Attribute) and node.func.attr in self.code.mount_methods):
            return None
        args = [*node.args, *(k.value for k in node.keywords if k.arg in ("path", "app"))]
        if len(args) < 2 or string_value(args[0]) not in ("/", ""):
            return None
        return self._mounted_signal(args[1])

    def _mounted_signal(self, target: ast.expr) -> str | None:
        """The signal of a mounted app, or of the app an adapter wraps, or None."""
        if isinstance(target, ast.Call) and target.args:
            target = target.args[0]  # the adapter's argument: `WSGIMiddleware(flask_app)`
        qualified = self.qualify(target)
        entries = self.code.tables["mounted_apps"]
        if qualified is not None and qualified not in entries and self._first_party(target, qualified):
            qualified = self.first_party.resolve(qualified, self._root())
        return entries.get(qualified or "")

    def _root(self) -> str:
        if self._root_dir is None:
            self._root_dir = self.imports.root_dir or locate(self.module.source, self.module.ctx)[1]
        return self._root_dir

    def _made_of_own(self, func: ast.expr, signal: str) -> bool:
        """Whether a call of `func` makes an app object of a class bound through the repo's own
        modules (`Api(__name__)`, Api from base.py, or a local subclass of it)."""
        if not app_object("calls", signal, self.module.ctx.catalog):
            return False
        return self.qualify(func) not in self.code.tables["calls"] or _head(func) in self._own

    def _passes_own_argument(self, node: ast.Call) -> bool:
        first = node.args[0] if node.args else None
        return isinstance(first, ast.Name) and first.id == self.code.own_app_argument

    def _subclass(self, node: ast.ClassDef) -> None:
        """A top-level class statement's app class, bound before the traversal: a function
        above the statement makes the app too."""
        for base in node.bases:
            if self.lookup("bases", base) is None:
                self._subclass_of(node, base)

    def _subclass_of(self, node: ast.ClassDef, base: ast.expr) -> None:
        """A subclass of a class the catalog keys stands for it: `class Api(Flask)` makes
        `Api(...)` an app object."""
        called = self._own_called
        subclassed = self.lookup("calls", base, called is None or node.name.encode() in called)
        if subclassed is not None:
            self.aliases[node.name] = subclassed[0]
            if self._made_of_own(base, subclassed[1]):
                self._own.add(node.name)

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        for base in node.bases:
            found = self.lookup("bases", base)
            if found is None:
                self._subclass_of(node, base)
                continue
            self.hit(node, found[1])
            # A subclass of a model base is a model base: `class Base(DeclarativeBase)`.
            self.aliases[node.name] = found[0]
            if found[1] in self.code.model_signals and node not in self.facts.model_signal:
                self.facts.model_classes.append(node)
                self.facts.model_signal[node] = found[1]
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
        if node.attr not in self._tails_of["names"]:
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


def _url_signal(call: ast.Call, module: Module) -> str | None:
    """The signal of the first database URL among the call's string arguments, if any."""
    for arg in [*call.args, *(k.value for k in call.keywords)]:
        text = string_value(arg)
        signal = scheme_signal(text, module.ctx.catalog) if text else None
        if signal:
            return signal
    return None


def _start(module: Module) -> IdiomFacts:
    return IdiomFacts(dict(module.result("imports", ImportFacts).aliases))


def _visitor(module: Module) -> Visitor:
    return _Visitor(module, module.result("idioms", IdiomFacts))


ANALYSIS = Analysis("idioms", requirements, start=_start, visitor=_visitor, reads=("imports",))
