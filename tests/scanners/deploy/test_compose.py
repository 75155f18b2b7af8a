"""The compose scanner: database and store images, environment URLs and names, app services."""

from __future__ import annotations

from pathlib import PurePosixPath

import pytest

from framefit.model import Diagnostic, Evidence
from framefit.scanners.base import ScanResult
from framefit.scanners.deploy import compose
from tests import harness


def scan(text: str, path: str = "docker-compose.yml") -> ScanResult:
    return harness.scan(compose, path, text)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        pytest.param("compose.yaml", True, id="compose"),
        pytest.param("deploy/docker-compose.yml", True, id="docker_compose"),
        pytest.param("docker-compose.prod.yml", True, id="variant"),
        pytest.param("compose.override.yaml", True, id="override"),
        pytest.param("composer.json", False, id="php__no"),
        pytest.param("docker-compose.md", False, id="markdown__no"),
    ],
)
def test_matches(path: str, expected: bool) -> None:
    assert compose.matches(PurePosixPath(path)) is expected


STACK = """\
services:
  web:
    build: .
    environment:
      DATABASE_URL: postgresql+psycopg://app:secret@db/app
      CACHE: redis://cache:6379/0
    depends_on: [db, cache]
  worker:
    build:
      context: ./worker
    environment:
      - MONGO_URI=${MONGO_URI}
  db:
    image: postgres:16-alpine
  admin:
    image: dpage/pgadmin4
  cache:
    image: "redis:7"
  search:
    image: docker.elastic.co/elasticsearch/elasticsearch:8.15.0
"""


def test_every_service_image_and_environment_value() -> None:
    result = scan(STACK)
    path = "docker-compose.yml"
    assert result.evidence == (
        Evidence(path, 5, "database-url-relational",
                 "DATABASE_URL: postgresql+psycopg://app:***@db/app"),
        Evidence(path, 6, "database-url-nonrelational", "CACHE: redis://cache:6379/0"),
        Evidence(path, 12, "env-store-name", "- MONGO_URI=${MONGO_URI}", about="worker"),
        Evidence(path, 14, "db-image-relational", "image: postgres:16-alpine"),
        Evidence(path, 16, "db-image-admin", "image: dpage/pgadmin4"),
        Evidence(path, 18, "db-image-nonrelational", 'image: "redis:7"'),
        Evidence(path, 20, "db-image-search",
                 "image: docker.elastic.co/elasticsearch/elasticsearch:8.15.0"),
        Evidence(path, 3, "compose-app-services", "one of 2 services built here: ., worker"),
        Evidence(path, 9, "compose-app-services", "one of 2 services built here: ., worker",
                 about="worker"),
    )
    assert result.diagnostics == ()


MONOREPO = """\
version: "2"
api:
  build: ./services/api
  links: ["db:database"]
web:
  build:
    context: services/web
  depends_on:
    db: {condition: service_healthy}
    cache: {condition: service_started}
remote:
  build: https://github.com/example/remote.git
db:
  image: postgres:16
cache:
  image: redis:7
"""


def test_a_compose_file_speaks_for_the_folders_it_builds() -> None:
    result = scan(MONOREPO)
    assert [(e.line, e.signal, e.about) for e in result.evidence] == [
        (14, "db-image-relational", "services/api"), (14, "db-image-relational", "services/web"),
        (16, "db-image-nonrelational", "services/web"),
        (3, "compose-app-services", "services/api"), (6, "compose-app-services", "services/web"),
    ]
    assert result.diagnostics == ()


def test_a_compose_file_that_builds_its_own_folder_keeps_what_runs_beside_it() -> None:
    text = ("services:\n  app:\n    build: .\n  other:\n    build: ../other\n    depends_on: [db]\n"
            "  db:\n    image: postgres:16\n")
    result = scan(text, path="app/compose.yaml")
    assert [(e.line, e.signal, e.about) for e in result.evidence] == [
        (8, "db-image-relational", ""), (3, "compose-app-services", ""),
        (5, "compose-app-services", "other")]


def test_one_build_context_is_not_a_microservice_layout() -> None:
    text = "services:\n  web:\n    build: .\n  worker:\n    build: .\n  mq:\n    image: rabbitmq:3\n"
    assert scan(text) == ScanResult()


def test_anchors_and_merge_keys_are_followed() -> None:
    text = (
        "x-db: &db\n  image: mysql:8\nservices:\n  primary:\n    <<: *db\n"
        "  replica:\n    <<: *db\n"
    )
    assert [(e.line, e.signal) for e in scan(text).evidence] == [
        (2, "db-image-relational"), (2, "db-image-relational"),
    ]


@pytest.mark.parametrize(
    ("text", "diagnostic"),
    [
        pytest.param("services:\n  web: [\n", Diagnostic(
            "docker-compose.yml", 3, "parse-error",
            "not valid YAML: did not find expected node content"), id="malformed"),
        pytest.param("- just\n- a list\n", Diagnostic(
            "docker-compose.yml", 1, "parse-error", "no services: mapping (not a compose file?)"),
            id="not_compose"),
    ],
)
def test_bad_input_is_a_diagnostic(text: str, diagnostic: Diagnostic) -> None:
    assert scan(text) == ScanResult(diagnostics=(diagnostic,))


def test_a_billion_laughs_is_not_expanded() -> None:
    """Aliases share nodes (nothing is unfolded); a document that would unfold past the work
    budget is said to be too complex, rather than handed to readers that could walk it all."""
    lines = ['a0: &a0 ["x"]'] + [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]"
                                  for i in range(1, 12)]
    text = "\n".join(lines) + "\nservices:\n  web:\n    image: postgres\n    labels: *a11\n"
    assert scan(text) == ScanResult(diagnostics=(Diagnostic(
        "docker-compose.yml", 7, "too-complex",
        "aliases and merge keys unfold this YAML past 500,000 nodes"),))


def test_shared_anchors_are_read_where_they_are_used() -> None:
    text = ("x-db: &db\n  image: postgres:16\nx-env: &env\n  CACHE: redis://cache:6379/0\n"
            "services:\n  a:\n    <<: *db\n  b:\n    <<: [*db, *db]\n    environment: *env\n")
    assert [(e.line, e.signal) for e in scan(text).evidence] == [
        (2, "db-image-relational"), (2, "db-image-relational"), (4, "database-url-nonrelational")]
