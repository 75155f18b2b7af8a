"""The reporters: each renders a Report to a string, and nothing else."""

from __future__ import annotations

from collections.abc import Callable

from framefit.model import Report
from framefit.reporters import github, gitlab, json, markdown, sarif, text

Render = Callable[..., str]

REPORTERS: dict[str, Render] = {
    "text": text.render,
    "json": json.render,
    "markdown": markdown.render,
    "sarif": sarif.render,
    "github": github.render,
    "gitlab": gitlab.render,
}


def render(name: str, report: Report, *, color: bool = False) -> str:
    """`report` in the format registered as `name` (a key of REPORTERS)."""
    return REPORTERS[name](report, color=color)
