"""What a move to the other framework touches in a module: code facts, never evidence, read from
the module's bytes.

Per framework (catalog `moves.toml`, typed as `views.MoveSide`), a module's routes (route
decorators and calls, `@x.route` and `x.add_url_rule` on any object for Flask), blueprints
made (also by the repo's own subclasses of a blueprint class: `class AppBlueprint(Blueprint)`
binds its name to the call, and the modules that call such a class of another module are read
again with its name, `MoveReader.units`), model classes (whose base is a catalog model base,
through the module's names or the repo's own module that binds it, less abstract ones and
declarative bases), form classes, and
template folders (`templates/` beside a module that makes a Flask app, a `template_folder=`
literal; Django's in `move_settings`). Names resolve through the module's imports and its own
`x = Something(...)` and `class X(Something)` bindings and, for a name imported from the repo's
own modules, through `first_party` (over those modules' lines, as the prefilter reads them).

A module is never parsed whole for its move: a byte search finds the few places a fact can be
(decorator lines, class statements, calls of a move's names: `move_places`), each outside strings and
comments, and only those are parsed, as small snippets (a decorator's expression, a class's
head, a model class's block, a call). Where a snippet does not parse as cut (it was cut
wrong), the module is parsed whole and the same handlers see the same nodes: the facts are
those of the parse either way. How the text is walked (brackets, logical lines, class blocks,
strings and comments, line numbers) is `module_text`'s. A settings module (it names
INSTALLED_APPS or TEMPLATES) is parsed whole: `move_settings` evaluates its assignments. The
imports of the framework and its extensions are read from a module's lines (answers/move.py).

The pipeline asks for the facts of the app modules of a service that does not fit, once its
answers are final (engine/pipeline.py): the plan knows nothing of a move. This module holds the
reader, made once per run; `move_module` one module's reading (its names, the handlers, the
snippets).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from framefit.model import CodeFact
from framefit.scanners.base import ScanContext, SourceFile
from framefit.scanners.python.analysis import Module
from framefit.scanners.python.first_party import MAX_HOPS, FirstParty
from framefit.scanners.python.idioms import app_object
from framefit.scanners.python.imports import ImportFacts, locate_path, read
from framefit.scanners.python.module_text import UnsureError
from framefit.scanners.python.move_module import ModuleFacts
from framefit.scanners.python.move_places import Calls, aliased
from framefit.scanners.python.move_settings import INSTALLED_APPS, TEMPLATES, settings_facts
from framefit.scanners.python.profile import (
    ImportHeads,
    ImportLines,
    ModuleLines,
    line_bindings,
    module_text,
)
from framefit.scanners.python.syntax import (
    MAX_PARSE_BYTES,
    MAX_PARSE_LINES,
    Parsed,
    decode,
    last_segments,
    parse,
)

if TYPE_CHECKING:
    from framefit.catalog import Catalog
    from framefit.catalog.views import MoveSide

# A module's move facts, its lines, and the names of its classes that make blueprints
# (`MoveReader.read`).
MoveRead = tuple[tuple[CodeFact, ...], ModuleLines, frozenset[str]]
_Found = tuple[tuple[CodeFact, ...], frozenset[str]]  # a module's facts, and its blueprint classes
# A second reading's facts, and whether they replace the first's (else they add to them).
UnitFacts = tuple[tuple[CodeFact, ...], bool]

# The app's own blueprint classes a second reading looks for (pgadmin4 has 88): past so many
# (a hostile tree's thousands of them, each a branch of one search), none is, and the calls of
# those a module imports are not counted.
MAX_UNIT_CLASSES = 1_000
_SETTINGS = re.compile(rf"^(?:{INSTALLED_APPS}|{TEMPLATES})\b", re.MULTILINE)  # top-level assignments


def _app_calls(catalog: Catalog, framework: str) -> list[str]:
    """The calls that make an app object of `framework` (code.toml `calls`), when it has a
    template folder beside the module that makes it (Flask)."""
    calls = catalog.views.code.tables["calls"]
    if not catalog.views.moves[framework].template_keyword:
        return []
    return [k for k, s in calls.items() if app_object("calls", s, catalog)
            and (entry := catalog.lookup(s)) is not None and entry.framework == framework]


def _every(sides: Iterable[MoveSide], *fields: str) -> set[str]:
    """Every name the sides' `fields` hold (MoveSide's sets of names, by attribute)."""
    return {name for side in sides for field in fields for name in getattr(side, field)}


def _prefixes(keys: Iterable[str]) -> frozenset[str]:
    """Each dotted key and every dotted name above it ("a.b.c": "a", "a.b", "a.b.c")."""
    return frozenset(".".join(k.split(".")[:end]) for k in keys for end in range(1, k.count(".") + 2))


class MoveReader:
    """The code facts of modules (module docstring): made once per run, asked per module; the
    repo's own modules it resolves names through are read once."""

    def __init__(self, ctx: ScanContext, units: frozenset[str] = frozenset()) -> None:
        """`units`: the names of the repo's own classes that make blueprints (what `read` gave
        for every module); a module that names none is read the same without them."""
        self.ctx, self.units = ctx, units
        self._unit_calls = Calls(units)
        catalog = ctx.catalog
        self.sides: dict[str, MoveSide] = dict(catalog.views.moves)
        self.apps = {k: f for f in self.sides for k in _app_calls(catalog, f)}
        self.bases = catalog.views.code.tables["bases"]
        self.calls = catalog.views.code.tables["calls"]
        sides = self.sides.values()
        self.model_signals = frozenset(_every(sides, "model_signals"))
        self.first_party = FirstParty(ctx.reader, ctx.local_modules, line_bindings, ctx.modules, probe=False)
        self.tails = last_segments(frozenset(_every(sides, "route_calls", "route_decorators", "unit_calls")))
        self.call_keys = _every(sides, "route_calls", "unit_calls") | set(self.apps)
        self.any_route_calls = _every(sides, "any_route_calls")
        self.call_tails = last_segments(frozenset(self.call_keys)) | self.any_route_calls
        self.unit_calls = _every(sides, "unit_calls")
        self.decorator_tails = last_segments(frozenset(_every(sides, "route_decorators"))) | _every(
            sides, "any_route_decorators")
        self.called = Calls(self.call_tails)
        # The top-level modules a move's calls come from, and "" (a relative import: the repo may
        # be one of those packages): a module importing a call under another name imports one.
        self.call_heads = frozenset({k.split(".")[0] for k in self.call_keys} | {""})
        # What a class head's base may resolve to and matter: a base, app or form base of the
        # catalog, or a dotted name a name under which is one ("flask_sqlalchemy.SQLAlchemy()").
        self.prefixes = _prefixes((*self.bases, *self.calls, *_every(sides, "form_bases"), *self.unit_calls))
        self._stands: dict[tuple[str, str], bool] = {}
        self._tails: dict[int, frozenset[str]] = {}

    def stands_for_a_library(self, qualified: str, root_dir: str) -> bool:
        """Whether the repo's own `qualified`, or a name under it, resolves (first_party) to
        one of `prefixes`: followed as `FirstParty.resolve` follows it, a module on the way
        standing for anything in it."""
        key = (qualified, root_dir)
        if key not in self._stands:
            found, name = False, qualified
            for _ in range(MAX_HOPS + 1):
                head = name.split(".")[0]
                if head not in self.ctx.local_modules:
                    found = name in self.prefixes
                    break
                if self.first_party.module(name.split("."), root_dir) is not None:
                    found = True  # a module: a name in it may stand for anything
                    break
                step = self.first_party.step(name, root_dir)
                if step is None:
                    break
                name = step
            self._stands[key] = found
        return self._stands[key]

    def tails_of(self, entries: Mapping[str, str]) -> frozenset[str]:
        """The last segment of every key of a code.toml table (views.CodeIdioms.tails)."""
        if id(entries) not in self._tails:
            self._tails[id(entries)] = last_segments(frozenset(entries))
        return self._tails[id(entries)]

    def read(self, source: SourceFile, wanted: ImportHeads) -> MoveRead:
        """The code facts of one module, what its lines import of `wanted` modules
        (`profile.module_text`; its import lines read once for both) and the names of its
        classes that make blueprints (`class AppBlueprint(Blueprint)`: the `units` of a second
        reading of the modules that name them)."""
        lines = ImportLines(source.data)
        facts, units = self._read(source, lines)
        return facts, module_text(source.data, wanted, lines), units

    def unit_facts(self, source: SourceFile, own: frozenset[str]) -> UnitFacts | None:
        """What reading a module again with `units` adds to its facts, for a module that calls
        one of them other than its `own` (those `read` found there: their calls are counted
        already) or may import one under another name; None for one that does neither (its
        facts stand). The calls of the names it imports that stand for a blueprint call are
        read (`own_units`), and their facts added to those `read` gave: every other place
        reads the same with the names bound or not. A settings module, or one whose places
        cannot be read as cut, is read again whole, and those facts replace the first ones."""
        text = source.data.decode("latin-1")  # byte for byte: the names are ASCII
        # A call of one, or its import under another name (`import AppBlueprint as Part`, then `Part(...)`).
        named = self._unit_calls.called(text) | aliased(text, self.units)
        if named <= own:
            return None
        decoded = _readable(source)
        if decoded is None:
            return None  # `read` gave nothing either
        if _settings(decoded):
            return self.facts(source), True
        try:
            return ModuleFacts(self, source, decoded).from_unit_calls(), False
        except UnsureError:
            return self._whole(source)[0], True

    def facts(self, source: SourceFile, lines: ImportLines | None = None) -> tuple[CodeFact, ...]:
        """The code facts of one module (none for a module the parser would refuse);
        `lines`, when given, are its import lines."""
        return self._read(source, lines)[0]

    def _read(self, source: SourceFile, lines: ImportLines | None) -> _Found:
        text = _readable(source)
        if text is None:
            return (), frozenset()
        if _settings(text):
            return self._whole(source, settings=True, lines=lines)
        found = ModuleFacts(self, source, text, lines)
        try:
            return found.from_snippets(), frozenset(found.units)
        except UnsureError:
            return self._whole(source, lines=lines)

    def whole(self, source: SourceFile, settings: bool = False,
              lines: ImportLines | None = None) -> tuple[CodeFact, ...]:
        """The code facts of a module from its whole parse (none when it does not parse)."""
        return self._whole(source, settings, lines)[0]

    def _whole(self, source: SourceFile, settings: bool = False, lines: ImportLines | None = None) -> _Found:
        """`whole`, and the names of the module's classes that make blueprints."""
        parsed = parse(source.path, source.data)
        if not isinstance(parsed, Parsed):
            return (), frozenset()
        found = ModuleFacts(self, source, parsed.text, lines)
        try:
            found.from_tree(parsed.module)
            if settings:
                package, root_dir = locate_path(source.path, self.ctx.reader)
                imports = read(parsed.module, ImportFacts(package=package, root_dir=root_dir))
                module = Module(parsed, source, self.ctx, found.out, {"imports": imports})
                settings_facts(module)
        except RecursionError:
            return (), frozenset()
        return tuple(found.out.facts), frozenset(found.units)


def _readable(source: SourceFile) -> str | None:
    """The module's text, or None for one the parser would refuse (it has no facts)."""
    data = source.data
    count = data.count(b"\n") + (not data.endswith(b"\n"))
    if len(data) > MAX_PARSE_BYTES or count > MAX_PARSE_LINES or b"\0" in data:
        return None
    text = decode(source.path, data)
    return text if isinstance(text, str) else None


def _settings(text: str) -> bool:
    """Whether a module is a Django settings module (`move_settings` reads its whole parse)."""
    return ("INSTALLED_APPS" in text or "TEMPLATES" in text) and _SETTINGS.search(text) is not None
