"""FF106: an answer a recorded decision rested on has become yes since it was recorded."""

from __future__ import annotations

from collections.abc import Iterator

from framefit.model import DecisionState, Finding, ServiceAnswers, Severity
from framefit.rules.base import Rule, because, cite, finding, unless


def check(service: ServiceAnswers, rule: Rule) -> Iterator[Finding]:
    """One finding per recorded answer that became yes (from no or unknown) when the decision
    has drifted (answers/decisions.py); it rests on that answer's evidence now."""
    decision = service.decision
    if decision is None or decision.state is not DecisionState.DRIFTED:
        return
    for change in decision.changes:
        if not change.gained:
            continue
        reasons = because(service.answer(change.question))
        yield finding(
            rule, service,
            f"{change.question.value} was {change.recorded.value} when {decision.framework} was "
            f"decided on {decision.recorded}, now yes: {cite(reasons[:1])}",
            reasons,
            unless(reasons) + f", or once the decision ({decision.source.location}) is recorded again",
        )


RULE = Rule(
    id="FF106",
    name="decision-drift",
    severity=Severity.ERROR,
    title="An answer a recorded decision rested on has changed",
    rationale=(
        "A recorded decision (`framefit record`) accepts a mismatch for the answers the team "
        "weighed when it decided. When one of them becomes yes since (the service gained a "
        "relational database, user login or a size-constrained deployment) and the framework "
        "does not fit, the ground of the decision has moved: the moment to reopen the "
        "discussion. While this finding stands, the decision accepts nothing, so the mismatch "
        "findings count again. An answer that moved the other way (yes to no) asks less of the "
        "framework and leaves the decision standing."
    ),
    hint="Reopen the discussion; if the framework stays, record it again: framefit record --reason '...'.",
    example='decision: flask, user_login = "no", recorded 2026-12-01; now app/auth.py: login_user(user)',
    check=check,
)
