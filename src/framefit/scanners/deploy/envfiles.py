"""Example env files (.env.example, .env.sample …): database URLs and connection variable names.

The value's URL scheme decides (urls.toml); a well-known name with no readable URL is weaker
evidence (platforms.toml `[env_names]`). A real `.env` holds secrets and is not read.
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
from framefit.scanners.deploy.compose import env_signal

NAMES = frozenset({".env.example", ".env.sample", ".env.template", ".env.dist", ".env.defaults",
                   "env.example", "example.env", "sample.env"})
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def matches(path: PathView) -> bool:
    """.env.example, .env.sample, .env.template, .env.dist, .env.defaults, env.example …"""
    return path.name in NAMES


def scan(source: SourceFile, ctx: ScanContext) -> ScanResult:
    """One piece of evidence per variable whose value or name the catalog knows."""
    out = Collector(source.path)
    text = text_or_problem(source, out)
    if text is None:
        return out.result()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#") or out.too_long(number, line):
            continue
        found = assignment(line)
        if found is None:
            out.problem(number, "parse-error", "not NAME=value")
            continue
        signal = env_signal(found[0], found[1], ctx)
        if signal is not None:
            out.add(number, signal, line)
    return out.result()


def assignment(line: str) -> tuple[str, str] | None:
    """`[export] NAME = value  # comment` -> (NAME, value unquoted), else None.

    Split at the first `=` and at the first ` #`, never matched by one pattern: each step is
    linear in the line, whatever it holds.
    """
    head, equals, value = line.partition("=")
    name = head.strip()
    if name.startswith("export") and name[6:7].isspace():
        name = name[6:].lstrip()
    if not equals or _NAME.fullmatch(name) is None:
        return None
    return name, _uncommented(value.strip()).strip("\"'")


def _uncommented(value: str) -> str:
    """`value` up to the blanks before its first `#` that follows a blank."""
    at = value.find("#", 1)
    while at != -1 and not value[at - 1].isspace():
        at = value.find("#", at + 1)
    return value if at == -1 else value[:at].rstrip()


SCANNER = Scanner("envfiles", matches, scan)
