"""The Python analyses, in the order they run, and the prefilter they make together.

Order matters and is checked (tests/scanners/python/test_registry.py): an analysis comes after
every analysis whose result it `reads`, and visitors see each node in this order.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from framefit.catalog import Catalog
from framefit.scanners.base import Foreseen, ScanContext
from framefit.scanners.python import (
    app_config,
    auth,
    django_settings,
    dockerfile_strings,
    idioms,
    imports,
)
from framefit.scanners.python.analysis import Analysis
from framefit.scanners.python.first_party import FirstParty, bound_names, seen_targets
from framefit.scanners.python.prefilter import Prefilter, Requirement
from framefit.scanners.python.profile import (
    LineImport,
    call_words,
    class_head_words,
    decorator_words,
    line_bindings,
    line_imports,
    profile,
)

ANALYSES: tuple[Analysis, ...] = (
    imports.ANALYSIS,
    idioms.ANALYSIS,
    django_settings.ANALYSIS,
    app_config.ANALYSIS,
    auth.ANALYSIS,
    dockerfile_strings.ANALYSIS,
)


_REQUIREMENTS: dict[str, tuple[Requirement, ...]] = {}  # per catalog version


def requirements(catalog: Catalog) -> tuple[Requirement, ...]:
    """Every analysis's requirements (each analysis states its own), those that differ only in
    their `via` libraries made one (met when any of them is: a module waits on it once)."""
    if catalog.version not in _REQUIREMENTS:
        merged: dict[tuple[tuple[object, ...], bool], Requirement] = {}
        for r in (r for a in ANALYSES for r in a.requirements(catalog)):
            key = (r.all_but_via(), not r.via)  # (dataclasses.replace costs ~10 µs a call)
            known = merged.get(key)
            merged[key] = r if known is None or not r.via else replace(known, via=known.via | r.via)
        _REQUIREMENTS[catalog.version] = tuple(merged.values())
    return _REQUIREMENTS[catalog.version]


class ModulePrefilter:
    """The signals a module's bytes allow some analysis to give (the python scanner's
    prefilter: built once per run, called per module, picklable for a spawned pool). Signals
    that wait on a first-party binding (`via`) are confirmed only when asked, over the lines of
    the modules the module imports from."""

    def __init__(self, ctx: ScanContext) -> None:
        self.requirements = requirements(ctx.catalog)
        self.index = Prefilter(self.requirements)
        self.number = {r: n for n, r in enumerate(self.requirements)}
        # The plan is not cached: no probe to record, the tree's listing answers.
        self.first_party = FirstParty(ctx.reader, ctx.local_modules, line_bindings, ctx.modules,
                                      probe=False)

    def __call__(self, path: str, data: bytes) -> Foreseen:
        found, waiting = self.index.signals(profile(data))
        if any(r.called for r in waiting):
            waiting = self._may_call_own(data, waiting)
        # Each waits by its requirement's number (what crosses a pool is small), with its own
        # signals unless some are found already (the same object: a pickle writes it once).
        return Foreseen(found, tuple(
            (self.number[r], r.signals if r.signals.isdisjoint(found) else r.signals - found)
            for r in waiting))

    def confirm(self, path: str, data: bytes, foreseen: Foreseen) -> frozenset[str]:
        """The waiting signals of the module that the names it imports from the repo's own
        modules bear out (a requirement's `via`: `prefilter.Requirement`)."""
        waiting = self._decorated([(self.requirements[n], signals) for n, signals in foreseen.waiting
                                   if isinstance(n, int)], data)
        if not waiting:
            return frozenset()
        seen, in_bases, called = self._bindings(path, data, [r for r, _ in waiting])
        found: set[str] = set()
        for r, signals in waiting:
            bound = called[r.called] if r.called else in_bases if r.based else seen
            if not r.via.isdisjoint(bound):
                found |= signals
        return frozenset(found)

    def _bindings(self, path: str, data: bytes, waiting: list[Requirement]) -> tuple[
            frozenset[str], frozenset[str], dict[str, frozenset[str]]]:
        """What the module's first-party names are bound to: all of them, those in its class
        heads (when a requirement wants a base), and per first argument those it calls so."""
        statements = line_imports(data, self.first_party.local_modules | {""})  # first-party, relative
        seen = self._bound(path, statements)
        if not any(r.based or r.called for r in waiting):
            return seen, seen, {}
        heads = class_head_words(data)
        called = {argument: self._bound(path, statements, words)
                  for argument, words in _calls(data, waiting, heads).items()}
        return seen, self._bound(path, statements, heads), called

    @staticmethod
    def _decorated(waiting: list[tuple[Requirement, frozenset[str]]],
                   data: bytes) -> list[tuple[Requirement, frozenset[str]]]:
        """Those whose decorator words the module's decorator lines hold (read first: no other
        file is read for them)."""
        if not any(r.decorated for r, _ in waiting):
            return waiting
        decorated = decorator_words(data)
        return [(r, signals) for r, signals in waiting if r.decorated <= decorated]

    def _may_call_own(self, data: bytes, waiting: tuple[Requirement, ...]) -> tuple[Requirement, ...]:
        """The `called` requirements left out where no name the module calls so is bound by an
        import from the repo's own modules (`logging.getLogger(__name__)`): nothing to confirm."""
        names = self._own_names(data)
        if not names:
            return tuple(r for r in waiting if not r.called)
        if b"*" in names:
            return waiting
        calls = _calls(data, waiting, class_head_words(data))
        return tuple(r for r in waiting if not r.called or _may_be(calls[r.called], names))

    def _own_names(self, data: bytes) -> set[bytes]:
        """The names the module's imports from the repo's own modules bind (`*` for a star)."""
        local = self.first_party.local_modules
        return {n for s in line_imports(data, local | {""}) if s.level or s.module.split(".")[0] in local
                for n in bound_names(s)}

    def _bound(self, path: str, statements: tuple[LineImport, ...],
               only: frozenset[bytes] | None = None) -> frozenset[str]:
        """What the first-party names bound in the module are bound to: the qualified names
        and their libraries (a requirement's `via` names either)."""
        targets = seen_targets(path, statements, self.first_party, only)
        return targets | {t.split(".")[0] for t in targets}


def _calls(data: bytes, waiting: Iterable[Requirement],
           heads: frozenset[bytes]) -> dict[str, frozenset[bytes] | None]:
    """`_called` for each first argument the requirements name, read once each."""
    return {argument: _called(data, argument, heads) for argument in {r.called for r in waiting if r.called}}


def _may_be(called: frozenset[bytes] | None, names: set[bytes]) -> bool:
    """Whether one of `names` may be what is called (None: any name may be)."""
    return called is None or not names.isdisjoint(called)


def _called(data: bytes, argument: str, heads: frozenset[bytes]) -> frozenset[bytes] | None:
    """The words of the names called with `argument` first, and when one of them is a class of
    the module, the words of its class heads (its bases); None: any name may be."""
    words = call_words(data, argument.encode())
    if words is None:
        return None
    return words | heads if not words.isdisjoint(heads) else words
