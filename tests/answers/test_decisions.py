"""Recorded decisions compared with the answers now: changes, the state, unmatched entries."""

from __future__ import annotations

import pytest

from framefit.answers.decisions import apply, compare
from framefit.config.decisions import ServiceDecision
from framefit.model import (
    Answer,
    AnswerChange,
    AnswerValue,
    Decision,
    DecisionState,
    Diagnostic,
    Evidence,
    Question,
    ServiceAnswers,
)
from tests.factories import decided, ev, no, service, unknown, yes

Y, N, U = AnswerValue.YES, AnswerValue.NO, AnswerValue.UNKNOWN
DB, LOGIN, SIZE = Question.RELATIONAL_DATABASE, Question.USER_LOGIN, Question.CONTAINER_SIZE
MODELS = ev("app/models.py", 5, "sqlalchemy-model")
AUTH = ev("app/auth.py", 3, "import:flask_login")
ALPINE = ev("Dockerfile", 1, "docker-base-alpine")


def _value(answer: AnswerValue, evidence: Evidence) -> Answer:
    if answer is Y:
        return yes(evidence)
    return no() if answer is N else unknown()


def now(framework: str, db: AnswerValue, login: AnswerValue, size: AnswerValue) -> ServiceAnswers:
    return service(framework, database=_value(db, MODELS), login=_value(login, AUTH),
                   size=_value(size, ALPINE))


CASES = [
    pytest.param(decided("flask", Y, N, U), now("flask", Y, N, U), DecisionState.HOLDS, (),
                 id="as_recorded__holds"),
    pytest.param(decided("flask", Y, N, U), now("flask", Y, Y, U), DecisionState.DRIFTED,
                 (AnswerChange(LOGIN, N, Y),), id="login_no_to_yes__drifted"),
    pytest.param(decided("flask", Y, U, U), now("flask", Y, Y, U), DecisionState.DRIFTED,
                 (AnswerChange(LOGIN, U, Y),), id="login_unknown_to_yes__drifted"),
    pytest.param(decided("flask", Y, N, N), now("flask", Y, N, Y), DecisionState.DRIFTED,
                 (AnswerChange(SIZE, N, Y),), id="size_no_to_yes__drifted"),
    pytest.param(decided("django", N, N, N), now("django", N, N, Y), DecisionState.DRIFTED,
                 (AnswerChange(SIZE, N, Y),), id="django_size_no_to_yes__drifted"),
    pytest.param(decided("flask", Y, Y, U), now("flask", Y, N, U), DecisionState.HOLDS,
                 (AnswerChange(LOGIN, Y, N),), id="login_yes_to_no__asks_less__holds"),
    pytest.param(decided("flask", Y, N, U), now("flask", Y, N, N), DecisionState.HOLDS,
                 (AnswerChange(SIZE, U, N),), id="size_unknown_to_no__holds"),
    pytest.param(decided("django", N, N, U), now("django", Y, N, U), DecisionState.HOLDS,
                 (AnswerChange(DB, N, Y),), id="gain_that_makes_it_fit__holds"),
    pytest.param(decided("flask", N, N, N), now("flask", N, N, Y), DecisionState.HOLDS,
                 (AnswerChange(SIZE, N, Y),), id="fitting_flask_gains_size__still_fits__holds"),
    pytest.param(decided("flask", N, N, U), now("flask", N, Y, U), DecisionState.DRIFTED,
                 (AnswerChange(LOGIN, N, Y),), id="fitting_when_recorded__gains_login__drifted"),
    pytest.param(decided("flask", Y, N, U), now("django", Y, N, U), DecisionState.OUTDATED, (),
                 id="other_framework__outdated"),
]


@pytest.mark.parametrize(("decision", "current", "state", "changes"), CASES)
def test_compare(decision: Decision, current: ServiceAnswers, state: DecisionState,
                 changes: tuple[AnswerChange, ...]) -> None:
    done = compare(current, decision)
    assert done.decision == Decision(decision.framework, decision.answers, decision.reason,
                                     decision.recorded, decision.source, state, changes)
    assert done.answers == current.answers


def test_apply_reports_a_decision_for_no_service() -> None:
    services = [service("flask", path="api"), service("django", path="web")]
    gone = ServiceDecision("legacy", decided("flask", Y, N, U))
    kept = ServiceDecision("api", decided("flask", N, N, U))
    done, diagnostics = apply(services, (gone, kept))
    assert [s.decision is not None for s in done] == [True, False]
    assert diagnostics == (Diagnostic("pyproject.toml", 7, "unmatched-config",
                                      'decision for service "legacy": not a service using a web '
                                      "framework; services: api, web"),)
