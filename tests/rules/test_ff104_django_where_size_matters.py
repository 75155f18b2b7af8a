"""FF104 django-where-size-matters: Django where size matters and nothing demands Django."""

from __future__ import annotations

from framefit.model import Finding, Severity
from framefit.rules.ff104_django_where_size_matters import RULE
from tests.factories import ev, service, unknown, yes

ALPINE = ev("Dockerfile", 1, "docker-base-alpine", "FROM python:3.12-alpine")
HINT = "Consider Flask for this service; if Django stays, record why: framefit record --reason '...'."


def test_django_in_an_alpine_image__finding() -> None:
    assert tuple(RULE.check(service("django", size=yes(ALPINE)), RULE)) == (Finding(
        rule="FF104", severity=Severity.WARNING, service=".",
        message="Django service ships where size matters: final image is an Alpine base image "
                "(Dockerfile:1)",
        hint=HINT, path="manage.py", line=8, because=(ALPINE,),
        flips_if="this verdict changes if final image is an Alpine base image (Dockerfile:1) was "
                 "not a size-limited target, or if the service needed a relational database or "
                 "user login",
    ),)


def test_unknown_login_does_not_demand_django__still_a_finding() -> None:
    found = tuple(RULE.check(service("django", size=yes(ALPINE), login=unknown()), RULE))
    assert [f.rule for f in found] == ["FF104"]


def test_near_miss__login_demands_django() -> None:
    login = ev("shop/views.py", 9, "django-login-required", "@login_required")
    assert tuple(RULE.check(service("django", size=yes(ALPINE), login=yes(login)), RULE)) == ()


def test_near_miss__size_unknown() -> None:
    assert tuple(RULE.check(service("django", size=unknown()), RULE)) == ()
