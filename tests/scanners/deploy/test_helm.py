"""Helm charts: values images and memory limits, Chart.yaml dependencies and their conditions."""

from __future__ import annotations

from functools import partial
from pathlib import PurePosixPath

import pytest

from framefit.scanners.base import ScanResult
from framefit.scanners.deploy import helm, kubernetes
from tests import harness

CHART = "apiVersion: v2\nname: shop\n"


def scan(path: str, files: dict[str, str]) -> ScanResult:
    return harness.scan(helm, path, files[path], files)


cited = partial(harness.cited, detail=True)


@pytest.mark.parametrize(("path", "expected"), [
    pytest.param("charts/shop/Chart.yaml", True, id="chart"),
    pytest.param("charts/shop/values.yaml", True, id="values"),
    pytest.param("charts/shop/values-prod.yaml", True, id="values_variant"),
    pytest.param("charts/shop/valuesets.yaml", False, id="other_name__no"),
    pytest.param("charts/shop/templates/deployment.yaml", False, id="template__no"),
])
def test_matches(path: str, expected: bool) -> None:
    assert helm.matches(PurePosixPath(path)) is expected


def test_kubernetes_leaves_helm_files_to_helm() -> None:
    assert not kubernetes.matches(PurePosixPath("deploy/chart/values.yaml"))


VALUES = """\
api:
  image:
    registry: ghcr.io
    repository: shop/api
    tag: "1.0"
  resources:
    limits: {memory: 192Mi}
worker:
  image: shop/worker:1.0
  resources:
    limits: {memory: 1Gi}
db:
  image: {repository: postgres}
legacy:
  enabled: false
  image: shop/legacy:0.9
proxy:
  image: {repository: nginx, tag: "1.27"}
"""


def test_values_images_and_limits_of_every_component() -> None:
    result = scan("chart/values.yaml", {"chart/values.yaml": VALUES, "chart/Chart.yaml": CHART})
    assert cited(result) == [
        "4 k8s-app-workload ghcr.io/shop/api",
        "7 k8s-small-memory-limit limits: {memory: 192Mi}",
        "9 k8s-app-workload shop/worker:1.0",
        "13 db-image-relational image: {repository: postgres}",
    ]
    assert result.diagnostics == ()


def test_values_of_something_that_is_not_a_chart_say_nothing() -> None:
    assert scan("config/values.yaml", {"config/values.yaml": VALUES}) == ScanResult()


def test_dependencies_that_run_next_to_the_app_unless_switched_off() -> None:
    chart = CHART + ("dependencies:\n  - name: postgresql\n    condition: postgresql.enabled\n"
                     "  - name: redis\n    condition: cache.on,redis.enabled\n  - name: common\n")
    values = "postgresql:\n  enabled: true\nredis:\n  enabled: false\n"
    result = scan("Chart.yaml", {"Chart.yaml": chart, "values.yaml": values})
    assert cited(result) == ["4 db-image-relational - name: postgresql"]
