"""Dockerfiles the code writes: a string with a `FROM` line and other Dockerfile instructions.

Tools that deploy themselves (`publish` commands that build an image for Cloud Run or Heroku)
keep their Dockerfile as a string in the code. Its base image says what the app ships in, as a
Dockerfile in the repo would (catalog images.toml `base`), and weighs the same: it is the
image the project's own deployment command builds.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import TYPE_CHECKING

from framefit.scanners.deploy.docker_syntax import AFTER_FROM, FROM_LINE, INSTRUCTION
from framefit.scanners.deploy.dockerfile import base_signal
from framefit.scanners.python.analysis import Analysis, Module
from framefit.scanners.python.prefilter import Requirement
from framefit.scanners.python.syntax import Visitor

if TYPE_CHECKING:
    from framefit.catalog import Catalog

def requirements(catalog: Catalog) -> Iterator[Requirement]:
    for instruction in AFTER_FROM:  # a FROM line, then an instruction
        yield Requirement.of(("FROM", instruction), catalog.views.base_image_signals)


class _Visitor(Visitor):
    def __init__(self, module: Module) -> None:
        self.module = module

    def visit_Constant(self, node: ast.Constant) -> None:
        if not isinstance(node.value, str) or "FROM" not in node.value:
            return
        found = FROM_LINE.search(node.value)
        if found is None or not INSTRUCTION.search(node.value, found.end()):
            return
        signal = base_signal(found.group(1), self.module.ctx)
        if signal:
            self.module.add(node.lineno + node.value.count("\n", 0, found.start(1)), signal)


def _visitor(module: Module) -> Visitor:
    """The visitor adding the base image of every Dockerfile written as a string."""
    return _Visitor(module)


ANALYSIS = Analysis("dockerfile_strings", requirements, visitor=_visitor)
