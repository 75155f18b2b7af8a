"""check(path) -> Report: the whole pipeline, walk to findings, as a list of steps."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from framefit import __version__
from framefit.answers import ServiceFacts, answer_service
from framefit.answers.framework import frameworks
from framefit.answers.weigh import by_role, dependency_evidence
from framefit.catalog import Catalog, load
from framefit.config import Config
from framefit.errors import UsageError
from framefit.model import Diagnostic, Evidence, Report, ServiceAnswers
from framefit.rules import RULES, run
from framefit.scanners import scanners_for
from framefit.scanners.base import ScanContext, ScanResult, SourceFile
from framefit.selection import selected
from framefit.walk import Tree, WalkedFile, walk
from framefit.walk.reader import ReadError, RepoReader
from framefit.walk.services import settle

log = logging.getLogger(__name__)


def check(path: str | Path = ".", config: Config | None = None, *, debug: bool = False) -> Report:
    """Analyse the repository at `path` and return its report. Raises UsageError for a bad path."""
    config = config or Config()
    root = _root(path)
    catalog = load()
    tree = walk(root, config.exclude)
    evidence, diagnostics = _scan(tree, catalog, debug)
    services = _answer(tree, evidence, catalog)
    rules = tuple(r for r in RULES if selected(r.id, config))
    findings = run(services, rules)
    return Report(str(root), services, findings, tuple(diagnostics), __version__)


def _root(path: str | Path) -> Path:
    root = Path(path)
    if not root.exists():
        raise UsageError(f"{path}: no such directory")
    if not root.is_dir():
        raise UsageError(f"{path}: not a directory (framefit checks a repository)")
    return root.resolve()


def _scan(tree: Tree, catalog: Catalog, debug: bool) -> tuple[list[Evidence], list[Diagnostic]]:
    """Run every scanner on every file it matches; evidence comes back weighted by role."""
    reader = RepoReader(tree.root)
    ctx = ScanContext(reader, catalog, tree.local_modules())
    roles = {f.path: f.role for f in tree.files}
    evidence: list[Evidence] = []
    diagnostics: list[Diagnostic] = list(tree.diagnostics)
    for walked in tree.files:
        result = _scan_file(walked, reader, ctx, debug)
        diagnostics.extend(result.diagnostics)
        evidence.extend(by_role(e, roles.get(e.path, walked.role)) for e in result.evidence)
        evidence.extend(dependency_evidence(d, roles.get(d.path, walked.role))
                        for d in set(result.dependencies))
    return evidence, diagnostics


def _scan_file(walked: WalkedFile, reader: RepoReader, ctx: ScanContext, debug: bool) -> ScanResult:
    scanners = scanners_for(walked.path)
    if not scanners:
        return ScanResult()
    try:
        data = reader.read_bytes(walked.path)
    except ReadError as exc:
        return ScanResult(diagnostics=(Diagnostic(walked.path, None, exc.kind, exc.message),))
    source = SourceFile(walked.path, data, walked.role, walked.service)
    result = ScanResult()
    for scanner in scanners:
        try:
            result = result + scanner.scan(source, ctx)
        except Exception as exc:  # the one boundary: a scanner bug must not end the run
            if debug:
                raise
            log.debug("scanner %s failed on %s", scanner.name, walked.path, exc_info=True)
            message = f"scanner {scanner.name} failed: {type(exc).__name__}: {exc}"
            result = result + ScanResult(diagnostics=(
                Diagnostic(walked.path, None, "internal-error", message[:300]),))
    return result


def _answer(tree: Tree, evidence: Iterable[Evidence], catalog: Catalog) -> tuple[ServiceAnswers, ...]:
    """Group evidence by service (DESIGN's rule), then answer each service that uses a framework."""
    owner = {f.path: f.service for f in tree.files}
    by_candidate: dict[str, list[Evidence]] = defaultdict(list)
    for item in evidence:
        by_candidate[owner.get(item.path, ".")].append(item)
    keep = {c: frameworks(items, catalog)[0] is not None for c, items in by_candidate.items()}
    final = settle(tree.services, keep)
    grouped: dict[str, list[Evidence]] = defaultdict(list)
    for candidate, items in by_candidate.items():
        grouped[final[candidate]].extend(items)
    answered = (answer_service(ServiceFacts(p, tuple(items)), catalog)
                for p, items in sorted(grouped.items()))
    return tuple(s for s in answered if s.framework is not None)
