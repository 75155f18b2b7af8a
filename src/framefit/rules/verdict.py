"""From answers to verdicts: the rules run, then what an inline comment, a recorded decision or
the configuration's `ignore` takes out of the count is set apart, each with its justification.

Precedence, the most specific first: a comment on the finding's line, then a decision that holds
for its service (for the mismatch findings in ACCEPTED), then `ignore`. A rule left out by
`select` does not run at all; one left out by `ignore` runs, and its findings are listed as
suppressed, so nothing is silenced silently.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from framefit.config.layers import Config
from framefit.config.selection import ignored, ignored_because, selected
from framefit.frozen import frozen
from framefit.model import (
    DecisionState,
    Diagnostic,
    Finding,
    ServiceAnswers,
    SuppressedBy,
    Suppression,
)
from framefit.rules import RULES, run
from framefit.rules.suppress import Comments, split, unused
from framefit.walk.reader import RepoReader

# The mismatch findings a recorded decision accepts while it holds: the tally against the
# framework in use. Two frameworks in one service (FF105) is not a choice the decision records.
ACCEPTED = ("FF101", "FF102", "FF103", "FF104")


@frozen
class Verdicts:
    """What the rules found, what does not count and why, and ignore comments that match nothing."""

    findings: tuple[Finding, ...]
    suppressed: tuple[Finding, ...]
    diagnostics: tuple[Diagnostic, ...]
    read: frozenset[str]  # the files read for comments


def judge(services: tuple[ServiceAnswers, ...], config: Config, reader: RepoReader) -> Verdicts:
    """Every finding of the rules `config` runs over `services`, parted into counted and set apart."""
    ran = tuple(r for r in RULES if selected(r.id, config) or ignored(r.id, config))
    found = run(services, ran)
    comments = Comments(reader)
    kept, suppressed = split(found, comments)
    counted, set_apart = _counted(kept, services, config)
    suppressed += set_apart
    files = {f.path for f in found if f.path} | set(_framework_files(services))
    idle = unused(comments, files, found, frozenset(r.id for r in ran), frozenset(r.id for r in RULES))
    return Verdicts(tuple(counted), suppressed, idle, comments.read)


def _counted(kept: Iterable[Finding], services: tuple[ServiceAnswers, ...],
             config: Config) -> tuple[list[Finding], tuple[Finding, ...]]:
    """The findings no comment silenced: those counted, and those a decision accepts or the
    configuration ignores (with why)."""
    by_path = {s.path: s for s in services}
    counted: list[Finding] = []
    set_apart: list[Finding] = []
    for item in kept:
        why = accepted(item, by_path[item.service]) or _ignored(item, config)
        if why is None:
            counted.append(item)
        else:
            set_apart.append(replace(item, suppression=why))
    return counted, tuple(set_apart)


def accepted(finding: Finding, service: ServiceAnswers) -> Suppression | None:
    """The decision's acceptance of `finding`, when the service's decision holds and covers it."""
    decision = service.decision
    if decision is None or decision.state is not DecisionState.HOLDS or finding.rule not in ACCEPTED:
        return None
    return Suppression(SuppressedBy.DECISION, decision.reason, decision.source.path,
                       decision.source.line)


def _ignored(finding: Finding, config: Config) -> Suppression | None:
    why = ignored_because(finding.rule, config)
    return None if why is None else Suppression(SuppressedBy.IGNORE, why)


def _framework_files(services: Iterable[ServiceAnswers]) -> Iterable[str]:
    """The files that create each service's frameworks: where findings are shown."""
    return (use.evidence[0].path for s in services for use in s.frameworks if use.evidence)
