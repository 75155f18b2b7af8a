"""What several CI reporters share: labels, ordering, rule lookup and stable fingerprints."""

from __future__ import annotations

import hashlib
from collections import Counter
from urllib.parse import quote

from framefit.model import Finding, Report, finding_order
from framefit.reporters.escape import name_bytes
from framefit.reporters.text import LABELS
from framefit.rules import RULES
from framefit.rules.base import Rule

__all__ = ["INFORMATION_URI", "LABELS", "RULES_URI", "fingerprinted", "framework_of", "ordered",
           "rule_of", "uri"]

INFORMATION_URI = "https://github.com/framefit/framefit"  # pyproject's Homepage (tested)
# Every rule is documented in the README's rules table; `framefit explain ID` prints the rest.
RULES_URI = f"{INFORMATION_URI}#rules"


def ordered(findings: tuple[Finding, ...]) -> list[Finding]:
    """Findings most severe first, then in the report's own order (service, rule, place), then
    by message, so two findings of one rule at one place keep one order whatever else is there."""
    return sorted(findings, key=lambda f: (-f.severity.rank, *finding_order(f), f.message))


def rule_of(rule_id: str) -> Rule | None:
    """The registered rule with this id (None for an id no rule has, e.g. a retired one)."""
    return next((r for r in RULES if r.id == rule_id), None)


def framework_of(report: Report, service: str) -> str | None:
    """The framework the named service uses, as the report says (None when it names none)."""
    return next((s.framework for s in report.services if s.path == service), None)


def fingerprinted(report: Report, *, suppressed: bool = False) -> list[tuple[Finding, str]]:
    """The report's findings (or, with `suppressed`, its suppressed ones), most severe first,
    each with a fingerprint for CI systems.

    A fingerprint hashes the rule, the service and the framework only: lines are left out on
    purpose, so an edit elsewhere in the file does not reopen an alert, and the root is left out
    so two checkouts in different folders agree. A rule that finds several things in one service
    (FF201 for two unknown answers) numbers them in report order, so each stays unique. Numbers
    count suppressed findings too, so suppressing one does not change another's fingerprint.
    """
    seen: Counter[tuple[str, str, str]] = Counter()
    prints: dict[Finding, str] = {}
    for finding in ordered(report.findings + report.suppressed):
        key = (finding.rule, finding.service, framework_of(report, finding.service) or "")
        text = "\0".join((*key, str(seen[key])))
        seen[key] += 1
        prints[finding] = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    chosen = report.suppressed if suppressed else report.findings
    return [(finding, prints[finding]) for finding in ordered(chosen)]


def uri(path: str) -> str:
    """A POSIX path relative to the root, as a relative URI reference (spaces and % escaped).

    An undecodable name (a lone surrogate from os.fsdecode) is written as its own bytes, `%FF`:
    the URI of the file on disk."""
    return quote(name_bytes(path), safe="/-._~")
