"""The shared values of the pipeline: evidence, diagnostics, answers, findings and the report."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType

CONFIGURED_SIGNAL = "configured"  # the signal of a configured answer's evidence (config_answers)
DECISION_SIGNAL = "decision"  # the signal of a recorded decision's evidence: its config entry
JUDGED = ("django", "flask")  # the frameworks whose fit framefit judges, and a decision can keep


class Question(StrEnum):
    """The three questions of the rule of thumb, in the order they are asked."""

    RELATIONAL_DATABASE = "relational_database"
    USER_LOGIN = "user_login"
    CONTAINER_SIZE = "container_size"


class AnswerValue(StrEnum):
    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


class Confidence(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class Severity(StrEnum):
    """Finding severities, most severe first; `rank` orders them for `fail-on`."""

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "note": 1}[self.value]


class Role(StrEnum):
    """What a file is for, decided from its path alone."""

    APP = "app"
    TEST = "test"
    DOCS = "docs"
    EXAMPLE = "example"
    VENDORED = "vendored"
    MIGRATION = "migration"
    SCRIPT = "script"


class _ByPlace:
    """Sorting by path, then line (None, the whole file, first), then the other fields."""

    __slots__ = ()

    def _place(self) -> tuple[object, ...]:
        values = [getattr(self, name) for name in self.__dataclass_fields__]  # type: ignore[attr-defined]
        return (values[0], -1 if values[1] is None else values[1], *values[2:])

    def __lt__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._place() < other._place()


@dataclass(frozen=True, slots=True)
class Evidence(_ByPlace):
    """One observation: where it is, which catalog signal it is, the line itself, its weight."""

    path: str
    line: int | None
    signal: str
    detail: str
    weight: float = 1.0
    group: str = ""  # a declared dependency's group ("runtime", "optional:web"...); not reported

    @property
    def location(self) -> str:
        return self.path if self.line is None else f"{self.path}:{self.line}"

    def to_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "signal": self.signal,
            "detail": self.detail,
            "weight": round(self.weight, 3),
        }


@dataclass(frozen=True, slots=True)
class Diagnostic(_ByPlace):
    """Bad input, said rather than raised: the run goes on without this file (or line)."""

    path: str
    line: int | None
    # parse-error | decode-error | too-large | too-complex | unresolved | unreadable
    # | link-outside-root | unmatched-config | unused-ignore | internal-error
    kind: str
    message: str

    def to_dict(self) -> dict[str, object]:
        return {"path": self.path, "line": self.line, "kind": self.kind, "message": self.message}


@dataclass(frozen=True, slots=True)
class Dependency(_ByPlace):
    """A declared dependency, exactly as a manifest states it."""

    path: str
    line: int | None
    name: str  # canonical (PEP 503) distribution name
    spelling: str  # as written
    group: str  # runtime | dev | test | docs | optional:<extra> | group:<name> | lock | build
    marker: str = ""
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Answer:
    """yes / no / unknown for one question, with the evidence for and against it."""

    value: AnswerValue
    confidence: Confidence
    evidence: tuple[Evidence, ...] = ()
    against: tuple[Evidence, ...] = ()
    reason: str = ""
    configured: Evidence | None = None

    @property
    def strongest(self) -> Evidence | None:
        pool = self.evidence if self.value is not AnswerValue.NO else (self.against or self.evidence)
        return min(pool, key=evidence_order, default=None)

    def to_dict(self) -> dict[str, object]:
        return {
            "answer": self.value.value,
            "confidence": self.confidence.value,
            "reason": self.reason,
            "configured": self.configured is not None,
            "evidence": [e.to_dict() for e in sorted(self.evidence, key=evidence_order)],
            "against": [e.to_dict() for e in sorted(self.against, key=evidence_order)],
        }


def evidence_order(e: Evidence) -> tuple[float, str, int, str]:
    """Heaviest first, then by place: the order every list of evidence is printed in."""
    return (-round(e.weight, 3), e.path, e.line or 0, e.signal)


@dataclass(frozen=True, slots=True)
class FrameworkUse:
    name: str
    evidence: tuple[Evidence, ...]

    def to_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "evidence": [e.to_dict() for e in sorted(self.evidence, key=evidence_order)],
        }


class DecisionState(StrEnum):
    """How a recorded decision stands against the service's answers now."""

    HOLDS = "holds"  # the recorded framework, and no answer demands more than recorded
    DRIFTED = "drifted"  # an answer became yes since, and the framework does not fit
    OUTDATED = "outdated"  # the service no longer uses the recorded framework


@dataclass(frozen=True, slots=True)
class AnswerChange:
    """A recorded answer that differs now."""

    question: Question
    recorded: AnswerValue
    current: AnswerValue

    @property
    def gained(self) -> bool:
        """True when the answer became yes: the service demands more than when it was recorded."""
        return self.current is AnswerValue.YES and self.recorded is not AnswerValue.YES

    def to_dict(self) -> dict[str, object]:
        return {"question": self.question.value, "recorded": self.recorded.value,
                "current": self.current.value}


@dataclass(frozen=True, slots=True)
class Decision:
    """A team's recorded choice for a service (`framefit record`): the framework it keeps, the
    answers that choice rested on, why and when; `state` and `changes` compare it with now."""

    framework: str
    answers: tuple[tuple[Question, AnswerValue], ...]  # as recorded, in Question order
    reason: str
    recorded: str  # the date, ISO 8601, as written in the configuration (never the clock)
    source: Evidence  # the entry in the configuration file
    state: DecisionState = DecisionState.HOLDS
    changes: tuple[AnswerChange, ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {
            "framework": self.framework,
            "answers": {q.value: v.value for q, v in self.answers},
            "reason": self.reason,
            "recorded": self.recorded,
            "path": self.source.path,
            "line": self.source.line,
            "state": self.state.value,
            "changes": [c.to_dict() for c in self.changes],
        }


@dataclass(frozen=True, slots=True)
class ServiceAnswers:
    """One service after the answers stage: all that the rules and reporters read."""

    path: str
    framework: str | None
    frameworks: tuple[FrameworkUse, ...]
    answers: Mapping[Question, Answer]
    recommendation: str | None
    fits: bool | None
    notes: tuple[str, ...] = ()
    decision: Decision | None = None

    def answer(self, question: Question) -> Answer:
        return self.answers[question]

    def framework_use(self, name: str) -> FrameworkUse | None:
        return next((f for f in self.frameworks if f.name == name), None)

    def to_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "framework": self.framework,
            "frameworks": [f.to_dict() for f in self.frameworks],
            "questions": {q.value: self.answers[q].to_dict() for q in Question},
            "recommendation": self.recommendation,
            "fits": self.fits,
            "decision": None if self.decision is None else self.decision.to_dict(),
        }


def frozen_answers(answers: Mapping[Question, Answer]) -> Mapping[Question, Answer]:
    return MappingProxyType(dict(answers))


class SuppressedBy(StrEnum):
    """What took a finding out of the count: in the source, or outside it (SARIF's two kinds)."""

    COMMENT = "comment"  # `# framefit: ignore[...]` on the line it points at: in source
    DECISION = "decision"  # a recorded decision that holds accepts it: external
    IGNORE = "ignore"  # the configuration's `ignore`: external


@dataclass(frozen=True, slots=True)
class Suppression:
    """Why a finding does not count: by what, the team's justification, and where that is written."""

    by: SuppressedBy
    justification: str  # the text after `--`, the decision's reason, or the ignore; "" if none
    path: str | None = None  # the comment's file or the configuration file, when known
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    """A rule's verdict on one service: which answers led to it and what would flip it."""

    rule: str
    severity: Severity
    service: str
    message: str
    hint: str
    path: str | None
    line: int | None
    because: tuple[Evidence, ...] = ()
    flips_if: str = ""
    suppression: Suppression | None = None  # set on the report's suppressed findings only

    def to_dict(self) -> dict[str, object]:
        found: dict[str, object] = {
            "rule": self.rule,
            "severity": self.severity.value,
            "service": self.service,
            "message": self.message,
            "hint": self.hint,
            "path": self.path,
            "line": self.line,
            "because": [e.to_dict() for e in self.because],
            "flips_if": self.flips_if,
        }
        if self.suppression is not None:
            found["suppressed_by"] = self.suppression.by.value
            found["justification"] = self.suppression.justification
        return found


def finding_order(f: Finding) -> tuple[str, str, str, int]:
    return (f.service, f.rule, f.path or "", f.line or 0)


@dataclass(frozen=True, slots=True)
class Report:
    """What every reporter receives and nothing else."""

    root: str
    services: tuple[ServiceAnswers, ...]
    findings: tuple[Finding, ...]
    diagnostics: tuple[Diagnostic, ...]
    tool_version: str
    suppressed: tuple[Finding, ...] = field(default=())

    def to_dict(self) -> dict[str, object]:
        """The version-1 JSON report of DESIGN.md, every list sorted."""
        return {
            "version": 1,
            "tool": {"name": "framefit", "version": self.tool_version},
            "root": self.root,
            "services": [s.to_dict() for s in sorted(self.services, key=lambda s: s.path)],
            "findings": [f.to_dict() for f in sorted(self.findings, key=finding_order)],
            "suppressed": [f.to_dict() for f in sorted(self.suppressed, key=finding_order)],
            "diagnostics": [d.to_dict() for d in sorted(self.diagnostics)],
        }


_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\\": "\\\\"}


def shown_path(path: str) -> str:
    """`path` as it can be shown anywhere: printable text only, and one-to-one. Bytes that are
    not UTF-8 (surrogate-escaped by os.fsdecode) become `\\xff`, control and other
    non-printable characters (newlines, escape sequences, bidirectional overrides) `\\n`,
    `\\x1b`, `\\u202e`, and a backslash `\\\\`."""
    if path.isprintable() and "\\" not in path:
        return path
    return "".join(_shown(c) for c in path)


def _shown(char: str) -> str:
    if char in _ESCAPES:
        return _ESCAPES[char]
    if char.isprintable():
        return char
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte os.fsdecode could not decode
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x80:  # an ASCII control character; \x80-\xff are left to undecodable bytes
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
