"""pip requirements files: requirements*.txt, requirements/*.txt, *.in, with -r/-c includes."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

from framefit.model import Dependency, Diagnostic
from framefit.scanners.base import Collector, ScanContext, Scanner, ScanResult, SourceFile, clip
from framefit.walk.reader import ReadError, join

_NOT_REQUIREMENTS_IN = frozenset({"MANIFEST.in", "Makefile.in", "configure.in", "config.in"})
_GROUP_WORDS = {
    "dev": "dev", "develop": "dev", "development": "dev", "lint": "dev", "local": "dev",
    "test": "test", "tests": "test", "testing": "test", "ci": "test",
    "doc": "docs", "docs": "docs", "documentation": "docs",
    "prod": "runtime", "production": "runtime", "base": "runtime", "common": "runtime",
    "requirements": "runtime", "main": "runtime", "runtime": "runtime", "install": "runtime",
}
_EGG = re.compile(r"[#&]egg=([A-Za-z0-9][A-Za-z0-9._-]*)")
_OPTION = re.compile(r"^(-[rc]|--requirement|--constraint)(?:\s+|=)(\S+)")


def matches(path: PurePosixPath) -> bool:
    name = path.name
    if name.startswith("requirements") and path.suffix in (".txt", ".in"):
        return True
    if path.parent.name == "requirements" and path.suffix in (".txt", ".in"):
        return True
    return path.suffix == ".in" and name not in _NOT_REQUIREMENTS_IN and name.count(".") == 1


def group_of(path: str) -> str:
    """The dependency group a requirements file's name gives its lines."""
    p = PurePosixPath(path)
    words = [w for w in re.split(r"[-_.]", p.stem.lower()) if w and w != "requirements"]
    if not words and p.parent.name != "requirements":
        return "runtime"
    for word in words or [p.stem.lower()]:
        if word in _GROUP_WORDS:
            return _GROUP_WORDS[word]
    return f"group:{'-'.join(words) or p.stem.lower()}"


def scan(source: SourceFile, ctx: ScanContext) -> ScanResult:
    out = Collector(source.path)
    text = _decode(source.path, source.data, out)
    if text is None:
        return out.result()
    _read(source.path, text, group_of(source.path), ctx, out, seen={source.path})
    if out.dependencies:
        out.add(None, "manifest", f"{len(out.dependencies)} requirements")
    return out.result()


def _decode(path: str, data: bytes, out: Collector) -> str | None:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return data.decode("latin-1")
        except UnicodeDecodeError:  # pragma: no cover - latin-1 decodes every byte
            out.problem(None, "decode-error", f"{path}: not text")
            return None


def logical_lines(text: str) -> list[tuple[int, str]]:
    """(first physical line, text) per logical line: continuations joined, comments removed."""
    result: list[tuple[int, str]] = []
    buffer, start = "", 0
    for number, raw in enumerate(text.splitlines(), start=1):
        line = re.sub(r"(^|\s)#.*$", "", raw)
        if not buffer:
            start = number
        if line.endswith("\\"):
            buffer += line[:-1] + " "
            continue
        buffer += line
        if buffer.strip():
            result.append((start, buffer.strip()))
        buffer = ""
    if buffer.strip():
        result.append((start, buffer.strip()))
    return result


def _read(path: str, text: str, group: str, ctx: ScanContext, out: Collector,
          seen: set[str]) -> None:
    directory = PurePosixPath(path).parent.as_posix()
    raw_lines = text.splitlines()
    for number, line in logical_lines(text):
        detail = raw_lines[number - 1] if number <= len(raw_lines) else line
        include = _OPTION.match(line)
        if include:
            if include.group(1) in ("-r", "--requirement"):
                _include(path, number, include.group(2), directory, group, ctx, out, seen)
            continue  # constraint files only pin versions: their names are not dependencies
        if line.startswith("-e ") or line.startswith("--editable"):
            _editable(path, number, line, detail, group, out)
            continue
        if line.startswith("-"):
            continue  # --index-url, -f, --hash on its own line, ...
        _requirement(path, number, line, detail, group, out)


def _requirement(path: str, number: int, line: str, detail: str, group: str,
                 out: Collector) -> None:
    text = re.sub(r"\s--hash[=\s]\S+", "", line).strip()
    egg = _EGG.search(text)
    if "://" in text and "@" not in text.split("://")[0] and egg:
        _add(path, number, egg.group(1), egg.group(1), "", detail, group, out)
        return
    if text.startswith((".", "/")) or ("://" in text and not egg and " @ " not in text):
        return  # a local path or URL with no name: nothing to look up
    try:
        req = Requirement(text)
    except InvalidRequirement as exc:
        out.diagnostics.append(_problem(path, number, f"not a requirement: {clip(str(exc))}"))
        return
    _add(path, number, req.name, req.name, str(req.marker or ""), detail, group, out)


def _editable(path: str, number: int, line: str, detail: str, group: str, out: Collector) -> None:
    egg = _EGG.search(line)
    if egg:
        _add(path, number, egg.group(1), egg.group(1), "", detail, group, out)


def _add(path: str, number: int, name: str, spelling: str, marker: str, detail: str,
         group: str, out: Collector) -> None:
    out.dependencies.append(Dependency(path, number, canonicalize_name(name), spelling, group,
                                       marker, clip(detail)))


def _problem(path: str, number: int, message: str) -> Diagnostic:
    return Diagnostic(path, number, "parse-error", message)


def _include(path: str, number: int, target: str, directory: str, group: str,
             ctx: ScanContext, out: Collector, seen: set[str]) -> None:
    included = join("" if directory == "." else directory, target)
    if included is None:
        out.diagnostics.append(_problem(path, number, f"include {target} is outside the repository"))
        return
    if included in seen:
        return  # an include cycle ends here
    seen.add(included)
    try:
        data = ctx.reader.read_bytes(included)
    except ReadError as exc:
        out.diagnostics.append(_problem(path, number, f"cannot follow -r {target}: {exc.message}"))
        return
    text = _decode(included, data, out)
    if text is None:
        return
    # An included file keeps the group its own name gives; a name that says none inherits.
    own = group_of(included)
    _read(included, text, group if own.startswith("group:") else own, ctx, out, seen)


SCANNER = Scanner("requirements", matches, scan)
