"""How much an observation counts, by the role of its file and how it was observed: in one place."""

from __future__ import annotations

from framefit.model import Dependency, Evidence, Role

# Code that runs in production counts fully; tests, docs and examples show little about the app.
ROLE_WEIGHT: dict[Role, float] = {
    Role.APP: 1.0,
    Role.MIGRATION: 1.0,
    Role.SCRIPT: 0.5,
    Role.VENDORED: 0.3,
    Role.TEST: 0.15,
    Role.DOCS: 0.15,
    Role.EXAMPLE: 0.15,
}

# Declared is weaker than used: a runtime dependency that no code imports is 0.7 of an import.
GROUP_WEIGHT: dict[str, float] = {
    "runtime": 0.7,
    "lock": 0.35,
    "dev": 0.15,
    "test": 0.15,
    "docs": 0.1,
    "build": 0.0,
}
OTHER_GROUP_WEIGHT = 0.5  # optional:<extra>, group:<name>

YES_AT = 0.5  # an answer is yes when its strongest evidence reaches this
HIGH_AT = 0.8  # ... and of high confidence from here


def group_weight(group: str) -> float:
    return GROUP_WEIGHT.get(group, OTHER_GROUP_WEIGHT)


def dependency_evidence(dep: Dependency, role: Role) -> Evidence:
    """A declared dependency as evidence `dep:<name>`, weighted by its group and file's role."""
    weight = group_weight(dep.group) * ROLE_WEIGHT[role]
    return Evidence(dep.path, dep.line, f"dep:{dep.name}", dep.detail, weight)


def by_role(evidence: Evidence, role: Role) -> Evidence:
    return Evidence(evidence.path, evidence.line, evidence.signal, evidence.detail,
                    evidence.weight * ROLE_WEIGHT[role])
