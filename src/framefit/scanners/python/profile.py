"""The one byte reader of a Python module: the words it holds and the imports its lines state,
read without parsing. Prefilters ask it which analyses can give evidence in the module; the
python scanner reads the imports of a module that cannot be parsed from it.

Two narrower sets of words, read on demand: those of its decorator lines (`@app.get("/x")`) and
of its class statements' heads (`class User(db.Model):`), each to the end of its logical line
(`decorator_words`, `class_head_words`). A decorator and a class statement always start a line,
so neither set misses one.

Words are the module's identifiers as bytes, strings and comments included (so a prefilter that
asks for a word over-approximates: a word in a docstring counts). Python normalises identifiers
(NFKC), so a module that is not ASCII is normalised before it is split: a full-width `m`
(U+FF4D) is `m`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import field
from functools import lru_cache

from framefit.frozen import frozen
from framefit.scanners.python.syntax import resolve

_WORD_BYTES = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
_TO_SPACE = bytes(b if b in _WORD_BYTES else 0x20 for b in range(256))
_RELATIVE = re.compile(rb"from[ \t]+\.")  # at a line's start after blanks (checked): found fast
# `from a.b import (x, y as z)`, `import a.b as c, d`: the statement's text after the keyword.
_FROM = re.compile(rb"from[ \t]+(\.*)[ \t]*([\w.]*)[ \t]+import[ \t]+(.*)", re.DOTALL)
_IMPORT = re.compile(rb"import[ \t]+(.*)", re.DOTALL)
_NAME = re.compile(rb"[\w.*]+")
# A statement's head: `from ..x.y import`, `from x import`, `import a.b as c, d` (to the line's end).
_HEAD = re.compile(rb"[ \t]*(?:from(?:[ \t]|\\\r?\n)+(\.*)[ \t]*(\w*)[\w.]*(?:[ \t]|\\\r?\n)+import\b"
                   rb"|import[ \t]+((?:[^\n#;(\\]|\\\r?\n)*))")
_FROM_HEAD = re.compile(rb"from(?:[ \t]|\\\r?\n)+(\.*)[ \t]*(\w*)")
_STATEMENT = re.compile(rb"([ \t]*)(?:from|import)[ \t\\]")
# At the top level: `x = pkg.Cls(` (an instance) and `class X(pkg.Cls` (a subclass).
# Each is searched from its own first byte (a search skips to a literal fast; `^` in MULTILINE
# mode is tried at every byte) and kept where it starts a line (`_at_line_start`).
_INSTANCE = re.compile(rb"([A-Za-z_]\w*)[ \t]*(?::[^=\n]*)?=[ \t]*([A-Za-z_][\w.]*)[ \t]*\(")
_INSTANCE_LINE = re.compile(rb"\n" + _INSTANCE.pattern)
_SUBCLASS = re.compile(rb"class[ \t]+([A-Za-z_]\w*)[ \t]*\([ \t]*([A-Za-z_][\w.]*)")
_DECORATOR = re.compile(rb"@")
_CLASS = re.compile(rb"class[ \t\f\\(]")
_INDENT = b" \t\f"
_NAME_BYTES = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.")
MAX_CALLED = 200  # bytes looked at before a call's first argument, and a called name's longest


@frozen
class LineImport:
    """One import statement as its lines state it: `from .x import a as b` is
    (line, "x", 1, (("a", "b"),)); `import a.b as c` is (line, "a.b", 0, (("a.b", "c"),))."""

    line: int
    module: str  # as written after `from`, without the dots ("" for `from . import x`)
    level: int  # leading dots; 0 for absolute
    names: tuple[tuple[str, str], ...]  # (name, local alias); for `import x.y`, ("x.y", "x.y")
    is_from: bool


@frozen
class Profile:
    """What a module's bytes show without parsing."""

    words: frozenset[bytes]
    relative: bool  # it has a relative import (`from . import x`)
    _data: bytes = field(repr=False, compare=False)
    _joined: list[bytes] = field(default_factory=list, repr=False, compare=False)
    _lines: list[ImportLines] = field(default_factory=list, repr=False, compare=False)
    _starts: dict[bytes, frozenset[bytes]] = field(default_factory=dict, repr=False, compare=False)

    def has_fragment(self, fragments: tuple[bytes, ...], exact: bool = False) -> bool:
        """Whether some word holds one of `fragments` in lower case ("token" in API_TOKEN and
        in csrf_token), or with `exact`, whether an upper-case attribute ends with one as
        written (a constant named for it: conf.API_TOKEN, not conf.TOKEN_TYPE nor conf.Token)."""
        if exact:
            return _constant_attribute(fragments).search(_identifiers(self._data)) is not None
        if not self._joined:
            self._joined.append(b" ".join(self.words).lower())
        return any(f in self._joined[0] for f in fragments)

    def subscripted(self, end: bytes) -> bool:
        """Whether a name ending with `end` is subscripted (`app.config[`, `app_config [`)."""
        return _subscript(end).search(_identifiers(self._data)) is not None

    def has_literal(self, literals: tuple[bytes, ...]) -> bool:
        """Whether the module's bytes hold one of `literals` (quoted strings, as written); one
        quoting a single word is looked for only where the module holds that word."""
        return any(literal in self._data for literal in literals
                   if literal[1:-1] in self.words or literal[1:-1].translate(_TO_SPACE) != literal[1:-1])

    def imports(self) -> tuple[LineImport, ...]:
        """The import statements the module's lines state (worked out on demand)."""
        return self._import_lines().statements()

    @property
    def imported(self) -> frozenset[str]:
        """The top-level names of the modules its lines import ("" for a relative import): the
        heads of `imports()`, read without reading the statements' names."""
        return self._import_lines().heads()

    def _import_lines(self) -> ImportLines:
        if not self._lines:
            self._lines.append(ImportLines(self._data))
        return self._lines[0]

    @property
    def decorated(self) -> frozenset[bytes]:
        """The words of its decorator lines (`decorator_words`)."""
        if _DECORATOR.pattern not in self._starts:
            self._starts[_DECORATOR.pattern] = decorator_words(self._data)
        return self._starts[_DECORATOR.pattern]


def decorator_words(data: bytes) -> frozenset[bytes]:
    """The words of a module's decorator lines, each to the end of its logical line."""
    return _words_after(data, _DECORATOR)


def class_head_words(data: bytes) -> frozenset[bytes]:
    """The words of a module's class statements' heads (name, bases, keywords)."""
    return _words_after(data, _CLASS)


def call_words(data: bytes, argument: bytes) -> frozenset[bytes] | None:
    """The words of the dotted names a module calls with the name `argument` first
    (`bulletin.base.Api(__name__` gives three; line breaks between them too), or None when a
    comment may stand between a call and the argument (then any name may be the call's)."""
    text = _identifiers(data)
    found: set[bytes] = set()
    at = text.find(argument)
    while at != -1:
        end = at + len(argument)
        if not (text[end:end + 1].isalnum() or text[end:end + 1] == b"_"):
            words = _called_before(text, at)
            if words is None:
                return None
            found.update(words)
        at = text.find(argument, end)
    return frozenset(found)


def _called_before(text: bytes, at: int) -> tuple[bytes, ...] | None:
    """The words of the name whose call's parenthesis opens just before `at` (blanks and line
    breaks between), () when there is none, None when a comment may hide one."""
    window = max(0, at - MAX_CALLED)
    start = window + len(text[window:at].rstrip())
    if start == window and window:
        return None  # a long blank run: whatever stands before it
    if start == 0 or text[start - 1:start] != b"(":
        blank = text[start:at]
        return None if b"\n" in blank and b"#" in text[text.rfind(b"\n", 0, start) + 1:start] else ()
    return _name_before(text, start - 1)


def _name_before(text: bytes, end: int) -> tuple[bytes, ...] | None:
    """The words of the dotted name that ends (blanks after it) at `end`, () when there is
    none, None when it is longer than any name."""
    opening = end
    while end > 0 and text[end - 1] in b" \t" and opening - end < MAX_CALLED - 1:
        end -= 1
    begin = end
    while begin > 0 and text[begin - 1] in _NAME_BYTES:
        begin -= 1
        if end - begin > MAX_CALLED:
            return None  # a name longer than any: whatever it is
    name = text[begin:end].lstrip(b".0123456789")
    return tuple(name.split(b".")) if name else ()


def _words_after(data: bytes, pattern: re.Pattern[bytes]) -> frozenset[bytes]:
    text = _identifiers(data)
    found: set[bytes] = set()
    for match in _at_line_start(pattern.finditer(text), text, _INDENT):
        # The logical line from the match's start: a backslash right after `class` continues it.
        found.update(text[match.end():_statement_end(text, match.start())].translate(_TO_SPACE).split())
    return frozenset(found)


def _at_line_start(matches: Iterable[re.Match[bytes]], data: bytes,
                   indent: bytes = b"") -> Iterator[re.Match[bytes]]:
    """The matches that start a line, after `indent` bytes only (none when `indent` is empty):
    what `^` and `indent` before the pattern find in MULTILINE mode (no match crosses a line)."""
    for match in matches:
        before = data[data.rfind(b"\n", 0, match.start()) + 1:match.start()]
        if not (before.strip(indent) if indent else before):
            yield match


def profile(data: bytes) -> Profile:
    """The profile of a module with these bytes."""
    words = _identifiers(data)
    return Profile(frozenset(words.translate(_TO_SPACE).split()), has_relative_import(data), data)


def _identifiers(data: bytes) -> bytes:
    """The bytes with identifiers as the parser reads them (module docstring)."""
    return data if data.isascii() else _normalised(data)


# What code may hold between a name and what follows it: blanks, line breaks inside brackets,
# a backslash's continuation, comments; before a subscript, the closing of parentheses too.
# Possessive (`*+`): what is skipped is never tried again another way (no backtracking).
_BETWEEN = rb"[ \t\f\r\n\\]|#[^\n]*+"
_WORD_AFTER = rb"(?![A-Za-z0-9_\x80-\xff])"  # a non-ASCII byte may belong to a word


@lru_cache(maxsize=16)
def _subscript(end: bytes) -> re.Pattern[bytes]:
    return re.compile(re.escape(end) + rb"(?:" + _BETWEEN + rb"|\))*+\[")


@lru_cache(maxsize=16)
def _constant_attribute(fragments: tuple[bytes, ...]) -> re.Pattern[bytes]:
    """An attribute named in upper case (a non-ASCII byte taken for a capital) that ends with
    one of `fragments`."""
    ends = b"|".join(re.escape(f) for f in fragments) or b"(?!)"
    return re.compile(rb"\.(?:" + _BETWEEN + rb")*+[A-Z0-9_\x80-\xff]*(?:" + ends + rb")" + _WORD_AFTER)


def line_heads(data: bytes) -> set[str]:
    """The top-level module names the import statements of `data` start from ("" for a
    relative import), as `line_imports` reads them; only the lines holding "import" are read
    (found with `bytes.find`, much faster than a pattern tried at every line)."""
    heads: set[str] = set()
    at = data.find(b"import")
    while at != -1:
        start = _statement_start(data, at)  # where line_imports reads the statement from
        match = _HEAD.match(data, start) if start is not None else None
        if match is not None:
            _add_heads(match, heads)
        end = data.find(b"\n", at)
        at = data.find(b"import", end) if end != -1 else -1
    return heads


def _add_heads(match: re.Match[bytes], heads: set[str]) -> None:
    relative, module, names = match.groups()
    if names is None:
        heads.add("" if relative else module.decode("latin-1"))
        return
    for name in names.replace(b"\\", b" ").split(b","):
        if name.split():
            heads.add(name.split()[0].split(b".")[0].decode("latin-1"))


def has_relative_import(data: bytes) -> bool:
    """Whether a line of `data` starts a relative import (`from . import x`, `from .a import b`)."""
    for match in _RELATIVE.finditer(data):
        start = data.rfind(b"\n", 0, match.start()) + 1
        if not data[start:match.start()].strip(b" \t"):
            return True
    return False


@lru_cache(maxsize=8)
def _normalised(data: bytes) -> bytes:
    """The bytes as the parser's identifiers read (NFKC): once per module, however many
    readers of its words ask (a bytes object's hash is kept after its first lookup)."""
    text = data.decode("utf-8", "replace").removeprefix("\ufeff")
    if not unicodedata.is_normalized("NFKC", text):  # most modules are: no work to do
        text = unicodedata.normalize("NFKC", text)
    return text.encode("utf-8", "replace")


def line_imports(data: bytes, heads: frozenset[str] | None = None) -> tuple[LineImport, ...]:
    """Every statement that starts a line with `import` or `from … import`, continued over
    backslashes and open parentheses; names in comments after `#` are left out. With `heads`,
    only the `from` statements of those top-level modules ("" for a relative import) and every
    plain `import`. Only the lines holding "import" are looked at (found with `bytes.find`)."""
    found: list[LineImport] = []
    line, counted = 1, 0  # lines are counted as the statements are met, once over the bytes
    at = data.find(b"import")
    while at != -1:
        start = _statement_start(data, at)
        if start is None or (heads is not None and not _wanted(data, start, heads)):
            at = data.find(b"import", at + 6)
            continue
        line += data.count(b"\n", counted, start)
        counted = start
        end = _statement_end(data, start)
        text = data[start:end]
        if b"#" in text or b"\n" in text:
            text = _strip_comments(text)
        item = _from_import(text, line) if text.startswith(b"from") else _plain_import(text, line)
        if item is not None:
            found.append(item)
        at = data.find(b"import", max(end, at + 6))
    return tuple(found)


def _statement_start(data: bytes, at: int) -> int | None:
    """Where the statement holding the "import" at `at` starts, when it starts a line (after
    blanks, or on a line continued from the one above) with `from` or `import`; else None."""
    start = data.rfind(b"\n", 0, at) + 1
    while start > 1 and data[max(start - 3, 0):start - 1].rstrip(b"\r").endswith(b"\\"):
        start = data.rfind(b"\n", 0, start - 1) + 1
    found = _STATEMENT.match(data, start)
    return start + len(found.group(1)) if found is not None else None


def _wanted(data: bytes, start: int, heads: frozenset[str]) -> bool:
    found = _FROM_HEAD.match(data, start)
    if found is None:
        return True  # a plain import: its names decide
    return ("" if found.group(1) else found.group(2).decode("latin-1")) in heads


def _statement_end(data: bytes, at: int) -> int:
    """The end of the logical line starting at `at`: its line, continued by a backslash or
    while a parenthesis is open."""
    depth, index = 0, at
    while True:
        end = data.find(b"\n", index)
        if end == -1:
            return len(data)
        chunk = data[index:end]
        if b"(" in chunk or b")" in chunk:
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
        if not words or not _NAME.fullmatch(words[0]):
            continue
        name = words[0].decode("latin-1")
        alias = words[2].decode("latin-1") if len(words) >= 3 and words[1] == b"as" else name
        pairs.append((name, alias))
    return tuple(pairs)


def line_bindings(path: str, data: bytes, package: str) -> dict[str, str]:
    """A module's top-level bindings as its lines state them (first_party.parsed_bindings reads
    the same from the parse): every import's local names, `x = Cls(...)` instances and
    `class X(Cls)` subclasses, qualified through those imports and the bindings above them (in
    the module's order, as the parse binds them: `class Db(SQLAlchemy)` then `db = Db()`)."""
    aliases: dict[str, str] = {}
    for stmt in line_imports(data):
        _bind_import(stmt, package, aliases)
    for _, match, suffix in _top_level_bindings(data):
        target = resolve(match.group(2).decode("latin-1"), aliases)
        if target:
            aliases[match.group(1).decode("latin-1")] = target + suffix
    return aliases


def _bind_import(stmt: LineImport, package: str, aliases: dict[str, str]) -> None:
    """The local names an import statement binds, to what they are bound (`*` binds none)."""
    module = absolute(package, stmt.level, stmt.module) if stmt.level else stmt.module
    for name, alias in stmt.names:
        if not stmt.is_from:
            aliases[alias] = name if alias != name else name.split(".")[0]
        elif name != "*":
            aliases[alias] = f"{module}.{name}" if module else name


def _top_level_bindings(data: bytes) -> list[tuple[int, re.Match[bytes], str]]:
    """The `x = Cls(` instances ("()") and `class X(Cls` subclasses ("") that start a line, by
    where their line starts."""
    first = _INSTANCE.match(data)
    instances = ([first] if first else []) + list(_INSTANCE_LINE.finditer(data))
    found = [(m.start(1), m, "()") for m in instances]
    found += [(m.start(), m, "") for m in _at_line_start(_SUBCLASS.finditer(data), data)]
    return sorted(found, key=lambda item: item[0])


def absolute(package: str, level: int, module: str) -> str:
    """`from ..x import y` in package "a.b.c" -> "a.x"; "" when it climbs out of the package."""
    parts = package.split(".") if package else []
    if level - 1 > len(parts) or (level > 0 and not parts):
        return ""
    base = parts[: len(parts) - (level - 1)]
    return ".".join(base + ([module] if module else []))


@frozen
class ModuleLines:
    """What a module's bytes show a move (answers/move.py): its lines, and each absolute
    module its lines import as (line, module, the line's text); `from a.b import c` imports
    "a.b" and "a.b.c"."""

    lines: int
    imports: tuple[tuple[int, str, str], ...]


@frozen
class ImportHeads:
    """The top-level module names whose imports a ModuleLines reads: one of `heads`, or one
    starting with `prefix` when it is given (`flask_`: any Flask extension)."""

    heads: frozenset[str]
    prefix: str = ""

    def __call__(self, head: str) -> bool:
        return head in self.heads or bool(self.prefix and head.startswith(self.prefix))


class ImportLines:
    """A module's import lines, each read once when first asked, for every reader of them:
    their statements (`line_imports`) and the top-level names they import (`line_heads`)."""

    __slots__ = ("_data", "_heads", "_statements")

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._statements: tuple[LineImport, ...] | None = None
        self._heads: frozenset[str] | None = None

    def statements(self) -> tuple[LineImport, ...]:
        if self._statements is None:
            self._statements = line_imports(self._data)
        return self._statements

    def heads(self) -> frozenset[str]:
        if self._heads is None:
            self._heads = frozenset(line_heads(self._data))
        return self._heads


def module_text(data: bytes, wanted: Callable[[str], bool], lines: ImportLines | None = None) -> ModuleLines:
    """The ModuleLines of a module with these bytes: its imports read as the prefilter reads
    them, those of a module whose top-level name is `wanted` (the others are not read);
    `lines`, when given, are the module's import lines (read once for all their readers)."""
    imported = lines or ImportLines(data)
    count = data.count(b"\n") + (bool(data) and not data.endswith(b"\n"))
    if not any(wanted(head) for head in imported.heads() if head):
        return ModuleLines(count, ())
    imports: list[tuple[int, str, str]] = []
    starts = _LineStarts(data)
    for stmt in imported.statements():
        names = _imported_names(stmt, wanted)
        if names:
            text = starts.text_of(stmt.line)
            imports.extend((stmt.line, name, text) for name in names)
    return ModuleLines(count, tuple(imports))


def _imported_names(stmt: LineImport, wanted: Callable[[str], bool]) -> list[str]:
    """The absolute modules a statement imports whose top-level name is `wanted`."""
    if stmt.level:
        return []
    names = [stmt.module, *(f"{stmt.module}.{n}" for n, _ in stmt.names if n != "*")] \
        if stmt.is_from else [n for n, _ in stmt.names]
    return [n for n in names if n and wanted(n.split(".")[0])]


class _LineStarts:
    """The text of a module's lines, asked for in increasing order: the lines are walked
    once, to the last one asked for."""

    def __init__(self, data: bytes) -> None:
        self.data, self.at, self.line = data, 0, 1  # where line `line` starts

    def text_of(self, line: int) -> str:
        data = self.data
        while self.line < line and self.at != -1:
            self.at = data.find(b"\n", self.at) + 1 or -1
            self.line += 1
        if self.at == -1:
            return ""
        end = data.find(b"\n", self.at)
        return data[self.at:end if end != -1 else len(data)].decode("utf-8", "replace")
