"""What a move to the other framework touches in a module: code facts, never evidence, read from
the module's bytes.

Per framework (catalog `moves.toml`, typed as `views.MoveSide`), a module's routes (route
decorators and calls, `@x.route` and `x.add_url_rule` on any object for Flask), blueprints
made, model classes (whose base is a catalog model base, through the module's names or the
repo's own module that binds it, less abstract ones and declarative bases), form classes, and
template folders (`templates/` beside a module that makes a Flask app, a `template_folder=`
literal; Django's in `move_settings`). Names resolve through the module's imports and its own
`x = Something(...)` and `class X(Something)` bindings and, for a name imported from the repo's
own modules, through `first_party` (over those modules' lines, as the prefilter reads them).

A module is never parsed whole for its move: a byte search finds the few places a fact can be
(decorator lines, class statements, calls of a move's names), each outside strings and
comments, and only those are parsed, as small snippets (a decorator's expression, a class's
head, a model class's block, a call). Where a snippet does not parse as cut (it was cut
wrong), the module is parsed whole and the same handlers see the same nodes: the facts are
those of the parse either way. A settings module (it names INSTALLED_APPS or TEMPLATES) is
parsed whole: `move_settings` evaluates its assignments. The imports of the framework and its
extensions are read from a module's lines (answers/move.py).

The pipeline asks for the facts of the app modules of a service that does not fit, once its
answers are final (engine/pipeline.py): the plan knows nothing of a move.
"""

from __future__ import annotations

import ast
import bisect
import heapq
import posixpath
import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from framefit.model import CodeFact, FactKind
from framefit.scanners.base import Collector, ScanContext, SourceFile
from framefit.scanners.python.analysis import Module
from framefit.scanners.python.first_party import FirstParty, bind_instance
from framefit.scanners.python.idioms import app_object
from framefit.scanners.python.imports import ImportFacts, locate_path, read
from framefit.scanners.python.move_settings import INSTALLED_APPS, TEMPLATES, settings_facts
from framefit.scanners.python.profile import absolute, has_relative_import, line_bindings, line_imports
from framefit.scanners.python.syntax import (
    MAX_PARSE_BYTES,
    MAX_PARSE_LINES,
    Parsed,
    decode,
    dotted,
    parse,
    resolve,
    string_value,
    too_deep,
)

if TYPE_CHECKING:
    from framefit.catalog import Catalog
    from framefit.catalog.views import MoveSide

_META, _ABSTRACT = "Meta", "__abstract__"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# Strings (any prefix, triple-quoted or not) and comments: where no fact can be.
_STRING = "|".join((r"'''(?:\\.|[^\\])*?'''", r'"""(?:\\.|[^\\])*?"""',
                    r"'(?:\\.|[^\\'\r\n])*'", r'"(?:\\.|[^\\"\r\n])*"'))
_QUOTED = re.compile(r"#[^\r\n]*|" + _STRING, re.DOTALL)
# The tokens that end an expression or a logical line: brackets, line ends, strings, comments.
_TOKENS = re.compile(r"[()\[\]{}]|\\\r?\n|\r?\n|#[^\r\n]*|" + _STRING, re.DOTALL)
_DECORATOR = re.compile(r"^[ \t\f]*@", re.MULTILINE)
_CLASS = re.compile(r"^([ \t\f]*)class[ \t\f]+[A-Za-z_]\w*[ \t\f]*\(", re.MULTILINE)
_INSTANCE = re.compile(r"^[ \t]*([A-Za-z_]\w*)[ \t]*(?::[^=\n]*)?=[ \t]*([A-Za-z_][\w.]*)[ \t]*\(",
                       re.MULTILINE)
_WORD = re.compile(r"[A-Za-z_]\w*")
_DEFINED = re.compile(r"[ \t\f]*(?:@|def\b|async[ \t]+def\b|class\b|#|\r?\n|$)")
_OPEN, _CLOSE = frozenset("([{"), frozenset(")]}")
_SETTINGS = re.compile(rf"^(?:{INSTALLED_APPS}|{TEMPLATES})\b", re.MULTILINE)  # top-level assignments


class UnsureError(Exception):
    """A snippet that does not parse as cut: the module is read from its whole parse instead."""


def _app_calls(catalog: Catalog, framework: str) -> list[str]:
    """The calls that make an app object of `framework` (code.toml `calls`), when it has a
    template folder beside the module that makes it (Flask)."""
    calls = catalog.views.code.tables["calls"]
    if not catalog.views.moves[framework].template_keyword:
        return []
    return [k for k, s in calls.items() if app_object("calls", s, catalog)
            and (entry := catalog.lookup(s)) is not None and entry.framework == framework]


def _tail(key: str) -> str:
    return key.rsplit(".", 1)[-1].removesuffix("()")


class MoveReader:
    """The code facts of modules (module docstring): made once per run, asked per module; the
    repo's own modules it resolves names through are read once."""

    def __init__(self, ctx: ScanContext) -> None:
        self.ctx = ctx
        catalog = ctx.catalog
        self.sides: dict[str, MoveSide] = dict(catalog.views.moves)
        self.apps = {k: f for f in self.sides for k in _app_calls(catalog, f)}
        self.bases = catalog.views.code.tables["bases"]
        self.calls = catalog.views.code.tables["calls"]
        self.model_signals = frozenset(s for side in self.sides.values() for s in side.model_signals)
        self.first_party = FirstParty(ctx.reader, ctx.local_modules, line_bindings, ctx.modules, probe=False)
        sides = self.sides.values()
        self.tails = {key.rsplit(".", 1)[-1] for side in sides
                      for key in (*side.route_calls, *side.route_decorators, *side.unit_calls)}
        self.call_keys = {k for side in sides for k in (*side.route_calls, *side.unit_calls)} | set(self.apps)
        self.call_tails = {k.rsplit(".", 1)[-1] for k in self.call_keys} | {
            name for side in sides for name in side.any_route_calls}
        self.decorator_tails = {k.rsplit(".", 1)[-1] for side in sides for k in side.route_decorators} | {
            name for side in sides for name in side.any_route_decorators}
        # Words a class head must hold to be read before the module's names are known.
        self.base_tails = {_tail(k) for k in (*self.bases, *self.calls)} | {
            _tail(k) for side in sides for k in side.form_bases}
        self.call_pattern = _calls_of(self.call_tails)
        self._tails: dict[int, frozenset[str]] = {}

    def tails_of(self, entries: Mapping[str, str]) -> frozenset[str]:
        """The last segment of every key of a code.toml table (views.CodeIdioms.tails)."""
        if id(entries) not in self._tails:
            self._tails[id(entries)] = frozenset(k.rsplit(".", 1)[-1] for k in entries)
        return self._tails[id(entries)]

    def facts(self, source: SourceFile) -> tuple[CodeFact, ...]:
        """The code facts of one module (none for a module the parser would refuse)."""
        data = source.data
        lines = data.count(b"\n") + (not data.endswith(b"\n"))
        if len(data) > MAX_PARSE_BYTES or lines > MAX_PARSE_LINES or b"\0" in data:
            return ()
        text = decode(source.path, data)
        if not isinstance(text, str) or too_deep(data):
            return ()
        if _SETTINGS.search(text) is not None:
            return self._whole(source, settings=True)
        try:
            return _ModuleFacts(self, source, text).from_snippets()
        except UnsureError:
            return self._whole(source, settings=False)

    def _whole(self, source: SourceFile, settings: bool) -> tuple[CodeFact, ...]:
        parsed = parse(source.path, source.data)
        if not isinstance(parsed, Parsed):
            return ()
        found = _ModuleFacts(self, source, parsed.text)
        try:
            found.from_tree(parsed.module)
            if settings:
                package, root_dir = locate_path(source.path, self.ctx.reader)
                imports = read(parsed.module, ImportFacts(package=package, root_dir=root_dir))
                module = Module(parsed, source, self.ctx, found.out, {"imports": imports})
                settings_facts(module)
        except RecursionError:
            return ()
        return tuple(found.out.facts)


def _calls_of(names: Iterable[str]) -> re.Pattern[str]:
    """Where one of `names` is called (`name(`, `x.name (`), as a whole word."""
    alternatives = "|".join(sorted((re.escape(n) for n in names), key=lambda n: (-len(n), n)))
    return re.compile(rf"(?<![\w])(?:{alternatives})[ \t]*\(")


class _ModuleFacts:
    """One module's facts: its names and what its classes are, as a parse's traversal would
    know them at each place (bindings are read in the module's order)."""

    def __init__(self, reader: MoveReader, source: SourceFile, text: str) -> None:
        self.reader, self.source, self.text = reader, source, text
        self.out = Collector(source.path)
        self.forms: dict[str, str] = {}  # a class of this module -> the framework of its form base
        self.models: dict[str, str] = {}  # a model class of this module -> its model signal
        self._folders: set[str] = set()
        self._imports: tuple[dict[str, str], set[str]] | None = None
        self._aliases: dict[str, str] | None = None  # imports, then the module's own bindings
        self._where: tuple[str, str] | None = None
        self._lines: tuple[str, ...] | None = None
        self._quoted: tuple[list[int], list[int]] | None = None
        self._starts: list[int] | None = None

    # -- the module's names ---------------------------------------------------------------

    def where(self) -> tuple[str, str]:
        """(dotted package, import root directory) of the module."""
        if self._where is None:
            exists = self.reader.first_party.exists
            self._where = locate_path(self.source.path, self.reader.ctx.reader, exists)
        return self._where

    def imports(self) -> tuple[dict[str, str], set[str]]:
        """The names the module's import statements bind (as `imports.read` binds them), and
        those bound by relative imports; statements inside strings left out."""
        if self._imports is None:
            aliases: dict[str, str] = {}
            relative: set[str] = set()
            package = self.where()[0] if has_relative_import(self.source.data) else ""
            data = self.source.data
            for stmt in line_imports(data):
                if self._in_quoted_line(stmt.line):
                    continue
                if not stmt.is_from:
                    for name, alias in stmt.names:
                        if alias != name:
                            aliases[alias] = name
                        else:
                            aliases.setdefault(name.split(".")[0], name.split(".")[0])
                    continue
                module = absolute(package, stmt.level, stmt.module) if stmt.level else stmt.module
                for name, alias in stmt.names:
                    if name == "*":
                        continue
                    aliases[alias] = f"{module}.{name}" if module else name
                    if stmt.level:
                        relative.add(alias)
            self._imports = (aliases, relative)
        return self._imports

    def aliases(self) -> dict[str, str]:
        if self._aliases is None:
            self._aliases = dict(self.imports()[0])
        return self._aliases

    def bind(self, name: str, func: str) -> None:
        """`name = func(...)`: an instance of what `func` names (first_party.bind_instance)."""
        qualified = resolve(func, self.aliases())
        if qualified:
            self.aliases()[name] = qualified + "()"

    def qualify(self, expr: ast.expr, base: bool = False) -> str | None:
        """The qualified name of `expr`, through the repo's own modules when it names one
        (any base class: the repo's own form base stands for a form base)."""
        qualified = resolve(dotted(expr), self.aliases())
        if qualified is None or not (base or qualified.rsplit(".", 1)[-1] in self.reader.tails):
            return qualified
        head = (dotted(expr) or "").split(".")[0]
        if qualified.split(".")[0] in self.reader.ctx.local_modules or head in self.imports()[1]:
            return self.reader.first_party.resolve(qualified, self.where()[1]) or qualified
        return qualified

    # -- the handlers: the same for a snippet's nodes and the whole parse's -----------------

    def fact(self, node: ast.AST, framework: str, kind: FactKind, name: str = "") -> None:
        line = getattr(node, "lineno", 1)
        self.out.fact(line, framework, kind, name, self.text_of(line))

    def text_of(self, line: int) -> str:
        if self._lines is None:
            self._lines = tuple(_LINE_BREAK.split(self.text))
        return self._lines[line - 1] if 0 < line <= len(self._lines) else ""

    def decorator(self, decorator: ast.expr) -> None:
        if not isinstance(decorator, ast.Call) or not isinstance(decorator.func, ast.Attribute):
            return
        qualified = self.qualify(decorator.func)
        for framework, side in self.reader.sides.items():
            if decorator.func.attr in side.any_route_decorators or qualified in side.route_decorators:
                self.fact(decorator, framework, FactKind.ROUTE)

    def class_head(self, node: ast.ClassDef) -> str | None:
        """Bind the class's name as idioms does (`class Base(db.Model)` is a model base,
        `class Api(Flask)` makes apps) and note a form; the model signal of its base, when it
        has one (then `model` needs its body)."""
        signal = None
        for base in node.bases:
            found = self._lookup(self.reader.bases, base)
            if found is None:
                subclassed = self._lookup(self.reader.calls, base)
                if subclassed is not None:
                    self.aliases()[node.name] = subclassed[0]
                continue
            self.aliases()[node.name] = found[0]
            if found[1] in self.reader.model_signals and signal is None:
                signal = found[1]
        signal = signal or self._model_base(node)
        if signal:
            self.models[node.name] = signal
        for base in node.bases:
            framework = self.forms.get(dotted(base) or "") or self._form_base(base)
            if framework:
                self.forms[node.name] = framework
                self.fact(node, framework, FactKind.FORM, node.name)
                break
        return signal

    def _lookup(self, entries: Mapping[str, str], expr: ast.expr) -> tuple[str, str] | None:
        """(qualified name, signal) when `expr` names an entry of the code.toml table
        `entries` (idioms' lookup, an app object never through the repo's own modules)."""
        qualified = resolve(dotted(expr), self.aliases())
        if qualified is None:
            return None
        if qualified in entries:
            return qualified, entries[qualified]
        tail = qualified.rsplit(".", 1)[-1]
        if tail in self.reader.tails_of(entries) and self._first_party(expr, qualified):
            found = self.reader.first_party.resolve(qualified, self.where()[1])
            if found is not None and found in entries and not app_object(
                    "calls", entries[found], self.reader.ctx.catalog):
                return found, entries[found]
        return None

    def _first_party(self, expr: ast.expr, qualified: str) -> bool:
        return (qualified.split(".")[0] in self.reader.ctx.local_modules
                or (dotted(expr) or "").split(".")[0] in self.imports()[1])

    def _model_base(self, node: ast.ClassDef) -> str | None:
        """The model signal of a base idioms does not follow: a class of this module that has
        one, or a name the repo's own module binds to a model base (`Base = declarative_base()`
        in app/db.py, `class User(Base)` here)."""
        for base in node.bases:
            signal = (self.models.get(dotted(base) or "")
                      or self.reader.bases.get(self.qualify(base, base=True) or ""))
            if signal in self.reader.model_signals:
                return signal
        return None

    def _form_base(self, base: ast.expr) -> str | None:
        qualified = self.qualify(base, base=True)
        return next((f for f, side in self.reader.sides.items() if qualified in side.form_bases), None)

    def model(self, node: ast.ClassDef, signal: str) -> None:
        imports = self.imports()[0]
        for framework, side in self.reader.sides.items():
            if signal in side.model_signals and _is_table(node, side, imports):
                self.fact(node, framework, FactKind.MODEL, node.name)

    def call(self, node: ast.Call) -> None:
        if not self._worth(node.func):
            return
        qualified = self.qualify(node.func)
        method = node.func.attr if isinstance(node.func, ast.Attribute) else ""
        for framework, side in self.reader.sides.items():
            if method in side.any_route_calls or qualified in side.route_calls:
                self.fact(node, framework, FactKind.ROUTE)
            if qualified in side.unit_calls:
                self.fact(node, framework, FactKind.BLUEPRINT, _first_string(node))
                self._folder(node, framework, side, None)
        if qualified in self.reader.apps:
            framework = self.reader.apps[qualified]
            side = self.reader.sides[framework]
            self._folder(node, framework, side, side.templates)

    def _worth(self, func: ast.expr) -> bool:
        """Whether a call may be one of a move's (most calls are not): its last name is one of
        theirs, or a name of this module bound to one (`class Api(Flask)`, then `Api()`)."""
        if isinstance(func, ast.Attribute):
            return func.attr in self.reader.call_tails
        return isinstance(func, ast.Name) and (
            func.id in self.reader.call_tails or self.aliases().get(func.id) in self.reader.call_keys)

    def _folder(self, node: ast.Call, framework: str, side: MoveSide, default: str | None) -> None:
        """The template folder of an app object or blueprint: its `template_folder=` literal
        (or, for an app, the default), beside the module that makes it."""
        given = next((k.value for k in node.keywords if k.arg == side.template_keyword), None)
        folder = default if given is None else string_value(given)
        if not folder or folder.startswith("/"):
            return
        path = posixpath.normpath(posixpath.join(self.source.directory, folder))
        if path not in self._folders and path != ".." and not path.startswith("../"):
            self._folders.add(path)
            self.fact(node, framework, FactKind.TEMPLATES, "" if path == "." else path)

    # -- the whole parse --------------------------------------------------------------------

    def from_tree(self, module: ast.Module) -> None:
        """Every node in the order a traversal meets it (syntax.visit_batched's pre-order)."""
        stack: list[ast.AST] = [module]
        while stack:
            node = stack.pop()
            if isinstance(node, (ast.Assign, ast.AnnAssign)):
                bind_instance(node, self.aliases())
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for decorator in node.decorator_list:
                    self.decorator(decorator)
            elif isinstance(node, ast.ClassDef):
                for decorator in node.decorator_list:
                    self.decorator(decorator)
                signal = self.class_head(node)
                if signal:
                    self.model(node, signal)
            elif isinstance(node, ast.Call):
                self.call(node)
            stack.extend(reversed(list(ast.iter_child_nodes(node))))

    # -- the snippets -----------------------------------------------------------------------

    def from_snippets(self) -> tuple[CodeFact, ...]:
        """The facts, from the places found in the bytes (module docstring)."""
        text, reader = self.text, self.reader
        places: list[tuple[int, int, str]] = []  # (offset, order, kind)
        if "@" in text:
            places += [(m.start(), 1, "decorator") for m in _DECORATOR.finditer(text)]
        if "class" in text:
            places += [(m.start(), 2, "class") for m in _CLASS.finditer(text)]
        places += [(m.start(), 3, "call") for m in reader.call_pattern.finditer(text)]
        if not places:
            return ()
        places = [p for p in places if not self._quoted_at(p[0])]
        if not places:
            return ()
        if any(kind != "decorator" for _, _, kind in places) or self._needs_names(places):
            places += [(m.start(), 0, "bind") for m in _INSTANCE.finditer(text)
                       if not self._quoted_at(m.start())]
            extra = [n for n, q in self.imports()[0].items()
                     if q in reader.call_keys and n not in reader.call_tails]
            if extra:
                places += [(m.start(), 3, "call") for m in _calls_of(extra).finditer(text)
                           if not self._quoted_at(m.start())]
        heapq.heapify(places)
        seen: set[tuple[int, int]] = set()
        while places:
            at, order, kind = heapq.heappop(places)
            if (at, order) in seen:
                continue
            seen.add((at, order))
            if kind == "bind":
                match = _INSTANCE.match(text, at)
                if match is not None:
                    self.bind(match.group(1), match.group(2))
            elif kind == "decorator":
                self._decorator_at(at)
            elif kind == "class":
                bound = self._class_at(at)
                if bound:
                    for match in _calls_of([bound[0]]).finditer(text, bound[1]):
                        if not self._quoted_at(match.start()):
                            heapq.heappush(places, (match.start(), 3, "call"))
            else:
                self._call_at(at)
        return tuple(self.out.facts)

    def _needs_names(self, places: list[tuple[int, int, str]]) -> bool:
        """Whether some decorator needs the module's names (one of a route object's methods)."""
        for at, _, _ in places:
            end = self._logical_end(at)
            if not set(_WORD.findall(self.text, at, end)).isdisjoint(self.reader.decorator_tails):
                return True
        return False

    def _decorator_at(self, at: int) -> None:
        text = self.text
        sign = text.index("@", at)
        end = self._logical_end(sign)
        if set(_WORD.findall(text, sign, end)).isdisjoint(self.reader.decorator_tails):
            return
        if _DEFINED.match(text, end + 1 if end < len(text) else end) is None:
            return  # not a decorator: a line of an expression that starts with `@`
        node = self._expression(sign + 1, end)
        if node is not None:
            self.decorator(node)

    def _class_at(self, at: int) -> tuple[str, int] | None:
        """Read the class statement at `at`; the name it binds to a move's call, if it does,
        and where its head ends."""
        text, reader = self.text, self.reader
        match = _CLASS.match(text, at)
        assert match is not None
        start = match.end(1)
        head_end = self._head_end(start)
        words = set(_WORD.findall(text, start, head_end))
        aliases = self.aliases()
        interesting = (reader.base_tails | set(self.models) | set(self.forms) | self.imports()[1])
        if words.isdisjoint(interesting) and not any(
                (q := aliases.get(w)) is not None and (q.split(".")[0] in reader.ctx.local_modules
                                                       or q in reader.calls or q in reader.bases)
                for w in words):
            return None
        line = self._line_at(start)
        node = self._class_node(text[start:head_end + 1] + " pass", line)
        before = aliases.get(node.name)
        signal = self.class_head(node)
        if signal:
            self.model(self._class_block(at, start, line), signal)
        bound = aliases.get(node.name)
        return (node.name, head_end) if bound != before and bound in reader.call_keys else None

    def _call_at(self, at: int) -> None:
        text = self.text
        start = at
        while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_."):
            start -= 1
        if (start < at and text[start] == ".") or (start > 0 and text[start - 1] in ")]}\"'"):
            raise UnsureError  # a call on what an expression gives: read from the whole parse
        opening = text.index("(", at)
        end = self._closing(opening)
        node = self._expression(start, end + 1)
        if not isinstance(node, ast.Call) or not (
                isinstance(node.func, (ast.Name, ast.Attribute)) and node.func.end_col_offset is not None):
            raise UnsureError
        self.call(node)

    # -- cutting and parsing snippets -------------------------------------------------------

    def _expression(self, start: int, end: int) -> ast.expr | None:
        snippet = self.text[start:end]
        try:
            tree = ast.parse("(" + snippet + "\n)", mode="eval")
        except SyntaxError:
            raise UnsureError from None
        except (RecursionError, MemoryError, ValueError):
            return None
        node = tree.body
        line = self._line_at(start)
        ast.increment_lineno(node, line - 1)
        return node

    def _class_node(self, snippet: str, line: int) -> ast.ClassDef:
        try:
            tree = ast.parse(snippet)
        except SyntaxError:
            raise UnsureError from None
        except (RecursionError, MemoryError, ValueError):
            raise UnsureError from None
        node = tree.body[0] if tree.body else None
        if not isinstance(node, ast.ClassDef):
            raise UnsureError
        ast.increment_lineno(node, line - 1)
        return node

    def _class_block(self, at: int, start: int, line: int) -> ast.ClassDef:
        """The whole class statement at `start` (its line starting at `at`), parsed."""
        indent = start - at
        body = self.text[at:self._block_end(start, indent)]
        return self._nested(body, line) if indent else self._class_node(body, line)

    def _nested(self, body: str, line: int) -> ast.ClassDef:
        try:
            tree = ast.parse("if 1:\n" + body)
        except (SyntaxError, RecursionError, MemoryError, ValueError):
            raise UnsureError from None
        first = tree.body[0] if tree.body else None
        node = first.body[0] if isinstance(first, ast.If) and first.body else None
        if not isinstance(node, ast.ClassDef):
            raise UnsureError
        ast.increment_lineno(node, line - 2)
        return node

    def _logical_end(self, at: int) -> int:
        """Where the logical line holding offset `at` ends (its line break, or the text's end)."""
        depth = 0
        for token in _TOKENS.finditer(self.text, at):
            value = token.group()
            if value in _OPEN:
                depth += 1
            elif value in _CLOSE:
                depth -= 1
            elif value.endswith("\n") and not value.startswith("\\") and depth <= 0:
                return token.start()
        return len(self.text)

    def _head_end(self, start: int) -> int:
        """The offset of the colon that ends the class head starting at `start`."""
        depth = 0
        text = self.text
        for token in _TOKENS.finditer(text, start):
            value = token.group()
            if value in _OPEN:
                depth += 1
            elif value in _CLOSE:
                depth -= 1
                if depth == 0:
                    colon = re.compile(r"[ \t\f]*(?:\\\r?\n[ \t\f]*)*:").match(text, token.end())
                    if colon is None:
                        raise UnsureError
                    return colon.end() - 1
            elif value.endswith("\n") and depth <= 0 and not value.startswith("\\"):
                raise UnsureError
        raise UnsureError

    def _closing(self, opening: int) -> int:
        depth = 0
        for token in _TOKENS.finditer(self.text, opening):
            value = token.group()
            if value in _OPEN:
                depth += 1
            elif value in _CLOSE:
                depth -= 1
                if depth == 0:
                    return token.start()
        raise UnsureError

    def _block_end(self, start: int, indent: int) -> int:
        """The end of the class statement at `start`: past its body's lines (those indented
        deeper than `indent`, blank ones and comments between them)."""
        text = self.text
        head = self._head_end(start) + 1
        end = self._logical_end(head)
        if text[head:end].split("#", 1)[0].strip():
            return end  # `class X(Base): body` on one line
        depth = 0
        for token in _TOKENS.finditer(text, head):
            value = token.group()
            if value in _OPEN:
                depth += 1
            elif value in _CLOSE:
                depth -= 1
            elif value.endswith("\n") and not value.startswith("\\") and depth <= 0:
                after = token.end()
                stop = text.find("\n", after)
                following = text[after:len(text) if stop == -1 else stop]
                code = following.lstrip(" \t\f")
                if code.strip() and not code.startswith("#") and len(following) - len(code) <= indent:
                    return token.start()
        return len(text)

    def _line_at(self, offset: int) -> int:
        if self._starts is None:
            self._starts = [0] + [m.end() for m in _LINE_BREAK.finditer(self.text)]
        return bisect.bisect_right(self._starts, offset)

    def _quoted_at(self, offset: int) -> bool:
        """Whether `offset` is inside a string or a comment."""
        if self._quoted is None:
            starts, ends = [], []
            for match in _QUOTED.finditer(self.text):
                starts.append(match.start())
                ends.append(match.end())
            self._quoted = (starts, ends)
        starts, ends = self._quoted
        index = bisect.bisect_right(starts, offset) - 1
        return index >= 0 and offset < ends[index]

    def _in_quoted_line(self, line: int) -> bool:
        """Whether the statement starting on `line` starts inside a string (a docstring's
        example): no statement of the parse."""
        self._line_at(0)
        assert self._starts is not None
        if line > len(self._starts):
            return False
        offset = self._starts[line - 1]
        while offset < len(self.text) and self.text[offset] in " \t\f":
            offset += 1
        return self._quoted_at(offset)


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
