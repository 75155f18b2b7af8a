"""A repository's answers: evidence weighed by role, grouped by service (DESIGN's rule), and each
service answered. The one grouping: the engine's plan asks it between rounds, the pipeline at
the end, so both see the same services and the same cross-service facts."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping

from framefit.answers import ServiceFacts, answer_services
from framefit.answers.framework import frameworks
from framefit.answers.weigh import ROLE_WEIGHT, weighted
from framefit.catalog import Catalog
from framefit.frozen import frozen
from framefit.model import Diagnostic, Evidence, ServiceAnswers
from framefit.scanners.base import ScanResult
from framefit.walk import Tree, WalkedFile
from framefit.walk.services import declared as declared_of
from framefit.walk.services import owner as owner_of
from framefit.walk.services import settle

# The walk's diagnostics of a file or folder it could not list (or follow): a module may be there.
UNLISTED = frozenset({"link-outside-root", "unreadable", "undecodable-name"})


@frozen
class RepoAnswers:
    """Every service's answers (judged or not: `framework` None is not judged), and the service
    each candidate of the walk ends in."""

    services: Mapping[str, ServiceAnswers]
    service_of: Mapping[str, str]  # candidate service -> the service it ends in
    declared: frozenset[str]  # candidates that are services if they use a framework (walk.services)
    diagnostics: tuple[Diagnostic, ...]

    def judged(self) -> tuple[ServiceAnswers, ...]:
        """The services that use a web framework, by path."""
        return tuple(s for _, s in sorted(self.services.items()) if s.framework is not None)


def answer_repo(tree: Tree, scanned: Iterable[tuple[WalkedFile, ScanResult]],
                catalog: Catalog, unreadable: Collection[str]) -> RepoAnswers:
    """The answers of every service from what the scanners found so far; `unreadable` names
    the files not read in full, the same in every mode (engine `Scanned.unreadable`), which
    `modules_read` needs."""
    by_candidate, diagnostics = _by_candidate(tree, scanned, catalog)
    declared = declared_of(
        (c for c, items in by_candidate.items() if _has_manifest(items)),
        (c for c, items in by_candidate.items() if _has_manage(items)))
    keep = {c: c in declared and frameworks(items, catalog)[0] is not None
            for c, items in by_candidate.items()}
    final = settle(tree.services, keep)
    grouped = _grouped(tree, by_candidate, final, unreadable)
    facts = [ServiceFacts(path, tuple(items)) for path, items in sorted(grouped.items())]
    services = {s.path: s for s in answer_services(facts, catalog)}
    return RepoAnswers(services, final, declared, tuple(diagnostics))


def _grouped(tree: Tree, by_candidate: dict[str, list[Evidence]], final: Mapping[str, str],
             unreadable: Collection[str]) -> dict[str, list[Evidence]]:
    """The evidence of each final service: its candidates', then its modules read."""
    grouped: dict[str, list[Evidence]] = defaultdict(list)
    for candidate, items in by_candidate.items():
        grouped[final[candidate]].extend(items)
    for path, items in modules_read(tree, final, grouped, unreadable).items():
        grouped[path].extend(items)
    return grouped


def _by_candidate(tree: Tree, scanned: Iterable[tuple[WalkedFile, ScanResult]], catalog: Catalog
                  ) -> tuple[dict[str, list[Evidence]], list[Diagnostic]]:
    """The weighted evidence per candidate service (the one a manifest's `about` names, else
    the file's), and every diagnostic."""
    roles = {f.path: f.role for f in tree.files}
    owner = {f.path: f.service for f in tree.files}
    by_candidate: dict[str, list[Evidence]] = defaultdict(list)
    diagnostics: list[Diagnostic] = []
    for walked, result in scanned:
        diagnostics.extend(result.diagnostics)
        for item in weighted(result.evidence, result.dependencies, walked.role, roles, catalog):
            home = owner_of(item.about, tree.services) if item.about else owner.get(item.path, ".")
            by_candidate[home].append(item)
    return by_candidate, diagnostics


def modules_read(tree: Tree, final: Mapping[str, str], grouped: Mapping[str, list[Evidence]],
                 unreadable: Collection[str]) -> dict[str, list[Evidence]]:
    """Per service without a manifest, every Python module of it as `module-read` evidence, when
    each was read: code read in full looked at the questions as a manifest read does (catalog
    `absence`), so nothing found there is a no. A module the run could not read, or a file the
    walk could not list inside the service, leaves the service unread (and its answers unknown).
    Every module is read in every mode, by the prefilter at least (engine/plan.py): a module
    it finds nothing in can show nothing."""
    modules, gaps = _modules_and_gaps(tree, final, unreadable)
    return {
        service: [Evidence(w.path, None, "module-read", "Python module read", ROLE_WEIGHT[w.role])
                  for w in files]
        for service, files in modules.items()
        if service in grouped and service not in gaps and not _has_manifest(grouped[service])
    }


def _modules_and_gaps(tree: Tree, final: Mapping[str, str], unreadable: Collection[str]
                      ) -> tuple[dict[str, list[WalkedFile]], set[str]]:
    """Each service's Python modules, and the services not read in full (a module unread, or
    a file the walk could not list)."""
    modules: dict[str, list[WalkedFile]] = defaultdict(list)
    gaps = {final.get(owner_of(d.path, tree.services), ".") for d in tree.diagnostics
            if d.kind in UNLISTED}
    for walked in tree.files:
        if walked.path.endswith(".py"):
            service = final.get(walked.service, ".")
            modules[service].append(walked)
            if walked.path in unreadable:
                gaps.add(service)
    return modules, gaps


def _has_manifest(evidence: list[Evidence]) -> bool:
    return any(e.signal == "manifest" for e in evidence)


def _has_manage(evidence: list[Evidence]) -> bool:
    """A manage.py of its own (a service when no real manifest is at or above it)."""
    return any(e.signal == "django-project" and e.path.rsplit("/", 1)[-1] == "manage.py"
               for e in evidence)
