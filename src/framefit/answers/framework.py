"""Which web framework serves a service: app objects first, then imports; declarations only confirm."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from framefit.catalog import FALLBACK_STRENGTH, Catalog
from framefit.model import Evidence, FrameworkUse, evidence_order

# How much each way of observing a framework says that it serves the app.
KIND_FACTOR = {"idiom": 1.0, "import": 0.8, "dep": 0.6}
MAX_LISTED = 10
IN_CODE_AT = 0.3  # evidence weighing less (tests, docs) never shows a framework in use


def catalog_strength(catalog: Catalog, signal: str) -> float:
    entry = catalog.lookup(signal)
    return entry.framework_strength if entry is not None else 0.0


def framework_weight(signal: str, weight: float, catalog: Catalog) -> float:
    """How much evidence `signal` of this weight says its framework serves the app: its weight
    by the kind of observation and the framework's strength (0 for no framework's signal)."""
    entry = catalog.lookup(signal)
    if entry is None or entry.framework is None:
        return 0.0
    return round(weight * KIND_FACTOR[_kind(signal)] * entry.framework_strength, 3)


def _kind(signal: str) -> str:
    prefix = signal.partition(":")[0]
    return prefix if prefix in ("import", "dep") else "idiom"


def frameworks(evidence: Iterable[Evidence], catalog: Catalog) -> tuple[str | None, tuple[FrameworkUse, ...]]:
    """The serving framework (or None) and every framework the service uses, with evidence.

    A framework is in use when code shows it (an import or an app object outside tests and docs,
    whose evidence keeps a weight of at least 0.3); a declaration alone is not use. Frameworks
    the catalog marks medium (often a mere dependency: aiohttp, tornado, starlette) need an app
    object. A fallback framework (a hand-written ASGI app) is in use only when no other is.
    """
    found, score, in_code = _weighed(evidence, catalog)
    in_code = _past_fallback(in_code, found, catalog)
    # Equal scores (two app objects): the framework more of the code uses serves the app.
    breadth = {name: len({e.path for e in items if e.weight >= IN_CODE_AT}) for name, items in found.items()}
    used = sorted(in_code, key=lambda name: (-score[name], -breadth[name], name))
    uses = tuple(
        FrameworkUse(name, tuple(sorted(found[name], key=evidence_order)[:MAX_LISTED]),
                     max(len(found[name]) - MAX_LISTED, 0))
        for name in sorted(used)
    )
    return (used[0] if used else None), uses


def _weighed(evidence: Iterable[Evidence], catalog: Catalog
             ) -> tuple[dict[str, list[Evidence]], dict[str, float], set[str]]:
    """Each framework's evidence reweighed by kind and strength, its best weight, and the
    frameworks the code shows in use."""
    found: dict[str, list[Evidence]] = defaultdict(list)
    score: dict[str, float] = defaultdict(float)
    in_code: set[str] = set()
    for item in evidence:
        entry = catalog.lookup(item.signal)
        if entry is None or entry.framework is None:
            continue
        kind = _kind(item.signal)
        weight = framework_weight(item.signal, item.weight, catalog)
        found[entry.framework].append(Evidence(item.path, item.line, item.signal, item.detail, weight))
        score[entry.framework] = max(score[entry.framework], weight)
        shows = kind == "idiom" or (kind == "import" and entry.framework_strength >= 1.0)
        if item.weight >= IN_CODE_AT and shows:
            in_code.add(entry.framework)
    return found, score, in_code


def _past_fallback(in_code: set[str], found: dict[str, list[Evidence]], catalog: Catalog) -> set[str]:
    """The frameworks in use, a fallback one dropped when another is in use too."""
    strongest = {name: max(catalog_strength(catalog, e.signal) for e in items)
                 for name, items in found.items()}
    if any(strongest[name] > FALLBACK_STRENGTH for name in in_code):
        return {name for name in in_code if strongest[name] > FALLBACK_STRENGTH}
    return in_code
