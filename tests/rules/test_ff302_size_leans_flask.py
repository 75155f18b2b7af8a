"""FF302 size-leans-flask: Django is recommended where size matters."""

from __future__ import annotations

from framefit.model import Finding, Severity
from framefit.rules.ff302_size_leans_flask import RULE
from tests.factories import ev, service, yes

SLIM = ev("Dockerfile", 1, "docker-base-slim", "FROM python:3.12-slim")
MODELS = ev("blog/models.py", 4, "django-model", "class Post(models.Model):")


def test_django_recommended_in_a_slim_image__note() -> None:
    assert tuple(RULE.check(service("django", database=yes(MODELS), size=yes(SLIM)), RULE)) == (Finding(
        rule="FF302", severity=Severity.NOTE, service=".",
        message="Django is recommended, but size matters here: final image is a slim base image "
                "(Dockerfile:1)",
        hint="Keep the recommendation in mind when sizing the image; no change is required.",
        path="manage.py", line=8, because=(SLIM,),
        flips_if="this note changes if final image is a slim base image (Dockerfile:1) was not a "
                 "size-limited target",
    ),)


def test_near_miss__flask_recommended_in_a_slim_image() -> None:
    assert tuple(RULE.check(service("flask", size=yes(SLIM)), RULE)) == ()
