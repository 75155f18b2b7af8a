"""FF201: the database or login answer stays unknown, so there is no recommendation."""

from __future__ import annotations

from collections.abc import Iterator

from framefit.model import AnswerValue, Finding, ServiceAnswers, Severity
from framefit.rules.base import DECIDING, QUESTION_TEXT, Rule, cite, finding


def check(service: ServiceAnswers, rule: Rule) -> Iterator[Finding]:
    """One finding per deciding question (database, login) that stays unknown for a service with
    a framework; it names the weak evidence there was, if any."""
    if service.framework is None:
        return
    for question in DECIDING:
        answer = service.answer(question)
        if answer.value is not AnswerValue.UNKNOWN:
            continue
        reasons = answer.evidence[:3]
        weak = f"; weak evidence so far: {cite(reasons)}" if reasons else ""
        yield finding(
            rule, service,
            f"cannot tell whether the service needs {QUESTION_TEXT[question]}",
            reasons,
            f"this changes once a dependency manifest or code shows whether it needs "
            f"{QUESTION_TEXT[question]}, or [tool.framefit.answers] sets {question.value}{weak}",
        )


RULE = Rule(
    id="FF201",
    name="answer-unknown",
    severity=Severity.NOTE,
    title="An answer that decides the framework stays unknown",
    rationale=(
        "The tally needs questions 1 and 2 (a relational database, user login). When the repo "
        "declares no dependencies and its code shows neither, framefit does not guess: it says "
        "so and recommends nothing, and the team can record the answer it knows."
    ),
    hint="Add a dependency manifest, or set the answer in [tool.framefit.answers].",
    example="app.py creating Flask(__name__), and no requirements.txt or pyproject.toml",
    check=check,
)
