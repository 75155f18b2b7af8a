"""The version-1 JSON report of DESIGN.md: one object, sorted keys and lists, stable bytes.

This module is the projection of the model's values into the public contract (other tools read
it); the caches keep the values losslessly in their own codec (cache/codec.py).
"""

from __future__ import annotations

from framefit.model import (
    Answer,
    Decision,
    Diagnostic,
    Evidence,
    Finding,
    FrameworkUse,
    Move,
    Question,
    Report,
    ServiceAnswers,
    finding_order,
)
from framefit.reporters.escape import json_text


def render(report: Report, *, color: bool = False) -> str:
    return json_text(report_dict(report), sort_keys=True)


def report_dict(report: Report) -> dict[str, object]:
    """The version-1 report as JSON values, every list sorted."""
    return {
        "version": 1,
        "tool": {"name": "framefit", "version": report.tool_version},
        "root": report.root,
        "services": [_service(s) for s in sorted(report.services, key=lambda s: s.path)],
        "findings": [_finding(f) for f in sorted(report.findings, key=finding_order)],
        "suppressed": [_finding(f) for f in sorted(report.suppressed, key=finding_order)],
        "diagnostics": [_diagnostic(d) for d in sorted(report.diagnostics)],
    }


def _evidence(item: Evidence) -> dict[str, object]:
    return {"path": item.path, "line": item.line, "signal": item.signal, "detail": item.detail,
            "weight": round(item.weight, 3)}


def _listed(items: tuple[Evidence, ...]) -> list[dict[str, object]]:
    return [_evidence(e) for e in items]


def _answer(answer: Answer) -> dict[str, object]:
    return {"answer": answer.value.value, "confidence": answer.confidence.value,
            "reason": answer.reason, "configured": answer.configured is not None,
            "evidence": _listed(answer.evidence), "against": _listed(answer.against),
            "evidence_total": len(answer.evidence) + answer.evidence_left_out,
            "against_total": len(answer.against) + answer.against_left_out}


def _framework(use: FrameworkUse) -> dict[str, object]:
    return {"name": use.name, "evidence": [_evidence(e) for e in use.evidence],
            "evidence_total": len(use.evidence) + use.left_out}


def _decision(decision: Decision) -> dict[str, object]:
    return {
        "framework": decision.framework,
        "answers": {q.value: v.value for q, v in decision.answers},
        "reason": decision.reason,
        "recorded": decision.recorded,
        "path": decision.source.path,
        "line": decision.source.line,
        "state": decision.state.value,
        "changes": [{"question": c.question.value, "recorded": c.recorded.value,
                     "current": c.current.value} for c in decision.changes],
    }


def _service(service: ServiceAnswers) -> dict[str, object]:
    return {
        "path": service.path,
        "framework": service.framework,
        "frameworks": [_framework(f) for f in service.frameworks],
        "questions": {q.value: _answer(service.answers[q]) for q in Question},
        "recommendation": service.recommendation,
        "fits": service.fits,
        "decision": None if service.decision is None else _decision(service.decision),
        "move": None if service.move is None else _move(service.move),
    }


def _move(move: Move) -> dict[str, object]:
    """What a move touches (docs/json-report.md): Flask -> Django counts `blueprints`, Django ->
    Flask the project's own `apps`."""
    units = "blueprints" if move.to == "django" else "apps"
    return {
        "to": move.to, "routes": move.routes, units: move.units, "models": move.models,
        "templates": move.templates, "forms": move.forms,
        "extensions": [{"name": e.name, "counterpart": e.counterpart or None, "note": e.note,
                        "files": e.files, "evidence": [_evidence(v) for v in e.evidence]}
                       for e in move.extensions],
        "framework_lines": move.framework_lines, "app_lines": move.app_lines,
        "files": [{"path": f.path, "lines": f.lines, "routes": f.routes, "models": f.models,
                   "forms": f.forms, **({"blueprints": f.blueprints} if move.to == "django" else {}),
                   "imports_framework": f.imports_framework} for f in move.files],
        "template_folders": [{"path": folder, "templates": count}
                             for folder, count in move.template_folders],
    }


def _finding(finding: Finding) -> dict[str, object]:
    found: dict[str, object] = {
        "rule": finding.rule, "severity": finding.severity.value, "service": finding.service,
        "message": finding.message, "hint": finding.hint, "path": finding.path,
        "line": finding.line, "because": [_evidence(e) for e in finding.because],
        "flips_if": finding.flips_if,
    }
    if finding.suppression is not None:
        found["suppressed_by"] = finding.suppression.by.value
        found["justification"] = finding.suppression.justification
    return found


def _diagnostic(item: Diagnostic) -> dict[str, object]:
    return {"path": item.path, "line": item.line, "kind": item.kind, "message": item.message}
