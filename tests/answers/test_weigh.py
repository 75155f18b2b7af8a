"""How much an observation counts (answers/weigh.py), as tables: by its file's role, by the group
that declares a dependency, and the caps for code that needs an optional extra."""

from __future__ import annotations

import pytest

from framefit.answers.weigh import (
    GROUP_WEIGHT,
    OTHER_GROUP_WEIGHT,
    ROLE_WEIGHT,
    by_role,
    cap_optional_imports,
    dependency_evidence,
    group_weight,
)
from framefit.catalog import load
from framefit.model import Dependency, Evidence, Role

CATALOG = load()


@pytest.mark.parametrize(("group", "weight"), [
    ("runtime", 0.7), ("lock", 0.35), ("dev", 0.15), ("test", 0.15), ("docs", 0.1), ("build", 0.0),
    ("optional:postgres", OTHER_GROUP_WEIGHT), ("group:lint", OTHER_GROUP_WEIGHT),
])
def test_a_declaration_weighs_by_its_group(group: str, weight: float) -> None:
    assert group_weight(group) == weight


@pytest.mark.parametrize(("group", "role", "weight"), [
    ("runtime", Role.APP, 0.7),
    ("runtime", Role.TEST, 0.7 * 0.15),  # requirements/test.txt's runtime group
    ("lock", Role.APP, 0.35),
    ("optional:web", Role.APP, 0.4),
    ("runtime", Role.LOCAL_DEV, 0.7 * 0.3),
])
def test_a_dependency_is_evidence_weighted_by_group_and_role(group: str, role: Role, weight: float) -> None:
    dep = Dependency("requirements.txt", 3, "psycopg2", "psycopg2", group)
    found = dependency_evidence(dep, role)
    assert (found.signal, found.line, found.group) == ("dep:psycopg2", 3, group)
    assert found.weight == pytest.approx(weight)


@pytest.mark.parametrize(("role", "factor"), sorted(ROLE_WEIGHT.items()))
def test_code_weighs_by_its_files_role(role: Role, factor: float) -> None:
    item = Evidence("m.py", 1, "import:psycopg2", "import psycopg2", 1.0)
    assert by_role(item, role, CATALOG).weight == factor


def test_every_role_has_a_weight_and_only_app_code_and_migrations_count_fully() -> None:
    assert set(ROLE_WEIGHT) == set(Role)
    assert {r for r, w in ROLE_WEIGHT.items() if w == 1.0} == {Role.APP, Role.MIGRATION}
    assert set(GROUP_WEIGHT) == {"runtime", "lock", "dev", "test", "docs", "build"}


def _dep(name: str, group: str, weight: float) -> Evidence:
    return Evidence("pyproject.toml", 5, f"dep:{name}", name, weight, group)


IMPORT = Evidence("plugins/export.py", 1, "import:psycopg", "import psycopg", 1.0)
CONNECT = Evidence("plugins/export.py", 4, "sql-driver-connect", "psycopg.connect(url)", 1.0)
APP = Evidence("plugins/export.py", 9, "flask-app", "app = Flask(__name__)", 1.0)


@pytest.mark.parametrize(("declared", "observed", "weights"), [
    # declared only under an extra: the module that needs it weighs as the extra does
    ([_dep("psycopg", "optional:postgres", 0.4)], [IMPORT, CONNECT], [0.4, 0.4]),
    # declared at runtime too: nothing is capped
    ([_dep("psycopg", "optional:postgres", 0.4), _dep("psycopg", "runtime", 0.7)], [IMPORT, CONNECT],
     [1.0, 1.0]),
    # a dev freeze, a dependency group or a lock file caps nothing: the code says where it runs
    ([_dep("psycopg", "dev", 0.15)], [IMPORT, CONNECT], [1.0, 1.0]),
    ([_dep("psycopg", "group:db", 0.4)], [IMPORT, CONNECT], [1.0, 1.0]),
    ([_dep("psycopg", "lock", 0.35)], [IMPORT, CONNECT], [1.0, 1.0]),
    # the module that builds the app object runs whenever the app does
    ([_dep("psycopg", "optional:postgres", 0.4)], [IMPORT, CONNECT, APP], [1.0, 1.0, 1.0]),
    # not declared at all: left as it is
    ([], [IMPORT, CONNECT], [1.0, 1.0]),
])
def test_code_needing_an_optional_extra_weighs_as_the_extra(
        declared: list[Evidence], observed: list[Evidence], weights: list[float]) -> None:
    capped = cap_optional_imports([*declared, *observed], CATALOG)
    assert [e.weight for e in capped[len(declared):]] == weights
    assert list(capped[:len(declared)]) == declared  # declarations keep their own weight
