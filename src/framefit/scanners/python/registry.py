"""The Python analyses, in the order they run, and the prefilter they make together.

Order matters and is checked (tests/scanners/python/test_registry.py): an analysis comes after
every analysis whose result it `reads`, and visitors see each node in this order.
"""

from __future__ import annotations

from framefit.catalog import Catalog
from framefit.scanners.base import Foreseen
from framefit.scanners.python import (
    app_config,
    auth,
    django_settings,
    dockerfile_strings,
    idioms,
    imports,
    move,
)
from framefit.scanners.python.analysis import Analysis
from framefit.scanners.python.first_party import FirstParty, seen_libraries
from framefit.scanners.python.prefilter import Prefilter, Requirement
from framefit.scanners.python.profile import line_bindings, profile
from framefit.walk.reader import RepoReader

ANALYSES: tuple[Analysis, ...] = (
    imports.ANALYSIS,
    idioms.ANALYSIS,
    django_settings.ANALYSIS,
    app_config.ANALYSIS,
    auth.ANALYSIS,
    dockerfile_strings.ANALYSIS,
    move.ANALYSIS,
)


_REQUIREMENTS: dict[str, tuple[Requirement, ...]] = {}  # per catalog version


def requirements(catalog: Catalog) -> tuple[Requirement, ...]:
    """Every analysis's requirements (each analysis states its own)."""
    if catalog.version not in _REQUIREMENTS:
        _REQUIREMENTS[catalog.version] = tuple(r for a in ANALYSES for r in a.requirements(catalog))
    return _REQUIREMENTS[catalog.version]


class ModulePrefilter:
    """The signals a module's bytes allow some analysis to give (the python scanner's
    prefilter: built once per run, called per module, picklable for a spawned pool). Signals
    that wait on a first-party binding (`via`) are confirmed only when asked, over the lines of
    the modules the module imports from."""

    def __init__(self, catalog: Catalog, local: frozenset[str], reader: RepoReader) -> None:
        self.index = Prefilter(requirements(catalog))
        self.first_party = FirstParty(reader, local, line_bindings)

    def __call__(self, path: str, data: bytes) -> Foreseen:
        found, waiting = self.index.signals(profile(data))
        return Foreseen(found, frozenset(s for r in waiting for s in r.signals) - found)

    def confirm(self, path: str, data: bytes) -> frozenset[str]:
        read = profile(data)
        _, waiting = self.index.signals(read)
        waiting = tuple(r for r in waiting if not r.decorated or r.decorated_in(read))
        seen = seen_libraries(path, read.imports(), self.first_party)
        based = None
        if any(r.based for r in waiting):
            based = seen_libraries(path, read.imports(), self.first_party, only=read.based)
        return Prefilter.confirmed(waiting, seen, based)
