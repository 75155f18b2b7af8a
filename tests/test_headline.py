"""The evidence a reader sees first (issue 17, class 10): among evidence of equal weight, the
most convincing kind (code, settings, import, manifest, deployment file, docs: catalog
ranks.toml) from the most telling file comes first, in the API, the JSON and the terminal.
Fixture django_headline_evidence: each competitor that loses is first in path order."""

from __future__ import annotations

import pytest

from framefit import check
from framefit.model import Question, evidence_order
from tests.conftest import FIXTURES, report_json, run_cli

ROOT = FIXTURES / "django_headline_evidence"
HEADLINES = {
    Question.RELATIONAL_DATABASE: ("shop/models.py", 4, "django-model"),  # not compose.yaml
    Question.USER_LOGIN: ("shop/views.py", 7, "django-login-view"),  # not accounts/otp.py (pyotp)
    Question.CONTAINER_SIZE: ("Dockerfile", 1, "docker-base-slim"),  # not CHANGELOG.md
}


@pytest.mark.parametrize("exhaustive", [False, True], ids=["default", "exhaustive"])
def test_each_answers_strongest_evidence_is_the_most_convincing(exhaustive: bool) -> None:
    service = check(ROOT, exhaustive=exhaustive).services[0]
    for question, headline in HEADLINES.items():
        strongest = service.answer(question).strongest
        assert strongest is not None
        assert (strongest.path, strongest.line, strongest.signal) == headline, question


def test_the_json_lists_it_first() -> None:
    questions = report_json(ROOT)["services"][0]["questions"]
    for question, headline in HEADLINES.items():
        first = questions[question.value]["evidence"][0]
        assert (first["path"], first["line"], first["signal"]) == headline, question


def test_the_terminal_shows_it() -> None:
    lines = run_cli("check", str(ROOT), env={"COLUMNS": "120"}).output.splitlines()
    assert any(line.startswith("  relational database  yes     high   shop/models.py:4  Django model class")
               for line in lines)
    assert any(line.startswith("  user login           yes     high   shop/views.py:7  Django LoginView")
               for line in lines)
    assert any(line.startswith("  container size       yes     medium Dockerfile:1  final image is a slim")
               for line in lines)


@pytest.mark.parametrize("exhaustive", [False, True], ids=["default", "exhaustive"])
def test_a_wagtail_site_is_shown_by_its_model_and_its_admin_not_the_wagtail_import(exhaustive: bool) -> None:
    service = check(FIXTURES / "wagtail_admin_site", exhaustive=exhaustive).services[0]
    shown = {q: service.answer(q).strongest for q in (Question.RELATIONAL_DATABASE, Question.USER_LOGIN)}
    assert {q: (e.path, e.line, e.signal) for q, e in shown.items() if e is not None} == {
        Question.RELATIONAL_DATABASE: ("home/models.py", 5, "django-model"),
        Question.USER_LOGIN: ("gallery/urls.py", 6, "wagtail-admin-urls"),
    }


@pytest.mark.parametrize("fixture", sorted(p.name for p in FIXTURES.iterdir() if p.is_dir()))
def test_every_list_of_evidence_is_in_the_order_the_reporters_print(fixture: str) -> None:
    """The reporters print the answers' lists as they are (model.Answer): the answers must give
    them strongest first, on every fixture, in both modes."""
    for exhaustive in (False, True):
        for service in check(FIXTURES / fixture, exhaustive=exhaustive).services:
            answers = [service.answer(q) for q in Question]
            lists = [use.evidence for use in service.frameworks]
            lists += [a.evidence for a in answers] + [a.against for a in answers]
            for items in lists:
                assert list(items) == sorted(items, key=evidence_order), (fixture, exhaustive)
