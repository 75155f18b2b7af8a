"""The weighing of one question (answers/question.py): specific evidence decides, generic evidence
for counts only beside specific evidence for, specific evidence against defeats generic evidence
for (not specific evidence for: machine tokens beside a user login are about other callers).
Signals and strengths are the shipped catalog's."""

from __future__ import annotations

import pytest

from framefit.answers.question import answer
from framefit.catalog import load
from framefit.model import AnswerValue, Confidence, Evidence, Question

CATALOG = load()
LOGIN, DATABASE = Question.USER_LOGIN, Question.RELATIONAL_DATABASE

# (signal, weight of the file it is in): what each stands for, in the shipped catalog
LOGIN_LIBRARY = ("import:flask_login", 1.0)  # specific, strong
JWT_LIBRARY = ("import:jwt", 1.0)  # pyjwt: generic, medium (0.6)
HASHING = ("password-hashing", 1.0)  # specific, weak (0.25)
HASHING_IN_TESTS = ("password-hashing", 0.15)  # 0.0375: under CORROBORATE_AT
PASSWORD_CHECK = ("password-check", 1.0)  # specific, medium
MACHINE_TOKEN = ("machine-token-auth", 1.0)  # specific, against
UNCHECKED_SESSION = ("session-user-unchecked", 1.0)  # generic, weak
MANIFEST = ("manifest", 1.0)  # absence: the manifests were read
DRIVER = ("import:psycopg2", 1.0)  # specific, strong
REDIS = ("import:redis", 1.0)  # generic, against


def _weigh(question: Question, *observations: tuple[str, float]) -> tuple[str, str, list[str], list[str]]:
    evidence = [Evidence(f"m{n}.py", n, signal, signal, weight)
                for n, (signal, weight) in enumerate(observations, start=1)]
    result = answer(question, evidence, CATALOG)
    return (result.value.value, result.confidence.value,
            [f"{e.signal} {e.weight}" for e in result.evidence],
            [f"{e.signal} {e.weight}" for e in result.against])


@pytest.mark.parametrize(("question", "observations", "expected"), [
    pytest.param(LOGIN, [LOGIN_LIBRARY, MANIFEST],
                 ("yes", "high", ["import:flask_login 1.0"], []), id="specific_for__yes_high"),
    pytest.param(LOGIN, [LOGIN_LIBRARY, MACHINE_TOKEN],
                 ("yes", "high", ["import:flask_login 1.0"], ["machine-token-auth 1.0"]),
                 id="specific_for_beside_specific_against__yes_high"),
    pytest.param(LOGIN, [PASSWORD_CHECK],
                 ("yes", "medium", ["password-check 0.6"], []), id="specific_medium__yes_medium"),
    pytest.param(LOGIN, [JWT_LIBRARY, MANIFEST],
                 ("no", "low", ["import:jwt 0.6"], ["manifest 1.0"]),
                 id="generic_for_alone__no_low"),
    pytest.param(LOGIN, [JWT_LIBRARY],
                 ("unknown", "low", ["import:jwt 0.6"], []), id="generic_for_alone_nothing_read__unknown"),
    pytest.param(LOGIN, [JWT_LIBRARY, HASHING, MANIFEST],
                 ("yes", "medium", ["import:jwt 0.6", "password-hashing 0.25"], []),
                 id="generic_for_with_weak_specific__yes_medium"),
    pytest.param(LOGIN, [JWT_LIBRARY, HASHING_IN_TESTS, MANIFEST],
                 ("no", "low", ["import:jwt 0.6", "password-hashing 0.037"], ["manifest 1.0"]),
                 id="generic_for_with_specific_too_weak__no_low"),
    pytest.param(LOGIN, [JWT_LIBRARY, HASHING, MACHINE_TOKEN],
                 ("no", "medium", ["import:jwt 0.6", "password-hashing 0.25"], ["machine-token-auth 1.0"]),
                 id="specific_against_defeats_corroborated_generic__no_medium"),
    pytest.param(LOGIN, [JWT_LIBRARY, MACHINE_TOKEN],
                 ("no", "medium", ["import:jwt 0.6"], ["machine-token-auth 1.0"]),
                 id="specific_against_defeats_generic__no_medium"),
    pytest.param(LOGIN, [MACHINE_TOKEN, MANIFEST],
                 ("no", "high", [], ["machine-token-auth 1.0"]), id="specific_against_alone__no_high"),
    pytest.param(LOGIN, [UNCHECKED_SESSION, MANIFEST],
                 ("no", "low", ["session-user-unchecked 0.25"], ["manifest 1.0"]),
                 id="session_value_without_a_credential_check__no_low"),
    pytest.param(LOGIN, [UNCHECKED_SESSION, JWT_LIBRARY, MANIFEST],
                 ("no", "low", ["import:jwt 0.6", "session-user-unchecked 0.25"], ["manifest 1.0"]),
                 id="generic_beside_generic__no_low"),
    pytest.param(DATABASE, [DRIVER, REDIS],
                 ("yes", "high", ["import:psycopg2 1.0"], ["import:redis 1.0"]),
                 id="generic_against_leaves_a_yes_high"),
    pytest.param(DATABASE, [REDIS, MANIFEST],
                 ("no", "high", [], ["import:redis 1.0"]), id="generic_against_alone__no_high"),
])
def test_answer(question: Question, observations: list[tuple[str, float]],
                expected: tuple[str, str, list[str], list[str]]) -> None:
    assert _weigh(question, *observations) == expected


@pytest.mark.parametrize(("observations", "reason"), [
    pytest.param([JWT_LIBRARY, LOGIN_LIBRARY], "Flask-Login (login library)",
                 id="the_specific_evidence_decides"),
    pytest.param([JWT_LIBRARY, HASHING],
                 "PyJWT (login library), with password hashing (m2.py:2)", id="corroborated_generic"),
    pytest.param([JWT_LIBRARY, MACHINE_TOKEN],
                 "static secret from the environment compared with a request (machine-only auth); "
                 "generic evidence for: PyJWT (login library) (m1.py:1)", id="defeated_generic"),
    pytest.param([JWT_LIBRARY, MANIFEST],
                 "nothing in m2.py or the code shows one; generic evidence only: "
                 "PyJWT (login library) (m1.py:1)", id="uncorroborated_generic"),
])
def test_the_reason_names_what_decided_and_what_did_not_count(
        observations: list[tuple[str, float]], reason: str) -> None:
    evidence = [Evidence(f"m{n}.py", n, signal, signal, weight)
                for n, (signal, weight) in enumerate(observations, start=1)]
    assert answer(LOGIN, evidence, CATALOG).reason == reason


def test_every_generic_login_library_alone_answers_no_beside_a_manifest() -> None:
    generic = [f"import:{name}" for name, entry in CATALOG.modules.items()
               if any(e.question is LOGIN and not e.specific for e in entry.effects)]
    assert "import:joserfc" in generic
    assert "import:flask_httpauth" in generic
    for signal in generic:
        result = answer(LOGIN, [Evidence("m.py", 1, signal, signal, 1.0),
                                Evidence("requirements.txt", None, "manifest", "1", 1.0)], CATALOG)
        assert (result.value, result.confidence) == (AnswerValue.NO, Confidence.LOW), signal
