"""The rules, in the order they run, and their selection."""

from __future__ import annotations

from collections.abc import Iterable

from framefit.model import Finding, ServiceAnswers
from framefit.rules import (
    ff101_flask_needs_database,
    ff102_flask_has_user_login,
    ff103_django_needs_neither,
    ff104_django_where_size_matters,
    ff105_both_frameworks,
    ff106_decision_drift,
    ff201_answer_unknown,
    ff301_other_framework,
    ff302_size_leans_flask,
    ff303_decision_outdated,
)
from framefit.rules.base import Rule

RULES: tuple[Rule, ...] = (
    ff101_flask_needs_database.RULE,
    ff102_flask_has_user_login.RULE,
    ff103_django_needs_neither.RULE,
    ff104_django_where_size_matters.RULE,
    ff105_both_frameworks.RULE,
    ff106_decision_drift.RULE,
    ff201_answer_unknown.RULE,
    ff301_other_framework.RULE,
    ff302_size_leans_flask.RULE,
    ff303_decision_outdated.RULE,
)
RETIRED: tuple[str, ...] = ()


def by_id(rule_id: str) -> Rule | None:
    return next((r for r in RULES if r.id == rule_id.upper()), None)


def run(services: Iterable[ServiceAnswers], rules: Iterable[Rule] = RULES) -> tuple[Finding, ...]:
    """Every finding of `rules` over `services`."""
    chosen = tuple(rules)
    return tuple(f for s in services for rule in chosen for f in rule.check(s, rule))
