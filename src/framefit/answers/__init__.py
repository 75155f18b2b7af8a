"""answer_service(facts) -> ServiceAnswers: evidence weighed into the three answers and the tally."""

from __future__ import annotations

from dataclasses import dataclass

from framefit.answers.framework import frameworks
from framefit.answers.question import answer
from framefit.catalog import Catalog
from framefit.model import (
    Answer,
    AnswerValue,
    Diagnostic,
    Evidence,
    Question,
    ServiceAnswers,
    frozen_answers,
)

JUDGED = ("django", "flask")


@dataclass(frozen=True, slots=True)
class ServiceFacts:
    """The weighted evidence of one service (role and declaration weights already applied)."""

    path: str
    evidence: tuple[Evidence, ...]
    diagnostics: tuple[Diagnostic, ...] = ()


def recommend(answers: dict[Question, Answer]) -> str | None:
    """The tally: database or login -> django; both no -> flask; otherwise no recommendation."""
    deciding = (answers[Question.RELATIONAL_DATABASE].value, answers[Question.USER_LOGIN].value)
    if AnswerValue.YES in deciding:
        return "django"
    if all(v is AnswerValue.NO for v in deciding):
        return "flask"
    return None


def answer_service(facts: ServiceFacts, catalog: Catalog) -> ServiceAnswers:
    framework, uses = frameworks(facts.evidence, catalog)
    answers = {
        Question.RELATIONAL_DATABASE: answer(Question.RELATIONAL_DATABASE, facts.evidence, catalog),
        Question.USER_LOGIN: answer(Question.USER_LOGIN, facts.evidence, catalog),
        Question.CONTAINER_SIZE: answer(Question.CONTAINER_SIZE, facts.evidence, catalog,
                                        absence_means_no=False),
    }
    recommendation = recommend(answers)
    fits = (framework == recommendation) if framework in JUDGED and recommendation else None
    return ServiceAnswers(facts.path, framework, uses, frozen_answers(answers), recommendation, fits)
