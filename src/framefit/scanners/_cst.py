"""Parsing Python with libcst: positions, source lines, and names resolved through imports."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from framefit.model import Diagnostic

if TYPE_CHECKING:
    import libcst as cst
    from libcst.metadata import CodeRange

MAX_PARSE_BYTES = 1_000_000  # beyond this a module is scanned for imports by tokens only


@dataclass(frozen=True, slots=True)
class Parsed:
    """A parsed module: the tree, each node's position, and the source lines for details."""

    module: cst.Module
    positions: Mapping[cst.CSTNode, CodeRange]
    lines: tuple[str, ...]

    def line_of(self, node: cst.CSTNode) -> int:
        return self.positions[node].start.line

    def text_of(self, line: int) -> str:
        return self.lines[line - 1] if 0 < line <= len(self.lines) else ""


def parse(path: str, data: bytes) -> Parsed | Diagnostic:
    """Parse once per (path, bytes): several scanners read the same module."""
    return _parse_cached(path, data)


@lru_cache(maxsize=16)
def _parse_cached(path: str, data: bytes) -> Parsed | Diagnostic:
    import libcst as cst
    from libcst.metadata import MetadataWrapper, PositionProvider

    if len(data) > MAX_PARSE_BYTES:
        return Diagnostic(path, None, "too-large", f"{len(data):,} bytes: not parsed, imports read by tokens")
    if b"\0" in data:
        return Diagnostic(path, None, "parse-error", "contains null bytes: not Python source")
    try:
        module = cst.parse_module(data)
    except cst.ParserSyntaxError as exc:
        return Diagnostic(path, exc.raw_line or None, "parse-error", f"not valid Python 3: {exc.message}")
    except (RecursionError, MemoryError):
        return Diagnostic(path, None, "parse-error", "too deeply nested to parse")
    except (UnicodeDecodeError, LookupError, SyntaxError) as exc:
        return Diagnostic(path, None, "decode-error", f"cannot decode: {exc}")
    try:
        wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
        positions = wrapper.resolve(PositionProvider)
    except RecursionError:
        return Diagnostic(path, None, "parse-error", "too deeply nested to parse")
    text = data.decode(module.encoding, errors="replace")
    return Parsed(module, positions, tuple(text.splitlines()))


def dotted(node: cst.BaseExpression | cst.Attribute | cst.Name) -> str | None:
    """`a.b.c` for a Name/Attribute chain, None for anything else."""
    import libcst as cst

    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        head = dotted(node.value)
        return f"{head}.{node.attr.value}" if head else None
    return None


def resolve(name: str | None, aliases: Mapping[str, str]) -> str | None:
    """The qualified name behind a local dotted name, through the module's import aliases."""
    if not name:
        return None
    head, _, rest = name.partition(".")
    target = aliases.get(head)
    if target is None:
        return None
    return f"{target}.{rest}" if rest else target


def string_value(node: cst.BaseExpression) -> str | None:
    """The value of a plain (non-f) string literal, or of an implicit concatenation of them."""
    import libcst as cst

    if isinstance(node, cst.SimpleString):
        value = node.evaluated_value
        return value if isinstance(value, str) else None
    if isinstance(node, cst.ConcatenatedString):
        left, right = string_value(node.left), string_value(node.right)
        return left + right if left is not None and right is not None else None
    return None
