"""Known answers from configuration applied over the answers stage: a pure step after answering.

A team records what it knows better than the code shows (`[tool.framefit.answers]` for every
service, `[[tool.framefit.services]]` for one). A configured answer replaces the value, cites the
config file and line as its evidence, keeps the code's evidence for the other side, and the
recommendation and fits are recomputed with the same tally as the answers stage.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from framefit.answers import recommend
from framefit.model import (
    JUDGED,
    Answer,
    AnswerValue,
    Confidence,
    Diagnostic,
    Question,
    ServiceAnswers,
    frozen_answers,
)

if TYPE_CHECKING:
    from framefit.config.known_answers import KnownAnswer, KnownAnswers

def apply(services: Iterable[ServiceAnswers], known: tuple[KnownAnswers, ...]
          ) -> tuple[tuple[ServiceAnswers, ...], tuple[Diagnostic, ...]]:
    """Every service with its configured answers applied, and a diagnostic for each
    `[[services]]` entry whose path is not a judged service (a typo would otherwise be silent)."""
    services = tuple(services)
    paths = {s.path for s in services}
    diagnostics = tuple(
        Diagnostic(entry.source.path, entry.source.line, "unmatched-config",
                   f'services entry path "{entry.service}" is not a service using a web framework;'
                   f" services: {', '.join(sorted(paths)) or 'none'}")
        for entry in known if entry.service is not None and entry.service not in paths
    )
    return tuple(configure(s, known) for s in services), diagnostics


def configure(service: ServiceAnswers, known: tuple[KnownAnswers, ...]) -> ServiceAnswers:
    """`service` with the answers configured for it (repo-wide first, its own entry over them)."""
    chosen: dict[Question, KnownAnswer] = {}
    for entry in sorted(known, key=lambda k: k.service is not None):
        if entry.service is None or entry.service == service.path:
            chosen.update((k.question, k) for k in entry.answers)
    if not chosen:
        return service
    answers = dict(service.answers)
    for question, item in chosen.items():
        answers[question] = configured_answer(answers[question], item)
    recommendation = recommend(answers)
    fits = (service.framework == recommendation) if service.framework in JUDGED and recommendation \
        else None
    return replace(service, answers=frozen_answers(answers), recommendation=recommendation,
                   fits=fits)


def configured_answer(found: Answer, item: KnownAnswer) -> Answer:
    """The configured value, citing the config line; the code's evidence for the other side stays."""
    reason = item.reason or "configured, no reason given"
    if item.value is AnswerValue.YES:
        return Answer(item.value, Confidence.HIGH, (item.source,), found.against, reason, item.source,
                      against_left_out=found.against_left_out)
    return Answer(item.value, Confidence.HIGH, found.evidence, (item.source,), reason, item.source,
                  evidence_left_out=found.evidence_left_out)
