"""The platforms scanner: App Engine, DigitalOcean, Render, Fly.io, Heroku app.json and Procfile."""

from __future__ import annotations

from functools import partial
from pathlib import PurePosixPath

import pytest

from framefit.model import Diagnostic, Evidence
from framefit.scanners.base import ScanResult
from framefit.scanners.deploy import platforms
from tests import harness


def scan(path: str, text: str) -> ScanResult:
    return harness.scan(platforms, path, text)


cited = partial(harness.cited, path=True)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        pytest.param("app.yaml", True, id="appengine"),
        pytest.param(".do/app.yaml", True, id="do"),
        pytest.param(".do/deploy.template.yaml", True, id="do_template"),
        pytest.param("deploy.template.yaml", False, id="template_outside_do__no"),
        pytest.param("render.yaml", True, id="render"),
        pytest.param("fly.toml", True, id="fly"),
        pytest.param("app.json", True, id="heroku"),
        pytest.param("Procfile", True, id="procfile"),
        pytest.param("Procfile.dev", False, id="procfile_dev__no"),
    ],
)
def test_matches(path: str, expected: bool) -> None:
    assert platforms.matches(PurePosixPath(path)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("runtime: python312\nbeta_settings:\n  cloud_sql_instances: p:r:db\n",
                     ["app.yaml:1 app-engine-standard", "app.yaml:3 gcp-cloud-sql"], id="standard"),
        pytest.param("runtime: python\nenv: flex\n", ["app.yaml:1 paas-vm"], id="flex"),
        pytest.param("runtime: nodejs20\n", [], id="not_python"),
    ],
)
def test_app_engine(text: str, expected: list[str]) -> None:
    assert cited(scan("app.yaml", text)) == expected


DO_TEMPLATE = """\
spec:
  name: shop
  services:
    - name: web
      environment_slug: python
      envs:
        - key: DATABASE_URL
          value: ${db.DATABASE_URL}
  databases:
    - name: db
      engine: PG
    - name: cache
      engine: VALKEY
  functions:
    - name: hooks
"""


def test_digitalocean_template_databases_and_functions() -> None:
    assert cited(scan(".do/deploy.template.yaml", DO_TEMPLATE)) == [
        ".do/deploy.template.yaml:11 platform-database-relational",
        ".do/deploy.template.yaml:13 platform-store-nonrelational",
        ".do/deploy.template.yaml:15 do-functions",
    ]


RENDER = """\
services:
  - type: web
    name: shop
    runtime: python
    envVars:
      - key: DATABASE_URL
        fromDatabase: {name: shopdb, property: connectionString}
  - type: keyvalue
    name: cache
databases:
  - name: shopdb
"""


def test_render_blueprint() -> None:
    assert cited(scan("render.yaml", RENDER)) == [
        "render.yaml:11 platform-database-relational",
        "render.yaml:4 paas-vm",
        "render.yaml:8 platform-store-nonrelational",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param('app = "shop"\n\n[[vm]]\n  memory = "256mb"\n', ["fly.toml:4 fly-small-machine"],
                     id="small_vm"),
        pytest.param('app = "shop"\n[http_service]\n  auto_stop_machines = "stop"\n'
                     "  min_machines_running = 0\n", ["fly.toml:4 fly-small-machine"], id="zero"),
        pytest.param('app = "shop"\n[[vm]]\n  memory_mb = 2048\n', ["fly.toml:1 paas-vm"], id="big"),
    ],
)
def test_fly(text: str, expected: list[str]) -> None:
    assert cited(scan("fly.toml", text)) == expected


@pytest.mark.parametrize(
    ("value", "megabytes"),
    [("256mb", 256.0), ("1gb", 1024.0), ("512Mi", 512.0), (512, 512.0), ("lots", None)],
)
def test_memory_mb(value: object, megabytes: float | None) -> None:
    assert platforms.memory_mb(value) == megabytes


APP_JSON = """\
{
  "name": "shop",
  "addons": [
    "heroku-postgresql:essential-0",
    {"plan": "heroku-redis:mini", "as": "CACHE"},
    "papertrail"
  ]
}
"""


def test_heroku_addons_and_procfile() -> None:
    assert scan("app.json", APP_JSON).evidence == (
        Evidence("app.json", 4, "platform-database-relational", '"heroku-postgresql:essential-0",'),
        Evidence("app.json", 5, "platform-store-nonrelational",
                 '{"plan": "heroku-redis:mini", "as": "CACHE"},'),
    )
    assert cited(scan("Procfile", "release: flask db upgrade\nweb: gunicorn app:app\n")) == [
        "Procfile:2 paas-vm",
    ]


@pytest.mark.parametrize(
    ("path", "text", "diagnostic"),
    [
        pytest.param("fly.toml", "app = \n", Diagnostic(
            "fly.toml", 1, "parse-error", "not valid TOML: Invalid value"), id="toml"),
        pytest.param("app.json", "{", Diagnostic(
            "app.json", 1, "parse-error",
            "not valid JSON: Expecting property name enclosed in double quotes"), id="json"),
        pytest.param("render.yaml", "services: [\n", Diagnostic(
            "render.yaml", 2, "parse-error",
            "not valid YAML: did not find expected node content"), id="yaml"),
    ],
)
def test_bad_input_is_a_diagnostic(path: str, text: str, diagnostic: Diagnostic) -> None:
    assert scan(path, text) == ScanResult(diagnostics=(diagnostic,))
