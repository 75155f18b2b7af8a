"""SQL files: a `CREATE TABLE` statement is a schema the app keeps in a relational database."""

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

_CREATE_TABLE = re.compile(r"^[ \t]*CREATE\s+(?:(?:GLOBAL|LOCAL)\s+)?(?:TEMP\w*\s+)?TABLE\b",
                           re.IGNORECASE | re.MULTILINE)


def matches(path: PathView) -> bool:
    """Any `*.sql` file."""
    return path.suffix.lower() == ".sql"


def scan(source: SourceFile, ctx: ScanContext) -> ScanResult:
    """`sql-schema` at the first CREATE TABLE (one is enough); a decode-error when not text."""
    out = Collector(source.path)
    text = text_or_problem(source, out)
    if text is None:
        return out.result()
    found = _CREATE_TABLE.search(text)
    if found:
        line = text.count("\n", 0, found.start()) + 1
        out.add(line, "sql-schema", text.splitlines()[line - 1])
    return out.result()


SCANNER = Scanner("sql-schema", matches, scan, signals=("sql-schema",))
