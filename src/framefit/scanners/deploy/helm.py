"""Helm charts: the images a chart's values run, their memory limits, and the charts it depends on.

A chart is a folder with a Chart.yaml; its templates are not YAML until rendered (the
kubernetes scanner leaves them alone), so what it deploys is read from its values files
(`values.yaml`, `values-prod.yaml` …, read when a Chart.yaml is beside them) and its
dependencies:
- every `image:` of the values (a string, or a mapping with `repository` and an optional
  `registry`): a known service's image (a database's) is that service, an official Docker Hub
  image (`nginx`) nothing, any other an app workload (`k8s-app-workload`, its detail the
  image: answers/size.py counts a fleet's images);
- every `resources.limits.memory` at or under the small-machine threshold (platforms.toml);
- a dependency of Chart.yaml named like a service image (`postgresql`, `redis`) runs next to the
  app, unless the chart's values switch its `condition` off (`postgresql.enabled: false`).
A part of the values under a mapping with `enabled: false` is not deployed and says nothing.
Not planned, as the kubernetes scanner is not: the images it finds make a fleet of services
other than its own (answers/size.py), which skipping a file would change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from framefit.model import WORKLOAD_SIGNAL
from framefit.scanners.base import (
    Budget,
    Collector,
    PathView,
    ScanContext,
    Scanner,
    ScanResult,
    SourceFile,
)
from framefit.scanners.deploy.compose import image_signal, official_image
from framefit.scanners.deploy.platforms import quantity_mb
from framefit.scanners.formats import yaml_doc as _yaml
from framefit.walk.reader import ReadError, join

if TYPE_CHECKING:
    from framefit.scanners.formats.yaml_doc import Node

CHART = "Chart.yaml"
_OFF = ("false", "no", "off")


def matches(path: PathView) -> bool:
    """Chart.yaml, and values.yaml / values-*.yaml / values.*.yaml (beside a Chart.yaml)."""
    name = path.name
    if name == CHART:
        return True
    return name.startswith("values") and name.endswith((".yaml", ".yml")) and \
        (name in ("values.yaml", "values.yml") or name[6:7] in ("-", ".", "_"))


def scan(source: SourceFile, ctx: ScanContext) -> ScanResult:
    out = Collector(source.path)
    is_chart = source.posix.name == CHART
    if not is_chart and not ctx.reader.exists(_beside(source, CHART)):
        return out.result()  # a values file of something else
    docs, problem = _yaml.documents(source.path, source.data)
    out.diagnostics.extend([problem] if problem else [])
    lines = source.data.decode("utf-8-sig", errors="replace").splitlines()
    for doc in docs[:1]:
        if is_chart:
            _dependencies(doc, _values(source, ctx), lines, ctx, out)
        else:
            _Values(lines, ctx, out).walk(doc)
    return out.result()


def _beside(source: SourceFile, name: str) -> str:
    return f"{source.directory}/{name}" if source.directory else name


def _values(source: SourceFile, ctx: ScanContext) -> Node | None:
    """The chart's own values.yaml, for the dependencies it switches off."""
    path = join(source.directory, "values.yaml")
    if path is None or not ctx.reader.exists(path):
        return None
    try:
        docs, _ = _yaml.documents(path, ctx.reader.read_bytes(path))
    except ReadError:
        return None  # the helm scanner reads it too, and says why it cannot
    return docs[0] if docs else None


def _dependencies(chart: Node, values: Node | None, lines: list[str], ctx: ScanContext,
                  out: Collector) -> None:
    for dependency in _yaml.items(_yaml.get(chart, "dependencies")):
        name = _yaml.text(_yaml.get(dependency, "name")) or ""
        signal = image_signal(name, ctx) if name else None
        if signal is None or _switched_off(dependency, values):
            continue
        number = _yaml.key_line(dependency, "name") or _yaml.line(dependency)
        out.add(number, signal, _yaml.source_line(lines, number))


def _switched_off(dependency: Node, values: Node | None) -> bool:
    """Whether the chart's values turn off the dependency's `condition` (one of its paths)."""
    condition = _yaml.text(_yaml.get(dependency, "condition")) or ""
    for path in filter(None, condition.split(",")):
        found = _yaml.at(values, *path.strip().split("."))
        if (_yaml.text(found) or "").lower() in _OFF:
            return True
    return False


class _Values:
    """Walks a values document (each node within the work budget: aliases are shared)."""

    def __init__(self, lines: list[str], ctx: ScanContext, out: Collector) -> None:
        self.lines, self.ctx, self.out, self.budget = lines, ctx, out, Budget()
        self.limit = ctx.catalog.views.platforms.small_memory_mb
        self.images: set[str] = set()

    def walk(self, root: Node) -> None:
        todo = [root]
        while todo and self.budget.spend():
            node = todo.pop()
            if (_yaml.text(_yaml.get(node, "enabled")) or "").lower() in _OFF:
                continue
            self._image(_yaml.get(node, "image"))
            self._memory(_yaml.at(node, "resources", "limits", "memory"))
            todo.extend(reversed([value for _, value in _yaml.pairs(node)]))
            todo.extend(reversed(_yaml.items(node)))

    def _image(self, node: Node | None) -> None:
        written, where = _yaml.text(node), node
        if written is None:
            written, where = _repository(node)
        if where is None or not written or written in self.images:
            return
        self.images.add(written)
        signal = image_signal(written, self.ctx) or (None if official_image(written) else WORKLOAD_SIGNAL)
        if signal is None:
            return
        number = _yaml.line(where)
        self.out.add(number, signal, written if signal == WORKLOAD_SIGNAL
                     else _yaml.source_line(self.lines, number))

    def _memory(self, node: Node | None) -> None:
        size = quantity_mb(_yaml.text(node) or "")
        if node is not None and size is not None and size <= self.limit:
            number = _yaml.line(node)
            self.out.add(number, "k8s-small-memory-limit", _yaml.source_line(self.lines, number))


def _repository(node: Node | None) -> tuple[str | None, Node | None]:
    """An image written as a mapping: `registry/repository`, and the repository's node."""
    where = _yaml.get(node, "repository")
    registry = _yaml.text(_yaml.get(node, "registry"))
    written = _yaml.text(where)
    return (f"{registry}/{written}" if registry and written else written), where


SCANNER = Scanner("helm", matches, scan)
