"""The whole pipeline, walk to findings, as a list of steps (api.check runs it on a miss of
the report cache)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from framefit import __version__
from framefit.answers import ServiceFacts, answer_services, configured, decisions
from framefit.answers.framework import frameworks
from framefit.answers.weigh import weighted
from framefit.catalog import Catalog, load
from framefit.config.layers import Config
from framefit.engine.scan import RunOptions, scan_tree, scanned_files
from framefit.model import Diagnostic, Evidence, Report, ServiceAnswers
from framefit.rules.verdict import judge
from framefit.scanners.base import ScanResult
from framefit.walk import Tree, WalkedFile, walk
from framefit.walk.files import Origin
from framefit.walk.reader import RepoReader
from framefit.walk.services import settle


@dataclass(frozen=True, slots=True)
class Run:
    """A run's report, and what it depended on (module `cache.reports`)."""

    report: Report
    origin: Origin  # how the files were listed
    inputs: frozenset[str]  # every file whose bytes could change the report


def run(root: Path, config: Config, options: RunOptions,
        before_reading: Callable[[list[str]], None] | None = None) -> Run:
    """Check the repository at `root` (resolved) as `config` says; `before_reading`, when
    given, is told the files the scanners are about to read (module `cache.reports`)."""
    catalog = load()
    tree = walk(root, config.exclude)
    if before_reading is not None:
        before_reading([f.path for f in scanned_files(tree)])
    scanned = scan_tree(tree, catalog, options)
    evidence, diagnostics = _weighted(scanned.results, tree, catalog)
    services, unmatched = configured.apply(_answer(tree, evidence, catalog), config.answers)
    services, undecided = decisions.apply(services, config.decisions)
    verdicts = judge(services, config, RepoReader(root))
    report = Report(str(root), services, verdicts.findings,
                    (*diagnostics, *unmatched, *undecided, *verdicts.diagnostics), __version__,
                    verdicts.suppressed)
    # Suppression comments are read from the findings' files; a link out is named by its diagnostic.
    named = verdicts.read | {d.path for d in tree.diagnostics}
    return Run(report, tree.origin, scanned.inputs | named)


def _weighted(scanned: list[tuple[WalkedFile, ScanResult]], tree: Tree,
              catalog: Catalog) -> tuple[list[Evidence], list[Diagnostic]]:
    """Evidence weighted by the role of the file it was seen in; declared dependencies as evidence."""
    roles = {f.path: f.role for f in tree.files}
    evidence: list[Evidence] = []
    diagnostics: list[Diagnostic] = list(tree.diagnostics)
    for walked, result in scanned:
        diagnostics.extend(result.diagnostics)
        evidence.extend(weighted(result.evidence, result.dependencies, walked.role, roles, catalog))
    return evidence, diagnostics


def _answer(tree: Tree, evidence: Iterable[Evidence], catalog: Catalog) -> tuple[ServiceAnswers, ...]:
    """Group evidence by service (DESIGN's rule), then answer each service that uses a framework."""
    owner = {f.path: f.service for f in tree.files}
    by_candidate: dict[str, list[Evidence]] = defaultdict(list)
    for item in evidence:
        by_candidate[owner.get(item.path, ".")].append(item)
    keep = {c: _is_service(items, catalog) for c, items in by_candidate.items()}
    final = settle(tree.services, keep)
    grouped: dict[str, list[Evidence]] = defaultdict(list)
    for candidate, items in by_candidate.items():
        grouped[final[candidate]].extend(items)
    answered = answer_services([ServiceFacts(p, tuple(items)) for p, items in sorted(grouped.items())],
                               catalog)
    return tuple(s for s in answered if s.framework is not None)


def _is_service(evidence: list[Evidence], catalog: Catalog) -> bool:
    """DESIGN's service: its own manifest (or manage.py) and code that uses a web framework."""
    declared = any(e.signal == "manifest" or (e.signal == "django-project" and
                                              e.path.rsplit("/", 1)[-1] == "manage.py")
                   for e in evidence)
    return declared and frameworks(evidence, catalog)[0] is not None
