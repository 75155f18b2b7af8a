"""Kubernetes manifests: small memory limits, Knative services, database images and env URLs,
and the app's own workloads.

Manifests are recognised by place (k8s/, kubernetes/, manifests/, deploy/ …) and read only when
a document has `apiVersion` and `kind`; Helm `templates/` are not YAML until rendered and are
left alone. A container whose image is neither a known service's (a database's, a store's) nor
an official Docker Hub image (`nginx`, `busybox`: someone else's software) is an app workload,
`k8s-app-workload`, once per image and file, its detail the image reference as written:
answers/size.py counts the different images across the repo (a fleet). Not planned: those
images make a fleet of services other than its own, which skipping a file would change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from framefit.model import WORKLOAD_SIGNAL
from framefit.scanners.base import Collector, PathView, ScanContext, Scanner, ScanResult, SourceFile
from framefit.scanners.deploy import azd, compose, helm, platforms, serverless
from framefit.scanners.deploy.compose import env_signal, image_signal, official_image
from framefit.scanners.formats import yaml_doc as _yaml

if TYPE_CHECKING:
    from framefit.scanners.formats.yaml_doc import Node

_FOLDERS = frozenset({"k8s", "kubernetes", "kube", "manifests", "deploy", "deployment",
                      "deployments", "kustomize", "overlays", "knative", "cloudrun"})
WORKLOAD = WORKLOAD_SIGNAL
_POD_PATHS = {
    "Deployment": ("spec", "template", "spec"), "StatefulSet": ("spec", "template", "spec"),
    "DaemonSet": ("spec", "template", "spec"), "ReplicaSet": ("spec", "template", "spec"),
    "Job": ("spec", "template", "spec"), "Pod": ("spec",),
    "CronJob": ("spec", "jobTemplate", "spec", "template", "spec"),
    "Service": ("spec", "template", "spec"),  # Knative serving.knative.dev/v1 Service
}


def matches(path: PathView) -> bool:
    """A .yaml/.yml file in a manifests folder (never inside Helm templates/, and never a file
    another deployment scanner reads, so a broken one is reported once)."""
    if path.suffix not in (".yaml", ".yml") or "templates" in path.parts:
        return False
    if any(s.matches(path) for s in (compose, serverless, platforms, azd, helm)):
        return False
    return any(part.lower() in _FOLDERS for part in path.parts[:-1])


def scan(source: SourceFile, ctx: ScanContext) -> ScanResult:
    """Evidence from every document that is a Kubernetes object."""
    out = Collector(source.path)
    docs, problem = _yaml.documents(source.path, source.data)
    out.diagnostics.extend([problem] if problem else [])
    lines = source.data.decode("utf-8-sig", errors="replace").splitlines()
    images: set[str] = set()  # app images already cited in this file
    for doc in docs:
        _document(doc, lines, ctx, out, images)
    return out.result()


def _document(doc: Node, lines: list[str], ctx: ScanContext, out: Collector,
              images: set[str]) -> None:
    """One YAML document: a Knative service, and the containers of an object that runs pods."""
    kind = _yaml.get(doc, "kind")
    api = _yaml.text(_yaml.get(doc, "apiVersion")) or ""
    if kind is None or not api:
        return
    name = _yaml.text(kind) or ""
    knative = api.startswith("serving.knative.dev")
    if knative:
        out.add(_yaml.line(kind), "knative-service", _yaml.source_line(lines, _yaml.line(kind)))
    if name in _POD_PATHS and (name != "Service" or knative):
        _pod(_yaml.at(doc, *_POD_PATHS[name]), lines, ctx, out, images)


def _pod(pod: Node | None, lines: list[str], ctx: ScanContext, out: Collector,
         images: set[str]) -> None:
    """Every container of a pod spec."""
    for container in _yaml.items(_yaml.get(pod, "containers")):
        _container(container, lines, ctx, out, images)


def _container(container: Node, lines: list[str], ctx: ScanContext, out: Collector,
               images: set[str]) -> None:
    """A container's image, environment and memory limit."""
    _image(_yaml.get(container, "image"), lines, ctx, out, images)
    for variable in _yaml.items(_yaml.get(container, "env")):
        value = _yaml.get(variable, "value")
        found = env_signal(_yaml.text(_yaml.get(variable, "name")) or "", _yaml.text(value) or "", ctx)
        if found is not None:
            node = value or variable
            out.add(_yaml.line(node), found, _yaml.source_line(lines, _yaml.line(node)))
    _memory_limit(_yaml.at(container, "resources", "limits", "memory"), lines, ctx, out)


def _memory_limit(memory: Node | None, lines: list[str], ctx: ScanContext, out: Collector) -> None:
    """A container memory limit within the catalog's small-memory threshold."""
    size = platforms.quantity_mb(_yaml.text(memory) or "")
    if memory is not None and size is not None and size <= ctx.catalog.views.platforms.small_memory_mb:
        number = _yaml.line(memory)
        out.add(number, "k8s-small-memory-limit", _yaml.source_line(lines, number))


def _image(image: Node | None, lines: list[str], ctx: ScanContext, out: Collector,
           images: set[str]) -> None:
    """A known image's signal, else an app workload (each image once; official images are
    someone else's software)."""
    if image is None:
        return
    written = (_yaml.text(image) or "").strip()
    signal = image_signal(written, ctx)
    if signal is not None:
        out.add(_yaml.line(image), signal, _yaml.source_line(lines, _yaml.line(image)))
    elif written and written not in images and not official_image(written):
        images.add(written)
        out.add(_yaml.line(image), WORKLOAD, written)


SCANNER = Scanner("kubernetes", matches, scan)
