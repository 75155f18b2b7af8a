"""How much an observation counts, by the role of its file and how it was observed: in one place."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from framefit.catalog import Catalog
from framefit.model import Dependency, Evidence, Role

# Code that runs in production counts fully; tests, docs and examples show little about the app,
# and neither does the infrastructure around it: a database in a dev container or a CI job is the
# developers' (a local-development override shows a little more: what the app is run against).
ROLE_WEIGHT: dict[Role, float] = {
    Role.APP: 1.0,
    Role.MIGRATION: 1.0,
    Role.SCRIPT: 0.5,
    Role.VENDORED: 0.3,
    Role.LOCAL_DEV: 0.3,
    Role.TEST: 0.15,
    Role.DOCS: 0.15,
    Role.EXAMPLE: 0.15,
    Role.DEV_CONTAINER: 0.15,
    Role.CI: 0.15,
    Role.TOOLING: 0.15,
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
# optional:<extra>, group:<name>: below YES_AT, so an optional extra alone never answers yes.
OTHER_GROUP_WEIGHT = 0.4

YES_AT = 0.5  # an answer is yes when its strongest evidence reaches this
HIGH_AT = 0.8  # ... and of high confidence from here


def group_weight(group: str) -> float:
    return GROUP_WEIGHT.get(group, OTHER_GROUP_WEIGHT)


def dependency_evidence(dep: Dependency, role: Role) -> Evidence:
    """A declared dependency as evidence `dep:<name>`, weighted by its group and file's role."""
    weight = group_weight(dep.group) * ROLE_WEIGHT[role]
    return Evidence(dep.path, dep.line, f"dep:{dep.name}", dep.detail, weight, dep.group, dep.about)


def serving_extra(evidence: Sequence[Evidence], framework: str | None,
                  catalog: Catalog) -> tuple[Evidence, ...]:
    """The extra that installs the serving framework is the web service itself: its
    dependencies weigh as runtime ones.

    A tool whose web UI ships as `pip install tool[web]` declares the framework and what the
    web service needs (its login library) only under that extra; for the service framefit
    judges, which that framework serves, those are not optional.
    """
    extras = _framework_extras(evidence, framework, catalog)
    if not framework or not extras or _declared_at_runtime(evidence, framework, catalog):
        return tuple(evidence)
    factor = GROUP_WEIGHT["runtime"] / OTHER_GROUP_WEIGHT
    return tuple(replace(e, weight=e.weight * factor) if e.group in extras else e for e in evidence)


def _framework_extras(evidence: Sequence[Evidence], framework: str | None,
                      catalog: Catalog) -> set[str]:
    """The optional extras (groups) that declare `framework`."""
    return {
        e.group for e in evidence
        if e.signal.startswith("dep:") and e.group.startswith("optional:")
        and (entry := catalog.lookup(e.signal)) is not None and entry.framework == framework
    }


def _declared_at_runtime(evidence: Sequence[Evidence], framework: str, catalog: Catalog) -> bool:
    return any(e.signal.startswith("dep:") and e.weight > OTHER_GROUP_WEIGHT
               and (entry := catalog.lookup(e.signal)) is not None and entry.framework == framework
               for e in evidence)


def cap_optional_imports(evidence: Sequence[Evidence], catalog: Catalog) -> tuple[Evidence, ...]:
    """Code that needs a library the service declares only as an optional extra counts as optional.

    A module importing a distribution that appears only under extras (an exporter plugin that
    imports psycopg) runs only when that extra is installed: everything it shows weighs at most
    what the extra does, so it never answers yes alone. Only an extra makes a library optional:
    one declared in a dev or test freeze, a dependency group or only a lock file is installed
    wherever the code is worked on, and the code that imports it says where it runs (its role).
    The module that builds the app object is never optional: it runs whenever the app does.
    Imports of runtime or undeclared libraries are left as they are.
    """
    optional_files = _optional_files(evidence, catalog)
    if not optional_files:
        return tuple(evidence)
    return tuple(
        replace(item, weight=OTHER_GROUP_WEIGHT)
        if item.path in optional_files and item.weight > OTHER_GROUP_WEIGHT
        and not item.signal.startswith("dep:") else item
        for item in evidence
    )


def _optional_files(evidence: Sequence[Evidence], catalog: Catalog) -> set[str]:
    """The modules importing a library declared only as an optional extra, but those building
    the app object."""
    optional = _optional_only(evidence)
    serving = {item.path for item in evidence if _builds_app(item, catalog)}
    return {
        item.path for item in evidence
        if item.signal.startswith("import:") and item.path not in serving
        and (entry := catalog.lookup(item.signal)) is not None and entry.id in optional
    }


def _optional_only(evidence: Sequence[Evidence]) -> set[str]:
    """The libraries declared under an optional extra and nowhere at runtime weight."""
    extra: set[str] = set()
    runtime: set[str] = set()
    for item in evidence:
        if item.signal.startswith("dep:"):
            if item.group.startswith("optional:"):
                extra.add(item.signal[4:])
            if item.weight > OTHER_GROUP_WEIGHT:
                runtime.add(item.signal[4:])
    return extra - runtime


def _builds_app(item: Evidence, catalog: Catalog) -> bool:
    """Evidence of an app object (not an import or a declaration of its framework)."""
    if item.signal.startswith(("import:", "dep:")):
        return False
    entry = catalog.lookup(item.signal)
    return entry is not None and entry.framework is not None


def by_role(evidence: Evidence, role: Role, catalog: Catalog) -> Evidence:
    """Evidence weighed by its file's role, unless its signal is a statement that weighs the
    same anywhere (catalog `any_role`: how the project ships, said in its documentation)."""
    factor = 1.0 if catalog.any_role(evidence.signal) else ROLE_WEIGHT[role]
    return replace(evidence, weight=evidence.weight * factor)


def weighted(evidence: Iterable[Evidence], dependencies: Iterable[Dependency], role: Role,
             roles: Mapping[str, Role], catalog: Catalog) -> list[Evidence]:
    """One file's scan result as weighted evidence: by the role of the file each observation is
    in (`roles`, else `role`), and its declared dependencies as `dep:` evidence."""
    out = [by_role(e, roles.get(e.path, role), catalog) for e in evidence]
    out.extend(dependency_evidence(d, roles.get(d.path, role)) for d in sorted(set(dependencies)))
    return out
