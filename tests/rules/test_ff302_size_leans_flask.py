"""FF302 size-leans-flask: Django is recommended, and the service ships under a stated size limit."""

from __future__ import annotations

import pytest

from framefit.model import CONFIGURED_SIGNAL, Evidence, Finding, Severity
from framefit.rules.ff302_size_leans_flask import RULE
from tests.factories import ev, service, yes

SLIM = ev("Dockerfile", 1, "docker-base-slim", "FROM python:3.12-slim")
HYGIENE = ev("Dockerfile", 10, "docker-size-hygiene", "RUN pip install --no-cache-dir -r requirements.txt")
LAMBDA = ev("serverless.yml", 5, "serverless-aws-lambda", "provider: aws")
MANGUM = ev("requirements.txt", 3, "dep:mangum", "mangum", 0.7)
BUDGET = ev("pyproject.toml", 9, "size-budget", "120 MB")
CONFIGURED = ev("pyproject.toml", 8, CONFIGURED_SIGNAL, 'container_size = "yes"')
MODELS = ev("blog/models.py", 4, "django-model", "class Post(models.Model):")
HINT = "Compare the two stacks in the container-size answer with the limit; no change is required."


def test_django_recommended_on_lambda__a_note_that_reads() -> None:
    found = tuple(RULE.check(service("django", database=yes(MODELS), size=yes(LAMBDA, SLIM)), RULE))
    assert found == (Finding(
        rule="FF302", severity=Severity.NOTE, service=".",
        message="Django is recommended, but the service ships under a size limit: Serverless Framework "
                "deploys to AWS Lambda (serverless.yml:5)",
        hint=HINT, path="manage.py", line=8, because=(LAMBDA,),
        flips_if="this note goes away if the service no longer ships under a size limit: Serverless "
                 "Framework deploys to AWS Lambda (serverless.yml:5)",
    ),)


@pytest.mark.parametrize(
    ("size", "cited"),
    [
        pytest.param((MANGUM,), (MANGUM,), id="a_serverless_adapter"),
        pytest.param((BUDGET, SLIM), (BUDGET,), id="a_configured_budget"),
        pytest.param((CONFIGURED,), (CONFIGURED,), id="the_teams_configured_answer"),
        pytest.param((LAMBDA, MANGUM, SLIM), (LAMBDA, MANGUM), id="every_limit_cited"),
    ],
)
def test_a_stated_limit_brings_the_note(size: tuple[Evidence, ...], cited: tuple[Evidence, ...]) -> None:
    (found,) = RULE.check(service("django", database=yes(MODELS), size=yes(*size)), RULE)
    assert found.because == cited


ALPINE = ev("Dockerfile", 1, "docker-base-alpine", "FROM python:3.12-alpine")
MULTISTAGE = ev("Dockerfile", 9, "docker-multistage", "COPY --from=build")


@pytest.mark.parametrize("size", [(SLIM,), (SLIM, HYGIENE), (ALPINE,), (MULTISTAGE,)],
                         ids=["slim", "slim_and_hygiene", "alpine", "multistage"])
def test_near_miss__an_image_choice_alone_is_no_limit(size: tuple[Evidence, ...]) -> None:
    assert tuple(RULE.check(service("django", database=yes(MODELS), size=yes(*size)), RULE)) == ()


def test_near_miss__flask_recommended_on_lambda() -> None:
    assert tuple(RULE.check(service("flask", size=yes(LAMBDA)), RULE)) == ()


def test_every_platform_limit_is_a_stated_limit() -> None:
    from framefit.catalog import load

    catalog = load()
    for signal in catalog.views.platforms.limits:
        entry = catalog.lookup(signal)
        assert entry is not None, signal
        assert entry.size_limit, signal
