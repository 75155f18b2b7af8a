"""Compose files: database and store services next to the app, their URLs, and app-service layout.

A service's `image` is looked up in images.toml `[[service]]` (postgres -> relational, redis ->
a store); `environment` values are read for URL schemes (urls.toml) and, without a URL, for
well-known names (platforms.toml `[env_names]`). Several services built from different folders
of the repo are a microservice layout (a size signal for each of them).

What a service built from a folder of the repo shows is about that folder (Evidence.about): a
compose file at the top of a monorepo speaks for each service it builds. A service that only
runs an image (a database) is about the compose file's own folder when it builds that folder
(the app beside it), else about the services that depend on it or link to it. Not planned: its
evidence is about other folders than its own. Version 1 files (services at the top level, no
`services:` key) are read too.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from framefit.scanners.base import Collector, PathView, ScanContext, Scanner, ScanResult, SourceFile
from framefit.scanners.deploy import folders
from framefit.scanners.formats import yaml_doc as _yaml
from framefit.scanners.formats.db_urls import scheme_signal

if TYPE_CHECKING:
    from collections.abc import Iterator

    from framefit.scanners.formats.yaml_doc import Node

_NAME = re.compile(r"(?:docker-)?compose(?:[.-][\w.-]+)?\.ya?ml")


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
    services = _services(docs[0])
    if services is None:
        out.problem(_yaml.line(docs[0]), "parse-error", "no services: mapping (not a compose file?)")
        return out.result()
    named = list(_yaml.pairs(services))
    built = {name: found for name, service in named
             if (found := _built_in(service, source.directory)) is not None}
    for service, about in _abouts(named, built):
        _service(service, lines, ctx, out, about)
    _layout(named, built, ctx.catalog.views.platforms.fleet_min_deployed, out)
    return out.result()


def _abouts(named: list[tuple[str, Node]], built: dict[str, str]) -> Iterator[tuple[Node, str]]:
    """Each service with each folder its evidence is about: the one it builds, else those of
    the services that use it (see `_users`), else the compose file's own ("")."""
    users = {} if "" in built.values() else _users(named, built)
    for name, service in named:
        for about in sorted(users.get(name, {""})) if name not in built else [built[name]]:
            yield service, about


def _services(doc: Node) -> Node | None:
    """The `services:` mapping, or the whole document in the version 1 format, whose top-level
    keys are the services (each a mapping with an `image` or a `build`)."""
    services = _yaml.get(doc, "services")
    if services is not None:
        return services
    values = [value for key, value in _yaml.pairs(doc) if key != "version" and not key.startswith("x-")]
    v1 = values and all(_yaml.get(v, "image") is not None or _yaml.get(v, "build") is not None
                        for v in values)
    return doc if v1 else None


def _users(named: list[tuple[str, Node]], built: dict[str, str]) -> dict[str, set[str]]:
    """Per service, the folders of the services built from the repo that depend on it or link
    to it: in a compose file that does not build its own folder (one at the top of a
    monorepo), a database is about the apps that use it. (One that builds its own folder is
    its app's: what runs next to it is that app's, whatever else it builds for a test.)"""
    users: dict[str, set[str]] = {}
    for name, service in named:
        if name not in built:
            continue
        needed = _yaml.get(service, "depends_on")
        names = [_yaml.text(item) or "" for item in _yaml.items(needed)]
        names += [key for key, _ in _yaml.pairs(needed)]
        names += [(_yaml.text(item) or "").split(":")[0] for item in _yaml.items(_yaml.get(service, "links"))]
        for used in names:
            users.setdefault(used, set()).add(built[name])
    return users


def _layout(named: list[tuple[str, Node]], built: dict[str, str], least: int,
            out: Collector) -> None:
    """Several services built from different folders of the repo (at least `least`, catalog
    platforms.toml [fleet]): each is one microservice among several, at its `build` line and
    about its folder."""
    folders_built = sorted({f or "." for f in built.values()})
    if len(folders_built) < least:
        return
    shown = ", ".join(folders_built)
    seen: set[str] = set()
    for name, service in named:
        if name in built and built[name] not in seen:
            seen.add(built[name])
            detail = f"one of {len(folders_built)} services built here: {shown}"
            out.add(_yaml.key_line(service, "build"), "compose-app-services", detail,
                    about=built[name])


def _service(service: Node, lines: list[str], ctx: ScanContext, out: Collector, about: str) -> None:
    image = _yaml.get(service, "image")
    name = _yaml.text(image)
    if image is not None and name:
        signal = image_signal(name, ctx)
        if signal is not None:
            out.add(_yaml.line(image), signal, _yaml.source_line(lines, _yaml.line(image)),
                    about=about)
    for key, value, number in environment(_yaml.get(service, "environment")):
        signal = env_signal(key, value, ctx)
        if signal is not None:
            out.add(number, signal, _yaml.source_line(lines, number), about=about)


def _built_in(service: Node, directory: str) -> str | None:
    """The repo folder a service is built from ("" the compose file's own), None when it is
    not built or not from the repository (a URL, a folder outside it, a variable)."""
    build = _yaml.get(service, "build")
    if build is None:
        return None
    context = _yaml.text(build) or _yaml.text(_yaml.get(build, "context")) or "."
    if "://" in context or context.startswith("git@") or "$" in context:
        return None
    return folders.about(directory, context)


def image_signal(image: str, ctx: ScanContext) -> str | None:
    """The images.toml `[[service]]` signal of a container image (compose, Kubernetes)."""
    images = ctx.catalog.views.images
    return images.first(images.service, image.lower())


def official_image(image: str) -> bool:
    """An official Docker Hub image (no namespace: `nginx:1.27`, `library/busybox`, or the same
    under docker.io), which is someone else's software, never the app's own image."""
    name = image.strip().lower().removeprefix("docker.io/").removeprefix("index.docker.io/")
    return "/" not in name.split("@", 1)[0] or name.startswith("library/")


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
