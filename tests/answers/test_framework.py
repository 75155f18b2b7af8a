"""Which framework serves a service (answers/framework.py), as a table: app objects first, then
imports; declarations only confirm; tests and docs never show a framework in use; equal app
objects go to the framework more of the code uses; a hand-written ASGI app only when no other."""

from __future__ import annotations

import pytest

from framefit.answers.framework import frameworks
from framefit.catalog import load
from framefit.model import Evidence

CATALOG = load()


def _e(path: str, signal: str, weight: float = 1.0) -> Evidence:
    return Evidence(path, 1, signal, signal, weight)


FLASK_APP = _e("app.py", "flask-app")
FLASK_IMPORT = _e("views.py", "import:flask")
DJANGO_IMPORT = _e("shop/views.py", "import:django")
DJANGO_PROJECT = _e("manage.py", "django-project")
FLASK_DEP = _e("requirements.txt", "dep:flask", 0.7)
DJANGO_DEP = _e("requirements.txt", "dep:django", 0.7)
FLASK_IN_TESTS = _e("tests/test_app.py", "import:flask", 0.15)


@pytest.mark.parametrize(("evidence", "serving", "used"), [
    pytest.param([FLASK_APP, FLASK_DEP], "flask", ["flask"], id="an app object"),
    pytest.param([FLASK_IMPORT], "flask", ["flask"], id="an import in app code"),
    pytest.param([FLASK_DEP], None, [], id="a declaration alone is not use"),
    pytest.param([FLASK_IN_TESTS, FLASK_DEP], None, [], id="tests never show use"),
    pytest.param([DJANGO_PROJECT, DJANGO_DEP, FLASK_IMPORT], "django", ["django", "flask"],
                 id="a project's entry point before another's import"),
    pytest.param([DJANGO_IMPORT, FLASK_APP], "flask", ["django", "flask"],
                 id="an app object before an import"),
])
def test_the_serving_framework(evidence: list[Evidence], serving: str | None, used: list[str]) -> None:
    found, uses = frameworks(evidence, CATALOG)
    assert found == serving
    assert [u.name for u in uses] == used


def test_equal_app_objects_go_to_the_framework_more_of_the_code_uses() -> None:
    evidence = [_e("a.py", "flask-app"), _e("b.py", "django-project"),
                *(_e(f"shop/v{n}.py", "import:django") for n in range(3))]
    assert frameworks(evidence, CATALOG)[0] == "django"
    evidence = [_e("a.py", "flask-app"), _e("b.py", "django-project"),
                *(_e(f"api/v{n}.py", "import:flask") for n in range(3))]
    assert frameworks(evidence, CATALOG)[0] == "flask"


def test_a_frameworks_evidence_is_listed_strongest_first_and_counts_what_it_leaves_out() -> None:
    evidence = [FLASK_DEP, *(_e(f"m{n:02}.py", "import:flask") for n in range(12)), FLASK_APP]
    _, (use,) = frameworks(evidence, CATALOG)
    assert use.evidence[0] == Evidence("app.py", 1, "flask-app", "flask-app", 1.0)
    assert len(use.evidence) == 10
    assert use.left_out == 4
