"""The reporters: each renders a Report to a string, and nothing else."""

from __future__ import annotations

from collections.abc import Callable

from framefit.model import Report
from framefit.reporters import json, text

Render = Callable[..., str]

REPORTERS: dict[str, Render] = {
    "text": text.render,
    "json": json.render,
}


def render(name: str, report: Report, *, color: bool = False) -> str:
    return REPORTERS[name](report, color=color)
