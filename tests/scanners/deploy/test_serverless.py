"""The serverless scanner: Serverless Framework, Zappa, SAM, Chalice, Vercel, Azure Functions."""

from __future__ import annotations

from functools import partial
from pathlib import PurePosixPath

import pytest

from framefit.model import Diagnostic, Evidence
from framefit.scanners.base import ScanResult
from framefit.scanners.deploy import serverless
from tests import harness


def scan(path: str, text: str | bytes) -> ScanResult:
    return harness.scan(serverless, path, text)


cited = partial(harness.cited, path=True)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        pytest.param("serverless.yml", True, id="serverless"),
        pytest.param("api/zappa_settings.json", True, id="zappa"),
        pytest.param("template.yaml", True, id="sam"),
        pytest.param(".chalice/config.json", True, id="chalice"),
        pytest.param("config.json", False, id="config__no"),
        pytest.param("vercel.json", True, id="vercel"),
        pytest.param("host.json", True, id="azure"),
        pytest.param("templates.yaml", False, id="templates__no"),
    ],
)
def test_matches(path: str, expected: bool) -> None:
    assert serverless.matches(PurePosixPath(path)) is expected


SERVERLESS = """\
service: shop
provider:
  name: aws
  runtime: python3.12
plugins:
  - serverless-python-requirements
  - serverless-wsgi
custom:
  wsgi:
    app: app.app
functions:
  api:
    handler: wsgi_handler.handler
"""


def test_serverless_framework_on_aws() -> None:
    assert scan("serverless.yml", SERVERLESS).evidence == (
        Evidence("serverless.yml", 3, "serverless-aws-lambda", "name: aws"),
        Evidence("serverless.yml", 6, "serverless-python-requirements", "- serverless-python-requirements"),
        Evidence("serverless.yml", 7, "serverless-wsgi-plugin", "- serverless-wsgi"),
    )


def test_serverless_node_service_is_not_evidence() -> None:
    text = "service: x\nprovider:\n  name: aws\n  runtime: nodejs20.x\n"
    assert scan("serverless.yml", text) == ScanResult()


SAM = """\
AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      CodeUri: !Ref CodeBucket
  Db:
    Type: AWS::RDS::DBInstance
  Sessions:
    Type: AWS::DynamoDB::Table
"""


def test_sam_template_with_cloudformation_tags() -> None:
    assert cited(scan("template.yaml", SAM)) == [
        "template.yaml:5 sam-function",
        "template.yaml:10 iac-relational-database",
        "template.yaml:12 iac-nonrelational-store",
    ]


ZAPPA = """\
{
    "dev": {
        "app_function": "app.app",
        "s3_bucket": "zappa-dev"
    },
    "prod": {
        "django_settings": "shop.settings",
        "slim_handler": true
    }
}
"""


def test_zappa_stages_and_slim_handler() -> None:
    assert cited(scan("zappa_settings.json", ZAPPA)) == [
        "zappa_settings.json:3 zappa-stage",
        "zappa_settings.json:7 zappa-stage",
        "zappa_settings.json:8 zappa-slim-handler",
    ]


def test_zappa_yaml() -> None:
    text = "prod:\n  app_function: app.app\n  slim_handler: true\n"
    assert cited(scan("zappa_settings.yml", text)) == [
        "zappa_settings.yml:2 zappa-stage", "zappa_settings.yml:3 zappa-slim-handler",
    ]


@pytest.mark.parametrize(
    ("path", "text", "expected"),
    [
        pytest.param(".chalice/config.json", '{\n  "version": "2.0",\n  "app_name": "shop"\n}\n',
                     [".chalice/config.json:3 chalice-config"], id="chalice"),
        pytest.param("vercel.json", '{"builds": [\n {"src": "app.py", "use": "@vercel/python"}\n]}\n',
                     ["vercel.json:2 vercel-python"], id="vercel_builds"),
        pytest.param("vercel.json", '{\n "functions": {\n  "api/*.py": {"memory": 1024}\n }\n}\n',
                     ["vercel.json:3 vercel-python"], id="vercel_functions"),
        pytest.param("vercel.json", '{"rewrites": []}', [], id="vercel_static__none"),
        pytest.param("host.json", '{\n  "version": "2.0"\n}\n', ["host.json:2 azure-functions-host"],
                     id="azure_host"),
        pytest.param("HttpTrigger/function.json", '{\n "scriptFile": "__init__.py"\n}\n',
                     ["HttpTrigger/function.json:2 azure-functions-host"], id="azure_v1"),
    ],
)
def test_json_configs(path: str, text: str, expected: list[str]) -> None:
    assert cited(scan(path, text)) == expected


@pytest.mark.parametrize(
    ("path", "text", "diagnostic"),
    [
        pytest.param("zappa_settings.json", '{"dev": {,}}', Diagnostic(
            "zappa_settings.json", 1, "parse-error",
            "not valid JSON: Expecting property name enclosed in double quotes"), id="json"),
        pytest.param("serverless.yml", "provider:\n  name: [aws\n", Diagnostic(
            "serverless.yml", 3, "parse-error",
            "not valid YAML: did not find expected ',' or ']'"), id="yaml"),
        pytest.param("vercel.json", b"{\xff}", Diagnostic(
            "vercel.json", None, "decode-error",
            "not UTF-8: invalid start byte"), id="bytes"),
    ],
)
def test_bad_input_is_a_diagnostic(path: str, text: str | bytes, diagnostic: Diagnostic) -> None:
    assert scan(path, text) == ScanResult(diagnostics=(diagnostic,))
