"""pip requirements files: requirements*.txt, requirements/*.txt, *.in, with -r/-c includes.

Besides the scanner, this module holds the requirement helpers the other dependency scanners
share: `pep508` (one PEP 508 string to a Dependency or a diagnostic), `read_file` (a requirements
file named by another manifest, followed through the reader) and `named_group` (the group a
dev/test/docs-like extra or group name stands for).
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from framefit.catalog.names import canonical_name
from framefit.model import Dependency, Diagnostic
from framefit.scanners.base import (
    Collector,
    PathView,
    ScanContext,
    Scanner,
    ScanResult,
    SourceFile,
    clip,
    path_problem,
)
from framefit.walk.reader import ReadError, join

if TYPE_CHECKING:
    from packaging.requirements import Requirement

_NOT_REQUIREMENTS_IN = frozenset({"MANIFEST.in", "Makefile.in", "configure.in", "config.in"})
_GROUP_WORDS = {
    "dev": "dev", "develop": "dev", "development": "dev", "lint": "dev", "local": "dev",
    "test": "test", "tests": "test", "testing": "test", "ci": "test",
    "doc": "docs", "docs": "docs", "documentation": "docs",
    "prod": "runtime", "production": "runtime", "base": "runtime", "common": "runtime",
    "requirements": "runtime", "main": "runtime", "runtime": "runtime", "install": "runtime",
}
_EGG = re.compile(r"[#&]egg=([A-Za-z0-9][A-Za-z0-9._-]*)")
_OPTION = re.compile(r"^(-[rc]|--requirement|--constraint)(?:\s*=\s*|\s+)(\S+)")
_EDITABLE = re.compile(r"^(?:-e|--editable)(?:\s*=\s*|\s+)(\S.*)$")
_HASH = re.compile(r"\s--hash[=\s]\S+")
# Files one requirements file may include through -r, nested: deeper is a too-complex
# diagnostic at the include not followed (real trees nest two or three deep).
INCLUDE_DEPTH = 32
INCLUDES = 64  # ... and files in all (each up to 2 MB): more is too-complex at the include
# Requirements one file may declare: parsing one costs about 12 µs, and no manifest of a real
# project comes near (a lock file of a large monorepo holds a few thousand).
MAX_DEPENDENCIES = 20_000


def matches(path: PathView) -> bool:
    return _named(path) or (
        path.suffix == ".in" and path.name not in _NOT_REQUIREMENTS_IN and path.name.count(".") == 1
    )


def _named(path: PathView) -> bool:
    """requirements*.txt|in, or a .txt/.in in a requirements/ folder: surely a requirements file."""
    if path.suffix not in (".txt", ".in"):
        return False
    return path.name.startswith("requirements") or path.parent.name == "requirements"


def group_of(path: str) -> str:
    """The dependency group a requirements file's name gives its lines."""
    p = PurePosixPath(path)
    words = _name_words(p.stem)
    if not words and p.parent.name != "requirements":
        return "runtime"
    for word in words or [p.stem.lower()]:
        if word in _GROUP_WORDS:
            return _GROUP_WORDS[word]
    return f"group:{'-'.join(words) or p.stem.lower()}"


def _name_words(stem: str) -> list[str]:
    """The words of a requirements file's name but "requirements": `requirements-dev` -> ["dev"]."""
    return [w for w in re.split(r"[-_.]", stem.lower()) if w and w != "requirements"]


def named_group(name: str, otherwise: str) -> str:
    """`dev`, `test` or `docs` when an extra or group `name` says so, else `otherwise`."""
    for word in re.split(r"[-_.\s]", name.lower()):
        if _GROUP_WORDS.get(word) in ("dev", "test", "docs"):
            return _GROUP_WORDS[word]
    return otherwise


def scan(source: SourceFile, ctx: ScanContext) -> ScanResult:
    """Every requirement of the file and of the files it includes with -r (not -c)."""
    out = Collector(source.path)
    text = _decode(source.path, source.data, out)
    read_text(source.path, text, group_of(source.path), ctx, out, seen={source.path})
    if not out.dependencies and not _named(source.posix):
        # A bare `*.in` with not one requirement is a template (autoconf, meson), not pip-tools
        # input: it is not ours to report on.
        return ScanResult()
    if out.dependencies:
        out.add(None, "manifest", f"{len(out.dependencies)} requirements")
    return out.result()


def _decode(path: str, data: bytes, out: Collector) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        out.diagnostics.append(_diagnostic(path, line, "decode-error",
                                           f"not UTF-8 ({exc.reason}): read as Latin-1"))
        return data.decode("latin-1")  # every byte decodes: the other lines are still read


def logical_lines(text: str) -> list[tuple[int, str]]:
    """(first physical line, text) per logical line: continuations joined, comments removed."""
    result: list[tuple[int, str]] = []
    buffer: list[str] = []  # the physical lines of the logical line so far
    start = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        line = re.sub(r"(^|\s)#.*$", "", raw)
        if not buffer:
            start = number
        if line.endswith("\\"):
            buffer.append(line[:-1] + " ")
            continue
        joined = ("".join(buffer) + line).strip()
        if joined:
            result.append((start, joined))
        buffer = []
    if "".join(buffer).strip():
        result.append((start, "".join(buffer).strip()))
    return result


def read_file(path: str, group: str, ctx: ScanContext, out: Collector,
              cited: tuple[str, int | None]) -> None:
    """Read the requirements file at repo path `path` for another manifest (`cited` = its place).

    A file that cannot be read is a diagnostic at the citing place.
    """
    problem = path_problem(path)
    if problem is not None:
        out.diagnostics.append(_diagnostic(cited[0], cited[1], "parse-error",
                                           f"cannot read {clip(path)}: the path {problem}"))
        return
    try:
        data = ctx.reader.read_bytes(path)
    except ReadError as exc:
        out.diagnostics.append(_diagnostic(cited[0], cited[1], exc.kind,
                                           f"cannot read {path}: {exc.message}"))
        return
    start = len(out.diagnostics)
    read_text(path, _decode(path, data, out), group, ctx, out, seen={path})
    _leave_to_own_scan(path, out, start)


def read_text(path: str, text: str, group: str, ctx: ScanContext, out: Collector,
              seen: set[str], depth: int = 0) -> None:
    """Every logical line of a requirements text at `path`, in group `group`; `depth` is how
    many includes led to it."""
    raw_lines = text.splitlines()
    for number, line in logical_lines(text):
        detail = raw_lines[number - 1] if number <= len(raw_lines) else line
        if not out.too_long(number, _HASH.sub("", line)):  # hashes make long lines of their own
            read_line(path, number, line, detail, group, ctx, out, seen, depth)


def read_line(path: str, number: int, line: str, detail: str, group: str, ctx: ScanContext,
              out: Collector, seen: set[str], depth: int = 0) -> None:
    """One logical requirements line (an include, an editable, an option or a requirement)."""
    include = _OPTION.match(line)
    if include:
        if include.group(1) in ("-r", "--requirement"):
            _include(path, number, include.group(2), group, ctx, out, seen, depth + 1)
        return  # constraint files only pin versions: their names are not dependencies
    editable = _EDITABLE.match(line)
    if editable:
        _egg(path, number, editable.group(1), detail, group, out)
        return  # a local editable path (`-e .[all]`) names no distribution to look up
    if line.startswith("-"):
        return  # --index-url, -f, --hash on its own line, ...
    _requirement(path, number, _HASH.sub("", line).strip(), detail, group, out)


def _requirement(path: str, number: int, text: str, detail: str, group: str,
                 out: Collector) -> None:
    if "://" in text.split(" @ ")[0] or text.startswith((".", "/")):
        _egg(path, number, text, detail, group, out)  # a URL or a path: only #egg= names it
        return
    pep508(out, path, number, text, group, detail)


def _egg(path: str, number: int, text: str, detail: str, group: str, out: Collector) -> None:
    egg = _EGG.search(text)
    if egg:
        out.dependencies.append(Dependency(path, number, canonical_name(egg.group(1)),
                                           egg.group(1), group, "", clip(detail)))


def pep508(out: Collector, path: str, line: int | None, text: str, group: str,
           detail: str = "") -> Requirement | None:
    """Add the PEP 508 requirement `text` as a Dependency at path:line, or a parse-error there
    (past MAX_DEPENDENCIES, one too-large diagnostic and nothing more)."""
    if len(out.dependencies) >= MAX_DEPENDENCIES:
        too_many = _diagnostic(out.path, None, "too-large", f"more than {MAX_DEPENDENCIES:,} requirements")
        if out.diagnostics[-1:] != [too_many]:
            out.diagnostics.append(too_many)
        return None
    # Imported at the first requirement: packaging costs some 30 ms (its tokenizer's expressions,
    # packaging.tags and the standard modules it pulls in), which a tree without one never pays.
    from packaging.requirements import InvalidRequirement, Requirement

    try:
        req = Requirement(text.strip())
    except InvalidRequirement as exc:
        out.diagnostics.append(_diagnostic(path, line, "parse-error",
                                           f"not a requirement: {clip(str(exc))}"))
        return None
    out.dependencies.append(Dependency(path, line, canonical_name(req.name), req.name, group,
                                       str(req.marker or ""), clip(detail or text)))
    return req


def _diagnostic(path: str, line: int | None, kind: str, message: str) -> Diagnostic:
    return Diagnostic(path, line, kind, message)


def _include(path: str, number: int, target: str, group: str, ctx: ScanContext, out: Collector,
             seen: set[str], depth: int) -> None:
    """Follow `-r target` (line `number` of `path`), the `depth`-th include of a chain."""
    problem = path_problem(target)
    if problem is not None:
        out.diagnostics.append(_diagnostic(path, number, "parse-error",
                                           f"-r {clip(target)}: the path {problem}"))
        return
    if depth > INCLUDE_DEPTH:
        out.diagnostics.append(_diagnostic(path, number, "too-complex",
                                           f"-r {clip(target)} not followed: includes nest deeper "
                                           f"than {INCLUDE_DEPTH} ({clip(path)} is the last read)"))
        return
    directory = PurePosixPath(path).parent.as_posix()
    included = join("" if directory == "." else directory, target)
    if included is None:
        out.diagnostics.append(_diagnostic(path, number, "link-outside-root",
                                           f"include {target} is outside the repository"))
        return
    if included in seen:
        return  # an include cycle ends here
    if len(seen) > INCLUDES:
        out.diagnostics.append(_diagnostic(path, number, "too-complex",
                                           f"-r {clip(target)} not followed: more than {INCLUDES} "
                                           "files included"))
        return
    seen.add(included)
    try:
        data = ctx.reader.read_bytes(included)
    except ReadError as exc:
        out.diagnostics.append(_diagnostic(path, number, exc.kind,
                                           f"cannot follow -r {target}: {exc.message}"))
        return
    # An included file keeps the group its own name gives; a name that says none inherits.
    own = group_of(included)
    start = len(out.diagnostics)
    read_text(included, _decode(included, data, out), group if own.startswith("group:") else own,
              ctx, out, seen, depth)
    _leave_to_own_scan(included, out, start)


def _leave_to_own_scan(path: str, out: Collector, start: int) -> None:
    """Drop what reading `path` said about it since `start` when its own scan will say it too
    (not an include chain too deep: that depends on where the chain started)."""
    if matches(PurePosixPath(path)):
        out.diagnostics[start:] = [d for d in out.diagnostics[start:]
                                   if d.path != path or d.kind == "too-complex"]


SCANNER = Scanner("requirements", matches, scan)
