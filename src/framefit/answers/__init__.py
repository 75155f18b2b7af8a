"""answer_service(facts) -> ServiceAnswers: evidence weighed into the three answers and the tally."""

from __future__ import annotations

from framefit.answers.framework import frameworks
from framefit.answers.question import answer
from framefit.answers.size import fleet_evidence, size_answer
from framefit.answers.weigh import cap_optional_imports, serving_extra
from framefit.catalog import Catalog
from framefit.frozen import frozen
from framefit.model import (
    JUDGED,
    Answer,
    AnswerValue,
    Diagnostic,
    Evidence,
    Question,
    ServiceAnswers,
    frozen_answers,
)


@frozen
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


def answer_services(services: list[ServiceFacts], catalog: Catalog) -> list[ServiceAnswers]:
    """Answer every service of one repo, after adding cross-service facts (answers/size.py)."""
    fleet = fleet_evidence([(f.path, f.evidence) for f in services], catalog)
    return [answer_service(ServiceFacts(f.path, f.evidence + fleet.get(f.path, ()), f.diagnostics),
                           catalog) for f in services]


def answer_service(facts: ServiceFacts, catalog: Catalog) -> ServiceAnswers:
    framework, uses = frameworks(facts.evidence, catalog)
    weighed = cap_optional_imports(serving_extra(facts.evidence, framework, catalog), catalog)
    answers = {
        Question.RELATIONAL_DATABASE: answer(Question.RELATIONAL_DATABASE, weighed, catalog),
        Question.USER_LOGIN: answer(Question.USER_LOGIN, weighed, catalog),
    }
    answers[Question.CONTAINER_SIZE] = size_answer(weighed, catalog, framework, answers)
    recommendation = recommend(answers)
    fits = (framework == recommendation) if framework in JUDGED and recommendation else None
    return ServiceAnswers(facts.path, framework, uses, frozen_answers(answers), recommendation, fits)
