"""What a Python analysis is, and the module it reads.

The python scanner parses a module once; each analysis (registry: `registry.ANALYSES`) then may
`start` before the one batched traversal (its result is kept under its name), take part in the
traversal with a `visitor`, and `finish` after it. An analysis reads another's result only when
it names it in `reads` and comes after it in the registry (a test checks both), so results pass
between analyses as values. `requirements` is the analysis's prefilter: what a module's bytes
must hold for it to give each signal, stated from the same catalog view its visitor reads.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from framefit.catalog import Catalog
from framefit.frozen import frozen
from framefit.scanners.base import Collector, ScanContext, SourceFile
from framefit.scanners.python.prefilter import Requirement
from framefit.scanners.python.syntax import Parsed, Visitor

T = TypeVar("T")


@dataclass(slots=True)
class Module:
    """One parsed module under analysis: the evidence gathered so far and each result by name."""

    parsed: Parsed
    source: SourceFile
    ctx: ScanContext
    out: Collector
    results: dict[str, object] = field(default_factory=dict)

    def result(self, name: str, kind: type[T]) -> T:
        """The result the analysis `name` left (it must have, and be a `kind`)."""
        value = self.results[name]
        if not isinstance(value, kind):
            raise TypeError(f"analysis {name} left a {type(value).__name__}, not a {kind.__name__}")
        return value

    def add(self, line: int, signal: str) -> None:
        """Evidence `signal` at `line`, the line's text as its detail."""
        self.out.add(line, signal, self.parsed.text_of(line))


@frozen
class Analysis:
    """One analysis of a parsed module; see the module's docstring."""

    name: str
    requirements: Callable[[Catalog], Iterable[Requirement]]
    start: Callable[[Module], object] | None = None
    visitor: Callable[[Module], Visitor] | None = None
    finish: Callable[[Module], None] | None = None
    reads: tuple[str, ...] = ()
