"""Question 3, container size: the weighed answer with measured megabytes in its reason, and the
cross-service fact "one of many small services in this repo".

Footprints come from catalog footprint.toml (benchmarks/footprint.py): a stack's size is the sum
over the dependency closure of the distributions a service declares or imports, measured as an
image layer (tar estimate, .pyc included). The counterpart stack (catalog counterparts.toml) is
the same service on the other framework. Platform limits are in catalog platforms.toml.

Hook for configuration: evidence with the signal `size-budget` (BUDGET_SIGNAL) whose detail
holds "<number> MB" is a configured budget; the reason compares the stack with it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from framefit.answers.framework import frameworks
from framefit.answers.question import answer
from framefit.catalog import Catalog
from framefit.catalog.names import canonical_name
from framefit.catalog.views import Measured
from framefit.frozen import frozen
from framefit.model import WORKLOAD_SIGNAL, Answer, AnswerValue, Evidence, FrameworkUse, Question
from framefit.walk.services import owner

FLEET_SIGNAL = "repo-many-services"
BUDGET_SIGNAL = "size-budget"
NEARLY_VANISHES = 0.2  # a gap under this share of the larger stack "nearly vanishes"
MB = 1024 * 1024
_BUDGET = re.compile(r"(\d+(?:\.\d+)?)\s*MB", re.IGNORECASE)


def fleet_evidence(services: Sequence[tuple[str, Sequence[Evidence]]],
                   catalog: Catalog) -> dict[str, tuple[Evidence, ...]]:
    """Per web service, the evidence that it is one of a fleet of services: of the repo's web
    services, or of the app images its Kubernetes manifests deploy (`_deployed_fleet`)."""
    served = [(path, uses) for path, items in services if (uses := frameworks(items, catalog)[1])]
    found: dict[str, tuple[Evidence, ...]] = {}
    for path, items in [*_web_fleet(served, catalog), *_deployed_fleet(services, served, catalog)]:
        found[path] = found.get(path, ()) + items
    return found


def _web_fleet(served: Sequence[tuple[str, Sequence[FrameworkUse]]],
               catalog: Catalog) -> list[tuple[str, tuple[Evidence, ...]]]:
    """Every web service when the repo holds at least `[fleet] min_services` of them, cited at
    the line that shows each one's framework."""
    if len(served) < catalog.views.platforms.fleet_min_services:
        return []
    names = ", ".join(path for path, _ in served)
    detail = f"{len(served)} web services in this repository: {names}"
    return [(path, (Evidence(uses[0].evidence[0].path, uses[0].evidence[0].line, FLEET_SIGNAL,
                             detail[:120]),)) for path, uses in served]


def _deployed_fleet(services: Sequence[tuple[str, Sequence[Evidence]]],
                    served: Sequence[tuple[str, Sequence[FrameworkUse]]],
                    catalog: Catalog) -> list[tuple[str, tuple[Evidence, ...]]]:
    """When the repo's Kubernetes manifests and Helm charts deploy at least `[fleet]
    min_deployed` different app images (`WORKLOAD_SIGNAL`, whose detail is the image; tags
    aside), every web service at or below a service that holds such files is one of that
    fleet; cited at the first workload of the nearest one, and weighing what it weighs (a
    manifest among the docs says less)."""
    held = _workloads_held(services)
    images = sorted({_image_name(e.detail) for workloads in held.values() for e in workloads})
    if len(images) < catalog.views.platforms.fleet_min_deployed:
        return []
    detail = f"one of {len(images)} app images deployed to Kubernetes: {', '.join(images)}"
    found: list[tuple[str, tuple[Evidence, ...]]] = []
    for path, _ in served:
        holder = owner(path, held)
        if holder in held:
            where = held[holder][0]
            found.append((path, (Evidence(where.path, where.line, FLEET_SIGNAL, detail[:120],
                                          where.weight),)))
    return found


def _workloads_held(services: Sequence[tuple[str, Sequence[Evidence]]]) -> dict[str, list[Evidence]]:
    """The workloads (`WORKLOAD_SIGNAL`) of each service whose files deploy any."""
    return {path: workloads for path, items in services
            if (workloads := [e for e in items if e.signal == WORKLOAD_SIGNAL])}


def _image_name(reference: str) -> str:
    """An image reference without its tag or digest: `shop/api:1.2` and `shop/api` are one."""
    name = reference.split("@", 1)[0].lower()
    head, _, last = name.rpartition("/")
    return f"{head}/{last.split(':', 1)[0]}" if head else last.split(":", 1)[0]


def size_answer(evidence: Sequence[Evidence], catalog: Catalog, framework: str | None,
                answers: Mapping[Question, Answer]) -> Answer:
    """The container-size answer; its reason adds the footprint of the service's own stack,
    of its counterpart on the other framework, and the platform limit or budget it ships under
    (the brief, for the terminal: the sizes and shares, without the stacks' names)."""
    base = answer(Question.CONTAINER_SIZE, evidence, catalog, absence_means_no=False)
    found = _footprint(evidence, catalog, framework, answers)
    if found is None:
        return base
    return replace(base, reason=f"{base.reason}; {found.note(catalog)}",
                   brief=f"{base.reason}; {found.brief()}")


@frozen
class _Footprint:
    own: list[str]
    size: int
    other: list[str]  # the counterpart stack, [] without one
    other_size: int
    other_framework: str
    limits: list[tuple[str, str]]  # (in full, in brief)

    def note(self, catalog: Catalog) -> str:
        parts = [f"its stack ({' + '.join(self.own)}) adds {_mb(self.size)} to an image"]
        if self.other:
            parts.append(f"on {' + '.join(self.other)}: {_mb(self.other_size)}")
            if self.vanishes:
                parts.append(f"the gap nearly vanishes ({_mb(abs(self.size - self.other_size))})")
        parts.extend(full for full, _ in self.limits)
        return "; ".join(parts) + f" (measured: {_measured_on(catalog)})"

    def brief(self) -> str:
        text = f"its stack adds {_mb(self.size)} to an image"
        if self.other:
            text += f", {_mb(self.other_size)} on {self.other_framework.capitalize()}"
            text += ": the gap nearly vanishes" if self.vanishes else ""
        return "; ".join([text, *(short for _, short in self.limits)])

    @property
    def vanishes(self) -> bool:
        return abs(self.size - self.other_size) < NEARLY_VANISHES * max(self.size, self.other_size)


def footprint_note(evidence: Sequence[Evidence], catalog: Catalog, framework: str | None,
                   answers: Mapping[Question, Answer]) -> str:
    """One sentence of measured sizes, or "" when none of the service's stack was measured."""
    found = _footprint(evidence, catalog, framework, answers)
    return found.note(catalog) if found is not None else ""


def _footprint(evidence: Sequence[Evidence], catalog: Catalog, framework: str | None,
               answers: Mapping[Question, Answer]) -> _Footprint | None:
    measured = _distributions(catalog)
    own = sorted(declared(evidence, catalog) & measured.keys())
    if not own:
        return None
    size = stack_bytes(own, measured)
    other = counterpart(own, framework, answers, catalog)
    rule = catalog.views.footprints.counterparts.get(framework or "")
    return _Footprint(own, size, other, stack_bytes(other, measured) if other else 0,
                      rule.other if rule is not None else "", _limits(evidence, size, catalog))


def declared(evidence: Iterable[Evidence], catalog: Catalog) -> set[str]:
    """Canonical names of the distributions the service declares (dep:) or imports (import:)."""
    names: set[str] = set()
    for item in evidence:
        kind, _, name = item.signal.partition(":")
        if kind == "dep":
            names.add(name)
        elif kind == "import" and (entry := catalog.lookup(item.signal)) is not None:
            names.add(canonical_name(entry.id))
    return names


def stack_bytes(names: Iterable[str], measured: Mapping[str, Measured]) -> int:
    """Layer bytes of the dependency closure of `names` (measured distributions only)."""
    todo, seen = [n for n in names if n in measured], set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        todo.extend(r for r in measured[name].requires if r in measured)
    return sum(measured[n].layer_bytes for n in seen)


def counterpart(own: Sequence[str], framework: str | None, answers: Mapping[Question, Answer],
                catalog: Catalog) -> list[str]:
    """The service's stack on the other framework (catalog counterparts.toml), or []."""
    rule = catalog.views.footprints.counterparts.get(framework or "")
    if rule is None or framework not in own:
        return []
    keep = {n for n in own if n not in rule.drop}
    keep.update(rule.add)
    if answers[Question.RELATIONAL_DATABASE].value is AnswerValue.YES:
        keep.update(rule.add_if_relational)
    if answers[Question.USER_LOGIN].value is AnswerValue.YES:
        keep.update(rule.add_if_login)
    return sorted(keep)


def _limits(evidence: Iterable[Evidence], size: int, catalog: Catalog) -> list[tuple[str, str]]:
    """Each platform limit or configured budget the service ships under, with the stack's share
    of it: (in full, in brief)."""
    limits = catalog.views.platforms.limits
    said: list[tuple[str, str]] = []
    for item in sorted(evidence, key=lambda e: (e.path, e.line or 0, e.signal)):
        entry = limits.get(_dep_signal(item.signal, catalog))
        if entry is not None:
            text = (f"{entry.platform} allows {entry.what}: {_share(size, entry.bytes)}",
                    f"{_percent(size, entry.bytes)} of what {entry.platform} allows")
        elif item.signal == BUDGET_SIGNAL and (found := _BUDGET.search(item.detail)):
            budget = int(float(found.group(1)) * MB)
            text = (f"the configured budget is {found.group(1)} MB: {_share(size, budget)}",
                    f"{_percent(size, budget)} of the configured {found.group(1)} MB budget")
        else:
            continue
        if text not in said:
            said.append(text)
    return said


def _dep_signal(signal: str, catalog: Catalog) -> str:
    """`import:mangum` -> `dep:mangum`, so a limit keyed by distribution covers imports too."""
    if signal.startswith("import:") and (entry := catalog.lookup(signal)) is not None:
        return f"dep:{canonical_name(entry.id)}"
    return signal


def _share(size: int, limit: int) -> str:
    return f"the stack uses {_percent(size, limit)} of it" if limit else ""


def _percent(size: int, limit: int) -> str:
    return f"{100 * size / limit:.0f}%" if limit else "?"


def _distributions(catalog: Catalog) -> Mapping[str, Measured]:
    return catalog.views.footprints.distributions


def _measured_on(catalog: Catalog) -> str:
    return f"{catalog.views.footprints.measured_on}, tar estimate with .pyc"


def _mb(size: int) -> str:
    return f"{size / MB:.1f} MB"
