"""FF201: the database or login answer stays unknown, so there is no recommendation."""

from __future__ import annotations

from collections.abc import Iterator

from framefit.model import AnswerValue, Finding, Question, ServiceAnswers, Severity
from framefit.rules.base import QUESTION_TEXT, Rule, finding


def check(service: ServiceAnswers, rule: Rule) -> Iterator[Finding]:
    if service.framework is None:
        return
    for question in (Question.RELATIONAL_DATABASE, Question.USER_LOGIN):
        answer = service.answer(question)
        if answer.value is AnswerValue.UNKNOWN:
            yield finding(
                rule, service,
                f"cannot tell whether the service needs {QUESTION_TEXT[question]}",
                answer.evidence[:3],
                f"this changes once a dependency manifest or code shows {QUESTION_TEXT[question]}"
                f" (or [tool.framefit.answers] {question.value} is set)",
            )


RULE = Rule(
    id="FF201",
    name="answer-unknown",
    severity=Severity.NOTE,
    title="An answer that decides the framework stays unknown",
    rationale=(
        "The tally needs questions 1 and 2. When the repo declares no dependencies and its code "
        "shows neither a database nor a login, framefit will not guess: it says so, and the team "
        "can record the answer it knows."
    ),
    hint="Add a dependency manifest, or set the answer in [tool.framefit.answers].",
    example="app.py creating Flask(__name__), and no requirements.txt or pyproject.toml",
    check=check,
)
