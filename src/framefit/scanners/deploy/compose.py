"""Compose files: database and store services next to the app, their URLs, and app-service layout.

A service's `image` is looked up in images.toml `[[service]]` (postgres -> relational, redis ->
a store); `environment` values are read for URL schemes (urls.toml) and, without a URL, for
well-known names (platforms.toml `[env_names]`). Several services built from different contexts
are a microservice layout (a size signal).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from framefit.scanners.base import Collector, PathView, ScanContext, Scanner, ScanResult, SourceFile
from framefit.scanners.formats import yaml_doc as _yaml
from framefit.scanners.formats.db_urls import scheme_signal

if TYPE_CHECKING:
    from framefit.scanners.formats.yaml_doc import Node

_NAME = re.compile(r"(?:docker-)?compose(?:[.-][\w.-]+)?\.ya?ml")
APP_SERVICES_AT = 2  # distinct build contexts that make a microservice layout


def matches(path: PathView) -> bool:
    """compose.yaml, compose.yml, docker-compose.yml, docker-compose.prod.yml, compose.override.yaml."""
    return _NAME.fullmatch(path.name) is not None


def scan(source: SourceFile, ctx: ScanContext) -> ScanResult:
    """Evidence from every service of the first document; a diagnostic for bad YAML."""
    out = Collector(source.path)
    docs, problem = _yaml.documents(source.path, source.data)
    if problem is not None:
        out.diagnostics.append(problem)
    if not docs:
        return out.result()
    lines = source.data.decode("utf-8-sig", errors="replace").splitlines()
    services = _yaml.get(docs[0], "services")
    if services is None:
        out.problem(_yaml.line(docs[0]), "parse-error", "no services: mapping (not a compose file?)")
        return out.result()
    contexts: dict[str, int] = {}
    for _name, service in _yaml.pairs(services):
        _service(service, lines, ctx, out)
        build = _build_context(service)
        if build is not None:
            contexts.setdefault(build, _yaml.line(service))
    if len(contexts) >= APP_SERVICES_AT:
        out.add(_yaml.key_line(docs[0], "services"), "compose-app-services",
                f"{len(contexts)} services built from {', '.join(sorted(contexts))}")
    return out.result()


def _service(service: Node, lines: list[str], ctx: ScanContext, out: Collector) -> None:
    image = _yaml.get(service, "image")
    name = _yaml.text(image)
    if image is not None and name:
        signal = image_signal(name, ctx)
        if signal is not None:
            out.add(_yaml.line(image), signal, _yaml.source_line(lines, _yaml.line(image)))
    for key, value, number in environment(_yaml.get(service, "environment")):
        signal = env_signal(key, value, ctx)
        if signal is not None:
            out.add(number, signal, _yaml.source_line(lines, number))


def _build_context(service: Node) -> str | None:
    build = _yaml.get(service, "build")
    if build is None:
        return None
    return _yaml.text(build) or _yaml.text(_yaml.get(build, "context")) or "."


def image_signal(image: str, ctx: ScanContext) -> str | None:
    """The images.toml `[[service]]` signal of a container image (compose, Kubernetes)."""
    images = ctx.catalog.views.images
    return images.first(images.service, image.lower())


def environment(node: Node | None) -> list[tuple[str, str, int]]:
    """(name, value, line) of a compose `environment`, in its mapping or its `- K=V` list form."""
    found: list[tuple[str, str, int]] = []
    for key, value in _yaml.pairs(node):
        found.append((key, _yaml.text(value) or "", _yaml.line(value)))
    for item in _yaml.items(node):
        name, _, assigned = (_yaml.text(item) or "").partition("=")
        found.append((name.strip(), assigned.strip(), _yaml.line(item)))
    return found


def env_signal(name: str, value: str, ctx: ScanContext) -> str | None:
    """A URL value's scheme decides; without a readable URL, a well-known name does."""
    if "://" in value:
        signal = scheme_signal(value, ctx.catalog)
        if signal is not None:
            return signal
    return ctx.catalog.views.platforms.env_names.get(name.upper())


SCANNER = Scanner("compose", matches, scan)
