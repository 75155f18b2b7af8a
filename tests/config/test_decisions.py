"""Recorded decisions in configuration: the values read, where they are cited, every error message."""

from __future__ import annotations

from pathlib import Path

import pytest

from framefit.config.decisions import ServiceDecision
from framefit.config.layers import load
from framefit.errors import ConfigError
from framefit.model import DECISION_SIGNAL, AnswerValue, Decision, Evidence, Question
from tests.config.test_config import repo

ENTRY = """\
service = "."
framework = "flask"
relational_database = "yes"
user_login = "no"
container_size = "unknown"
reason = "Flask + SQLAlchemy   is our team standard"
recorded = 2026-12-01
"""
RECORDED = ((Question.RELATIONAL_DATABASE, AnswerValue.YES), (Question.USER_LOGIN, AnswerValue.NO),
            (Question.CONTAINER_SIZE, AnswerValue.UNKNOWN))


def _decision(path: str, line: int, header: str = "[[tool.framefit.decisions]]") -> Decision:
    return Decision("flask", RECORDED, "Flask + SQLAlchemy is our team standard", "2026-12-01",
                    Evidence(path, line, DECISION_SIGNAL, header))


def test_a_decision_is_read_with_the_line_of_its_entry(tmp_path: Path) -> None:
    text = f'[project]\nname = "x"\n\n[tool.framefit]\nignore = []\n\n[[tool.framefit.decisions]]\n{ENTRY}'
    root = repo(tmp_path, {"pyproject.toml": text})
    assert load(root).decisions == (ServiceDecision(".", _decision("pyproject.toml", 7)),)


def test_framefit_toml_has_top_level_entries_and_kebab_case_questions(tmp_path: Path) -> None:
    entry = ENTRY.replace("user_login", "user-login").replace('service = "."', 'service = "api/"')
    root = repo(tmp_path, {"framefit.toml": f'fail-on = "warning"\n\n[[decisions]]\n{entry}'})
    assert load(root).decisions == (ServiceDecision("api", _decision("framefit.toml", 3, "[[decisions]]")),)


def test_paths_are_relative_to_the_file_and_entries_outside_path_are_dropped(tmp_path: Path) -> None:
    api = ENTRY.replace('service = "."', 'service = "services/api"')
    web = ENTRY.replace('service = "."', 'service = "services/web"')
    root = repo(tmp_path, {"framefit.toml": f"[[decisions]]\n{api}\n[[decisions]]\n{web}"})
    (root / "services" / "api").mkdir(parents=True)
    found = load(root / "services" / "api").decisions
    assert [(d.service, d.decision.source.location) for d in found] == [(".", "../../framefit.toml:1")]


def _error(body: str) -> str:
    return f"tool.framefit.decisions[0].{body}"


ERRORS = [
    pytest.param('decisions = "flask"', "tool.framefit.decisions: expected an array of tables; allowed: "
                 "[[tool.framefit.decisions]] entries, as `framefit record` writes them", id="not_an_array"),
    pytest.param(ENTRY.replace('framework = "flask"', 'framework = "fastapi"'),
                 _error('framework: "fastapi" is not allowed; allowed: django, flask'), id="framework"),
    pytest.param(ENTRY.replace('framework = "flask"\n', ""),
                 _error("framework: missing; allowed: django, flask"), id="framework_missing"),
    pytest.param(ENTRY.replace('user_login = "no"', 'user_login = "maybe"'),
                 _error('user_login: "maybe" is not allowed; allowed: yes, no, unknown'), id="answer"),
    pytest.param(ENTRY.replace('user_login = "no"', "user_login = false"),
                 _error("user_login: expected a string, got bool; allowed: yes, no, unknown"),
                 id="answer_type"),
    pytest.param(ENTRY.replace('container_size = "unknown"\n', ""),
                 _error("container_size: missing; allowed: yes, no, unknown"), id="answer_missing"),
    pytest.param(ENTRY + 'user-login = "no"\n', _error("user-login: given twice; allowed: one spelling "
                 "per question"), id="answer_twice"),
    pytest.param(ENTRY.replace("recorded = 2026-12-01", 'recorded = "2026-12-01"'),
                 _error("recorded: expected a TOML date, got str; allowed: a date without quotes, "
                        "e.g. recorded = 2026-12-01"), id="date_as_string"),
    pytest.param(ENTRY.replace("recorded = 2026-12-01", "recorded = 2026-12-01T10:00:00"),
                 _error("recorded: expected a TOML date, got datetime; allowed: a date without "
                        "quotes, e.g. recorded = 2026-12-01"), id="date_with_time"),
    pytest.param(ENTRY.replace('reason = "Flask + SQLAlchemy   is our team standard"', 'reason = "  "'),
                 _error("reason: empty; allowed: a one-line reason"), id="reason_empty"),
    pytest.param(ENTRY.replace('service = "."', 'service = "../elsewhere"'),
                 _error('service: "../elsewhere" is not a relative path inside the repository; '
                        'allowed: a directory relative to the config file, e.g. "services/api"'),
                 id="service_outside"),
    pytest.param(ENTRY + 'owner = "me"\n', _error("owner: unknown key; allowed: service, framework, "
                 "relational_database, user_login, container_size, reason, recorded"), id="unknown_key"),
]


@pytest.mark.parametrize(("body", "message"), ERRORS)
def test_error_messages(tmp_path: Path, body: str, message: str) -> None:
    table = body if body.startswith("decisions =") else f"[[tool.framefit.decisions]]\n{body}"
    header = "[tool.framefit]\n" if body.startswith("decisions =") else ""
    root = repo(tmp_path, {"pyproject.toml": f"{header}{table}"})
    with pytest.raises(ConfigError) as raised:
        load(root)
    assert str(raised.value) == f"{root / 'pyproject.toml'}: {message}"


def test_one_entry_per_service(tmp_path: Path) -> None:
    twice = ENTRY.replace('service = "."', 'service = "./"')
    root = repo(tmp_path, {"framefit.toml": f"[[decisions]]\n{ENTRY}\n[[decisions]]\n{twice}"})
    with pytest.raises(ConfigError) as raised:
        load(root)
    assert str(raised.value) == (f'{root / "framefit.toml"}: decisions[1].service: "." is decided twice '
                                 "(also in decisions[0]); allowed: one entry per service; "
                                 "`framefit record` replaces it")
