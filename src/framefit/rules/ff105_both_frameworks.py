"""FF105: one service uses both Django and Flask."""

from __future__ import annotations

from collections.abc import Iterator

from framefit.model import Finding, ServiceAnswers, Severity
from framefit.rules.base import Rule, finding, pin


def check(service: ServiceAnswers, rule: Rule) -> Iterator[Finding]:
    names = {f.name for f in service.frameworks}
    if not {"django", "flask"} <= names:
        return
    other = "flask" if service.framework == "django" else "django"
    at = pin(service, other)
    reasons = tuple(e for e in (pin(service), at) if e is not None)
    yield finding(
        rule, service,
        f"service uses both Django and Flask; {service.framework} serves the app",
        reasons,
        f"this changes if {other} ({at.location if at else 'its use'}) left the service",
        at=at,
    )


RULE = Rule(
    id="FF105",
    name="both-frameworks",
    severity=Severity.WARNING,
    title="Service uses both Django and Flask",
    rationale=(
        "Two web frameworks in one deployable double what the image carries and what the team "
        "maintains; the rule of thumb picks one per service. Split the service, or retire one."
    ),
    hint="Move the second framework's routes into the first, or split it into its own service.",
    example="manage.py with Django settings, and legacy/api.py creating Flask(__name__)",
    check=check,
)
