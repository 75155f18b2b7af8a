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
_ASSIGNMENT = re.compile(r"^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$")


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
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        found = _ASSIGNMENT.match(line)
        if found is None:
            out.problem(number, "parse-error", "not NAME=value")
            continue
        value = re.sub(r"\s+#.*$", "", found.group(2)).strip("\"'")
        signal = env_signal(found.group(1), value, ctx)
        if signal is not None:
            out.add(number, signal, line)
    return out.result()


SCANNER = Scanner("envfiles", matches, scan)
