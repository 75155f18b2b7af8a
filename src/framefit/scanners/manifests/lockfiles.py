"""Lock files: poetry.lock, uv.lock and pdm.lock.

Each `[[package]]` is evidence in group `lock` (it may only be pulled in by something else, so it
weighs less than a direct dependency), or `dev` when the lock says only development groups
need it. The project itself and its workspace members (uv's editable and virtual sources) are
not dependencies.

A lock file is mostly hashes and download URLs, which say nothing here: only the lines of each
`[[package]]` table that hold the keys read (`KEYS`) go to the TOML parser, about a tenth of the
file (uv.lock of a large app: 50 ms to parse whole, 5 ms this way). A file with a multi-line
string, where such a line could be text, is parsed whole; the parts not read are not checked.
"""

from __future__ import annotations

import re
from typing import Any

from framefit.catalog.names import canonical_name
from framefit.model import Dependency
from framefit.scanners.base import Collector, PathView, ScanContext, Scanner, ScanResult, SourceFile, clip
from framefit.scanners.formats import toml_doc as _toml

LOCK_FILES = frozenset({"poetry.lock", "uv.lock", "pdm.lock"})
_PACKAGE_HEADER = re.compile(r"^\s*\[\[\s*package\s*\]\]\s*$")
_OWN_SOURCES = frozenset({"editable", "virtual"})  # uv: the project and its workspace members
_MAIN_GROUPS = frozenset({"main", "default"})  # poetry's category, pdm's groups
KEYS = ("name", "version", "source", "marker", "category", "groups")
_KEY_LINE = re.compile(rf"^(?:{'|'.join(KEYS)})[ \t]*=")
_HEADER = re.compile(r"^[ \t]*\[")


def matches(path: PathView) -> bool:
    return path.name in LOCK_FILES


def scan(source: SourceFile, ctx: ScanContext) -> ScanResult:
    """Every locked package, cited at its `[[package]]` header."""
    out = Collector(source.path)
    data, problem = _toml.load(source.path, _packages_only(source.data))
    if data is None:
        out.diagnostics.extend([problem] if problem else [])
        return out.result()
    packages = data.get("package", [])
    headers = [n for n, line in enumerate(source.data.decode("utf-8-sig").splitlines(), start=1)
               if _PACKAGE_HEADER.match(line)]
    if not isinstance(packages, list):
        out.problem(None, "parse-error", "`package` is not an array of tables")
        return out.result()
    for index, package in enumerate(packages):
        line = headers[index] if index < len(headers) else None
        _package(package, line, out)
    out.add(None, "manifest", f"{len(out.dependencies)} locked packages")
    return out.result()


def _packages_only(data: bytes) -> bytes:
    """The top-level lines, every header, and the lines of `[[package]]` tables that set one of
    KEYS (the whole file when it has a multi-line string, or is not UTF-8: then the parser says
    so). Lines left out stay as blank lines, so the parser's line numbers are the file's."""
    if b'"""' in data or b"'''" in data:
        return data
    try:
        lines = data.decode("utf-8-sig").splitlines()
    except UnicodeDecodeError:
        return data
    kept: list[str] = []
    inside, top = False, True
    for line in lines:
        if _HEADER.match(line):
            top, inside = False, _PACKAGE_HEADER.match(line) is not None
            kept.append(line)
        else:
            kept.append(line if top or (inside and _KEY_LINE.match(line)) else "")
    return "\n".join(kept).encode()


def _package(package: Any, line: int | None, out: Collector) -> None:
    if not isinstance(package, dict) or not isinstance(package.get("name"), str):
        out.problem(line, "parse-error", "a [[package]] without a name")
        return
    source = package.get("source")
    if isinstance(source, dict) and _OWN_SOURCES & source.keys():
        return
    name, version = package["name"], str(package.get("version", ""))
    out.dependencies.append(Dependency(out.path, line, canonical_name(name), name,
                                       _group(package), str(package.get("marker", "")),
                                       clip(f"{name} {version}".strip())))


def _group(package: dict[str, Any]) -> str:
    """`dev` when the lock names only non-main groups for the package, else `lock`."""
    named: list[str] = []
    if isinstance(package.get("category"), str):
        named.append(package["category"])
    if isinstance(package.get("groups"), list):
        named.extend(str(g) for g in package["groups"])
    return "dev" if named and not _MAIN_GROUPS & set(named) else "lock"


SCANNER = Scanner("lockfiles", matches, scan)
