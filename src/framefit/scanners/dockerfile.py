"""Dockerfiles: the final stage's base image and its family (full, slim, alpine, distroless)."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from framefit.scanners.base import Collector, ScanContext, Scanner, ScanResult, SourceFile, decode

_FROM = re.compile(r"^\s*FROM\s+(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?", re.IGNORECASE)


def matches(path: PurePosixPath) -> bool:
    name = path.name
    return (
        name in ("Dockerfile", "Containerfile")
        or name.startswith("Dockerfile.")
        or name.endswith(".Dockerfile")
    )


def scan(source: SourceFile, ctx: ScanContext) -> ScanResult:
    out = Collector(source.path)
    text, problem = decode(source)
    if text is None:
        assert problem is not None
        out.diagnostics.append(problem)
        return out.result()
    stages = [
        (number, found.group(1).lower(), line)
        for number, line in enumerate(text.splitlines(), start=1)
        if (found := _FROM.match(line))
    ]
    if not stages:
        out.problem(None, "parse-error", "no FROM instruction")
        return out.result()
    number, image, line = stages[-1]
    signal = _family_signal(image, ctx)
    if signal is not None:
        out.add(number, signal, line)
    return out.result()


def _family_signal(image: str, ctx: ScanContext) -> str | None:
    bases = ctx.catalog.table("images").get("base", [])
    for entry in bases if isinstance(bases, list) else []:
        if re.search(str(entry["match"]), image):
            return str(entry["signal"])
    return None


SCANNER = Scanner("dockerfile", matches, scan)
