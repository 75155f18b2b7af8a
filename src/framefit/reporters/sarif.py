"""SARIF 2.1.0 for code scanning: every rule, one result per finding, diagnostics as notifications.

Findings that do not count are results too, each with a suppression, so code scanning shows them
as dismissed rather than missing: `inSource` for an inline `# framefit: ignore[...]` comment,
`external` for a recorded decision or the configuration's `ignore`, with the justification.

Message texts are shown to people, so the strings in them are `escape.sarif_message` (`plain`,
brackets escaped: only framefit's own embedded links are links); paths are URI references
relative to `%SRCROOT%` (an undecodable byte percent-encoded), or absolute `file:` URIs for a
configuration file outside the tree; everything else is exact JSON.

Each result is pinned on the line that declares or creates the framework (the finding's place);
the evidence of the service's answers goes into `relatedLocations`, and each place the message
cites is an embedded link to its related location (`[app/models.py:5](1)`), which GitHub shows
as a link. `partialFingerprints` hash the
rule, the service and the framework only, so alerts survive edits, runs and other checkouts.
"""

from __future__ import annotations

import re

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
from framefit.reporters.escape import code, json_text, markdown_inline, plain, sarif_message
from framefit.reporters.text import move_summary
from framefit.rules import RULES
from framefit.rules.base import Rule
from framefit.rules.docs import ways_to_silence

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
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule.rationale},
        "help": {"text": _help_text(rule), "markdown": _help_markdown(rule)},
        "helpUri": RULES_URI,
        "defaultConfiguration": {"level": rule.severity.value},
        "properties": {"tags": ["framefit", "architecture"]},
    }


def _help_text(rule: Rule) -> str:
    silence = "\n".join(f"- {how} {what}" for how, what in ways_to_silence(rule))
    return (f"{rule.rationale}\n\nHint: {rule.hint}\n\nExample: {rule.example}\n\n"
            f"Silence it:\n{silence}")


def _help_markdown(rule: Rule) -> str:
    """The rule's help as Markdown: code scanning shows it beside each alert."""
    silence = "\n".join(f"- {markdown_inline(how)} {code(what)}" for how, what in ways_to_silence(rule))
    return (f"{markdown_inline(rule.rationale)}\n\n**Hint:** {markdown_inline(rule.hint)}\n\n"
            f"**Example:** {code(rule.example)}\n\n**Silence it:**\n\n{silence}")


def _result(report: Report, finding: Finding, fingerprint: str) -> dict[str, object]:
    framework = framework_of(report, finding.service)
    related = _related(report, finding)
    result: dict[str, object] = {
        "ruleId": finding.rule,
        "level": finding.severity.value,
        "message": {"text": _message(finding, related, move_summary(report, finding))},
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
        "properties": {"service": finding.service, "framework": framework, "hint": plain(finding.hint)},
    }
    index = next((i for i, r in enumerate(RULES) if r.id == finding.rule), None)
    if index is not None:
        result["ruleIndex"] = index
    if finding.path:
        result["locations"] = [{"physicalLocation": _physical(finding.path, finding.line or 1)}]
    if related:
        result["relatedLocations"] = [entry for _, entry in related]
    return result


def _message(finding: Finding, related: list[tuple[Evidence, dict[str, object]]], move: str = "") -> str:
    """The finding's message, what would flip it and what a move touches, each place they cite
    that is a related location made an embedded link to it, in one pass (a link's text is never
    searched again)."""
    lines = (finding.message, finding.flips_if, move)
    text = "\n".join(sarif_message(line) for line in lines if line)
    ids = {sarif_message(e.location): entry["id"] for e, entry in related}
    if not ids:
        return text
    cited = re.compile(r"\((" + "|".join(re.escape(k) for k in sorted(ids, key=len, reverse=True)) + r")\)")
    return cited.sub(lambda m: f"([{m[1]}]({ids[m[1]]}))", text)


def _related(report: Report, finding: Finding) -> list[tuple[Evidence, dict[str, object]]]:
    """The evidence of the service's answers, strongest first, one entry per place."""
    service = next((s for s in report.services if s.path == finding.service), None)
    if service is None:
        return []
    seen: set[tuple[str, int | None]] = {(finding.path or "", finding.line)}
    related: list[tuple[Evidence, dict[str, object]]] = []
    for question in Question:
        answer = service.answer(question)
        pool = sorted(answer.evidence + answer.against, key=evidence_order)[:MAX_RELATED]
        for e in pool:
            if (e.path, e.line) not in seen:
                seen.add((e.path, e.line))
                label = f"{LABELS[question]} {answer.value.value}"
                related.append((e, _evidence(len(related) + 1, e, label)))
    return related


def _evidence(ident: int, e: Evidence, label: str) -> dict[str, object]:
    detail = f": {sarif_message(e.detail)}" if e.detail else ""
    return {"id": ident, "physicalLocation": _physical(e.path, e.line),
            "message": {"text": f"{label} — {sarif_message(e.signal)}{detail}"}}


def _physical(path: str, line: int | None) -> dict[str, object]:
    """A place in the tree, relative to %SRCROOT%; a configuration file outside the tree (an
    explicit --config elsewhere: cited by its absolute path) as an absolute file URI."""
    artifact = {"uri": "file://" + uri(path)} if path.startswith("/") else {
        "uri": uri(path), "uriBaseId": "%SRCROOT%"}
    location: dict[str, object] = {"artifactLocation": artifact}
    if line is not None:
        location["region"] = {"startLine": line}
    return location


def _notification(d: Diagnostic) -> dict[str, object]:
    return {
        "level": "warning",
        "message": {"text": sarif_message(f"{d.kind}: {d.message}")},
        "descriptor": {"id": d.kind},
        "locations": [{"physicalLocation": _physical(d.path, d.line)}],
    }
