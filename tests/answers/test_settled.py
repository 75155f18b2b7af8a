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
    framework_group,
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
    pytest.param("flask-app", 1.0, {framework_group("flask", 1.0), STRUCTURE}, id="app_object"),
    pytest.param("import:flask", 1.0, {framework_group("flask", 0.8)}, id="import"),
    pytest.param("import:flask", 0.5, {framework_group("flask", 0.4)}, id="import_in_a_script"),
    pytest.param("flask-app", 0.15, set(), id="app_object_in_a_test"),
    pytest.param("django-project", 1.0, {framework_group("django", 1.0), STRUCTURE}, id="entry_point"),
])
def test_the_groups_a_signal_bears_on(signal: str, weight: float, expected: set[str]) -> None:
    assert bearing(signal, weight, CATALOG) == expected


def test_a_framework_settles_only_when_no_other_can_show_up() -> None:
    service = answer_service(ServiceFacts(".", (FRAMEWORK_LINE,)), CATALOG)
    flask, django = framework_group("flask", 1.0), framework_group("django", 0.8)
    assert flask in settled(service, frozenset({flask}), CATALOG)
    assert flask not in settled(service, frozenset({flask, django}), CATALOG)


def _service(*evidence: Evidence):  # type: ignore[no-untyped-def]
    return answer_service(ServiceFacts(".", evidence), CATALOG)


FASTAPI_APP = Evidence("api.py", 1, "fastapi-app", "api = FastAPI()")
FLASK_IMPORT = Evidence("views.py", 1, "import:flask", "import flask")


@pytest.mark.parametrize(("evidence", "group", "others", "expected"), [
    # a weaker observation of the serving framework, with another one still to come
    pytest.param((FRAMEWORK_LINE,), framework_group("flask", 0.8), {"django"}, True, id="weaker_serving"),
    # as strong as the serving framework's line: it may come first and be where it is shown
    pytest.param((FRAMEWORK_LINE,), framework_group("flask", 1.0), {"django"}, False, id="as_strong_serving"),
    # a framework not in use yet: this may put it in use
    pytest.param((FRAMEWORK_LINE,), framework_group("django", 0.8), {"django"}, False, id="not_in_use"),
    # in use and weaker than its own strongest line and than the serving framework's
    pytest.param((FRAMEWORK_LINE, Evidence("api.py", 1, "import:fastapi", "import fastapi", 0.9)),
                 framework_group("fastapi", 0.4), {"fastapi"}, True, id="weaker_other"),
    # two app objects of equal weight (FastAPI serves: as broad, first by name): more files of
    # the other may make it the serving one; more of the serving one keep it serving
    pytest.param((FRAMEWORK_LINE, FASTAPI_APP), framework_group("flask", 0.8), {"flask"}, False,
                 id="tied_other"),
    pytest.param((FRAMEWORK_LINE, FASTAPI_APP), framework_group("fastapi", 0.8), {"fastapi"}, True,
                 id="tied_serving"),
])
def test_a_framework_group_settles_when_nothing_it_can_show_changes_what_is_reported(
        evidence: tuple[Evidence, ...], group: str, others: set[str], expected: bool) -> None:
    service = _service(*evidence)
    showing = frozenset({group} | {framework_group(name, 0.8) for name in others})
    assert (group in settled(service, showing, CATALOG)) is expected


FRAMEWORK_SIGNALS = sorted({s for s, e in CATALOG.signals.items() if e.framework}
                           | {f"import:{n}" for n, e in CATALOG.modules.items() if e.framework})


def _serving(service) -> tuple[object, ...]:  # type: ignore[no-untyped-def]
    return service.framework, tuple(u.name for u in service.frameworks)


def _pins(service) -> tuple[object, ...]:  # type: ignore[no-untyped-def]
    return tuple((u.name, u.evidence[0].path, u.evidence[0].line) for u in service.frameworks if u.evidence)


@given(st.lists(st.tuples(st.sampled_from(FRAMEWORK_SIGNALS), WEIGHTS), max_size=6),
       st.sampled_from(FRAMEWORK_SIGNALS), WEIGHTS, WEIGHTS, st.booleans())
@settings(max_examples=600, deadline=None)
def test_evidence_of_a_settled_framework_group_changes_what_serves_and_where_it_is_shown(
        items: list[tuple[str, float]], signal: str, reckoned: float, actual: float, alone: bool) -> None:
    evidence = [_observation(s, w, n) for n, (s, w) in enumerate(items, start=2)]
    service = _service(FRAMEWORK_LINE, *evidence)
    groups = bearing(signal, reckoned, CATALOG)
    # the file still to read is the only one left (`alone`), or Django may show up too
    showing = frozenset(groups) | (frozenset() if alone else {framework_group("django", 0.8)})
    if not groups or not groups <= settled(service, showing, CATALOG):
        return  # the plan would read the file: nothing to check
    more = _observation(signal, min(actual, reckoned), 1)  # line 1 of m1.py: first among equals
    after = _service(FRAMEWORK_LINE, *evidence, more)
    assert _serving(after) == _serving(service)
    strongest = {u.name: u.evidence[0].weight for u in service.frameworks if u.evidence}
    shown = [g.removeprefix(FRAMEWORK).partition("@") for g in groups if g.startswith(FRAMEWORK)]
    if shown and float(shown[0][2]) < strongest.get(shown[0][0], 0.0):
        # settled by weight, not because no other framework can show up (that rule keeps the
        # serving framework only: an import as strong as its strongest may come first)
        assert _pins(after) == _pins(service)
