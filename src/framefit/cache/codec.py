"""A Report to JSON values and back, losing nothing: the report cache's format.

The JSON report (`Report.to_dict`, DESIGN's contract) is written for other tools and leaves out
what only framefit reads: a dependency's group, the evidence behind a configured answer, a
service's notes, the suppressed findings. This codec keeps all of it, so a report read from the
cache renders exactly as the run that wrote it. `decode` raises ValueError on anything it did
not write.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from framefit.model import (
    Answer,
    AnswerChange,
    AnswerValue,
    Confidence,
    Decision,
    DecisionState,
    Diagnostic,
    Evidence,
    Finding,
    FrameworkUse,
    Question,
    Report,
    ServiceAnswers,
    Severity,
    SuppressedBy,
    Suppression,
    frozen_answers,
)

T = TypeVar("T")


def encode(report: Report) -> dict[str, object]:
    return {
        "root": report.root,
        "tool_version": report.tool_version,
        "services": [_service(s) for s in report.services],
        "findings": [_finding(f) for f in report.findings],
        "suppressed": [_finding(f) for f in report.suppressed],
        "diagnostics": [diagnostic_value(d) for d in report.diagnostics],
    }


def decode(data: object) -> Report:
    """The Report `encode` gave `data` for; ValueError when `data` is not such a value."""
    try:
        fields = _dict(data)
        return Report(
            _str(fields["root"]),
            _items(fields["services"], _decode_service),
            _items(fields["findings"], _decode_finding),
            _items(fields["diagnostics"], diagnostic_from),
            _str(fields["tool_version"]),
            _items(fields["suppressed"], _decode_finding),
        )
    except (KeyError, IndexError, TypeError, ValueError) as exc:
        raise ValueError(f"not an encoded report: {exc!r}") from exc


# Evidence and diagnostics are also how the per-file cache (module `cache.scans`) stores scan results.
def evidence_value(e: Evidence) -> list[object]:
    return [e.path, e.line, e.signal, e.detail, e.weight, e.group]


def diagnostic_value(d: Diagnostic) -> list[object]:
    return [d.path, d.line, d.kind, d.message]


def _answer(a: Answer) -> dict[str, object]:
    return {
        "value": a.value.value,
        "confidence": a.confidence.value,
        "evidence": [evidence_value(e) for e in a.evidence],
        "against": [evidence_value(e) for e in a.against],
        "reason": a.reason,
        "configured": None if a.configured is None else evidence_value(a.configured),
    }


def _service(s: ServiceAnswers) -> dict[str, object]:
    return {
        "path": s.path,
        "framework": s.framework,
        "frameworks": [[f.name, [evidence_value(e) for e in f.evidence]] for f in s.frameworks],
        "answers": {q.value: _answer(a) for q, a in s.answers.items()},
        "recommendation": s.recommendation,
        "fits": s.fits,
        "notes": list(s.notes),
        "decision": None if s.decision is None else _decision(s.decision),
    }


def _decision(d: Decision) -> list[object]:
    return [d.framework, [[q.value, v.value] for q, v in d.answers], d.reason, d.recorded,
            evidence_value(d.source), d.state.value,
            [[c.question.value, c.recorded.value, c.current.value] for c in d.changes]]


def _finding(f: Finding) -> list[object]:
    why = f.suppression
    return [f.rule, f.severity.value, f.service, f.message, f.hint, f.path, f.line,
            [evidence_value(e) for e in f.because], f.flips_if,
            None if why is None else [why.by.value, why.justification, why.path, why.line]]


def evidence_from(value: object) -> Evidence:
    path, line, signal, detail, weight, group = _list(value, 6)
    return Evidence(_str(path), line_from(line), _str(signal), _str(detail), _float(weight), _str(group))


def diagnostic_from(value: object) -> Diagnostic:
    path, line, kind, message = _list(value, 4)
    return Diagnostic(_str(path), line_from(line), _str(kind), _str(message))


def _decode_answer(value: object) -> Answer:
    fields = _dict(value)
    configured = fields["configured"]
    return Answer(
        AnswerValue(_str(fields["value"])),
        Confidence(_str(fields["confidence"])),
        _items(fields["evidence"], evidence_from),
        _items(fields["against"], evidence_from),
        _str(fields["reason"]),
        None if configured is None else evidence_from(configured),
    )


def _decode_framework(value: object) -> FrameworkUse:
    name, evidence = _list(value, 2)
    return FrameworkUse(_str(name), _items(evidence, evidence_from))


def _decode_service(value: object) -> ServiceAnswers:
    fields = _dict(value)
    answers = _dict(fields["answers"])
    fits = fields["fits"]
    if fits is not None and not isinstance(fits, bool):
        raise ValueError("fits is not a bool")
    return ServiceAnswers(
        _str(fields["path"]),
        _optional_str(fields["framework"]),
        _items(fields["frameworks"], _decode_framework),
        frozen_answers({Question(q): _decode_answer(a) for q, a in answers.items()}),
        _optional_str(fields["recommendation"]),
        fits,
        _items(fields["notes"], _str),
        None if fields["decision"] is None else _decode_decision(fields["decision"]),
    )


def _decode_decision(value: object) -> Decision:
    framework, answers, reason, recorded, source, state, changes = _list(value, 7)
    return Decision(_str(framework), _items(answers, _decode_recorded), _str(reason), _str(recorded),
                    evidence_from(source), DecisionState(_str(state)), _items(changes, _decode_change))


def _decode_recorded(value: object) -> tuple[Question, AnswerValue]:
    question, answer = _list(value, 2)
    return Question(_str(question)), AnswerValue(_str(answer))


def _decode_change(value: object) -> AnswerChange:
    question, recorded, current = _list(value, 3)
    return AnswerChange(Question(_str(question)), AnswerValue(_str(recorded)), AnswerValue(_str(current)))


def _decode_finding(value: object) -> Finding:
    rule, severity, service, message, hint, path, line, because, flips_if, why = _list(value, 10)
    return Finding(_str(rule), Severity(_str(severity)), _str(service), _str(message), _str(hint),
                   _optional_str(path), line_from(line), _items(because, evidence_from),
                   _str(flips_if), None if why is None else _decode_suppression(why))


def _decode_suppression(value: object) -> Suppression:
    by, justification, path, line = _list(value, 4)
    return Suppression(SuppressedBy(_str(by)), _str(justification), _optional_str(path), line_from(line))


def _items(value: object, item: Callable[[object], T]) -> tuple[T, ...]:
    if not isinstance(value, list):
        raise ValueError("expected a list")
    return tuple(item(v) for v in value)


def _list(value: object, length: int) -> list[object]:
    if not isinstance(value, list) or len(value) != length:
        raise ValueError(f"expected a list of {length}")
    return value


def _dict(value: object) -> dict[str, object]:
    if not isinstance(value, dict):
        raise ValueError("expected an object")
    return value


def _str(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError("expected a string")
    return value


def _optional_str(value: object) -> str | None:
    return None if value is None else _str(value)


def line_from(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise ValueError("a line is not an int")


def _float(value: object) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    raise ValueError("a weight is not a number")
