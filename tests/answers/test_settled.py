"""What more evidence cannot change (answers/settled.py): the plan skips a file whose groups are
settled, so a settled group must really be one no further evidence of it can move.

The property: for any evidence, once `settled` says a group is settled, adding any observation
that bears on that group (at any weight up to the one its group was reckoned at) leaves every
answer's value and confidence as they were.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framefit.answers import ServiceFacts, answer_service
from framefit.answers.settled import (
    AGAINST,
    CORROBORATING,
    FRAMEWORK,
    SPECIFIC_AGAINST,
    STRONG,
    STRUCTURE,
    WEAK,
    bearing,
    settled,
)
from framefit.catalog import load
from framefit.model import Evidence, Question

CATALOG = load()
QUESTIONS = (Question.RELATIONAL_DATABASE, Question.USER_LOGIN, Question.CONTAINER_SIZE)
SIGNALS = sorted([s for s, e in CATALOG.signals.items() if e.effects]
                 + [f"import:{name}" for name, e in CATALOG.modules.items() if e.effects])
FRAMEWORK_LINE = Evidence("app.py", 1, "flask-app", "app = Flask(__name__)")
WEIGHTS = st.sampled_from([0.15, 0.3, 0.35, 0.4, 0.5, 0.6, 0.7, 0.8, 1.0])


def _observation(signal: str, weight: float, line: int) -> Evidence:
    return Evidence(f"m{line}.py", line, signal, signal, weight)


EVIDENCE = st.lists(st.tuples(st.sampled_from(SIGNALS), WEIGHTS), max_size=8).map(
    lambda items: [_observation(s, w, n) for n, (s, w) in enumerate(items, start=2)])


def _verdicts(evidence: list[Evidence]) -> dict[Question, tuple[str, str]]:
    service = answer_service(ServiceFacts(".", (FRAMEWORK_LINE, *evidence)), CATALOG)
    return {q: (service.answer(q).value.value, service.answer(q).confidence.value) for q in QUESTIONS}


@given(EVIDENCE, st.sampled_from(SIGNALS), WEIGHTS, WEIGHTS)
@settings(max_examples=600, deadline=None)
def test_evidence_of_a_settled_group_changes_no_answer(evidence: list[Evidence], signal: str,
                                                       reckoned: float, actual: float) -> None:
    service = answer_service(ServiceFacts(".", (FRAMEWORK_LINE, *evidence)), CATALOG)
    done = settled(service, frozenset(), CATALOG)
    groups = bearing(signal, reckoned, CATALOG)
    if not groups or not groups <= done:
        return  # the plan would read the file: nothing to check
    more = _observation(signal, min(actual, reckoned), 99)
    assert _verdicts([*evidence, more]) == _verdicts(evidence)


@pytest.mark.parametrize(("signal", "weight", "expected"), [
    pytest.param("django-model", 1.0, {"relational_database" + STRONG}, id="strong_for"),
    pytest.param("django-model", 0.15, {"relational_database" + WEAK, "relational_database" + CORROBORATING},
                 id="in_a_test_weak_specific"),
    pytest.param("import:jwt", 0.15, {"user_login" + WEAK}, id="in_a_test_weak_generic"),
    pytest.param("import:jwt", 1.0, {"user_login" + STRONG}, id="generic_for"),
    pytest.param("machine-token-auth", 1.0, {"user_login" + AGAINST, "user_login" + SPECIFIC_AGAINST},
                 id="specific_against"),
    pytest.param("django-databases-dummy", 1.0, {"relational_database" + AGAINST}, id="against"),
    pytest.param("django-databases-dummy", 0.15, set(), id="weak_against_moves_nothing"),
    pytest.param("flask-app", 1.0, {FRAMEWORK + "flask", STRUCTURE}, id="app_object"),
    pytest.param("flask-app", 0.15, set(), id="app_object_in_a_test"),
    pytest.param("django-project", 1.0, {FRAMEWORK + "django", STRUCTURE}, id="entry_point"),
])
def test_the_groups_a_signal_bears_on(signal: str, weight: float, expected: set[str]) -> None:
    assert bearing(signal, weight, CATALOG) == expected


def test_a_framework_settles_only_when_no_other_can_show_up() -> None:
    service = answer_service(ServiceFacts(".", (FRAMEWORK_LINE,)), CATALOG)
    assert FRAMEWORK + "flask" in settled(service, frozenset({"flask"}), CATALOG)
    assert FRAMEWORK + "flask" not in settled(service, frozenset({"flask", "django"}), CATALOG)
