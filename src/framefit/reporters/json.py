"""The version-1 JSON report of DESIGN.md: one object, sorted keys and lists, stable bytes."""

from __future__ import annotations

from framefit.model import Report
from framefit.reporters.escape import json_text


def render(report: Report, *, color: bool = False) -> str:
    return json_text(report.to_dict(), sort_keys=True)
