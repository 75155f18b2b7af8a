"""FF303: a recorded decision keeps a framework the service no longer uses."""

from __future__ import annotations

from collections.abc import Iterator

from framefit.model import DecisionState, Finding, ServiceAnswers, Severity
from framefit.rules.base import Rule, finding, pin


def check(service: ServiceAnswers, rule: Rule) -> Iterator[Finding]:
    """One note when the service's decision is outdated (answers/decisions.py): it names the
    recorded framework and rests on the line that creates the one in use."""
    decision = service.decision
    if decision is None or decision.state is not DecisionState.OUTDATED:
        return
    used = pin(service)
    reasons = (used, decision.source) if used else (decision.source,)
    yield finding(
        rule, service,
        f"the decision of {decision.recorded} keeps {decision.framework}, but the service uses "
        f"{service.framework} now",
        reasons,
        f"this note goes once the decision ({decision.source.location}) is recorded again or removed",
    )


RULE = Rule(
    id="FF303",
    name="decision-outdated",
    severity=Severity.NOTE,
    title="A recorded decision keeps a framework the service no longer uses",
    rationale=(
        "A recorded decision names the framework the team chose to keep. Once the service uses "
        "another one (a migration happened), the decision speaks about code that is gone: it "
        "accepts nothing and is never compared, so the team records the new choice, or removes "
        "the entry, to have its answers watched again."
    ),
    hint="Record the decision again for the framework in use (framefit record), or remove the entry.",
    example="decision: flask, recorded 2026-12-01; the service now has manage.py and Django settings",
    check=check,
)
