"""Dockerfiles the code writes: a string with a `FROM` line and other Dockerfile instructions.

Tools that deploy themselves (`publish` commands that build an image for Cloud Run or Heroku)
keep their Dockerfile as a string in the code. Its base image says what the app ships in, as a
Dockerfile in the repo would (catalog images.toml `base`), and weighs the same: it is the
image the project's own deployment command builds.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from framefit.scanners.deploy.docker_syntax import FROM_LINE, INSTRUCTION
from framefit.scanners.deploy.dockerfile import base_signal
from framefit.scanners.python.syntax import Parsed, Visitor

if TYPE_CHECKING:
    from framefit.scanners.base import Collector, ScanContext, SourceFile
    from framefit.scanners.python.imports import ImportFacts



class _Visitor(Visitor):
    def __init__(self, parsed: Parsed, ctx: ScanContext, out: Collector) -> None:
        self.parsed, self.ctx, self.out = parsed, ctx, out

    def visit_Constant(self, node: ast.Constant) -> None:
        if not isinstance(node.value, str) or "FROM" not in node.value:
            return
        found = FROM_LINE.search(node.value)
        if found is None or not INSTRUCTION.search(node.value, found.end()):
            return
        signal = base_signal(found.group(1), self.ctx)
        if signal:
            line = node.lineno + node.value.count("\n", 0, found.start(1))
            self.out.add(line, signal, self.parsed.text_of(line))


def visitor(parsed: Parsed, facts: ImportFacts, source: SourceFile, ctx: ScanContext,
            out: Collector) -> Visitor:
    """The visitor adding the base image of every Dockerfile written as a string."""
    return _Visitor(parsed, ctx, out)
