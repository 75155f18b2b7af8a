"""Serverless configs: Serverless Framework, Zappa, AWS SAM, Chalice, Vercel and Azure Functions.

Each is a function target with a package size limit, so each is size evidence at the line that
says so. SAM/CloudFormation templates also declare databases (RDS relational, DynamoDB not).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from framefit.scanners.base import Collector, PathView, ScanContext, Scanner, ScanResult, SourceFile
from framefit.scanners.formats import json_doc as _json
from framefit.scanners.formats import yaml_doc as _yaml

if TYPE_CHECKING:
    from framefit.scanners.formats.yaml_doc import Node

_PLUGINS = {
    "serverless-wsgi": "serverless-wsgi-plugin",
    "serverless-python-requirements": "serverless-python-requirements",
}
_RESOURCES = {
    "AWS::Serverless::Function": "sam-function",
    "AWS::Lambda::Function": "sam-function",
    "AWS::RDS::DBInstance": "iac-relational-database",
    "AWS::RDS::DBCluster": "iac-relational-database",
    "AWS::DynamoDB::Table": "iac-nonrelational-store",
    "AWS::Serverless::SimpleTable": "iac-nonrelational-store",
}


def _kind(path: PathView) -> str | None:
    name = path.name
    if name in ("serverless.yml", "serverless.yaml"):
        return "serverless"
    if name in ("zappa_settings.json", "zappa_settings.yml", "zappa_settings.yaml"):
        return "zappa_json" if name.endswith(".json") else "zappa"
    if name in ("template.yaml", "template.yml"):
        return "sam"
    if name == "config.json" and path.parent.name == ".chalice":
        return "chalice"
    if name in ("vercel.json", "host.json", "function.json"):
        return name.removesuffix(".json")
    return None


def matches(path: PathView) -> bool:
    """serverless.yml, zappa_settings.*, SAM template.yaml, .chalice/config.json, vercel.json, host.json."""
    return _kind(path) is not None


def scan(source: SourceFile, ctx: ScanContext) -> ScanResult:
    """Size (and database) evidence for the one config format the file name says."""
    out = Collector(source.path)
    kind = _kind(source.posix)
    if kind in _YAML_READERS:
        docs, problem = _yaml.documents(source.path, source.data)
        out.diagnostics.extend([problem] if problem else [])
        lines = source.data.decode("utf-8-sig", errors="replace").splitlines()
        for doc in docs[:1]:
            _YAML_READERS[kind](doc, lines, out)
    elif kind is not None:
        value, lines, problem = _json.load(source.path, source.data)
        out.diagnostics.extend([problem] if problem else [])
        if isinstance(value, dict):
            _JSON_READERS[kind](value, lines, out)
    return out.result()


def _serverless(doc: Node, lines: list[str], out: Collector) -> None:
    provider = _yaml.get(doc, "provider")
    name = _yaml.get(provider, "name")
    runtime = _yaml.text(_yaml.get(provider, "runtime")) or ""
    if name is not None and (runtime.startswith("python") or _yaml.get(doc, "functions")):
        signal = "serverless-aws-lambda" if _yaml.text(name) == "aws" else "serverless-functions"
        out.add(_yaml.line(name), signal, _yaml.source_line(lines, _yaml.line(name)))
    _plugins(doc, lines, out)


def _plugins(doc: Node, lines: list[str], out: Collector) -> None:
    """The known plugins (`_PLUGINS`) listed under `plugins` or its `modules`."""
    for plugin in _yaml.items(_yaml.get(doc, "plugins")) or _yaml.items(
            _yaml.get(_yaml.get(doc, "plugins"), "modules")):
        plugin_signal = _PLUGINS.get(_yaml.text(plugin) or "")
        if plugin_signal is not None:
            out.add(_yaml.line(plugin), plugin_signal, _yaml.source_line(lines, _yaml.line(plugin)))


def _sam(doc: Node, lines: list[str], out: Collector) -> None:
    for _name, resource in _yaml.pairs(_yaml.get(doc, "Resources")):
        kind = _yaml.get(resource, "Type")
        signal = _RESOURCES.get(_yaml.text(kind) or "")
        if kind is not None and signal is not None:
            out.add(_yaml.line(kind), signal, _yaml.source_line(lines, _yaml.line(kind)))


def _zappa_yaml(doc: Node, lines: list[str], out: Collector) -> None:
    for stage, settings in _yaml.pairs(doc):
        for key in ("app_function", "django_settings"):
            node = _yaml.get(settings, key)
            if node is not None:
                out.add(_yaml.line(node), "zappa-stage", _yaml.source_line(lines, _yaml.line(node)))
        if _yaml.text(_yaml.get(settings, "slim_handler")) in ("true", "True"):
            number = _yaml.key_line(settings, "slim_handler") or 1
            out.add(number, "zappa-slim-handler", f"{stage}: {_yaml.source_line(lines, number)}")


def _zappa(data: dict[str, object], lines: _json.Lines, out: Collector) -> None:
    start = 1
    for stage, settings in data.items():
        if not isinstance(settings, dict):
            continue
        start = _json.key_line(lines, stage, start)
        for key in ("app_function", "django_settings"):
            if key in settings:
                number = _json.key_line(lines, key, start)
                out.add(number, "zappa-stage", _json.text_of(lines, number))
        if settings.get("slim_handler") is True:
            number = _json.key_line(lines, "slim_handler", start)
            out.add(number, "zappa-slim-handler", _json.text_of(lines, number))


def _chalice(data: dict[str, object], lines: _json.Lines, out: Collector) -> None:
    number = _json.key_line(lines, "app_name") if "app_name" in data else 1
    out.add(number, "chalice-config", _json.text_of(lines, number))


def _vercel(data: dict[str, object], lines: _json.Lines, out: Collector) -> None:
    builds = data.get("builds")
    uses = [b.get("use") for b in builds if isinstance(b, dict)] if isinstance(builds, list) else []
    functions = data.get("functions")
    python_functions = [k for k in functions if k.endswith(".py")] if isinstance(functions, dict) else []
    if "@vercel/python" in uses:
        number = _json.key_line(lines, "@vercel/python")
        out.add(number, "vercel-python", _json.text_of(lines, number))
    elif python_functions:
        number = _json.key_line(lines, python_functions[0])
        out.add(number, "vercel-python", _json.text_of(lines, number))


def _azure(data: dict[str, object], lines: _json.Lines, out: Collector) -> None:
    """host.json with a version, or a v1 function.json with a Python script or HTTP trigger."""
    script = str(data.get("scriptFile", ""))
    bindings = data.get("bindings")
    http = isinstance(bindings, list) and any(
        isinstance(b, dict) and b.get("type") == "httpTrigger" for b in bindings)
    key = "version" if "version" in data else ("scriptFile" if script.endswith(".py") else None)
    if key is None and http:
        key = "bindings"
    if key is not None:
        number = _json.key_line(lines, key)
        out.add(number, "azure-functions-host", _json.text_of(lines, number))


_YAML_READERS: dict[str, Callable[[Node, list[str], Collector], None]] = {
    "serverless": _serverless, "sam": _sam, "zappa": _zappa_yaml,
}
_JSON_READERS: dict[str, Callable[[dict[str, object], _json.Lines, Collector], None]] = {
    "zappa_json": _zappa, "chalice": _chalice, "vercel": _vercel, "host": _azure, "function": _azure,
}

SCANNER = Scanner("serverless", matches, scan)
