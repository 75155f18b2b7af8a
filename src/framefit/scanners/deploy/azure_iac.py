"""Azure infrastructure code: Bicep files and ARM templates, the resources they declare.

A resource type of catalog platforms.toml `[azure_resources]` is evidence at the line that
declares it: where the app runs (App Service, Functions, Container Apps) and which database it
gets (PostgreSQL, MySQL, SQL: relational; Redis, Cosmos DB: not). A `Microsoft.Web/sites` is a
function app when its `kind` says so, a `Microsoft.Web/serverfarms` a Functions plan when its
sku does (`[azure_functions]`); a kind or sku that is a parameter is read from the parameter's
default in the same file, and when none is there the resource says nothing. An `existing`
resource is a reference to one declared elsewhere and says nothing either.

Bicep is read line by line (a resource's block runs to the next top-level declaration); an ARM
template is JSON with a deploymentTemplate `$schema` and `resources` (nested ones included).
Planned: the prefilter foresees the signals of the resource types the bytes name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from framefit.scanners.base import (
    Budget,
    Collector,
    Foreseen,
    PathView,
    ScanContext,
    Scanner,
    ScanResult,
    SourceFile,
    text_or_problem,
)
from framefit.scanners.formats import json_doc as _json

if TYPE_CHECKING:
    from framefit.catalog.views import Azure

_RESOURCE = re.compile(r"^\s*resource\s+\w+\s+'([^'@]+)@[^']*'\s+(existing\b)?")
_TOP = re.compile(r"^(?:resource|module|param|var|output|targetScope|type|func|import|metadata)\b")
_PARAM = re.compile(r"^param\s+(\w+)\s+\w+\s*=\s*'([^']*)'")
_KIND = re.compile(r"^\s*kind\s*:\s*(?:'([^']*)'|(\w+))")
_SKU = re.compile(r"^\s*sku\s*:(.*)$")
_SKU_VALUE = re.compile(r"\b(?:name|tier)\s*:\s*(?:'([^']*)'|(\w+))")
_ARM_SCHEMA = "deploymenttemplate.json"
_ARM_FOLDERS = frozenset({"infra", "infrastructure", "arm", "azure", "deploy", "deployment"})
_ARM_PARAMETER = re.compile(r"^\[parameters\('([^']+)'\)\]$")
SITES, PLANS = "microsoft.web/sites", "microsoft.web/serverfarms"


def matches(path: PathView) -> bool:
    """`*.bicep`; ARM templates: `azuredeploy*.json`, `mainTemplate.json`, and `.json` files in
    an infrastructure folder (infra/, arm/, azure/, deploy/ …), read when their `$schema` is a
    deployment template."""
    name = path.name
    if path.suffix == ".bicep" or name == "mainTemplate.json":
        return True
    if path.suffix != ".json":
        return False
    return name.startswith("azuredeploy") or any(p.lower() in _ARM_FOLDERS for p in path.parts[:-1])


def scan(source: SourceFile, ctx: ScanContext) -> ScanResult:
    out = Collector(source.path)
    azure = ctx.catalog.views.platforms.azure
    if source.path.endswith(".bicep"):
        text = text_or_problem(source, out)
        if text is not None:
            _bicep(text.splitlines(), azure, out)
    elif _ARM_SCHEMA.encode() in source.data.lower():
        data, lines, problem = _json.load(source.path, source.data)
        out.diagnostics.extend([problem] if problem else [])
        if isinstance(data, dict):
            _arm(data, lines, azure, out)
    return out.result()


# -- Bicep ---------------------------------------------------------------------------------------

def _bicep(lines: list[str], azure: Azure, out: Collector) -> None:
    params = {m.group(1): m.group(2) for line in lines if (m := _PARAM.match(line))}
    for number, line in enumerate(lines, 1):
        found = _RESOURCE.match(line)
        if found is None or found.group(2):
            continue
        kind = found.group(1).strip().lower()
        signal = azure.resources.get(kind)
        if signal is not None and kind in (SITES, PLANS):
            signal = _web(kind, _block(lines, number), params, azure)
        if signal is not None:
            out.add(number, signal, line)


def _block(lines: list[str], number: int) -> Iterator[str]:
    """The lines of the resource declared at line `number`, to the next top-level declaration
    or resource (a nested one's block is its own: no line is read for two resources)."""
    for line in lines[number:]:
        if _TOP.match(line) or _RESOURCE.match(line):
            return
        yield line


def _web(kind: str, block: Iterator[str], params: Mapping[str, str], azure: Azure) -> str | None:
    """A site's or a plan's signal from its kind or sku; None when that is not readable."""
    sites = kind == SITES
    values = _site_kind(block, params) if sites else _plan_sku(block, params)
    return _decide(sites, values, azure)


def _site_kind(block: Iterator[str], params: Mapping[str, str]) -> list[str | None]:
    for line in block:
        if found := _KIND.match(line):
            return [_value(found, params)]
    return ["app"]  # no kind: a web app


def _plan_sku(block: Iterator[str], params: Mapping[str, str]) -> list[str | None]:
    """The name and tier of a plan's `sku: { ... }` object (not an expression: nothing)."""
    values: list[str | None] = []
    inside = False
    for line in block:
        if not inside:
            found = _SKU.match(line)
            if found is None:
                continue
            line, inside = found.group(1), True
            if "{" not in line:
                return []
        values.extend(_value(m, params) for m in _SKU_VALUE.finditer(line))
        if "}" in line:
            break
    return values


def _value(found: re.Match[str], params: Mapping[str, str]) -> str | None:
    return found.group(1) if found.group(1) is not None else params.get(found.group(2))


def _decide(sites: bool, values: list[str | None], azure: Azure) -> str | None:
    """Functions or App Service from a site's kind (its first value) or a plan's sku values."""
    known = [v.lower() for v in values if v is not None]
    if not known:
        return None
    if sites:
        functions = any(k in known[0] for k in azure.function_kinds)
    else:
        functions = any(v in azure.function_skus for v in known)
    return azure.functions_signal if functions else azure.resources[SITES if sites else PLANS]


# -- ARM -----------------------------------------------------------------------------------------

@dataclass(slots=True)
class _Arm:
    parameters: Mapping[str, object]
    lines: _json.Lines
    azure: Azure
    out: Collector
    budget: Budget
    start: int = 1  # resources are cited in order, each from the line of the one before


def _arm(data: dict[str, object], lines: _json.Lines, azure: Azure, out: Collector) -> None:
    parameters = data.get("parameters")
    arm = _Arm(parameters if isinstance(parameters, dict) else {}, lines, azure, out, Budget())
    _resources(data.get("resources"), arm)


def _resources(resources: object, arm: _Arm) -> None:
    """Every resource, nested ones after their parent (a stack: nesting is the file's to choose)."""
    stack = [_listed(resources)]
    while stack and arm.budget.spend():
        if not stack[-1]:
            stack.pop()
            continue
        item = stack[-1].pop()
        if isinstance(item, dict):
            _resource(item, arm)
            stack.append(_listed(item.get("resources")))


def _listed(resources: object) -> list[object]:
    """A `resources` list, or the values of its mapping form (languageVersion 2.0), last
    first (popped from the end, in the file's order)."""
    if isinstance(resources, dict):
        return list(reversed(resources.values()))
    return list(reversed(resources)) if isinstance(resources, list) else []


def _resource(item: dict[str, object], arm: _Arm) -> None:
    kind = str(item.get("type", "")).lower()
    signal = arm.azure.resources.get(kind) if not item.get("existing") else None
    if signal is not None and kind in (SITES, PLANS):
        signal = _decide(kind == SITES, _arm_values(kind == SITES, item, arm), arm.azure)
    if signal is not None:
        arm.start = _json.key_line(arm.lines, str(item.get("type")), arm.start)
        arm.out.add(arm.start, signal, _json.text_of(arm.lines, arm.start))


def _arm_values(sites: bool, item: dict[str, object], arm: _Arm) -> list[str | None]:
    if sites:
        return [_arm_value(item.get("kind", "app"), arm)]
    sku = item.get("sku")
    return [_arm_value(sku.get(k), arm) for k in ("name", "tier")] if isinstance(sku, dict) else []


def _arm_value(value: object, arm: _Arm) -> str | None:
    """A literal, or the default of the `[parameters('x')]` it names."""
    if not isinstance(value, str):
        return None
    found = _ARM_PARAMETER.match(value)
    if found is None:
        return None if value.startswith("[") else value
    declared = arm.parameters.get(found.group(1))
    default = declared.get("defaultValue") if isinstance(declared, dict) else None
    return default if isinstance(default, str) and not default.startswith("[") else None


# -- the plan ------------------------------------------------------------------------------------

class AzurePrefilter:
    """Foresees the signals of the catalog's resource types a file names (case-insensitive)."""

    def __init__(self, ctx: ScanContext) -> None:
        azure = ctx.catalog.views.platforms.azure
        self.types = {kind.encode(): signal for kind, signal in azure.resources.items()}
        self.functions = azure.functions_signal

    def __call__(self, path: str, data: bytes) -> Foreseen:
        lower = data.lower()
        found = {signal for kind, signal in self.types.items() if kind in lower}
        if SITES.encode() in lower or PLANS.encode() in lower:
            found.add(self.functions)
        return Foreseen(frozenset(found))

    def confirm(self, path: str, data: bytes, foreseen: Foreseen) -> frozenset[str]:
        return frozenset()  # nothing waits on other files


SCANNER = Scanner("azure-iac", matches, scan, prefilter=AzurePrefilter)
