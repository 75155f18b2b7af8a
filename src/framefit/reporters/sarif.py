"""SARIF 2.1.0 for code scanning: every rule, one result per finding, diagnostics as notifications.

Findings that do not count are results too, each with a suppression, so code scanning shows them
as dismissed rather than missing: `inSource` for an inline `# framefit: ignore[...]` comment,
`external` for a recorded decision or the configuration's `ignore`, with the justification.

Message texts are shown to people, so the strings in them are `escape.plain`; paths are URI
references (an undecodable byte percent-encoded) and everything else is exact JSON.

Each result is pinned on the line that declares or creates the framework (the finding's place);
the evidence of the service's answers goes into `relatedLocations`. `partialFingerprints` hash the
rule, the service and the framework only, so alerts survive edits, runs and other checkouts.
"""

from __future__ import annotations

from framefit.model import (
    Diagnostic,
    Evidence,
    Finding,
    Question,
    Report,
    SuppressedBy,
    evidence_order,
)
from framefit.reporters._common import (
    INFORMATION_URI,
    LABELS,
    RULES_URI,
    fingerprinted,
    framework_of,
    uri,
)
from framefit.reporters.escape import json_text, plain
from framefit.reporters.text import move_summary
from framefit.rules import RULES
from framefit.rules.base import Rule

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "framefitVerdict/v1"
MAX_RELATED = 5  # per question; the JSON report has them all


def render(report: Report, *, color: bool = False) -> str:
    """One SARIF log with one run, as indented JSON ending in a newline (`color` is ignored)."""
    run = {
        "tool": {"driver": _driver(report.tool_version)},
        "invocations": [{
            "executionSuccessful": True,
            "toolExecutionNotifications": [_notification(d) for d in sorted(report.diagnostics)],
        }],
        "results": [_result(report, f, fp) for f, fp in fingerprinted(report)]
                   + [_result(report, f, fp) | {"suppressions": [_suppression(f)]}
                      for f, fp in fingerprinted(report, suppressed=True)],
    }
    log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json_text(log)


def _suppression(finding: Finding) -> dict[str, object]:
    """Where the suppression is kept, that it is the team's accepted choice, why, and where it is
    written when that is known."""
    why = finding.suppression
    kind = "inSource" if why is None or why.by is SuppressedBy.COMMENT else "external"
    found: dict[str, object] = {"kind": kind, "status": "accepted"}
    if why is not None and why.justification:
        found["justification"] = plain(why.justification)
    if why is not None and why.path:
        found["location"] = {"physicalLocation": _physical(why.path, why.line)}
    return found


def _driver(version: str) -> dict[str, object]:
    return {
        "name": "framefit",
        "version": version,
        "semanticVersion": version,
        "informationUri": INFORMATION_URI,
        "rules": [_rule(rule) for rule in RULES],
    }


def _rule(rule: Rule) -> dict[str, object]:
    help_text = (f"{rule.rationale}\n\nHint: {rule.hint}\n\nExample: {rule.example}\n\n"
                 f"Silence it with `ignore = [\"{rule.id}\"]` in [tool.framefit] or an inline "
                 f"`# framefit: ignore[{rule.id}] -- reason` on the line it points at.")
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule.rationale},
        "help": {"text": help_text, "markdown": help_text},
        "helpUri": RULES_URI,
        "defaultConfiguration": {"level": rule.severity.value},
        "properties": {"tags": ["framefit", "architecture"]},
    }


def _result(report: Report, finding: Finding, fingerprint: str) -> dict[str, object]:
    framework = framework_of(report, finding.service)
    lines = (finding.message, finding.flips_if, move_summary(report, finding))
    text = "\n".join(plain(line) for line in lines if line)
    result: dict[str, object] = {
        "ruleId": finding.rule,
        "level": finding.severity.value,
        "message": {"text": text},
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
        "properties": {"service": finding.service, "framework": framework, "hint": plain(finding.hint)},
    }
    index = next((i for i, r in enumerate(RULES) if r.id == finding.rule), None)
    if index is not None:
        result["ruleIndex"] = index
    if finding.path:
        result["locations"] = [{"physicalLocation": _physical(finding.path, finding.line or 1)}]
    related = _related(report, finding)
    if related:
        result["relatedLocations"] = related
    return result


def _related(report: Report, finding: Finding) -> list[dict[str, object]]:
    """The evidence of the service's answers, strongest first, one entry per place."""
    service = next((s for s in report.services if s.path == finding.service), None)
    if service is None:
        return []
    seen: set[tuple[str, int | None]] = {(finding.path or "", finding.line)}
    related: list[dict[str, object]] = []
    for question in Question:
        answer = service.answer(question)
        pool = sorted(answer.evidence + answer.against, key=evidence_order)[:MAX_RELATED]
        for e in pool:
            if (e.path, e.line) not in seen:
                seen.add((e.path, e.line))
                related.append(_evidence(len(related) + 1, e, f"{LABELS[question]} "
                                         f"{answer.value.value}"))
    return related


def _evidence(ident: int, e: Evidence, label: str) -> dict[str, object]:
    detail = f": {plain(e.detail)}" if e.detail else ""
    return {"id": ident, "physicalLocation": _physical(e.path, e.line),
            "message": {"text": f"{label} — {plain(e.signal)}{detail}"}}


def _physical(path: str, line: int | None) -> dict[str, object]:
    location: dict[str, object] = {"artifactLocation": {"uri": uri(path), "uriBaseId": "%SRCROOT%"}}
    if line is not None:
        location["region"] = {"startLine": line}
    return location


def _notification(d: Diagnostic) -> dict[str, object]:
    return {
        "level": "warning",
        "message": {"text": plain(f"{d.kind}: {d.message}")},
        "descriptor": {"id": d.kind},
        "locations": [{"physicalLocation": _physical(d.path, d.line)}],
    }
