"""The planner: a module's bytes read into the requirement words they contain, and those into
the groups the module can bear on (see the package's docstring)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from framefit.catalog import Catalog
from framefit.engine.triage import reexports
from framefit.engine.triage.reexports import statement_end
from framefit.engine.triage.requirements import (
    CONFIG_ITEM,
    DOCKERFILE,
    FIRST_PARTY,
    IMPORT,
    PASSWORD_COLUMN,
    PSEUDO,
    SECRET,
    SECRET_CONSTANT,
    SignalGroups,
    auth_table,
    compile_requirements,
    makers,
    strings,
)
from framefit.scanners.deploy.docker_syntax import FROM_LINE, INSTRUCTION

# A Dockerfile in a string (scanners/dockerfile_templates.py): a FROM line and an instruction
# after it, as that scanner requires (a FROM line alone is mostly SQL).
_FROM_LINE = re.compile(FROM_LINE.pattern.encode(), re.MULTILINE)
_INSTRUCTION = re.compile(INSTRUCTION.pattern.encode(), re.MULTILINE)
_CONFIG = re.compile(rb"config[ \t]*\[")
_WORD_BYTES = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
_IDENTIFIER_BYTES = bytes(b if b in _WORD_BYTES else 0x20 for b in range(256))
_Entry = tuple[frozenset[str], frozenset[str]]  # a requirement's words, and its groups
# `from a.b import`, `import a.b as c, d`: the modules an import statement names.
_IMPORTED = re.compile(rb"\b(?:from|import)[ \t]+((?:\\\r?\n|[\w. \t,])+)")


class Planner:
    """The catalog compiled into requirements and word patterns (per catalog version)."""

    def __init__(self, catalog: Catalog, local_modules: frozenset[str] = frozenset()) -> None:
        self.catalog = catalog
        self.local_modules = local_modules
        self.signal_groups = SignalGroups(catalog, 1.0)
        self.requirements = tuple(compile_requirements(catalog, self.signal_groups))
        self._tables: dict[float, tuple[dict[str, frozenset[str]], dict[str, list[_Entry]]]] = {}
        self._signal_groups: dict[float, SignalGroups] = {}
        self._words = frozenset(w.encode() for r in self.requirements for w in r.words
                                if not w.startswith((PSEUDO, IMPORT)))
        self._vias = frozenset(head for r in self.requirements for head in r.via)
        self._makers = frozenset(makers(catalog.table("code")))
        secrets = strings(auth_table(catalog).get("secret_words"))
        # Searched for in lower-cased bytes, one `in` per word: faster than `re.IGNORECASE` or
        # a regex alternation.
        self._secrets = tuple(w.lower().encode() for w in secrets)
        self._columns = tuple(w.encode() for w in strings(auth_table(catalog).get("password_columns")))
        # An upper-case configuration constant named for a secret: `settings.WEBHOOK_TOKEN`.
        self._constant = re.compile(rb"\.[A-Z0-9_]*(?:" + "|".join(map(re.escape, secrets)).encode()
                                    + rb")\b") if secrets else re.compile(b"(?!)")

    def groups(self, data: bytes, weight: float = 1.0, path: str = "") -> frozenset[str]:
        """The groups a module with these bytes can bear on (empty: it cannot give evidence),
        for a module whose evidence counts `weight` (its role's: a test's weighs 0.15), with
        the marks of what it binds and imports (module `reexports`; `resolve` reads them)."""
        found = self.words(data)
        single, multi = self._by_word(weight)
        groups: set[str] = set()
        for word in found.intersection(single):
            groups |= single[word]
        for word in found.intersection(multi):
            for words, adds in multi[word]:
                if words <= found:
                    groups |= adds
        return frozenset(groups | self.marks(data, path))

    def marks(self, data: bytes, path: str) -> set[str]:
        """What the module at `path` binds to libraries and imports from first-party modules."""
        return reexports.marks(data, path, self._vias, self.local_modules, self._makers)

    def signals_groups(self, signals: Iterable[str], weight: float = 1.0) -> frozenset[str]:
        """The groups of a file whose scanner can give only `signals` (counting `weight`)."""
        groups = self._signal_groups.get(weight)
        if groups is None:
            groups = self._signal_groups[weight] = SignalGroups(self.catalog, weight)
        return frozenset().union(*(groups.of(s) for s in signals))

    def words(self, data: bytes) -> set[str]:
        """The requirement words in `data`: catalog words, the top-level modules it imports
        (as "import:name"), and the pseudo-words for secrets and first-party imports."""
        # Whole identifiers, as `\bword\b` would find them: every other byte becomes a space.
        identifiers = set(data.translate(_IDENTIFIER_BYTES).split())
        found = {word.decode("latin-1") for word in self._words.intersection(identifiers)}
        for head in imported(data):
            found.add(IMPORT + head)
            if head in self.local_modules or not head:
                found.add(FIRST_PARTY)
        # Secret and column words are made of identifier bytes, so each is inside one identifier:
        # searching the distinct identifiers is searching the text, on far fewer bytes.
        lower = b" ".join(identifiers).lower()
        if any(word in lower for word in self._secrets):
            found.add(SECRET)
        if any(word in lower for word in self._columns):
            found.add(PASSWORD_COLUMN)
        if b"FROM" in data and (line := _FROM_LINE.search(data)) and _INSTRUCTION.search(data, line.end()):
            found.add(DOCKERFILE)
        if _CONFIG.search(data):
            found.add(CONFIG_ITEM)
        if self._constant.search(data):
            found.add(SECRET_CONSTANT)
        return found

    def prepare(self, weights: Iterable[float]) -> None:
        """Build the tables `groups` uses for modules of these weights now (before a fork)."""
        for weight in weights:
            self._by_word(weight)

    def _by_word(self, weight: float) -> tuple[dict[str, frozenset[str]], dict[str, list[_Entry]]]:
        """The requirements of a module counting `weight`, indexed for `groups`: per word, the
        groups of the one-word requirements; per word, the (words, groups) of the others, each
        under one of its words (all must be there, so one is enough to look it up by)."""
        tables = self._tables.get(weight)
        if tables is None:
            single: dict[str, set[str]] = {}
            multi: dict[str, list[_Entry]] = {}
            for requirement in compile_requirements(self.catalog, SignalGroups(self.catalog, weight)):
                groups = requirement.conditional_groups()
                if len(requirement.words) == 1:
                    (word,) = requirement.words
                    single.setdefault(word, set()).update(groups)
                else:
                    multi.setdefault(min(requirement.words, key=_rarest), []).append(
                        (requirement.words, groups))
            tables = self._tables[weight] = ({w: frozenset(g) for w, g in single.items()}, multi)
        return tables


def _rarest(word: str) -> tuple[bool, bool, str]:
    """Sorts a requirement's words so that the first is the least often in a module: an import
    of a library, then an identifier, then a pseudo-word (a relative import is everywhere)."""
    return (word.startswith(PSEUDO), not word.startswith(IMPORT), word)


def imported(data: bytes) -> set[str]:
    """The top-level names of the modules `data` imports ("" for a relative import), read
    from the lines that hold the word "import" (found with `bytes.find`, much faster than a
    regex over the whole text); a line continued with a backslash is read on."""
    heads: set[str] = set()
    at = data.find(b"import")
    while at != -1:
        start, end = data.rfind(b"\n", 0, at) + 1, statement_end(data, at, parentheses=False)
        for names in _IMPORTED.findall(data, start, end):
            for name in names.replace(b"\\", b" ").split(b","):
                words = name.split()
                if words:
                    heads.add(words[0].split(b".")[0].decode("latin-1"))
        at = data.find(b"import", end)
    return heads
