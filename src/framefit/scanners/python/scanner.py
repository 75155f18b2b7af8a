"""Python modules: parse once (stdlib `ast`), then run every analysis of the registry on it.

The scanner's prefilter (`registry.ModulePrefilter`) says from a module's bytes which signals its
analyses may give there, so the engine's plan parses only modules that can change an answer.
"""

from __future__ import annotations

from framefit.model import Diagnostic, Evidence
from framefit.scanners.base import Collector, PathView, ScanContext, Scanner, ScanResult, SourceFile
from framefit.scanners.python.analysis import Module
from framefit.scanners.python.imports import from_lines
from framefit.scanners.python.registry import ANALYSES, ModulePrefilter
from framefit.scanners.python.syntax import parse, visit_batched

__all__ = ["SCANNER", "scan"]


def matches(path: PathView) -> bool:
    """Every `*.py` module."""
    return path.suffix == ".py"


def scan(source: SourceFile, ctx: ScanContext) -> ScanResult:
    """Evidence of every analysis on one parse; a module the parser cannot take (diagnosed) has
    its imports read from its lines instead. One observation per signal is kept (the heaviest)."""
    out = Collector(source.path)
    parsed = parse(source.path, source.data)
    if isinstance(parsed, Diagnostic):
        out.diagnostics.append(parsed)
        from_lines(source, ctx, out, (parsed.line or 0) if parsed.kind == "decode-error" else None)
        return ScanResult(strongest_per_signal(out.evidence), tuple(out.diagnostics))
    module = Module(parsed, source, ctx, out)
    try:
        _analyse(module)
    except RecursionError:
        out.evidence.clear()
        out.facts.clear()
        out.problem(None, "parse-error", "too deeply nested to analyse: imports read from its lines")
        from_lines(source, ctx, out)
    return ScanResult(strongest_per_signal(out.evidence), tuple(out.diagnostics), facts=tuple(out.facts))


def _analyse(module: Module) -> None:
    """Run every analysis on the parsed module: each one's start, one traversal of every
    visitor, then each one's finish."""
    for analysis in ANALYSES:
        if analysis.start is not None:
            module.results[analysis.name] = analysis.start(module)
    visit_batched(module.parsed.module, [a.visitor(module) for a in ANALYSES if a.visitor is not None])
    for analysis in ANALYSES:
        if analysis.finish is not None:
            analysis.finish(module)


def strongest_per_signal(evidence: list[Evidence]) -> tuple[Evidence, ...]:
    """One observation per signal and file: the heaviest, then the first (more add nothing)."""
    best: dict[str, Evidence] = {}
    for item in sorted(evidence, key=lambda e: (-e.weight, e.line or 0)):
        best.setdefault(item.signal, item)
    return tuple(sorted(best.values(), key=lambda e: (e.line or 0, e.signal)))


SCANNER = Scanner("python", matches, scan, prefilter=ModulePrefilter)
