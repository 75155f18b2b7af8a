"""The Azure Developer CLI's azure.yaml: where each Python service of `services:` is hosted.

`services.<name>.host` says the platform (catalog platforms.toml `[azure_hosts]`: App Service,
Functions, Container Apps) and `project` the service's folder, relative to azure.yaml: the
evidence is about that folder (Evidence.about), so one azure.yaml at the top of a monorepo
speaks for each service below it. A service whose `language` is not Python is left out.

Not planned: its evidence is about other folders than its own, which the plan cannot foresee.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from framefit.scanners.base import Collector, PathView, ScanContext, Scanner, ScanResult, SourceFile
from framefit.scanners.deploy import folders
from framefit.scanners.formats import yaml_doc as _yaml

if TYPE_CHECKING:
    from framefit.catalog.views import Azure

NAMES = ("azure.yaml", "azure.yml")


def matches(path: PathView) -> bool:
    """azure.yaml / azure.yml, wherever it is."""
    return path.name in NAMES


def scan(source: SourceFile, ctx: ScanContext) -> ScanResult:
    """A host signal for every Python service, about its project folder."""
    out = Collector(source.path)
    docs, problem = _yaml.documents(source.path, source.data)
    out.diagnostics.extend([problem] if problem else [])
    if not docs:
        return out.result()
    lines = source.data.decode("utf-8-sig", errors="replace").splitlines()
    azure = ctx.catalog.views.platforms.azure
    for _name, service in _yaml.pairs(_yaml.get(docs[0], "services")):
        host = _yaml.get(service, "host")
        signal = _python_host(service, host, azure)
        if host is None or signal is None:
            continue
        about = folders.about(source.directory, _yaml.text(_yaml.get(service, "project")) or ".")
        if about is None:
            out.problem(_yaml.line(service), "unresolved", "project: the folder is outside the repository")
            continue
        number = _yaml.line(host)
        out.add(number, signal, _yaml.source_line(lines, number), about=about)
    return out.result()


def _python_host(service: _yaml.Node, host: _yaml.Node | None, azure: Azure) -> str | None:
    """The signal of the service's host, unless its language is not Python."""
    signal = azure.hosts.get((_yaml.text(host) or "").strip().lower())
    language = (_yaml.text(_yaml.get(service, "language")) or "").strip().lower()
    return None if language and language not in azure.python_languages else signal


SCANNER = Scanner("azd", matches, scan)
