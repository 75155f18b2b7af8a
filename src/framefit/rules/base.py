"""What a rule is, and the helpers rules share to build findings from answers."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from framefit.catalog import load
from framefit.model import (
    Answer,
    AnswerValue,
    Evidence,
    Finding,
    Question,
    ServiceAnswers,
    Severity,
)

QUESTION_TEXT = {
    Question.RELATIONAL_DATABASE: "a relational database",
    Question.USER_LOGIN: "user login",
    Question.CONTAINER_SIZE: "a size-constrained deployment",
}


@dataclass(frozen=True, slots=True)
class Rule:
    """One check over a service's answers; its id is never reused or renumbered."""

    id: str
    name: str  # kebab-case slug, as in the module name
    severity: Severity  # the default; configurable
    title: str  # one line, under 80 characters
    rationale: str  # why, in terms of the three questions
    hint: str  # one line: what to do
    example: str  # a minimal repo sketch that triggers it
    check: Callable[[ServiceAnswers, Rule], Iterable[Finding]]


def pin(service: ServiceAnswers, name: str | None = None) -> Evidence | None:
    """The line that declares or creates the framework: where a verdict is shown."""
    use = service.framework_use(name or service.framework or "")
    return use.evidence[0] if use and use.evidence else None


def because(answer: Answer, limit: int = 3) -> tuple[Evidence, ...]:
    """The strongest evidence an answer rests on, one per thing observed (not per file)."""
    pool = answer.evidence if answer.value is AnswerValue.YES else answer.against
    chosen: list[Evidence] = []
    seen: set[str] = set()
    for item in pool:
        label = label_of(item)
        if label not in seen:
            seen.add(label)
            chosen.append(item)
    return tuple(chosen[:limit])


def label_of(evidence: Evidence) -> str:
    """A short name for what was observed: "Flask-Login", "Django model class"."""
    return load().title(evidence.signal).split(" (")[0]


def cite(evidence: Iterable[Evidence]) -> str:
    """'Flask-Login (app/auth.py:3) and Django model class (app/models.py:5)'-style list."""
    items = [f"{label_of(e)} ({e.location})" for e in evidence]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def finding(rule: Rule, service: ServiceAnswers, message: str, reasons: tuple[Evidence, ...],
            flips_if: str, at: Evidence | None = None) -> Finding:
    where = at or pin(service) or (reasons[0] if reasons else None)
    return Finding(
        rule=rule.id,
        severity=rule.severity,
        service=service.path,
        message=message,
        hint=rule.hint,
        path=where.path if where else None,
        line=where.line if where else None,
        because=reasons,
        flips_if=flips_if,
    )


def yes(service: ServiceAnswers, question: Question) -> bool:
    return service.answer(question).value is AnswerValue.YES


def no(service: ServiceAnswers, question: Question) -> bool:
    return service.answer(question).value is AnswerValue.NO


def unless_needed(evidence: tuple[Evidence, ...]) -> str:
    """What would flip a verdict that rests on `evidence`: that it was not needed."""
    return f"this verdict changes if {cite(evidence)} {'were' if len(evidence) > 1 else 'was'} not needed"
