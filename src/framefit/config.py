"""Config: what a run is asked to do, independent of how it was asked (file, environment, CLI)."""

from __future__ import annotations

from dataclasses import dataclass

from framefit.model import Severity


@dataclass(frozen=True, slots=True)
class Config:
    select: tuple[str, ...] = ("FF",)
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    fail_on: Severity = Severity.ERROR
    exclude: tuple[str, ...] = ()
    format: str = "text"
