"""The Python analyses, in the order they run, and the prefilter they make together.

Order matters and is checked (tests/scanners/python/test_registry.py): an analysis comes after
every analysis whose result it `reads`, and visitors see each node in this order.
"""

from __future__ import annotations

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
from framefit.scanners.python.first_party import FirstParty, seen_libraries
from framefit.scanners.python.prefilter import Prefilter, Requirement
from framefit.scanners.python.profile import (
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
        merged: dict[tuple[object, ...], Requirement] = {}
        for r in (r for a in ANALYSES for r in a.requirements(catalog)):
            key = (r.words, r.signals, r.fragments, r.exact, r.imported, r.decorated, r.based, not r.via)
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
        # Each waits by its requirement's number (what crosses a pool is small), with its own
        # signals unless some are found already (the same object: a pickle writes it once).
        return Foreseen(found, tuple(
            (self.number[r], r.signals if r.signals.isdisjoint(found) else r.signals - found)
            for r in waiting))

    def confirm(self, path: str, data: bytes, foreseen: Foreseen) -> frozenset[str]:
        waiting = [(self.requirements[n], signals) for n, signals in foreseen.waiting
                   if isinstance(n, int)]
        if any(r.decorated for r, _ in waiting):  # a decorator's words first: no other file read
            decorated = decorator_words(data)
            waiting = [(r, signals) for r, signals in waiting if r.decorated <= decorated]
        if not waiting:
            return frozenset()
        mine = self.first_party.local_modules | {""}  # first-party heads, relative ones
        statements = line_imports(data, mine)
        seen = seen_libraries(path, statements, self.first_party)
        in_bases = seen_libraries(path, statements, self.first_party, only=class_head_words(data)) \
            if any(r.based for r, _ in waiting) else seen
        return frozenset(s for r, signals in waiting
                         if not r.via.isdisjoint(in_bases if r.based else seen) for s in signals)
