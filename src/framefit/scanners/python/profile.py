"""The one byte reader of a Python module: the words it holds and the imports its lines state,
read without parsing. Prefilters ask it which analyses can give evidence in the module; the
python scanner reads the imports of a module that cannot be parsed from it.

Words are the module's identifiers as bytes, strings and comments included (so a prefilter that
asks for a word over-approximates: a word in a docstring counts). Python normalises identifiers
(NFKC), so a module that is not ASCII is normalised before it is split: a full-width `m`
(U+FF4D) is `m`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from framefit.scanners.python.syntax import resolve

_WORD_BYTES = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
_TO_SPACE = bytes(b if b in _WORD_BYTES else 0x20 for b in range(256))
_RELATIVE = re.compile(rb"^[ \t]*from[ \t]+\.", re.MULTILINE)
# `from a.b import (x, y as z)`, `import a.b as c, d`: the statement's text after the keyword.
_FROM = re.compile(rb"from[ \t]+(\.*)[ \t]*([\w.]*)[ \t]+import[ \t]+(.*)", re.DOTALL)
_IMPORT = re.compile(rb"import[ \t]+(.*)", re.DOTALL)
_STATEMENT = re.compile(rb"^([ \t]*)(?:from|import)[ \t]", re.MULTILINE)
# At the top level: `x = pkg.Cls(` (an instance) and `class X(pkg.Cls` (a subclass).
_INSTANCE = re.compile(rb"^([A-Za-z_]\w*)[ \t]*(?::[^=\n]*)?=[ \t]*([A-Za-z_][\w.]*)[ \t]*\(", re.MULTILINE)
_SUBCLASS = re.compile(rb"^class[ \t]+([A-Za-z_]\w*)[ \t]*\([ \t]*([A-Za-z_][\w.]*)", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class LineImport:
    """One import statement as its lines state it: `from .x import a as b` is
    (line, "x", 1, (("a", "b"),)); `import a.b as c` is (line, "a.b", 0, (("a.b", "c"),))."""

    line: int
    module: str  # as written after `from`, without the dots ("" for `from . import x`)
    level: int  # leading dots; 0 for absolute
    names: tuple[tuple[str, str], ...]  # (name, local alias); for `import x.y`, ("x.y", "x.y")
    is_from: bool


@dataclass(frozen=True, slots=True)
class Profile:
    """What a module's bytes show without parsing."""

    words: frozenset[bytes]
    relative: bool  # it has a relative import (`from . import x`)
    _data: bytes = field(repr=False, compare=False)
    _joined: dict[bool, bytes] = field(default_factory=dict, repr=False, compare=False)
    _imports: list[tuple[LineImport, ...]] = field(default_factory=list, repr=False, compare=False)
    _heads: list[frozenset[str]] = field(default_factory=list, repr=False, compare=False)

    def has_fragment(self, fragments: tuple[bytes, ...], exact: bool = False) -> bool:
        """Whether some word holds one of `fragments`: as written when `exact`, else in lower
        case ("token" in API_TOKEN and in csrf_token)."""
        if exact not in self._joined:
            joined = b" ".join(self.words)
            self._joined[exact] = joined if exact else joined.lower()
        return any(f in self._joined[exact] for f in fragments)

    def imports(self) -> tuple[LineImport, ...]:
        """The import statements the module's lines state (worked out on demand)."""
        if not self._imports:
            self._imports.append(line_imports(self._data))
        return self._imports[0]

    @property
    def imported(self) -> frozenset[str]:
        """The top-level names of the modules its lines import ("" for a relative import)."""
        if not self._heads:
            self._heads.append(frozenset(_heads(self.imports())))
        return self._heads[0]


def profile(data: bytes) -> Profile:
    """The profile of a module with these bytes."""
    words = data if data.isascii() else _normalised(data)
    return Profile(frozenset(words.translate(_TO_SPACE).split()), has_relative_import(data), data)


def _heads(statements: tuple[LineImport, ...]) -> set[str]:
    heads: set[str] = set()
    for stmt in statements:
        if stmt.is_from:
            heads.add("" if stmt.level else stmt.module.split(".")[0])
        else:
            heads.update(name.split(".")[0] for name, _ in stmt.names)
    return heads


def has_relative_import(data: bytes) -> bool:
    """Whether a line of `data` starts a relative import (`from . import x`, `from .a import b`)."""
    return _RELATIVE.search(data) is not None


def _normalised(data: bytes) -> bytes:
    return unicodedata.normalize("NFKC", data.decode("utf-8", "replace")).encode("utf-8", "replace")


def line_imports(data: bytes) -> tuple[LineImport, ...]:
    """Every statement that starts a line with `import` or `from … import`, continued over
    backslashes and open parentheses; names in comments after `#` are left out."""
    found: list[LineImport] = []
    for match in _STATEMENT.finditer(data):
        start = match.start() + len(match.group(1))
        end = _statement_end(data, start)
        text = _strip_comments(data[start:end])
        line = data.count(b"\n", 0, start) + 1
        item = _from_import(text, line) if text.startswith(b"from") else _plain_import(text, line)
        if item is not None:
            found.append(item)
    return tuple(found)


def _statement_end(data: bytes, at: int) -> int:
    """The end of the logical line starting at `at`: its line, continued by a backslash or
    while a parenthesis is open."""
    depth, index = 0, at
    while True:
        end = data.find(b"\n", index)
        if end == -1:
            return len(data)
        chunk = data[index:end]
        depth += chunk.count(b"(") - chunk.count(b")")
        if depth <= 0 and not chunk.rstrip(b"\r").endswith(b"\\"):
            return end
        index = end + 1


def _strip_comments(text: bytes) -> bytes:
    return b" ".join(line.split(b"#", 1)[0].rstrip(b"\\ \t\r") for line in text.split(b"\n"))


def _from_import(text: bytes, line: int) -> LineImport | None:
    match = _FROM.fullmatch(text)
    if match is None:
        return None
    names = _names(match.group(3).replace(b"(", b" ").replace(b")", b" "))
    return LineImport(line, match.group(2).decode("latin-1"), len(match.group(1)), names, True)


def _plain_import(text: bytes, line: int) -> LineImport | None:
    match = _IMPORT.fullmatch(text)
    if match is None:
        return None
    names = _names(match.group(1))
    return LineImport(line, names[0][0], 0, names, False) if names else None


def _names(text: bytes) -> tuple[tuple[str, str], ...]:
    """(name, alias) of each `name [as alias]` in an import list."""
    pairs = []
    for item in text.split(b","):
        words = item.split()
        if not words or not re.fullmatch(rb"[\w.*]+", words[0]):
            continue
        name = words[0].decode("latin-1")
        alias = words[2].decode("latin-1") if len(words) >= 3 and words[1] == b"as" else name
        pairs.append((name, alias))
    return tuple(pairs)


def line_bindings(path: str, data: bytes, package: str) -> dict[str, str]:
    """A module's top-level bindings as its lines state them (first_party.parsed_bindings reads
    the same from the parse): every import's local names, `x = Cls(...)` instances and
    `class X(Cls)` subclasses, qualified through those imports."""
    aliases: dict[str, str] = {}
    for stmt in line_imports(data):
        module = absolute(package, stmt.level, stmt.module) if stmt.level else stmt.module
        for name, alias in stmt.names:
            if not stmt.is_from:
                aliases[alias] = name if alias != name else name.split(".")[0]
            elif name != "*":
                aliases[alias] = f"{module}.{name}" if module else name
    for pattern, suffix in ((_INSTANCE, "()"), (_SUBCLASS, "")):
        for match in pattern.finditer(data):
            target = resolve(match.group(2).decode("latin-1"), aliases)
            if target:
                aliases[match.group(1).decode("latin-1")] = target + suffix
    return aliases


def absolute(package: str, level: int, module: str) -> str:
    """`from ..x import y` in package "a.b.c" -> "a.x"; "" when it climbs out of the package."""
    parts = package.split(".") if package else []
    if level - 1 > len(parts) or (level > 0 and not parts):
        return ""
    base = parts[: len(parts) - (level - 1)]
    return ".".join(base + ([module] if module else []))
