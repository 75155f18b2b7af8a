"""Which modules can see a library's name through a first-party module: read from the bytes.

The python scanner resolves a name imported from the repo's own modules by reading the bindings
of those modules (scanners/_firstparty.py): `from .utils import request` in one module and
`from flask import request` in `utils.py` make `request.values` Flask's. For the triage plan a
module that uses a name that way can give evidence only when the name it imports is bound, in
the module it imports it from (or one that module takes it from, and so on), to the library
the evidence is about. This module reads what each module binds and imports from the bytes,
as *marks* kept with its triage groups (so the cache keeps them too), and resolves them over
the whole tree.

Marks, per module:
- `@flask:request`: the module binds `request` to the library `flask` (an import, or an
  instance `db = SQLAlchemy()` of a class imported from it);
- `&local=a/b/utils:request`: it binds `local` to the name `request` of the first-party module
  `a/b/utils` (a module's path without `.py`; `a/b` for a package); the name `""` stands for
  the module itself (`import a.b`), `*` for every name (`from .x import *`).

Resolution over-approximates, so that the plan stays sound: an absolute module matches every
file whose path ends with it, a name imported from a module also stands for a submodule of
that name, and a module taken as a whole stands for every library it binds.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping

BOUND, FROM = "@", "&"
_FROM_IMPORT = re.compile(
    rb"\bfrom[ \t]+(\.*)[ \t]*([\w.]*)[ \t]+import[ \t]+(\([^)]*\)?|(?:\\\r?\n|[^\n#;])*)")
_IMPORT = re.compile(rb"(?<![\w.])import[ \t]+((?:\\\r?\n|[^\n#;(])*)")
_INSTANCE = re.compile(rb"^([A-Za-z_]\w*)[ \t]*(?::[^=\n]*)?=[ \t]*$")
_HOPS = 4  # re-exports followed (the python scanner follows 3)


def marks(data: bytes, path: str, libraries: frozenset[str], local: frozenset[str],
          makers: frozenset[str] = frozenset()) -> set[str]:
    """The marks of the module at repo path `path` with these bytes: its bindings to any of
    `libraries` (top-level module names), instances made by calling one of `makers` (class
    names, such as SQLAlchemy) and its imports from first-party modules (relative, or under
    one of the `local` top-level names)."""
    found: set[str] = set()
    package = path.rsplit("/", 1)[0] if "/" in path else ""
    bound: dict[str, str] = {}  # local name that can make an instance -> its library
    at = data.find(b"import")
    while at != -1:
        start, end = data.rfind(b"\n", 0, at) + 1, statement_end(data, at)
        spans = []
        for match in _FROM_IMPORT.finditer(data, start, end):
            spans.append(match.span())
            _from_import(match, package, libraries, local, makers, bound, found)
        for match in _IMPORT.finditer(data, start, end):
            if not any(low <= match.start() < high for low, high in spans):
                _plain_import(match.group(1), libraries, local, bound, found)
        at = data.find(b"import", max(end, at + 6))
    for name, library in list(bound.items()):
        _instances(data, name, library, found)
    return found


def qualified(marked: Mapping[str, Iterable[str]],
              wanted: Iterable[str] | None = None) -> dict[str, frozenset[str]]:
    """Per module path (of `wanted`, else all), the libraries whose names it can see through
    first-party modules."""
    tree = _Tree(marked)
    return {path: tree.seen(path) for path in (marked if wanted is None else wanted)}


class _Tree:
    """The marks of every module, and what a name of a module stands for (worked out on demand
    and remembered: most modules are never asked about)."""

    def __init__(self, marked: Mapping[str, Iterable[str]]) -> None:
        self.marked = marked
        self.by_last: dict[str, list[tuple[str, str]]] = defaultdict(list)  # last part -> (name, path)
        for path in marked:
            name = path.removesuffix(".py").removesuffix("__init__").rstrip("/")
            if name:
                self.by_last[name.rsplit("/", 1)[-1]].append((name, path))
        self.parsed: dict[str, tuple[dict[str, set[str]], list[tuple[str, str, str]]]] = {}
        self.memo: dict[tuple[str, str, int], frozenset[str]] = {}

    def marks(self, path: str) -> tuple[dict[str, set[str]], list[tuple[str, str, str]]]:
        """The module's bindings (name -> libraries) and first-party imports (local, module,
        name), read from its marks once."""
        if path not in self.parsed:
            bound: dict[str, set[str]] = defaultdict(set)
            edges: list[tuple[str, str, str]] = []
            for item in self.marked.get(path, ()):
                if item.startswith(BOUND):
                    library, _, name = item[1:].partition(":")
                    bound[name].add(library)
                elif item.startswith(FROM):
                    local, _, rest = item[1:].partition("=")
                    module, _, source = rest.rpartition(":")
                    edges.append((local, module, source))
            self.parsed[path] = (bound, edges)
        return self.parsed[path]

    def seen(self, path: str) -> frozenset[str]:
        """The libraries the module at `path` sees through its first-party imports."""
        found: set[str] = set()
        for _, module, source in self.marks(path)[1]:
            found |= self.name(module, source, _HOPS)
        return frozenset(found)

    def name(self, module: str, source: str, hops: int) -> frozenset[str]:
        """The libraries `source` of first-party `module` can stand for ("" the module itself,
        "*" any of its names), following re-exports `hops` steps."""
        key = (module, source, hops)
        if key not in self.memo:
            self.memo[key] = frozenset()  # a cycle resolves to nothing more
            self.memo[key] = self._name(module, source, hops)
        return self.memo[key]

    def _name(self, module: str, source: str, hops: int) -> frozenset[str]:
        found: set[str] = set()
        whole = source in ("", "*")
        for path in self.modules(module):
            names, edges = self.marks(path)
            for name, libraries in names.items():
                if whole or name in (source, "*"):
                    found |= libraries
            if hops:
                for local, other, other_source in edges:
                    if whole or local in (source, "*"):
                        found |= self.name(other, other_source, hops - 1)
        if not whole:  # `from . import utils`: the submodule utils
            found |= self.name(f"{module}/{source}" if module else source, "", hops)
        return frozenset(found)

    def modules(self, module: str) -> list[str]:
        """The paths of the first-party `module` ("a/b/utils"): every module whose name ends
        with it, for the import root is not known."""
        last = module.rsplit("/", 1)[-1]
        return [path for name, path in self.by_last.get(last, ())
                if name == module or name.endswith("/" + module)]


def _from_import(match: re.Match[bytes], package: str, libraries: frozenset[str],
                 local: frozenset[str], makers: frozenset[str], bound: dict[str, str],
                 found: set[str]) -> None:
    dots, module, names = len(match.group(1)), match.group(2).decode("latin-1"), match.group(3)
    head = module.split(".")[0]
    pairs = _names(names.strip(b"()"))
    if dots:
        parts = package.split("/") if package else []
        if dots - 1 > len(parts):
            return
        base = parts[: len(parts) - (dots - 1)]
        target = "/".join(base + ([module.replace(".", "/")] if module else []))
    elif head in local:
        target = module.replace(".", "/")
    else:
        if head in libraries:
            for name, alias in pairs:
                if name != "*":
                    found.add(f"{BOUND}{head}:{alias}")
                    if name in makers:
                        bound[alias] = head
        return
    for name, alias in pairs:
        found.add(f"{FROM}{'*' if name == '*' else alias}={target}:{name}")


def _plain_import(text: bytes, libraries: frozenset[str], local: frozenset[str],
                  bound: dict[str, str], found: set[str]) -> None:
    for dotted, alias in _names(text):
        parts = dotted.split(".")
        if parts[0] in libraries:
            name = alias if alias != dotted else parts[0]
            bound[name] = parts[0]
            found.add(f"{BOUND}{parts[0]}:{name}")
        elif parts[0] in local:
            if alias != dotted:
                found.add(f"{FROM}{alias}=" + "/".join(parts) + ":")
            else:  # `import a.b.c`: `a.b.c.x` may be bound in a, a.b or a.b.c
                for end in range(1, len(parts) + 1):
                    found.add(f"{FROM}{parts[0]}=" + "/".join(parts[:end]) + ":")


def _names(text: bytes) -> list[tuple[str, str]]:
    """(name, alias) of each `name [as alias]` in an import list."""
    pairs = []
    for item in text.replace(b"\\", b" ").split(b","):
        words = item.split()
        if not words:
            continue
        name = words[0].decode("latin-1")
        alias = words[2].decode("latin-1") if len(words) >= 3 and words[1] == b"as" else name
        pairs.append((name, alias))
    return pairs


def _instances(data: bytes, name: str, library: str, found: set[str]) -> None:
    """`x = name(...)` or `x = name.attr(...)` at the top level binds `x` to an instance of
    something from `library`."""
    needle = name.encode()
    at = data.find(needle)
    while at != -1:
        start = data.rfind(b"\n", 0, at) + 1
        after = data[at + len(needle): at + len(needle) + 200].split(b"\n", 1)[0]
        before = _INSTANCE.match(data[start:at])
        if before and re.match(rb"(?:\.\w+)*[ \t]*\(", after):
            found.add(f"{BOUND}{library}:{before.group(1).decode('latin-1')}")
        at = data.find(needle, at + len(needle))


def statement_end(data: bytes, at: int, parentheses: bool = True) -> int:
    """The end of the statement holding `at`: its line, continued by a backslash or (when
    `parentheses`) while a parenthesis is open."""
    end = data.find(b"\n", at)
    while end != -1:
        back = end - 1 if data[end - 1:end] == b"\r" else end
        continued = data[back - 1:back] == b"\\"
        if not continued and parentheses:
            text = data[data.rfind(b"\n", 0, at) + 1:end]
            continued = text.count(b"(") > text.count(b")")
        if not continued:
            return end
        end = data.find(b"\n", end + 1)
    return len(data)
