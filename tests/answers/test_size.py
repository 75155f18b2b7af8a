"""The container-size answer: measured footprints in the reason, counterparts, limits, fleets."""

from __future__ import annotations

from dataclasses import replace

import pytest

from framefit.answers import ServiceFacts, answer_services
from framefit.answers.question import answer
from framefit.answers.size import (
    counterpart,
    declared,
    fleet_evidence,
    footprint_note,
    size_answer,
    stack_bytes,
)
from framefit.catalog import Catalog, load
from framefit.catalog.views import Views
from framefit.model import Answer, AnswerValue, Confidence, Evidence, Question

MB = 1024 * 1024
MEASURED = {
    "flask": {"layer_bytes": 5 * MB, "requires": ["werkzeug"]},
    "werkzeug": {"layer_bytes": 2 * MB, "requires": []},
    "django": {"layer_bytes": 35 * MB, "requires": ["asgiref"]},
    "asgiref": {"layer_bytes": 1 * MB, "requires": []},
    "flask-sqlalchemy": {"layer_bytes": 1 * MB, "requires": ["flask", "sqlalchemy"]},
    "sqlalchemy": {"layer_bytes": 27 * MB, "requires": []},
    "psycopg2-binary": {"layer_bytes": 12 * MB, "requires": []},
}
META = {"python": "3.11.7", "date": "2026-11-24"}


@pytest.fixture
def catalog() -> Catalog:
    real = load()
    tables = {**real.tables, "footprint": {"meta": META, "distributions": MEASURED}}
    return replace(real, tables=tables, views=Views.of(tables))


def answers(relational: AnswerValue = AnswerValue.NO,
            login: AnswerValue = AnswerValue.NO) -> dict[Question, Answer]:
    return {Question.RELATIONAL_DATABASE: Answer(relational, Confidence.HIGH),
            Question.USER_LOGIN: Answer(login, Confidence.HIGH)}


def dep(name: str, line: int = 1) -> Evidence:
    return Evidence("requirements.txt", line, f"dep:{name}", name, 0.7)


def test_stack_bytes_is_the_dependency_closure_of_measured_names() -> None:
    measured = Views.of({"footprint": {"distributions": MEASURED}}).footprints.distributions
    assert stack_bytes(["flask", "redis"], measured) == 7 * MB
    assert stack_bytes(["flask-sqlalchemy", "flask"], measured) == 35 * MB


def test_declared_reads_deps_and_imports(catalog: Catalog) -> None:
    evidence = [dep("flask"), Evidence("app.py", 2, "import:psycopg2", "import psycopg2"),
                Evidence("app.py", 3, "flask-app", "Flask(__name__)")]
    assert declared(evidence, catalog) == {"flask", "psycopg2"}


@pytest.mark.parametrize(
    ("own", "framework", "said", "expected"),
    [
        pytest.param(["flask", "flask-sqlalchemy", "psycopg2-binary"], "flask", answers(AnswerValue.YES),
                     ["django", "psycopg2-binary"], id="flask_orm__django_and_driver"),
        pytest.param(["django", "psycopg2-binary"], "django", answers(AnswerValue.YES),
                     ["flask", "flask-sqlalchemy", "psycopg2-binary"], id="django_db__flask_orm"),
        pytest.param(["django"], "django", answers(login=AnswerValue.YES),
                     ["flask", "flask-login"], id="django_login__flask_login"),
        pytest.param(["fastapi"], "fastapi", answers(), [], id="other_framework__none"),
        pytest.param(["psycopg2-binary"], "flask", answers(), [], id="framework_not_declared__none"),
    ],
)
def test_counterpart(own: list[str], framework: str, said: dict[Question, Answer],
                     expected: list[str], catalog: Catalog) -> None:
    assert counterpart(own, framework, said, catalog) == expected


def test_flask_with_an_orm_and_a_driver_nearly_closes_the_gap(catalog: Catalog) -> None:
    evidence = [dep("flask"), dep("flask-sqlalchemy", 2), dep("psycopg2-binary", 3)]
    assert footprint_note(evidence, catalog, "flask", answers(AnswerValue.YES)) == (
        "its stack (flask + flask-sqlalchemy + psycopg2-binary) adds 47.0 MB to an image; "
        "on django + psycopg2-binary: 48.0 MB; the gap nearly vanishes (1.0 MB) "
        "(measured: Python 3.11.7, 2026-11-24, tar estimate with .pyc)"
    )


def test_serverless_django_is_compared_with_the_lambda_limit(catalog: Catalog) -> None:
    evidence = [dep("django"), Evidence("serverless.yml", 3, "serverless-aws-lambda", "name: aws")]
    result = size_answer(evidence, catalog, "django", answers())
    assert result.value is AnswerValue.YES
    assert result.reason == (
        "Serverless Framework deploys to AWS Lambda; its stack (django) adds 36.0 MB to an image; "
        "on flask: 7.0 MB; AWS Lambda allows 250 MB unzipped, layers included: the stack uses 14% of it "
        "(measured: Python 3.11.7, 2026-11-24, tar estimate with .pyc)"
    )


def test_configured_budget_hook(catalog: Catalog) -> None:
    budget = Evidence("pyproject.toml", 12, "size-budget", "size-budget = 20 MB")
    result = size_answer([dep("flask"), budget], catalog, "flask", answers())
    assert (result.value, result.confidence) == (AnswerValue.YES, Confidence.HIGH)
    assert result.reason.endswith(
        "on django: 36.0 MB; the configured budget is 20 MB: the stack uses 35% of it "
        "(measured: Python 3.11.7, 2026-11-24, tar estimate with .pyc)")


def test_nothing_measured_leaves_the_plain_answer(catalog: Catalog) -> None:
    evidence = [dep("redis"), Evidence("Dockerfile", 1, "docker-base-full", "FROM python:3.12")]
    plain = answer(Question.CONTAINER_SIZE, evidence, catalog, absence_means_no=False)
    assert size_answer(evidence, catalog, "flask", answers()) == plain
    assert plain.value is AnswerValue.NO


def _service(path: str, framework_line: int | None) -> tuple[str, tuple[Evidence, ...]]:
    items = [Evidence(f"{path}/requirements.txt", 1, "dep:flask", "flask", 0.7)]
    if framework_line is not None:
        items.append(Evidence(f"{path}/app.py", framework_line, "flask-app", "Flask(__name__)"))
    return path, tuple(items)


def test_three_web_services_make_a_fleet(catalog: Catalog) -> None:
    services = [_service("a", 3), _service("b", 4), _service("c", 5), _service("lib", None)]
    found = fleet_evidence(services, catalog)
    detail = "3 web services in this repository: a, b, c"
    assert found == {
        "a": (Evidence("a/app.py", 3, "repo-many-services", detail),),
        "b": (Evidence("b/app.py", 4, "repo-many-services", detail),),
        "c": (Evidence("c/app.py", 5, "repo-many-services", detail),),
    }


def test_two_web_services_are_not_a_fleet(catalog: Catalog) -> None:
    assert fleet_evidence([_service("a", 3), _service("b", 4)], catalog) == {}


def test_answer_services_adds_the_fleet_to_each_service(catalog: Catalog) -> None:
    facts = [ServiceFacts(path, items) for path, items in
             (_service("a", 3), _service("b", 4), _service("c", 5))]
    result = answer_services(facts, catalog)
    sizes = [s.answer(Question.CONTAINER_SIZE) for s in result]
    assert [(a.value, a.confidence) for a in sizes] == [(AnswerValue.YES, Confidence.MEDIUM)] * 3
    assert [e.location for e in sizes[1].evidence] == ["b/app.py:4"]


def test_the_committed_footprint_holds_the_measured_stacks() -> None:
    table = load().table("footprint")
    stacks, dists = table["stacks"], table["distributions"]
    assert isinstance(stacks, dict)
    assert isinstance(dists, dict)
    assert {"flask", "django", "fastapi", "flask-sqlalchemy-login-psycopg2", "django-psycopg2",
            "django-drf"} <= stacks.keys()
    for name, row in stacks.items():
        closure = stack_bytes(row["requirements"], load().views.footprints.distributions)
        assert abs(closure - row["layer_bytes"]) < 0.01 * row["layer_bytes"], name
    assert {"date", "python", "pip", "method"} <= table["meta"].keys()


def _workload(path: str, line: int, image: str, weight: float = 1.0) -> Evidence:
    return Evidence(path, line, "k8s-app-workload", image, weight)


def test_kubernetes_images_make_a_fleet_of_the_services_below_their_manifests(catalog: Catalog) -> None:
    services = [(".", (_workload("k8s/api.yaml", 9, "shop/api:1"), _workload("k8s/web.yaml", 9, "shop/web:1"),
                       _workload("k8s/jobs.yaml", 12, "Shop/api@sha256:0a"))),
                _service("api", 3), _service("tools", None)]
    detail = "one of 2 app images deployed to Kubernetes: shop/api, shop/web"
    assert fleet_evidence(services, catalog) == {
        "api": (Evidence("k8s/api.yaml", 9, "repo-many-services", detail),),
    }


def test_the_nearest_manifests_cite_the_fleet_and_weigh_as_they_do(catalog: Catalog) -> None:
    a, b = _service("svc/a", 3), _service("svc/b", 4)
    services = [(a[0], (*a[1], _workload("svc/a/k8s.yaml", 5, "a:1", 0.15))),
                (b[0], (*b[1], _workload("svc/b/k8s.yaml", 7, "b:1")))]
    found = fleet_evidence(services, catalog)
    assert [(p, e.location, e.weight) for p, (e,) in sorted(found.items())] == [
        ("svc/a", "svc/a/k8s.yaml:5", 0.15), ("svc/b", "svc/b/k8s.yaml:7", 1.0)]


def test_one_app_image_is_not_a_fleet(catalog: Catalog) -> None:
    services = [(".", (_workload("k8s/a.yaml", 9, "shop/api:1"), _workload("k8s/b.yaml", 3, "shop/api:1"))),
                _service("api", 3)]
    assert fleet_evidence(services, catalog) == {}
