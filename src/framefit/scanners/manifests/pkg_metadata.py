"""Packaging metadata of sdists and wheels: PKG-INFO, *.dist-info/METADATA, *.egg-info/requires.txt.

`Requires-Dist` headers are PEP 508 strings; one whose marker says `extra == "x"` belongs to
group `optional:x` (or dev/test/docs when the extra's name says so). An egg-info `requires.txt`
lists runtime requirements first, then `[extra]`, `[:marker]` or `[extra:marker]` sections.
"""

from __future__ import annotations

import re

from framefit.scanners.base import (
    Collector,
    PathView,
    ScanContext,
    Scanner,
    ScanResult,
    SourceFile,
    text_or_problem,
)
from framefit.scanners.manifests.requirements import named_group, pep508

_EXTRA = re.compile(r"""extra\s*==\s*["']([^"']+)["']""")
_SECTION = re.compile(r"^\[([^\]:]*)(?::(.*))?\]$")


def matches(path: PathView) -> bool:
    if path.name == "PKG-INFO":
        return True
    if path.name == "METADATA":
        return path.parent.name.endswith(".dist-info")
    return path.name == "requires.txt" and path.parent.name.endswith(".egg-info")


def scan(source: SourceFile, ctx: ScanContext) -> ScanResult:
    """Every declared requirement; `manifest` when the file declares at least one."""
    out = Collector(source.path)
    text = text_or_problem(source, out)
    if text is None:
        return out.result()
    if source.posix.name == "requires.txt":
        _requires_txt(text, out)
    else:
        _headers(text, out)
    if out.dependencies:
        out.add(None, "manifest", f"{len(out.dependencies)} requirements")
    return out.result()


def _headers(text: str, out: Collector) -> None:
    """`Requires-Dist:` headers (with folded continuation lines) up to the first blank line."""
    for number, pieces in _folded_headers(text, out):
        if number:
            value = " ".join(pieces)
            req = _EXTRA.search(value)
            group = named_group(req.group(1), f"optional:{req.group(1)}") if req else "runtime"
            pep508(out, out.path, number, value, group, f"Requires-Dist: {value}")


def _folded_headers(text: str, out: Collector) -> list[tuple[int, list[str]]]:
    """(line, pieces) of each header up to the first blank line, a continuation line's piece
    added to the header it folds; line 0 for a header other than `Requires-Dist`."""
    found: list[tuple[int, list[str]]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            break  # the body (the long description) starts here
        if out.too_long(number, line):
            continue
        if line[0] in " \t":
            if found and found[-1][0]:
                found[-1][1].append(line.strip())
            continue
        name, _, value = line.partition(":")
        found.append((number if name.strip().lower() == "requires-dist" else 0, [value.strip()]))
    return found


def _requires_txt(text: str, out: Collector) -> None:
    group, marker = "runtime", ""
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if out.too_long(number, line):
            continue
        section = _SECTION.match(line)
        if section:
            group, marker = _section_group(section)
            continue
        if line and not line.startswith("#"):
            full = line if not marker or ";" in line else f"{line}; {marker}"
            pep508(out, out.path, number, full, group, raw)


def _section_group(section: re.Match[str]) -> tuple[str, str]:
    """The group and marker of a `[extra:marker]` section's requirements."""
    extra = section.group(1).strip()
    group = named_group(extra, f"optional:{extra}") if extra else "runtime"
    return group, (section.group(2) or "").strip()


SCANNER = Scanner("pkg_metadata", matches, scan)
