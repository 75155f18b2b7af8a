"""The reporters: each renders a Report to a string, and nothing else."""

from __future__ import annotations

from importlib import import_module

from framefit.errors import UsageError
from framefit.model import Report

# Format name -> the module (in this package) whose `render(report, *, color)` draws it. A
# module is imported when its format is asked for: one run renders one or two formats.
REPORTERS: dict[str, str] = {
    "text": "text",
    "json": "json",
    "markdown": "markdown",
    "sarif": "sarif",
    "github": "github",
    "gitlab": "gitlab",
}


def render(name: str, report: Report, *, color: bool = False) -> str:
    """`report` in the format registered as `name` (a key of REPORTERS); UsageError naming the
    formats for any other name."""
    if name not in REPORTERS:
        raise UsageError(f'unknown format "{name}"; formats: {", ".join(sorted(REPORTERS))}')
    module = import_module(f"{__name__}.{REPORTERS[name]}")
    text: str = module.render(report, color=color)
    return text
