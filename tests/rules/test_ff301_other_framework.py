"""FF301 other-framework: a service served by neither Django nor Flask is noted, not judged."""

from __future__ import annotations

from framefit.model import Finding, Severity
from framefit.rules.ff301_other_framework import RULE
from tests.factories import FRAMEWORK_LINE, service


def test_fastapi__note_with_the_tally() -> None:
    assert tuple(RULE.check(service("fastapi"), RULE)) == (Finding(
        rule="FF301", severity=Severity.NOTE, service=".",
        message="service uses fastapi, not Django or Flask: not judged; the tally would say flask",
        hint="Nothing to do; the answers are shown for the discussion.",
        path="main.py", line=3, because=(FRAMEWORK_LINE["fastapi"],),
        flips_if="this note changes if FastAPI application object (main.py:3) was replaced by "
                 "Django or Flask",
    ),)


def test_near_miss__flask() -> None:
    assert tuple(RULE.check(service("flask"), RULE)) == ()
