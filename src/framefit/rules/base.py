"""What a rule is, and the helpers rules share to build findings from answers."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from framefit.frozen import frozen
from framefit.model import (
    CONFIGURED_SIGNAL,
    DECISION_SIGNAL,
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
ANSWER_NAME = {
    Question.RELATIONAL_DATABASE: "relational database",
    Question.USER_LOGIN: "user login",
    Question.CONTAINER_SIZE: "container size",
}
# The questions whose yes demands Django (the tally); size only leans.
DECIDING = (Question.RELATIONAL_DATABASE, Question.USER_LOGIN)


@frozen
class Rule:
    """One check over a service's answers; its id is never reused or renumbered.

    `check(service, rule)` is pure: it reads the answers and yields findings whose `because`
    names the evidence they rest on and whose `flips_if` is derived from that evidence.
    """

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


def demands_django(service: ServiceAnswers, first: Question, limit: int = 2) -> tuple[Evidence, ...]:
    """The evidence of every deciding yes answer, `first`'s own (up to 3) before the others'."""
    order = (first, *(q for q in DECIDING if q is not first))
    chosen: list[Evidence] = []
    for question in order:
        if yes(service, question):
            chosen.extend(because(service.answer(question), 3 if question is first else limit))
    return tuple(chosen)


def flips_first(service: ServiceAnswers, first: Question, limit: int = 2) -> str:
    """What would flip a finding on `first`'s yes: its own evidence not needed, first; then each
    other deciding question that says Django too ("…; the user login answer also says Django:
    Flask-Login (app/auth.py:3)"), which keeps the recommendation whatever `first` says."""
    text = unless(because(service.answer(first)))
    for question in DECIDING:
        if question is not first and yes(service, question):
            text += (f"; the {ANSWER_NAME[question]} answer also says Django: "
                     f"{cite(because(service.answer(question), limit))}")
    return text


def label_of(evidence: Evidence) -> str:
    """A short name for what was observed: "Flask-Login", "Django model class"."""
    if evidence.signal == CONFIGURED_SIGNAL:
        return "configured answer"
    if evidence.signal == DECISION_SIGNAL:
        return "recorded decision"
    # Imported here: a report from the report cache is rendered without loading the catalog
    # unless a reporter needs a title.
    from framefit.catalog import load

    return load().title(evidence.signal).split(" (")[0]


def cite(evidence: Iterable[Evidence]) -> str:
    """'Flask-Login (app/auth.py:3) and Django model class (app/models.py:5)'-style list."""
    return _and([f"{label_of(e)} ({e.location})" for e in evidence])


def _and(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def finding(rule: Rule, service: ServiceAnswers, message: str, reasons: tuple[Evidence, ...],
            flips_if: str, at: Evidence | None = None) -> Finding:
    """A finding of `rule` on `service`, shown at `at`, else the framework's line, else a reason."""
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
    """True when `question` answers yes for `service`."""
    return service.answer(question).value is AnswerValue.YES


def no(service: ServiceAnswers, question: Question) -> bool:
    """True when `question` answers no for `service`."""
    return service.answer(question).value is AnswerValue.NO


def unless(evidence: tuple[Evidence, ...], condition: str = "not needed",
           subject: str = "this verdict") -> str:
    """What would flip a verdict resting on `evidence`: each observation `condition`, each
    configured answer changed ("this verdict changes if Flask-Login (app/auth.py:3) was not
    needed and the answer configured at pyproject.toml:8 changed")."""
    observed = tuple(e for e in evidence if e.signal != CONFIGURED_SIGNAL)
    configured = [e.location for e in evidence if e.signal == CONFIGURED_SIGNAL]
    parts = []
    if observed:
        parts.append(f"{cite(observed)} {'were' if len(observed) > 1 else 'was'} {condition}")
    if configured:
        parts.append(f"the answer configured at {_and(configured)} changed")
    return f"{subject} changes if {' and '.join(parts)}" if parts else ""


def unless_needed(evidence: tuple[Evidence, ...]) -> str:
    """What would flip a verdict that rests on `evidence`: that it was not needed."""
    return unless(evidence)
