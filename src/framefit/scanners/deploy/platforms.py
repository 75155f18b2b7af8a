"""Platform specs: App Engine app.yaml, DigitalOcean .do/*.yaml, render.yaml, fly.toml, Heroku.

They say where the service runs (a small or scale-to-zero machine, or a VM far from any size
limit) and which managed databases it gets (platforms.toml maps engines and add-ons to signals).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from framefit.scanners.base import Collector, PathView, ScanContext, Scanner, ScanResult, SourceFile
from framefit.scanners.formats import json_doc as _json
from framefit.scanners.formats import toml_doc as _toml
from framefit.scanners.formats import yaml_doc as _yaml

if TYPE_CHECKING:
    from framefit.catalog.views import Platforms
    from framefit.scanners.formats.yaml_doc import Node

_DO_SPECS = ("app.yaml", "app.yml", "deploy.template.yaml", "deploy.template.yml")
# Matched on the stripped value: blanks on both sides of the optional unit would be tried in
# every split of a long run of them.
_MEMORY = re.compile(r"(\d+(?:\.\d+)?)\s*([kmg]i?b?)?", re.IGNORECASE)
_UNIT_MB = {"": 1.0, "k": 1 / 1024, "m": 1.0, "g": 1024.0}


_KINDS = {"app.yaml": "appengine", "app.yml": "appengine", "render.yaml": "render",
          "fly.toml": "fly", "app.json": "heroku", "Procfile": "procfile"}


def _kind(path: PathView) -> str | None:
    name = path.name
    if name in _DO_SPECS and path.parent.name == ".do":
        return "digitalocean"
    return _KINDS.get(name)


def matches(path: PathView) -> bool:
    """app.yaml, .do/app.yaml, .do/deploy.template.yaml, render.yaml, fly.toml, app.json, Procfile."""
    return _kind(path) is not None


def scan(source: SourceFile, ctx: ScanContext) -> ScanResult:
    """Evidence from the one platform spec the file's name and place say it is."""
    out = Collector(source.path)
    kind = _kind(source.posix)
    lines = source.data.decode("utf-8-sig", errors="replace").splitlines()
    platforms = ctx.catalog.views.platforms
    if kind in ("appengine", "digitalocean", "render"):
        docs, problem = _yaml.documents(source.path, source.data)
        out.diagnostics.extend([problem] if problem else [])
        for doc in docs[:1]:
            {"appengine": _appengine, "digitalocean": _digitalocean, "render": _render}[kind](
                doc, lines, platforms, out)
    elif kind == "fly":
        data, problem = _toml.load(source.path, source.data)
        out.diagnostics.extend([problem] if problem else [])
        if data is not None:
            _fly(data, lines, platforms, out)
    elif kind == "heroku":
        _heroku(source, platforms, out)
    elif kind == "procfile":
        _procfile(lines, out)
    return out.result()


def _add(out: Collector, node: Node | None, signal: str, lines: list[str]) -> None:
    if node is not None:
        out.add(_yaml.line(node), signal, _yaml.source_line(lines, _yaml.line(node)))


def _appengine(doc: Node, lines: list[str], _platforms: Platforms, out: Collector) -> None:
    runtime = _yaml.get(doc, "runtime")
    if not (_yaml.text(runtime) or "").startswith("python"):
        return
    flexible = _yaml.text(_yaml.get(doc, "env")) in ("flex", "flexible")
    _add(out, runtime, "paas-vm" if flexible else "app-engine-standard", lines)
    _add(out, _yaml.at(doc, "beta_settings", "cloud_sql_instances"), "gcp-cloud-sql", lines)


def _digitalocean(doc: Node, lines: list[str], platforms: Platforms, out: Collector) -> None:
    spec = _yaml.get(doc, "spec") or doc  # deploy.template.yaml wraps the app spec in `spec:`
    for database in _yaml.items(_yaml.get(spec, "databases")):
        engine = _yaml.get(database, "engine")
        signal = platforms.do_engines.get((_yaml.text(engine) or "").upper())
        if signal:
            _add(out, engine, signal, lines)
    functions = _yaml.items(_yaml.get(spec, "functions"))
    if functions:
        _add(out, functions[0], "do-functions", lines)


def _render(doc: Node, lines: list[str], platforms: Platforms, out: Collector) -> None:
    for database in _yaml.items(_yaml.get(doc, "databases")):
        _add(out, database, platforms.render_databases, lines)
    for service in _yaml.items(_yaml.get(doc, "services")):
        kind = _yaml.get(service, "type")
        runtime = _yaml.get(service, "runtime") or _yaml.get(service, "env")
        if (_yaml.text(kind) or "") in platforms.render_store_types:
            _add(out, kind, platforms.render_store_signal, lines)
        elif _yaml.text(kind) == "web" and (_yaml.text(runtime) or "").startswith("python"):
            _add(out, runtime, "paas-vm", lines)


def _fly(data: Mapping[str, object], lines: list[str], platforms: Platforms,
         out: Collector) -> None:
    """[[vm]] memory at or under the threshold, or scale to zero: small; else a VM."""
    key = _fly_small_key(data, platforms.small_memory_mb)
    number = _line_starting(lines, key) if key else None
    if number is not None:
        out.add(number, "fly-small-machine", lines[number - 1])
    elif "app" in data:
        app_line = _line_starting(lines, "app") or 1
        out.add(app_line, "paas-vm", lines[app_line - 1] if lines else "fly.toml")


def _fly_small_key(data: Mapping[str, object], limit: float) -> str | None:
    """The key that makes the app small: a VM's memory within `limit`, or scaling to zero."""
    if any(size is not None and size <= limit for size in _fly_sizes(data)):
        return "memory"
    service = data.get("http_service")
    if isinstance(service, dict) and service.get("min_machines_running") == 0:
        return "min_machines_running"
    return None


def _fly_sizes(data: Mapping[str, object]) -> list[float | None]:
    """The memory of each [[vm]] (or [[vms]]) table, in MB."""
    vms = data.get("vm") or data.get("vms") or []
    if not isinstance(vms, list):
        return []
    return [memory_mb(vm.get("memory", vm.get("memory_mb"))) for vm in vms if isinstance(vm, dict)]


def _line_starting(lines: list[str], key: str) -> int | None:
    """The first line (1-based) whose text starts with `key`, past its indentation."""
    return next((n for n, t in enumerate(lines, 1) if t.strip().startswith(key)), None)


def memory_mb(value: object) -> float | None:
    """'256mb', '1gb', '512Mi', 512 (MB) -> megabytes; None when unreadable."""
    if isinstance(value, int | float):
        return float(value)
    found = _MEMORY.fullmatch(value.strip()) if isinstance(value, str) else None
    if found is None:
        return None
    unit = (found.group(2) or "")[:1].lower()
    return float(found.group(1)) * _UNIT_MB[unit]


def quantity_mb(quantity: str) -> float | None:
    """A Kubernetes quantity in MB: a bare number is bytes (128974848), else 128Mi / 1G."""
    if quantity.strip().isdigit():
        return float(quantity) / 1_048_576  # float: int() refuses more than 4,300 digits
    return memory_mb(quantity)


def _heroku(source: SourceFile, platforms: Platforms, out: Collector) -> None:
    data, lines, problem = _json.load(source.path, source.data)
    out.diagnostics.extend([problem] if problem else [])
    addons = data.get("addons", []) if isinstance(data, dict) else []
    start = 1
    for addon in addons if isinstance(addons, list) else []:
        plan = addon.get("plan") if isinstance(addon, dict) else addon
        if not isinstance(plan, str):
            continue
        signal = platforms.heroku_addons.get(plan.split(":")[0])
        if signal:
            start = _json.key_line(lines, plan, start)
            out.add(start, signal, _json.text_of(lines, start))


def _procfile(lines: list[str], out: Collector) -> None:
    """A `web:` process: the service runs on a dyno (Heroku, Dokku and the like)."""
    for number, line in enumerate(lines, 1):
        if line.strip().startswith("web:"):
            out.add(number, "paas-vm", line)
            return


SCANNER = Scanner("platforms", matches, scan)
