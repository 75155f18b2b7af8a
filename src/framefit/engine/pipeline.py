"""The whole pipeline, walk to findings, as a list of steps (api.check runs it on a miss of
the report cache)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from framefit import __version__
from framefit.answers import configured, decisions
from framefit.answers.repo import RepoAnswers, answer_repo
from framefit.catalog import Catalog, load
from framefit.config import Config
from framefit.engine.plan import open_groups
from framefit.engine.pool import Workers
from framefit.engine.scan import RunOptions, Scanned, read_in_full, scan_context, scan_tree, scanned_files
from framefit.frozen import frozen
from framefit.model import Diagnostic, Report, Role, ServiceAnswers
from framefit.rules.verdict import judge
from framefit.walk import Tree, walk
from framefit.walk.files import Origin
from framefit.walk.reader import RepoReader

if TYPE_CHECKING:
    from framefit.scanners.python.profile import ImportHeads, ModuleLines


@frozen
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
    tree = walk(root, config.patterns)
    if before_reading is not None:
        before_reading([f.path for f in scanned_files(tree)])
    with Workers(scan_context(tree, catalog), options.jobs, options.debug) as workers:
        scanned = scan_tree(tree, options, workers)
        repo = answer_repo(tree, scanned.results, catalog, scanned.unreadable)
        services, unmatched = configured.apply(repo.judged(), config.answers)
        services, undecided = decisions.apply(services, config.decisions)
        services = tuple(_with_move(s, tree, repo, workers) for s in services)
    verdicts = judge(services, config, RepoReader(root))
    diagnostics = (*tree.diagnostics, *_that_matter(scanned, tree, catalog, config), *unmatched, *undecided,
                   *verdicts.diagnostics)
    report = Report(str(root), services, verdicts.findings, diagnostics, __version__,
                    verdicts.suppressed)
    # Suppression comments are read from the findings' files; a link out is named by its diagnostic.
    named = verdicts.read | {d.path for d in tree.diagnostics}
    return Run(report, tree.origin, scanned.inputs | named)


def _with_move(service: ServiceAnswers, tree: Tree, repo: RepoAnswers, workers: Workers) -> ServiceAnswers:
    """The service with its move, when it does not fit (answers/move.py): counted over its app
    files, the code facts of its modules and what their lines import (scanners/python/move.py),
    read in the run's pool when there is much to read."""
    if service.fits is not False:
        return service
    from framefit.answers.move import ServiceCode, import_heads, move_of  # a service that fits has no move

    catalog = workers.ctx.catalog
    wanted = import_heads(service, catalog)
    if wanted is None:
        return replace(service, move=None)
    files = [f for f in tree.files
             if f.role is Role.APP and repo.service_of.get(f.service, ".") == service.path]
    python = [f for f in files if f.path.endswith(".py")]
    facts, lines = workers.move(python, wanted)

    def lines_of(heads: ImportHeads) -> Mapping[str, ModuleLines]:
        return lines if heads == wanted else workers.lines(python, heads)

    code = ServiceCode(frozenset(lines), tuple(facts), tuple(f.path for f in files), lines_of)
    return replace(service, move=move_of(service, code, catalog))


def _that_matter(scanned: Scanned, tree: Tree, catalog: Catalog, config: Config) -> list[Diagnostic]:
    """The scan's diagnostics, but those of a planned file none of whose groups is open once
    every file read in full is weighed: what it could have shown changes nothing (module
    `engine.plan`), and the plan may not have read it at all, so no mode reports it."""
    if not _planned_diagnosed(scanned):
        return [d for _, result in scanned.results for d in result.diagnostics]
    settling = answer_repo(tree, read_in_full(scanned.results), catalog, scanned.unreadable)
    still = open_groups(settling, (), catalog, scanned.planned)
    return [d for walked, result in scanned.results if still.get(walked.path, True)
            for d in result.diagnostics]


def _planned_diagnosed(scanned: Scanned) -> bool:
    """Whether the scan of some planned file gave a diagnostic (else none needs weighing)."""
    planned = {p.path for p in scanned.planned}
    return any(result.diagnostics for walked, result in scanned.results if walked.path in planned)
