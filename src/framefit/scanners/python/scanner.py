"""Python modules: parse once (stdlib `ast`), then read imports, idioms, settings and config.

Which modules are worth parsing is planned from their bytes beforehand (module `triage`).
"""

from __future__ import annotations

import contextlib
import io
import tokenize

from framefit.model import Diagnostic, Evidence
from framefit.scanners.base import Collector, PathView, ScanContext, Scanner, ScanResult, SourceFile
from framefit.scanners.python import app_config, auth, django_settings, dockerfile_strings, idioms, imports
from framefit.scanners.python.syntax import parse, visit_batched

# Every analysis reads the same parsed module in ONE batched traversal (in Python, a traversal
# costs more than the parse). Visitors see each node in this order: imports bind names before idioms
# resolve them, and python_idioms binds instances (`db = SQLAlchemy()`) before the others.
VISITORS = (imports.visitor, idioms.visitor, django_settings.visitor,
            app_config.visitor, auth.visitor, dockerfile_strings.visitor)
# What runs after the traversal, on what it gathered (or on the module's top-level statements).
ANALYSES = (imports.analyse, django_settings.analyse, auth.analyse)

__all__ = ["SCANNER", "scan"]


def matches(path: PathView) -> bool:
    """Every `*.py` module."""
    return path.suffix == ".py"


def scan(source: SourceFile, ctx: ScanContext) -> ScanResult:
    """Evidence of every analysis on one parse; a module the parser cannot take (diagnosed) gets a
    token scan of its imports instead. One observation per signal is kept (the heaviest)."""
    out = Collector(source.path)
    parsed = parse(source.path, source.data)
    if isinstance(parsed, Diagnostic):
        out.diagnostics.append(parsed)
        _token_imports(source, ctx, out)
        return ScanResult(strongest_per_signal(out.evidence), tuple(out.diagnostics))
    try:
        facts = imports.start(parsed, source, ctx)
        visitors = [make(parsed, facts, source, ctx, out) for make in VISITORS]
        visit_batched(parsed.module, visitors)
        for analysis in ANALYSES:
            analysis(parsed, facts, source, ctx, out)
    except RecursionError:
        out.evidence.clear()
        out.problem(None, "parse-error", "too deeply nested to analyse: imports read by tokens")
        _token_imports(source, ctx, out)
    return ScanResult(strongest_per_signal(out.evidence), tuple(out.diagnostics))


def strongest_per_signal(evidence: list[Evidence]) -> tuple[Evidence, ...]:
    """One observation per signal and file: the heaviest, then the first (more add nothing)."""
    best: dict[str, Evidence] = {}
    for item in sorted(evidence, key=lambda e: (-e.weight, e.line or 0)):
        best.setdefault(item.signal, item)
    return tuple(sorted(best.values(), key=lambda e: (e.line or 0, e.signal)))


def _token_imports(source: SourceFile, ctx: ScanContext, out: Collector) -> None:
    """Fallback for modules that cannot be parsed: `import x` / `from x import` by tokens."""
    if b"\0" in source.data:
        return
    tokens: list[tokenize.TokenInfo] = []
    # Keep the tokens read before an error: Python 2 files fail late.
    with contextlib.suppress(tokenize.TokenError, SyntaxError, UnicodeDecodeError):
        tokens.extend(tokenize.tokenize(io.BytesIO(source.data).readline))
    line_start = True
    for index, token in enumerate(tokens):
        if token.type in (tokenize.ENCODING, tokenize.NEWLINE, tokenize.NL, tokenize.INDENT,
                          tokenize.DEDENT):
            line_start = True
            continue
        if line_start and token.type == tokenize.NAME and token.string in ("import", "from"):
            module = _dotted_after(tokens, index + 1)
            found = ctx.catalog.module(module) if module else None
            if found and module.split(".")[0] not in ctx.local_modules:
                out.add(token.start[0], f"import:{found[0]}", token.line, 1.0)
        line_start = token.type == tokenize.COMMENT and line_start


def _dotted_after(tokens: list[tokenize.TokenInfo], index: int) -> str:
    parts: list[str] = []
    while index < len(tokens) and tokens[index].type in (tokenize.NAME, tokenize.OP):
        text = tokens[index].string
        if text == "." or (tokens[index].type == tokenize.NAME and (not parts or parts[-1] == ".")):
            parts.append(text)
            index += 1
        else:
            break
    return "".join(parts).strip(".") if parts and parts[0] != "." else ""


SCANNER = Scanner("python", matches, scan)
