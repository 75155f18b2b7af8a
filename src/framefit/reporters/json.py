"""The version-1 JSON report of DESIGN.md: one object, sorted keys and lists, stable bytes."""

from __future__ import annotations

import json

from framefit.model import Report


def render(report: Report, *, color: bool = False) -> str:
    return json.dumps(report.to_dict(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
