"""Recorded decisions set beside the answers: how each stands against what the code shows now.

A pure step after the configured answers. Each service with a decision gets it back with its
`changes` (the recorded answers that differ now) and its `state`:

- `outdated` when the service no longer uses the recorded framework;
- `drifted` when an answer became yes since it was recorded (no or unknown then) and the
  framework does not fit now: the service demands something the decision did not weigh;
- `holds` otherwise, also when an answer moved the other way (yes to no): the service demands
  less than when the team decided, so the decision still covers it.

A decision whose service is not a service framefit found is an `unmatched-config` diagnostic.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from framefit.model import AnswerChange, Decision, DecisionState, Diagnostic, ServiceAnswers

if TYPE_CHECKING:
    from framefit.config.decisions import ServiceDecision


def apply(services: Iterable[ServiceAnswers], decisions: tuple[ServiceDecision, ...]
          ) -> tuple[tuple[ServiceAnswers, ...], tuple[Diagnostic, ...]]:
    """Every service with its decision compared, and a diagnostic for each decision whose
    `service` is not a judged service (a renamed or removed service would otherwise be silent)."""
    services = tuple(services)
    paths = {s.path for s in services}
    diagnostics = tuple(
        Diagnostic(d.decision.source.path, d.decision.source.line, "unmatched-config",
                   f'decision for service "{d.service}": not a service using a web framework;'
                   f" services: {', '.join(sorted(paths)) or 'none'}")
        for d in decisions if d.service not in paths
    )
    chosen = {d.service: d.decision for d in decisions}
    return tuple(compare(s, chosen[s.path]) if s.path in chosen else s for s in services), diagnostics


def compare(service: ServiceAnswers, decision: Decision) -> ServiceAnswers:
    """`service` carrying `decision`, with its changes since it was recorded and its state."""
    changes = tuple(AnswerChange(question, value, service.answer(question).value)
                    for question, value in decision.answers
                    if service.answer(question).value is not value)
    if service.framework != decision.framework:
        state = DecisionState.OUTDATED
    elif service.fits is False and any(c.gained for c in changes):
        state = DecisionState.DRIFTED
    else:
        state = DecisionState.HOLDS
    return replace(service, decision=replace(decision, state=state, changes=changes))
