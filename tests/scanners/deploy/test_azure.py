"""azure.yaml hosts (about each project's folder) and Bicep / ARM resources."""

from __future__ import annotations

from functools import partial
from pathlib import PurePosixPath
from types import ModuleType

import pytest

from framefit.model import Diagnostic
from framefit.scanners.base import Foreseen, ScanResult
from framefit.scanners.deploy import azd, azure_iac
from tests import harness


def run(scanner: ModuleType, path: str, text: str) -> ScanResult:
    return harness.scan(scanner, path, text)


cited = partial(harness.cited, about=True)


AZURE_YAML = """\
name: shop
services:
  api:
    project: ../api
    host: containerapp
  web:
    project: .
    language: python
    host: appservice
  jobs:
    project: jobs/
    language: Py
    host: Function
  spa:
    project: spa
    language: js
    host: appservice
  cluster:
    project: svc
    host: aks
"""


def test_each_python_service_is_hosted_in_its_folder() -> None:
    result = run(azd, "deploy/azure.yaml", AZURE_YAML)
    assert cited(result) == ["5 azure-container-apps api", "9 azure-app-service .",
                             "13 azure-functions deploy/jobs"]


def test_a_project_outside_the_repository_is_unresolved() -> None:
    result = run(azd, "azure.yaml", "services:\n  web:\n    project: ../../x\n    host: appservice\n")
    assert result.evidence == ()
    assert result.diagnostics == (
        Diagnostic("azure.yaml", 3, "unresolved", "project: the folder is outside the repository"),
    )


@pytest.mark.parametrize(("path", "expected"), [
    pytest.param("azure.yaml", True, id="azd"),
    pytest.param("infra/main.bicep", True, id="bicep"),
    pytest.param("infra/main.json", True, id="arm_in_infra"),
    pytest.param("azuredeploy.parameters.json", True, id="azuredeploy"),
    pytest.param("package.json", False, id="json_elsewhere__no"),
])
def test_matches(path: str, expected: bool) -> None:
    view = PurePosixPath(path)
    assert (azd.matches(view) or azure_iac.matches(view)) is expected


BICEP = """\
param planSku string = 'Y1'
param kind string

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: 'plan-one'
  sku: {
    name: planSku
  }
}
resource planB 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: 'plan-two'
  sku: { name: 'P1v3', tier: 'PremiumV3' }
}
resource planC 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: 'plan-three'
  sku: skuObject
}
resource fn 'Microsoft.Web/sites@2023-12-01' = {
  kind: 'functionapp,linux'
}
resource unknownKind 'Microsoft.Web/sites@2023-12-01' = {
  kind: kind
}
resource plainSite 'Microsoft.Web/sites@2023-12-01' = {
  name: 'site'
}
resource old 'Microsoft.Sql/servers@2022-05-01-preview' existing = {
  name: 'shared'
}
resource cache 'Microsoft.Cache/redis@2023-08-01' = {
  name: 'cache'
}
resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: 'api'
}
"""


def test_bicep_resources_their_kind_and_sku() -> None:
    assert cited(run(azure_iac, "infra/main.bicep", BICEP)) == [
        "4 azure-functions .", "10 azure-app-service .", "18 azure-functions .",
        "24 azure-app-service .", "30 iac-nonrelational-store .", "33 azure-container-apps .",
    ]


ARM = """\
{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "parameters": {"kind": {"type": "string", "defaultValue": "app,linux"}},
  "resources": [
    {"type": "Microsoft.Web/sites", "kind": "[parameters('kind')]",
     "resources": [{"type": "Microsoft.DBforMySQL/flexibleServers"}]},
    {"type": "Microsoft.Web/serverfarms", "sku": {"name": "[variables('sku')]"}}
  ]
}
"""


def test_arm_resources_nested_ones_and_parameter_defaults() -> None:
    assert cited(run(azure_iac, "infra/main.json", ARM)) == [
        "5 azure-app-service .", "6 iac-relational-database .",
    ]


def test_json_that_is_not_a_deployment_template_is_not_read() -> None:
    assert run(azure_iac, "infra/abbreviations.json", '{"resources": [ bad') == ScanResult()


def test_the_prefilter_foresees_the_types_a_file_names() -> None:
    prefilter = azure_iac.AzurePrefilter(harness.context())
    assert prefilter("main.bicep", b"resource c 'microsoft.cache/Redis@1' = {}") == Foreseen(
        frozenset({"iac-nonrelational-store"}))
    assert prefilter("main.bicep", b"resource s 'Microsoft.Web/sites@1' = {}") == Foreseen(
        frozenset({"azure-app-service", "azure-functions"}))
    assert prefilter("main.bicep", b"param x string") == Foreseen()
