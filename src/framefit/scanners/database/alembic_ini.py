"""alembic.ini: Alembic migrates a relational database; its `sqlalchemy.url` may name which."""

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
from framefit.scanners.formats.db_urls import scheme_signal

_SECTION = re.compile(r"^[ \t]*\[alembic\]\s*$", re.MULTILINE)
_URL = re.compile(r"^[ \t]*sqlalchemy\.url\s*=\s*(\S.*)$", re.MULTILINE)


def matches(path: PathView) -> bool:
    """`alembic.ini` anywhere in the repo."""
    return path.name == "alembic.ini"


def scan(source: SourceFile, ctx: ScanContext) -> ScanResult:
    """`alembic-config` at the [alembic] section, and the URL scheme's signal at sqlalchemy.url."""
    out = Collector(source.path)
    text = text_or_problem(source, out)
    if text is None:
        return out.result()
    lines = text.splitlines()
    for pattern in (_SECTION, _URL):
        found = pattern.search(text)
        if found is None:
            continue
        line = text.count("\n", 0, found.start()) + 1
        signal = "alembic-config" if pattern is _SECTION else scheme_signal(found.group(1), ctx.catalog)
        if signal:
            out.add(line, signal, lines[line - 1])
    return out.result()


SCANNER = Scanner("alembic-ini", matches, scan)
