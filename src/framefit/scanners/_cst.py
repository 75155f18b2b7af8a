"""Parsing Python with libcst: positions, source lines, and names resolved through imports."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from framefit.model import Diagnostic

if TYPE_CHECKING:
    import libcst as cst
    from libcst.metadata import CodeRange

# libcst parses about 50 kB/s and resolves positions at half that: beyond these a module (often
# generated) is scanned for imports by tokens only, so one file cannot stall the run.
MAX_PARSE_BYTES = 400_000
MAX_PARSE_LINES = 12_000
_ERROR_AT = re.compile(r"error at (\d+):\d+")
# libcst's native parser overflows the C stack (a segfault, not an exception) on about 1,500
# nested brackets or a 5,000-term operator chain; CPython itself refuses 200 nested brackets.
MAX_BRACKET_DEPTH = 200
MAX_CHAIN = 2_500
_OPENING = frozenset(b"([{")
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"()[]{}")
_OPERATORS = (b"+", b"-", b"*", b"/", b"%", b"|", b"&", b"^", b"@", b"<", b">", b" and ", b" or ")


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

    lines = data.count(b"\n") + (not data.endswith(b"\n"))
    if len(data) > MAX_PARSE_BYTES or lines > MAX_PARSE_LINES:
        return Diagnostic(path, None, "too-large",
                          f"{len(data):,} bytes, {lines:,} lines: not parsed, imports read by tokens")
    if b"\0" in data:
        return Diagnostic(path, None, "parse-error", "contains null bytes: not Python source")
    if too_deep(data):
        return Diagnostic(path, None, "parse-error", "too deeply nested to parse: imports read by tokens")
    try:
        module = cst.parse_module(data)
    except cst.ParserSyntaxError as exc:
        line = _error_line(exc.message, exc.raw_line, lines)
        return Diagnostic(path, line, "parse-error", f"not valid Python 3: {exc.message}")
    except (RecursionError, MemoryError):
        return Diagnostic(path, None, "parse-error", "too deeply nested to parse")
    except cst.CSTLogicError:
        # libcst's parser gives up on syntax newer than it knows (Python 3.14 t-strings).
        return Diagnostic(path, None, "parse-error",
                          "syntax the parser does not know: imports read by tokens")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return Diagnostic(path, line, "decode-error", f"cannot decode as {exc.encoding}: {exc.reason}")
    except (LookupError, SyntaxError) as exc:
        return Diagnostic(path, None, "decode-error", f"cannot decode: {exc}")
    try:
        wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
        positions = wrapper.resolve(PositionProvider)
    except RecursionError:
        return Diagnostic(path, None, "parse-error", "too deeply nested to parse")
    text = data.decode(module.encoding, errors="replace")
    return Parsed(module, positions, tuple(text.splitlines()))


def too_deep(data: bytes) -> bool:
    """Whether the module nests brackets or chains operators beyond what libcst survives.

    Counted on bytes, strings and comments included (so it errs towards "too deep", only for
    modules that are generated or hostile anyway); operator chains are counted per line.
    """
    brackets = data.translate(None, _NOT_BRACKETS)
    if len(brackets) > MAX_BRACKET_DEPTH:
        depth = 0
        for byte in brackets:
            depth = depth + 1 if byte in _OPENING else max(depth - 1, 0)
            if depth > MAX_BRACKET_DEPTH:
                return True
    if len(data) > MAX_CHAIN * 2:
        long_lines = (line for line in data.split(b"\n") if len(line) > MAX_CHAIN * 2)
        return any(sum(line.count(op) for op in _OPERATORS) > MAX_CHAIN for line in long_lines)
    return False


def _error_line(message: str, raw_line: int, lines: int) -> int | None:
    """The 1-based line of a parser error: libcst's message says it ("error at 4:18"), while
    its `raw_line` is one past it; a file's end is its last line."""
    found = _ERROR_AT.search(message)
    line = int(found.group(1)) if found else raw_line
    return min(line, lines) or None


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
