"""The model's values to JSON and back, losing nothing: the one format of both caches (a whole
Report for `cache.reports`, a file's ScanResult and the probes it rests on for `cache.scans`).

The JSON report (`Report.to_dict`, DESIGN's contract) is written for other tools and leaves out
what only framefit reads: a dependency's group, the evidence behind a configured answer, a
service's notes, the suppressed findings; a file's code facts (what a move touches) are only
here. This codec keeps all of it, so a report read from the
cache renders exactly as the run that wrote it. A file name that is not UTF-8 (surrogate-escaped)
is kept too: `dumps` writes ASCII, escaping it, and `loads` gives it back. The decoders raise
ValueError on anything they did not write.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from framefit.model import (
    Answer,
    AnswerChange,
    AnswerValue,
    CodeFact,
    Confidence,
    Decision,
    DecisionState,
    Dependency,
    Diagnostic,
    Evidence,
    Extension,
    FactKind,
    Finding,
    FrameworkUse,
    Move,
    MovedFile,
    Question,
    Report,
    ServiceAnswers,
    Severity,
    SuppressedBy,
    Suppression,
    frozen_answers,
)
from framefit.walk.reader import EXISTS, READ, Probe

if TYPE_CHECKING:
    from framefit.scanners.base import ScanResult

T = TypeVar("T")


def dumps(value: object) -> str:
    """JSON text of an encoded value, ASCII only (any string survives a strict UTF-8 store)."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=True)


def loads(text: str | bytes) -> object:
    """The value `dumps` wrote; ValueError when `text` is not JSON."""
    return json.loads(text)


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


def scan_value(result: ScanResult, probes: tuple[Probe, ...]) -> dict[str, object]:
    """A file's scan result and the probes it rests on (module `cache.scans`)."""
    return {
        "evidence": [evidence_value(e) for e in result.evidence],
        "diagnostics": [diagnostic_value(d) for d in result.diagnostics],
        "dependencies": [dependency_value(d) for d in result.dependencies],
        "facts": [fact_value(f) for f in result.facts],
        "probes": [[p.kind, p.path, p.outcome] for p in probes],
    }


def scan_from(data: object) -> tuple[ScanResult, tuple[Probe, ...]]:
    """The scan result and probes `scan_value` gave `data`; ValueError otherwise."""
    from framefit.scanners.base import ScanResult  # the scanners' module: not for a warm run

    try:
        fields = _dict(data)
        result = ScanResult(_items(fields["evidence"], evidence_from),
                            _items(fields["diagnostics"], diagnostic_from),
                            _items(fields["dependencies"], dependency_from),
                            _items(fields["facts"], fact_from))
        return result, _items(fields["probes"], probe_from)
    except (KeyError, IndexError, TypeError, ValueError) as exc:
        raise ValueError(f"not an encoded scan: {exc!r}") from exc


def evidence_value(e: Evidence) -> list[object]:
    return [e.path, e.line, e.signal, e.detail, e.weight, e.group, e.about]


def diagnostic_value(d: Diagnostic) -> list[object]:
    return [d.path, d.line, d.kind, d.message]


def dependency_value(d: Dependency) -> list[object]:
    return [d.path, d.line, d.name, d.spelling, d.group, d.marker, d.detail, d.about]


def fact_value(f: CodeFact) -> list[object]:
    return [f.path, f.line, f.framework, f.kind.value, f.name, f.detail]


def _move(m: Move) -> dict[str, object]:
    return {
        "to": m.to, "counts": [m.routes, m.units, m.models, m.templates, m.forms,
                               m.framework_lines, m.app_lines],
        "extensions": [[e.name, e.counterpart, e.note, e.files, [evidence_value(v) for v in e.evidence]]
                       for e in m.extensions],
        "files": [[f.path, f.lines, f.routes, f.models, f.forms, f.blueprints, f.imports_framework]
                  for f in m.files],
        "template_folders": [[folder, count] for folder, count in m.template_folders],
    }


def _answer(a: Answer) -> dict[str, object]:
    return {
        "value": a.value.value,
        "confidence": a.confidence.value,
        "evidence": [evidence_value(e) for e in a.evidence],
        "against": [evidence_value(e) for e in a.against],
        "reason": a.reason,
        "configured": None if a.configured is None else evidence_value(a.configured),
        "brief": a.brief,
        "left_out": [a.evidence_left_out, a.against_left_out],
    }


def _service(s: ServiceAnswers) -> dict[str, object]:
    return {
        "path": s.path,
        "framework": s.framework,
        "frameworks": [[f.name, [evidence_value(e) for e in f.evidence], f.left_out] for f in s.frameworks],
        "answers": {q.value: _answer(a) for q, a in s.answers.items()},
        "recommendation": s.recommendation,
        "fits": s.fits,
        "notes": list(s.notes),
        "decision": None if s.decision is None else _decision(s.decision),
        "move": None if s.move is None else _move(s.move),
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
    path, line, signal, detail, weight, group, about = _list(value, 7)
    return Evidence(_str(path), line_from(line), _str(signal), _str(detail), _float(weight), _str(group),
                    _str(about))


def diagnostic_from(value: object) -> Diagnostic:
    path, line, kind, message = _list(value, 4)
    return Diagnostic(_str(path), line_from(line), _str(kind), _str(message))


def dependency_from(value: object) -> Dependency:
    path, line, name, spelling, group, marker, detail, about = _list(value, 8)
    return Dependency(_str(path), line_from(line), _str(name), _str(spelling), _str(group),
                      _str(marker), _str(detail), _str(about))


def fact_from(value: object) -> CodeFact:
    path, line, framework, kind, name, detail = _list(value, 6)
    return CodeFact(_str(path), line_from(line), _str(framework), FactKind(_str(kind)), _str(name),
                    _str(detail))


def probe_from(value: object) -> Probe:
    kind, path, outcome = _list(value, 3)
    if kind not in (READ, EXISTS):
        raise ValueError(f"not a probe kind: {kind!r}")
    return Probe(_str(kind), _str(path), _str(outcome))


def _decode_answer(value: object) -> Answer:
    fields = _dict(value)
    configured = fields["configured"]
    evidence_left_out, against_left_out = _list(fields["left_out"], 2)
    return Answer(
        AnswerValue(_str(fields["value"])),
        Confidence(_str(fields["confidence"])),
        _items(fields["evidence"], evidence_from),
        _items(fields["against"], evidence_from),
        _str(fields["reason"]),
        None if configured is None else evidence_from(configured),
        _str(fields["brief"]),
        _int(evidence_left_out),
        _int(against_left_out),
    )


def _decode_framework(value: object) -> FrameworkUse:
    name, evidence, left_out = _list(value, 3)
    return FrameworkUse(_str(name), _items(evidence, evidence_from), _int(left_out))


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
        None if fields["move"] is None else _decode_move(fields["move"]),
    )


def _decode_move(value: object) -> Move:
    fields = _dict(value)
    routes, units, models, templates, forms, framework_lines, app_lines = (
        _int(n) for n in _list(fields["counts"], 7))
    return Move(_str(fields["to"]), routes, units, models, templates, forms,
                _items(fields["extensions"], _decode_extension), framework_lines, app_lines,
                _items(fields["files"], _decode_moved_file),
                _items(fields["template_folders"], _decode_folder))


def _decode_extension(value: object) -> Extension:
    name, counterpart, note, files, evidence = _list(value, 5)
    return Extension(_str(name), _str(counterpart), _str(note), _int(files), _items(evidence, evidence_from))


def _decode_moved_file(value: object) -> MovedFile:
    path, lines, routes, models, forms, blueprints, imports = _list(value, 7)
    if not isinstance(imports, bool):
        raise ValueError("imports_framework is not a bool")
    return MovedFile(_str(path), _int(lines), _int(routes), _int(models), _int(forms), _int(blueprints),
                     imports)


def _decode_folder(value: object) -> tuple[str, int]:
    folder, count = _list(value, 2)
    return _str(folder), _int(count)


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


def _int(value: object) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise ValueError("a count is not an int")


def _float(value: object) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    raise ValueError("a weight is not a number")
