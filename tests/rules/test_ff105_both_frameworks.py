"""FF105 both-frameworks: one service uses Django and Flask."""

from __future__ import annotations

from framefit.model import Finding, Severity
from framefit.rules.ff105_both_frameworks import RULE
from tests.factories import FRAMEWORK_LINE, service


def test_django_serving_with_flask_beside__shown_at_flask() -> None:
    found = tuple(RULE.check(service("django", also=("flask",)), RULE))
    assert found == (Finding(
        rule="FF105", severity=Severity.WARNING, service=".",
        message="service uses both Django and Flask; django serves the app",
        hint="Move the second framework's routes into the first, or split it into its own service.",
        path="app.py", line=3, because=(FRAMEWORK_LINE["django"], FRAMEWORK_LINE["flask"]),
        flips_if="this verdict changes if Flask application object (app.py:3) was gone from the "
                 "service",
    ),)


def test_near_miss__flask_with_fastapi() -> None:
    assert tuple(RULE.check(service("flask", also=("fastapi",)), RULE)) == ()
