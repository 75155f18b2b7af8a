"""Parsing Python with the standard library's `ast`: lines, source text, names through imports.

framefit reads code and never rewrites it, so it needs a syntax tree with exact lines, not a
concrete one: CPython's own parser gives that in C, 15-50 times faster than libcst (README,
"Why `ast`"). The price: only the running interpreter's grammar is known, so syntax newer than
it (or Python 2) is a diagnosed parse error, and the module's imports are read by tokens.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from collections.abc import Callable, Container, Iterable, Mapping
from dataclasses import field
from functools import lru_cache

from framefit.frozen import frozen
from framefit.model import Diagnostic

# Beyond these a module (generated, as a rule) is not parsed; its imports are read by tokens.
MAX_PARSE_BYTES = 1_000_000
MAX_PARSE_LINES = 25_000
# Refused from the bytes, before CPython's parser sees them: its stack checks cover nesting
# (200 brackets), but a chain of thousands of operators builds a tree too deep to walk.
MAX_BRACKET_DEPTH = 200
MAX_CHAIN = 2_500
_OPENING = frozenset(b"([{")
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"()[]{}")
_OPERATORS = (b"+", b"-", b"*", b"/", b"%", b"|", b"&", b"^", b"@", b"<", b">", b" and ", b" or ")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@frozen
class Parsed:
    """A parsed module: the tree and its decoded text (split into lines on first use)."""

    module: ast.Module
    text: str
    _lines: list[tuple[str, ...]] = field(default_factory=list, compare=False, repr=False)

    @property
    def lines(self) -> tuple[str, ...]:
        if not self._lines:
            # Lines as the parser counts them (str.splitlines also breaks at \f, \x85, U+2028).
            self._lines.append(tuple(_LINE_BREAK.split(self.text)))
        return self._lines[0]

    @staticmethod
    def line_of(node: ast.AST) -> int:
        return getattr(node, "lineno", 1)

    def text_of(self, line: int) -> str:
        lines = self.lines
        return lines[line - 1] if 0 < line <= len(lines) else ""

    def source_of(self, node: ast.AST) -> str:
        """The lines `node` spans, whole."""
        start, end = getattr(node, "lineno", 1), getattr(node, "end_lineno", None) or 1
        return "\n".join(self.lines[start - 1:end])


def parse(path: str, data: bytes) -> Parsed | Diagnostic:
    """Parse once per (path, bytes): several scanners read the same module."""
    return _parse_cached(path, data)


@lru_cache(maxsize=16)
def _parse_cached(path: str, data: bytes) -> Parsed | Diagnostic:
    lines = data.count(b"\n") + (not data.endswith(b"\n"))
    refused = _refused(path, data, lines)
    if refused is not None:
        return refused
    text = decode(path, data)
    if isinstance(text, Diagnostic):
        return text
    if too_deep(data):
        return Diagnostic(path, None, "parse-error", "too deeply nested to parse: imports read by tokens")
    return _parsed(path, text, lines)


def _refused(path: str, data: bytes, lines: int) -> Diagnostic | None:
    """Why bytes are not even decoded: too large, or holding null bytes (no Python source)."""
    if len(data) > MAX_PARSE_BYTES or lines > MAX_PARSE_LINES:
        return Diagnostic(path, None, "too-large",
                          f"{len(data):,} bytes, {lines:,} lines: not parsed, imports read by tokens")
    if b"\0" in data:
        return Diagnostic(path, None, "parse-error", "contains null bytes: not Python source")
    return None


def _parsed(path: str, text: str, lines: int) -> Parsed | Diagnostic:
    """The module's text parsed, or why it does not parse (of its `lines`)."""
    try:
        module = ast.parse(text)
    except SyntaxError as exc:
        where = min(exc.lineno, lines) if exc.lineno else None
        return Diagnostic(path, where or None, "parse-error", f"not valid Python {_grammar()}: {exc.msg}")
    except (RecursionError, MemoryError, ValueError):
        return Diagnostic(path, None, "parse-error", "too deeply nested to parse")
    return Parsed(module, text)


def decode(path: str, data: bytes) -> str | Diagnostic:
    """The module's text in its declared encoding (PEP 263; a BOM means UTF-8)."""
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except (LookupError, SyntaxError) as exc:
        return Diagnostic(path, None, "decode-error", f"cannot decode: {exc}")
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return Diagnostic(path, line, "decode-error", f"cannot decode as {exc.encoding}: {exc.reason}")


def _grammar() -> str:
    import sys

    return f"{sys.version_info.major}.{sys.version_info.minor}"


def too_deep(data: bytes) -> bool:
    """Whether the module nests brackets or chains operators beyond what is worth parsing.

    Counted on bytes, strings and comments included (so it errs towards "too deep", only for
    modules that are generated or hostile anyway); operator chains are counted per line.
    """
    return _nests_too_deep(data) or _chains_too_long(data)


def _nests_too_deep(data: bytes) -> bool:
    brackets = data.translate(None, _NOT_BRACKETS)
    if len(brackets) > MAX_BRACKET_DEPTH:
        depth = 0
        for byte in brackets:
            depth = depth + 1 if byte in _OPENING else max(depth - 1, 0)
            if depth > MAX_BRACKET_DEPTH:
                return True
    return False


def _chains_too_long(data: bytes) -> bool:
    """Whether a line chains more operators than worth parsing (only long lines can)."""
    if len(data) > MAX_CHAIN * 2:
        long_lines = (line for line in data.split(b"\n") if len(line) > MAX_CHAIN * 2)
        return any(sum(line.count(op) for op in _OPERATORS) > MAX_CHAIN for line in long_lines)
    return False


def dotted(node: ast.AST | None) -> str | None:
    """`a.b.c` for a Name/Attribute chain, None for anything else."""
    if isinstance(node, ast.Name):  # the most asked, then `a.b`: no list joined for them
        return node.id
    if not isinstance(node, ast.Attribute):
        return None
    value = node.value
    if isinstance(value, ast.Name):
        return f"{value.id}.{node.attr}"
    parts = [node.attr]
    while isinstance(value, ast.Attribute):
        parts.append(value.attr)
        value = value.value
    if not isinstance(value, ast.Name):
        return None
    parts.append(value.id)
    return ".".join(reversed(parts))


def resolve(name: str | None, aliases: Mapping[str, str]) -> str | None:
    """The qualified name behind a local dotted name, through the module's import aliases."""
    if not name:
        return None
    head, _, rest = name.partition(".")
    target = aliases.get(head)
    if target is None:
        return None
    return f"{target}.{rest}" if rest else target


def resolve_ending(expr: ast.AST | None, aliases: Mapping[str, str],
                   last: Container[str]) -> str | None:
    """`resolve(dotted(expr), aliases)` when that name can end in one of `last` (the last
    segments of the names the caller looks for, `last_segments`), else None. An attribute keeps
    its name through the aliases (`x.environ.get` resolves to `....get`), so one named otherwise
    is passed by without a name built; a plain name's alias may end in anything."""
    if isinstance(expr, ast.Name):  # `resolve` of a name without dots: its alias
        return aliases.get(expr.id)
    if isinstance(expr, ast.Attribute) and expr.attr not in last:
        return None
    return resolve(dotted(expr), aliases)


@lru_cache(maxsize=64)
def last_segments(names: frozenset[str]) -> frozenset[str]:
    """The last segment of every dotted name ("get" of "os.environ.get"), for `resolve_ending`."""
    return frozenset(name.rsplit(".", 1)[-1] for name in names)


def string_value(node: ast.AST | None) -> str | None:
    """The value of a plain (non-f) string literal; the parser joins implicit concatenations."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def literal_text(node: ast.AST) -> str:
    """Every piece of literal string text inside `node` (f-string parts too), space-joined."""
    return " ".join(n.value for n in ast.walk(node)
                    if isinstance(n, ast.Constant) and isinstance(n.value, str))


Handler = Callable[[ast.AST], None]


class Visitor:
    """A visitor for `visit_batched`: methods `visit_<Node>` (before the children) and
    `leave_<Node>` (after them), named for `ast` classes."""


def visit_batched(module: ast.AST, visitors: Iterable[Visitor]) -> None:
    """One pre-order traversal calling every visitor's methods, in the visitors' order, per node."""
    enter: dict[type, list[Handler]] = {}
    leave: dict[type, list[Handler]] = {}
    for visitor in visitors:
        for name in dir(visitor):
            kind, _, node_type = name.partition("_")
            if kind in ("visit", "leave") and node_type and hasattr(ast, node_type):
                table = enter if kind == "visit" else leave
                table.setdefault(getattr(ast, node_type), []).append(getattr(visitor, name))
    _traverse(module, enter, leave)


def _traverse(module: ast.AST, enter: Mapping[type, list[Handler]],
              leave: Mapping[type, list[Handler]]) -> None:
    """The pre-order walk, in one loop on purpose: it runs once per node of every parsed module,
    and a helper called per node cost more than a third of its time."""
    stack: list[ast.AST | tuple[ast.AST]] = [module]
    push, pop, node_type = stack.append, stack.pop, ast.AST
    while stack:
        node = pop()
        kind = type(node)
        if kind is tuple:  # leaving
            for handler in leave[type(node[0])]:  # type: ignore[index]
                handler(node[0])  # type: ignore[index]
            continue
        for handler in enter.get(kind, ()):
            handler(node)  # type: ignore[arg-type]
        if kind in leave:
            push((node,))  # type: ignore[arg-type]
        # The children, last first (the stack gives them first to last), leaving out contexts.
        for name in _REVERSED[kind] if kind in _REVERSED else _reversed_fields(kind):
            value = getattr(node, name, None)
            if type(value) is list:
                for item in reversed(value):
                    if isinstance(item, node_type):
                        push(item)
            elif isinstance(value, node_type):
                push(value)


def _reversed_fields(kind: type) -> tuple[str, ...]:
    _REVERSED[kind] = tuple(reversed(_FIELDS[kind] if kind in _FIELDS else _fields(kind)))
    return _REVERSED[kind]


_FIELDS: dict[type, tuple[str, ...]] = {}
_REVERSED: dict[type, tuple[str, ...]] = {}
_SCALARS = frozenset({"ctx", "id", "attr", "name", "arg", "value", "n", "s", "kind", "type_comment",
                      "level", "module", "asname", "conversion", "is_async", "lineno"})


def _fields(kind: type) -> tuple[str, ...]:
    """The fields of an `ast` class that can hold nodes (not `ctx`, not names or constants)."""
    names: tuple[str, ...] = getattr(kind, "_fields", ())
    fields = tuple(f for f in names
                   if f not in _SCALARS or (f == "value" and kind is not ast.Constant))
    _FIELDS[kind] = fields
    return fields
