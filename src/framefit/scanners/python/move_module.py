"""One module's move facts (scanners/python/move.py has what they are and how they are read):
its names, bound in the module's order as a traversal would know them at each place, the
handlers a snippet's nodes and a whole parse's nodes alike go through, and the snippets."""

from __future__ import annotations

import ast
import heapq
import posixpath
import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from framefit.model import CodeFact, FactKind
from framefit.scanners.base import Collector, SourceFile
from framefit.scanners.python.first_party import bind_instance
from framefit.scanners.python.idioms import app_object
from framefit.scanners.python.imports import locate_path
from framefit.scanners.python.module_text import ModuleText, UnsureError
from framefit.scanners.python.move_places import (
    AT_CALL,
    AT_CLASS,
    AT_DECORATOR,
    Calls,
    call_offsets,
    call_places,
    called_in,
    class_places,
    decorator_places,
    instances,
)
from framefit.scanners.python.profile import ImportLines, LineImport, absolute, has_relative_import
from framefit.scanners.python.syntax import dotted, resolve, string_value

if TYPE_CHECKING:
    from framefit.catalog.views import MoveSide
    from framefit.scanners.python.move import MoveReader

_META, _ABSTRACT = "Meta", "__abstract__"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_CLASS = re.compile(r"^([ \t\f]*)class[ \t\f]+([A-Za-z_]\w*)[ \t\f]*\(", re.MULTILINE)
_DOTTED_CALL = re.compile(r"[ \t]*([A-Za-z_]\w*(?:[ \t]*\.[ \t]*[A-Za-z_]\w*)*)[ \t]*\(")
_WORD = re.compile(r"[A-Za-z_]\w*")
_WORD_CHAR = re.compile(r"\w")
_ALIAS = re.compile(r"\sas\s")  # `import x as y`, over lines in brackets and continued ones too
_DEFINING = re.compile(r"(?<![\w])(?:def|class)[ \t]+$")
_DEFINED = re.compile(r"[ \t\f]*(?:@|def\b|async[ \t]+def\b|class\b|#|\r?\n|$)")


def _called(name: str) -> ast.Call:
    """A call of the dotted `name` on line 1, without arguments (what a fact needs of it)."""
    parts = [p.strip() for p in name.split(".")]
    func: ast.expr = ast.Name(parts[0], ast.Load(), lineno=1, col_offset=0)
    for part in parts[1:]:
        func = ast.Attribute(func, part, ast.Load(), lineno=1, col_offset=0)
    return ast.Call(func, [], [], lineno=1, col_offset=0)


def _name_start(text: str, at: int) -> int:
    """Where the dotted name whose last word starts at `at` starts (letters, digits, `_` and
    `.` before it)."""
    start = at
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_."):
        start -= 1
    return start


class ModuleFacts:
    """One module's facts: its names and what its classes are, as a parse's traversal would
    know them at each place (bindings are read in the module's order)."""

    def __init__(self, reader: MoveReader, source: SourceFile, text: str,
                 lines: ImportLines | None = None) -> None:
        self.reader, self.source, self.text = reader, source, text
        self.import_lines = lines or ImportLines(source.data)
        self.out = Collector(source.path)
        self.forms: dict[str, str] = {}  # a class of this module -> the framework of its form base
        self.models: dict[str, str] = {}  # a model class of this module -> its model signal
        self._folders: set[str] = set()
        self._imports: tuple[dict[str, str], set[str]] | None = None
        self._aliases: dict[str, str] | None = None  # imports, then the module's own bindings
        self._own: dict[str, str] | None = None  # names imported from the repo that make blueprints
        self.units: set[str] = set()  # classes of this module that make blueprints
        self._where: tuple[str, str] | None = None
        self._lines: tuple[str, ...] | None = None
        self.lexed = ModuleText(text)
        self._shift = 0  # the line of the module a snippet's first line is, less one
        self._binding = False  # reading snippets: bindings come from the lines above `_at`
        self._at = 0
        self._binds: Iterator[tuple[int, re.Match[str]]] | None = None
        self._next: tuple[int, re.Match[str]] | None = None

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
            for stmt in self.import_lines.statements():
                if self.lexed.in_quoted_line(stmt.line):
                    continue
                if stmt.is_from:
                    _bind_from(stmt, package, aliases, relative)
                else:
                    _bind_import(stmt, aliases)
            self._imports = (aliases, relative)
        return self._imports

    def aliases(self) -> dict[str, str]:
        """The names bound so far: the imports, then (reading snippets) the module's own
        `x = Something(...)` lines above the place being read, outside strings."""
        if self._aliases is None:
            self._aliases = {**self.imports()[0], **self.own_units()}
        if self._binding:
            if self._binds is None:
                self._binds = instances(self.text)
                self._next = next(self._binds, None)
            while self._next is not None and self._next[0] < self._at:
                (start, found), self._next = self._next, next(self._binds, None)
                qualified = resolve(found.group(2), self._aliases)
                if qualified and not self.lexed.quoted_at(start):
                    self._aliases[found.group(1)] = qualified + "()"
        return self._aliases

    def own_units(self) -> dict[str, str]:
        """The names the module imports from the repo's own modules, and calls, that stand for
        a move's blueprint call there (`from app.web import AppBlueprint`, where app/web binds
        `class AppBlueprint(Blueprint)`), each bound to that call: its calls make blueprints.
        Only names of the reader's `units` are looked up."""
        if self._own is None:
            units, local = self.reader.units, self.reader.ctx.local_modules
            names, relative = self.imports() if units else ({}, set())
            own = {n: q for n, q in names.items() if q.rsplit(".", 1)[-1] in units
                   and n not in self.reader.call_tails  # `Blueprint` itself: read as any call of it
                   and (q.split(".")[0] in local or n in relative)}
            called = [n for n in sorted(own) if called_in(self.text, n)]
            found = {n: self.reader.first_party.resolve(own[n], self.where()[1]) for n in called}
            self._own = {n: key for n, key in found.items() if key in self.reader.unit_calls}
        return self._own

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
        line = getattr(node, "lineno", 1) + self._shift
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
        signal = self._bind_class(node) or self._model_base(node)
        if signal:
            self.models[node.name] = signal
        self._note_form(node)
        return signal

    def _bind_class(self, node: ast.ClassDef) -> str | None:
        """Bind the class's name to what a base names in code.toml's `bases` (else its
        `calls`: a class that makes apps); the first model signal among those bases."""
        signal = None
        for base in node.bases:
            found = self._lookup(self.reader.bases, base)
            if found is None:
                subclassed = self._lookup(self.reader.calls, base)
                if subclassed is not None:
                    self.aliases()[node.name] = subclassed[0]
                elif (unit := self._unit(base)) is not None:
                    self.aliases()[node.name] = unit
                    self.units.add(node.name)
                continue
            self.aliases()[node.name] = found[0]
            if found[1] in self.reader.model_signals and signal is None:
                signal = found[1]
        return signal

    def _unit(self, base: ast.expr) -> str | None:
        """The blueprint call a class base names (`Blueprint`), also through the repo's own
        modules (`AppBlueprint` from app/web, which subclasses it), or None."""
        qualified = resolve(dotted(base), self.aliases())
        if qualified is not None and self._first_party(base, qualified):
            qualified = self.reader.first_party.resolve(qualified, self.where()[1])
        return qualified if qualified in self.reader.unit_calls else None

    def _note_form(self, node: ast.ClassDef) -> None:
        """Note a form class, and its fact, when a base names a form base or a form class of
        this module (the first such base decides the framework)."""
        for base in node.bases:
            framework = self.forms.get(dotted(base) or "") or self._form_base(base)
            if framework:
                self.forms[node.name] = framework
                self.fact(node, framework, FactKind.FORM, node.name)
                break

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

    def _may_name_a_base(self, word: str, qualified: str | None) -> bool:
        """Whether a name the module binds to `qualified` may, in a class head, name a base
        or app class of code.toml or a form base, as `class_head` resolves it: one of
        `prefixes`, or a name of the repo's own that stands for one (or is a module)."""
        if qualified is None:
            return False
        if qualified in self.reader.prefixes:
            return True
        if qualified.split(".")[0] not in self.reader.ctx.local_modules and word not in self.imports()[1]:
            return False
        return self.reader.stands_for_a_library(qualified, self.where()[1])

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

    def _needs_arguments(self, func: ast.expr) -> bool:
        """Whether a call's arguments can change its facts: one that makes a blueprint or an
        app (its name, its template folder)."""
        if not self._worth(func):
            return False
        qualified = self.qualify(func)
        return qualified in self.reader.apps or qualified in self.reader.unit_calls

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
        path = _beside(self.source.directory, folder)
        if path is not None and path not in self._folders:
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
        """The facts, from the places found in the bytes (module docstring), in the module's
        order: the names bound above a place are those a traversal would know there."""
        text = self.text
        return self._from([*decorator_places(text), *class_places(text),
                           *call_places(text, self.reader.called), *self._importedcall_places(),
                           *self._owncall_places()])

    def from_unit_calls(self) -> tuple[CodeFact, ...]:
        """The facts of the calls of the names `own_units` binds alone (`MoveReader.unit_facts`)."""
        return self._from(self._owncall_places())

    def _from(self, places: list[tuple[int, int]]) -> tuple[CodeFact, ...]:
        """The facts of these places, read in the module's order."""
        if not places:
            return ()
        self._binding = True
        heapq.heapify(places)
        self._read(places)
        return tuple(self.out.facts)

    def _owncall_places(self) -> list[tuple[int, int]]:
        """The calls of the names `own_units` binds."""
        own = self.own_units()
        return call_places(self.text, Calls(own)) if own else []

    def _importedcall_places(self) -> list[tuple[int, int]]:
        """The calls of names the module imports a move's call as (`from flask import
        Blueprint as B`): looked for where the text holds an `as` between blanks and the
        module imports from a module a move's call is in."""
        reader = self.reader
        if _ALIAS.search(self.text) is None or self.import_lines.heads().isdisjoint(reader.call_heads):
            return []
        extra = [n for n, q in self.imports()[0].items()
                 if q in reader.call_keys and n not in reader.call_tails]
        return call_places(self.text, Calls(extra))

    def _read(self, places: list[tuple[int, int]]) -> None:
        """Read each place of the heap `places` once, in the module's order (a class bound to a
        move's call adds the calls of its name below it)."""
        text = self.text
        seen: set[tuple[int, int]] = set()
        while places:
            at, kind = heapq.heappop(places)
            if (at, kind) in seen:
                continue
            seen.add((at, kind))
            self._at = at
            if kind == AT_DECORATOR:
                self._decorator_at(at)
            elif kind == AT_CLASS:
                self._class_and_calls(at, places)
            elif not (at and _WORD_CHAR.match(text, at - 1)) and not self.lexed.quoted_at(at):
                self._call_at(at)

    def _decorator_at(self, at: int) -> None:
        text = self.text
        sign = text.index("@", at)
        end = self.lexed.logical_end(sign)
        if set(_WORD.findall(text, sign, end)).isdisjoint(self.reader.decorator_tails):
            return
        if _DEFINED.match(text, end + 1 if end < len(text) else end) is None or self.lexed.quoted_at(sign):
            return  # not a decorator: a line of an expression that starts with `@`, or of a string
        named = _DOTTED_CALL.match(text, sign + 1)
        after = self.lexed.closing(named.end() - 1) + 1 if named is not None else end
        if named is not None and not text[after:end].split("#", 1)[0].strip():
            self._shift = self.lexed.line_at(named.start(1)) - 1  # `@a.b(...)`: nothing to parse
            self.decorator(_called(named.group(1)))
            return
        node = self._expression(sign + 1, end)
        if node is not None:
            self.decorator(node)

    def _class_and_calls(self, at: int, places: list[tuple[int, int]]) -> None:
        """Read the class statement at `at`; when it binds its name to a move's call, the calls
        of that name below its head join the heap `places`."""
        bound = self._class_at(at)
        if bound:
            for called in call_offsets(self.text, bound[0], bound[1]):
                heapq.heappush(places, (called, AT_CALL))

    def _class_at(self, at: int) -> tuple[str, int] | None:
        """Read the class statement at `at`; the name it binds to a move's call, if it does,
        and where its head ends."""
        text = self.text
        match = _CLASS.match(text, at)
        assert match is not None
        start = match.end(1)
        head_end = self._head_end(at, start)
        if head_end is None:
            return None
        aliases = self.aliases()
        if not self._may_matter(set(_WORD.findall(text, match.end(2), head_end)), aliases) \
                or self.lexed.quoted_at(at):
            return None
        line = self.lexed.line_at(start)
        node = self._class_node(text[start:head_end + 1] + " pass", line)
        before = aliases.get(node.name)
        signal = self.class_head(node)
        if signal:
            self.model(self._class_block(at, start, line), signal)
        bound = aliases.get(node.name)
        return (node.name, head_end) if bound != before and bound in self.reader.call_keys else None

    def _head_end(self, at: int, start: int) -> int | None:
        """Where the head of the class statement at `at` ends (its colon); None for one in a
        string (a docstring's example)."""
        try:
            return self.lexed.head_end(start)
        except UnsureError:
            if self.lexed.quoted_at(at):
                return None
            raise

    def _may_matter(self, words: set[str], aliases: dict[str, str]) -> bool:
        """Whether a class head's `words` (its bases and keywords) may name a model or form
        class of this module, or a base as `_may_name_a_base` says."""
        return any(w in self.models or w in self.forms or self._may_name_a_base(w, aliases.get(w))
                   for w in words)

    def _call_at(self, at: int) -> None:
        text = self.text
        start = _name_start(text, at)
        if _DEFINING.search(text, max(0, start - 12), start) is not None:
            return  # `def register(self, ...)`, `class Blueprint(...)`: no call
        if text[start] == ".":
            self._call_on_a_value(start, at)
            return
        opening = text.index("(", at)
        end = self.lexed.closing(opening)  # (a call never closed: no Python, read from the whole parse)
        func = _called(text[start:opening].rstrip())
        if not self._needs_arguments(func.func):  # a route call: its name alone decides
            self._shift = self.lexed.line_at(start) - 1
            self.call(func)
            return
        node = self._expression(start, end + 1)
        if not isinstance(node, ast.Call) or not (
                isinstance(node.func, (ast.Name, ast.Attribute)) and node.func.end_col_offset is not None):
            raise UnsureError
        self.call(node)

    def _call_on_a_value(self, start: int, at: int) -> None:
        """A call at `at` of a method on what an expression gives (`super().register(...)`,
        its name starting with the `.` at `start`): it has no name to resolve, so only a method
        a move counts on any object makes it a fact, read from the whole parse (UnsureError),
        as is a chain continued from a line above."""
        text = self.text
        if start == 0 or text[start - 1] not in ")]}\"'":
            raise UnsureError
        if text[at:text.index("(", at)].strip() in self.reader.any_route_calls:
            raise UnsureError

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
        self._shift = self.lexed.line_at(start) - 1
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
        self._shift = line - 1
        return node

    def _class_block(self, at: int, start: int, line: int) -> ast.ClassDef:
        """The whole class statement at `start` (its line starting at `at`), parsed: cut at
        the first line indented no deeper than it, or (when that cut a string or a bracket)
        where its body's tokens end."""
        indent = start - at
        for exact in (False, True):
            body = self.text[at:self.lexed.block_end(start, indent, exact)]
            try:
                return self._nested(body, line) if indent else self._class_node(body, line)
            except UnsureError:
                if exact:
                    raise
        raise AssertionError("unreachable")

    def _nested(self, body: str, line: int) -> ast.ClassDef:
        try:
            tree = ast.parse("if 1:\n" + body)
        except (SyntaxError, RecursionError, MemoryError, ValueError):
            raise UnsureError from None
        first = tree.body[0] if tree.body else None
        node = first.body[0] if isinstance(first, ast.If) and first.body else None
        if not isinstance(node, ast.ClassDef):
            raise UnsureError
        self._shift = line - 2
        return node

def _bind_import(stmt: LineImport, aliases: dict[str, str]) -> None:
    """Bind the names of `import a.b` (`a`) and `import a.b as c` (`c`: `a.b`)."""
    for name, alias in stmt.names:
        if alias != name:
            aliases[alias] = name
        else:
            aliases.setdefault(name.split(".")[0], name.split(".")[0])


def _bind_from(stmt: LineImport, package: str, aliases: dict[str, str], relative: set[str]) -> None:
    """Bind the names of `from m import a as b` (`b`: `m.a`, `m` made absolute in `package`;
    a star binds nothing known), noting those of a relative import in `relative`."""
    module = absolute(package, stmt.level, stmt.module) if stmt.level else stmt.module
    for name, alias in stmt.names:
        if name == "*":
            continue
        aliases[alias] = f"{module}.{name}" if module else name
        if stmt.level:
            relative.add(alias)


def _beside(directory: str, folder: str | None) -> str | None:
    """The relative `folder` as a path from the root, beside a module in `directory`; None
    for none, an absolute one or one outside the root."""
    if not folder or folder.startswith("/"):
        return None
    path = posixpath.normpath(posixpath.join(directory, folder))
    return None if path == ".." or path.startswith("../") else path


def _is_table(node: ast.ClassDef, side: MoveSide, imports: dict[str, str]) -> bool:
    """A model class that is a table: not abstract, not a declarative base made on one of the
    framework's (unless it says `table=True`), and declaring more than its Meta."""
    if _abstract(node) or _declarative_base(node, side, imports):
        return False
    return any(not _says_nothing(s) for s in node.body)


def _abstract(node: ast.ClassDef) -> bool:
    """`__abstract__ = True` in the class's body, or `abstract = True` in its Meta."""
    if any(_assigns_true(s, _ABSTRACT) for s in node.body):
        return True
    meta = [s for s in node.body if isinstance(s, ast.ClassDef) and s.name == _META]
    return any(_assigns_true(s, "abstract") for m in meta for s in m.body)


def _declarative_base(node: ast.ClassDef, side: MoveSide, imports: dict[str, str]) -> bool:
    """A class made directly on one of the framework's declarative bases, that does not say
    `table=True`."""
    direct = {resolve(dotted(b), imports) for b in node.bases}
    table = any(k.arg == "table" and isinstance(k.value, ast.Constant) and k.value.value is True
                for k in node.keywords)
    return bool(direct & side.declarative_bases) and not table


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
