"""check(path) -> Report: the whole pipeline, walk to findings, as a list of steps."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from framefit import __version__, suppress
from framefit.answers import ServiceFacts, answer_services, configured
from framefit.answers.framework import frameworks
from framefit.answers.weigh import weighted
from framefit.catalog import Catalog, load
from framefit.config import Config
from framefit.config import load as load_config
from framefit.errors import UsageError
from framefit.model import Diagnostic, Evidence, Report, ServiceAnswers
from framefit.rules import RULES, run
from framefit.runner import Progress, RunOptions, scan_tree
from framefit.scanners.base import ScanResult
from framefit.selection import selected
from framefit.walk import Tree, WalkedFile, walk
from framefit.walk.reader import RepoReader
from framefit.walk.services import settle


def check(path: str | Path = ".", config: Config | None = None, *, debug: bool = False,
          progress: Progress | None = None, jobs: int = 1, cache_dir: Path | None = None,
          exhaustive: bool = False) -> Report:
    """Analyse the repository at `path` and return its report. Raises UsageError for a bad path.

    Without a `config`, the repo's own configuration file is read (`config.load`; a bad one
    raises ConfigError); configured answers and inline suppressions apply either way.

    `progress`, when given, is called as the files are scanned (see `runner.Progress`). `jobs`
    scans Python in that many processes when there are many files; `cache_dir` keeps per-file
    results there between runs (`cache_home.default_dir()` is the usual place). Neither changes the
    report. Python modules are parsed only while they can change an answer (module `triage`);
    `exhaustive` parses every one: the same answers, with every observation in the evidence.
    """
    root = _root(path)
    config = config or load_config(root)  # no Config given: the repo's own configuration file
    catalog = load()
    tree = walk(root, config.exclude)
    options = RunOptions(jobs=jobs, cache_dir=cache_dir, debug=debug, progress=progress,
                         exhaustive=exhaustive)
    evidence, diagnostics = _weighted(scan_tree(tree, catalog, options), tree, catalog)
    services, unmatched = configured.apply(_answer(tree, evidence, catalog), config.answers)
    rules = tuple(r for r in RULES if selected(r.id, config))
    findings, suppressed = suppress.split(run(services, rules), RepoReader(root))
    return Report(str(root), services, findings, (*diagnostics, *unmatched), __version__,
                  suppressed)


def _root(path: str | Path) -> Path:
    root = Path(path)
    if not root.exists():
        raise UsageError(f"{path}: no such directory")
    if not root.is_dir():
        raise UsageError(f"{path}: not a directory (framefit checks a repository)")
    return root.resolve()


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
