"""The Kubernetes scanner: memory limits, Knative services, database images, env values."""

from __future__ import annotations

from functools import partial
from pathlib import PurePosixPath

import pytest

from framefit.model import Diagnostic
from framefit.scanners.base import ScanResult
from framefit.scanners.deploy import kubernetes
from tests import harness


def scan(text: str, path: str = "k8s/app.yaml") -> ScanResult:
    return harness.scan(kubernetes, path, text)


cited = partial(harness.cited, path=True)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        pytest.param("k8s/web.yaml", True, id="k8s"),
        pytest.param("deploy/kubernetes/api.yml", True, id="nested"),
        pytest.param("charts/web/templates/deployment.yaml", False, id="helm__no"),
        pytest.param("config/settings.yaml", False, id="elsewhere__no"),
        pytest.param("k8s/README.md", False, id="not_yaml__no"),
        pytest.param("deploy/docker-compose.yml", False, id="compose_in_deploy__no"),
    ],
)
def test_matches(path: str, expected: bool) -> None:
    assert kubernetes.matches(PurePosixPath(path)) is expected


MANIFESTS = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  template:
    spec:
      containers:
        - name: api
          image: registry.example.com/api:1.4
          env:
            - name: DATABASE_URL
              value: postgresql://api@db/api
          resources:
            limits:
              memory: 128Mi
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  template:
    spec:
      containers:
        - name: db
          image: postgres:16
          resources:
            limits:
              memory: "2147483648"
---
apiVersion: serving.knative.dev/v1
kind: Service
metadata: {name: hello}
spec:
  template:
    spec:
      containers:
        - image: gcr.io/p/hello
          resources:
            limits: {memory: 256M}
---
apiVersion: v1
kind: Service
metadata: {name: plain}
"""


def test_every_document() -> None:
    result = scan(MANIFESTS)
    assert cited(result) == [
        "k8s/app.yaml:9 k8s-app-workload",
        "k8s/app.yaml:12 database-url-relational",
        "k8s/app.yaml:15 k8s-small-memory-limit",
        "k8s/app.yaml:25 db-image-relational",
        "k8s/app.yaml:31 knative-service",
        "k8s/app.yaml:37 k8s-app-workload",
        "k8s/app.yaml:39 k8s-small-memory-limit",
    ]
    workloads = [e.detail for e in result.evidence if e.signal == "k8s-app-workload"]
    assert workloads == ["registry.example.com/api:1.4", "gcr.io/p/hello"]


def test_an_official_image_is_no_app_workload() -> None:
    text = ("apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - image: nginx:1.27\n"
            "    - image: docker.io/library/busybox\n    - image: docker.io/shop/api:1\n")
    assert cited(scan(text)) == ["k8s/app.yaml:7 k8s-app-workload"]


def test_an_app_image_is_one_workload_per_file() -> None:
    text = ("apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - image: shop/api:2\n---\n"
            "apiVersion: batch/v1\nkind: Job\nspec:\n  template:\n    spec:\n      containers:\n"
            "        - image: shop/api:2\n        - image: shop/mailer:2\n")
    assert cited(scan(text)) == ["k8s/app.yaml:5 k8s-app-workload", "k8s/app.yaml:14 k8s-app-workload"]


def test_not_kubernetes_and_malformed() -> None:
    assert scan("name: just config\n") == ScanResult()
    assert scan("kind: Deployment\napiVersion: [\n").diagnostics == (
        Diagnostic("k8s/app.yaml", 3, "parse-error",
                   "not valid YAML: did not find expected node content"),
    )
