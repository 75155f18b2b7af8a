"""FF301: the service is served by a framework other than Django or Flask."""

from __future__ import annotations

from collections.abc import Iterator

from framefit.model import Finding, ServiceAnswers, Severity
from framefit.rules.base import Rule, finding, pin, unless


def check(service: ServiceAnswers, rule: Rule) -> Iterator[Finding]:
    """One note when a service is served by another framework; the tally is shown, not judged."""
    if service.framework is None or service.framework in ("django", "flask"):
        return
    at = pin(service)
    tally = f"; the tally would say {service.recommendation}" if service.recommendation else ""
    yield finding(
        rule, service,
        f"service uses {service.framework}, not Django or Flask: not judged{tally}",
        (at,) if at else (),
        unless((at,), "replaced by Django or Flask", "this note") if at
        else "this note changes once the service is served by Django or Flask",
    )


RULE = Rule(
    id="FF301",
    name="other-framework",
    severity=Severity.NOTE,
    title="Service uses a framework other than Django or Flask",
    rationale=(
        "The rule of thumb chooses between Django and Flask. A FastAPI, Pyramid or aiohttp "
        "service still gets its three answers and the tally for reference, but no mismatch is "
        "claimed: the questions do not say which of the other frameworks fits."
    ),
    hint="Nothing to do; the answers are shown for the discussion.",
    example="main.py: app = FastAPI()",
    check=check,
)
