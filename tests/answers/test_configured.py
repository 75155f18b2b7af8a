"""Configured answers applied after the answers stage: values, evidence, the tally, diagnostics."""

from __future__ import annotations

from framefit.answers.configured import apply
from framefit.config.known_answers import KnownAnswer, KnownAnswers
from framefit.model import CONFIGURED_SIGNAL, Answer, AnswerValue, Confidence, Diagnostic, Evidence, Question
from tests.factories import MANIFEST, ev, no, service, yes

LOGIN = ev("app/auth.py", 3, "import:flask_login", "import flask_login")


def _cfg(line: int) -> Evidence:
    return Evidence("pyproject.toml", line, CONFIGURED_SIGNAL, f"line {line}")


def _known(service_path: str | None, *answers: tuple[Question, AnswerValue, int, str]) -> KnownAnswers:
    return KnownAnswers(service_path, tuple(KnownAnswer(q, v, r, _cfg(n)) for q, v, n, r in answers),
                        _cfg(1))


def test_configured_no_replaces_a_yes_and_the_tally_follows() -> None:
    flask = service("flask", login=yes(LOGIN))
    assert (flask.recommendation, flask.fits) == ("django", False)
    known = _known(None, (Question.USER_LOGIN, AnswerValue.NO, 7, "API tokens only"))
    (done,), diagnostics = apply([flask], (known,))
    assert done.answer(Question.USER_LOGIN) == Answer(
        AnswerValue.NO, Confidence.HIGH, (LOGIN,), (_cfg(7),), "API tokens only", _cfg(7))
    assert (done.recommendation, done.fits, diagnostics) == ("flask", True, ())
    assert done.answer(Question.RELATIONAL_DATABASE) == flask.answer(Question.RELATIONAL_DATABASE)


def test_configured_yes_keeps_the_evidence_against() -> None:
    (done,), _ = apply([service("flask")], (_known(None, (Question.RELATIONAL_DATABASE, AnswerValue.YES,
                                                           5, "")),))
    assert done.answer(Question.RELATIONAL_DATABASE) == Answer(
        AnswerValue.YES, Confidence.HIGH, (_cfg(5),), (MANIFEST,), "configured, no reason given", _cfg(5))
    assert (done.recommendation, done.fits) == ("django", False)


def test_a_service_entry_beats_the_repo_answers() -> None:
    api, web = service("flask", path="services/api"), service("flask", path="services/web")
    known = (
        _known("services/api", (Question.USER_LOGIN, AnswerValue.NO, 9, "")),
        _known(None, (Question.USER_LOGIN, AnswerValue.YES, 4, "")),
    )
    done, _ = apply([api, web], known)
    assert [s.answer(Question.USER_LOGIN).configured for s in done] == [_cfg(9), _cfg(4)]
    assert [s.recommendation for s in done] == ["flask", "django"]


def test_an_entry_for_no_service_is_a_diagnostic() -> None:
    flask = service("flask", path="services/api")
    known = _known("services/apx", (Question.USER_LOGIN, AnswerValue.NO, 9, ""))
    done, diagnostics = apply([flask], (known,))
    assert done == (flask,)
    assert diagnostics == (Diagnostic("pyproject.toml", 1, "unmatched-config",
                                      'services entry path "services/apx" is not a service using a web '
                                      "framework; services: services/api"),)


def test_without_configured_answers_nothing_changes() -> None:
    flask = service("flask", login=yes(LOGIN), database=no())
    assert apply([flask], ()) == ((flask,), ())
