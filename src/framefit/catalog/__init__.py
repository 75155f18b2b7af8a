"""The catalog: what distributions, import names and signals tell framefit, loaded from data."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any

from framefit.catalog.names import canonical_name
from framefit.catalog.views import Views
from framefit.frozen import frozen
from framefit.model import Question

# distributions.toml and modules.toml are packages; every signals*.toml holds idiom signals;
# any other *.toml is a table that scanners or answers read by name (catalog.table("settings")).
PACKAGE_FILES = ("distributions.toml", "modules.toml")
# The TOML files, parsed: reading JSON takes ~1 ms where parsing the TOML takes ~25 ms of every
# run. Used only when compiled from the very bytes of the TOML files (`compiled_text`);
# regenerate it with `python -m framefit.catalog` after editing them.
COMPILED = "compiled.json"
# The catalog's own folder: its data files ship beside this module (package data), so a path is
# enough, and cheaper to import than importlib.resources.
_FOLDER = Path(__file__).resolve().parent


class Polarity(StrEnum):
    FOR = "for"
    AGAINST = "against"
    ABSENCE = "absence"


STRENGTHS: Mapping[str, float] = {"strong": 1.0, "medium": 0.6, "weak": 0.25}
# How much a sighting says a framework *serves* the app. "serving": an app mounted at the root
# of another framework's app serves its requests, so it outranks the outer app object.
# "fallback": a framework of its own (a hand-written ASGI app) that counts only when no other
# framework is in use.
FALLBACK_STRENGTH = 0.1
FRAMEWORK_STRENGTHS: Mapping[str, float] = {**STRENGTHS, "serving": 1.25, "fallback": FALLBACK_STRENGTH}


@frozen
class Effect:
    """What one signal says about one question.

    `specific`: the observation is of the use that decides the question (`login_user()`, a
    secret from the environment compared with a request), not of something that is often there
    for other reasons (a JWT library, a Redis client beside a database). Evidence for is
    specific unless the entry lists the question under `generic`; evidence against is generic
    unless it lists it under `specific` (answers/question.py weighs the two kinds).
    """

    question: Question
    polarity: Polarity
    strength: float
    specific: bool = True

    @classmethod
    def parse(cls, question: Question, text: str, marked: Mapping[str, object] | None = None) -> Effect:
        if text == "absence":
            return cls(question, Polarity.ABSENCE, 0.0, specific=False)
        kind = "generic" if text.startswith("counter") else "specific"
        listed = (marked or {}).get("specific" if kind == "generic" else "generic", ())
        flipped = isinstance(listed, list) and question.value in listed
        specific = (kind == "specific") != flipped
        if text.startswith("counter"):
            level = text.partition("-")[2] or "strong"
            return cls(question, Polarity.AGAINST, STRENGTHS[level], specific)
        return cls(question, Polarity.FOR, STRENGTHS[text], specific)


@frozen
class Signal:
    """A catalog entry: a distribution, a module or an idiom, and its effects."""

    id: str
    title: str
    effects: tuple[Effect, ...]
    framework: str | None = None
    framework_strength: float = 1.0
    imports: tuple[str, ...] = ()
    # A statement (in documentation) of how the project ships: the role of the file it is in
    # does not discount it.
    any_role: bool = False
    # The service ships to a target whose size is limited (serverless, a configured budget): a
    # constraint, where a slim or Alpine base image is a packaging choice (rule FF302).
    size_limit: bool = False
    kind: str = ""  # what sort of observation an idiom is (ranks.toml `kinds`); "" for a package


def _effects(table: Mapping[str, object]) -> tuple[Effect, ...]:
    return tuple(
        Effect.parse(q, str(table[q.value]), table) for q in Question if q.value in table
    )


def _signal(key: str, table: Mapping[str, object], title: str) -> Signal:
    imports = table.get("imports", ())
    framework = table.get("framework")
    return Signal(
        id=key,
        title=str(table.get("title", title)),
        effects=_effects(table),
        framework=str(framework) if framework else None,
        framework_strength=FRAMEWORK_STRENGTHS[str(table.get("framework_strength", "strong"))],
        imports=tuple(str(i) for i in imports) if isinstance(imports, list) else (),
        any_role=table.get("any_role") is True,
        size_limit=table.get("size_limit") is True,
        kind=str(table.get("kind", "")),
    )


@frozen
class Catalog:
    """Lookups over the data files; build it with `load()`."""

    distributions: Mapping[str, Signal]
    modules: Mapping[str, Signal]  # import name -> distribution or stdlib signal
    signals: Mapping[str, Signal]
    tables: Mapping[str, Mapping[str, object]]  # the raw settings / images tables
    version: str
    views: Views  # the tables the Python analyses read, typed (module `views`)

    def distribution(self, name: str) -> Signal | None:
        return self.distributions.get(canonical_name(name))

    def module(self, dotted: str) -> tuple[str, Signal] | None:
        """The catalog import name that `dotted` falls under (longest prefix), and its signal."""
        parts = dotted.split(".")
        for end in range(len(parts), 0, -1):
            name = ".".join(parts[:end])
            if name in self.modules:
                return name, self.modules[name]
        return None

    def lookup(self, signal_id: str) -> Signal | None:
        """The catalog entry behind an evidence signal id (`dep:x`, `import:x` or an idiom)."""
        kind, _, name = signal_id.partition(":")
        if kind == "dep":
            return self.distributions.get(name)
        if kind == "import":
            return self.modules.get(name)
        return self.signals.get(signal_id)

    def effects(self, signal_id: str) -> tuple[Effect, ...]:
        entry = self.lookup(signal_id)
        return entry.effects if entry else ()

    def title(self, signal_id: str) -> str:
        entry = self.lookup(signal_id)
        return entry.title if entry else signal_id

    def table(self, name: str) -> Mapping[str, object]:
        return self.tables.get(name, {})

    def any_role(self, signal_id: str) -> bool:
        """Whether the signal weighs the same in a file of any role (catalog `any_role`)."""
        entry = self.lookup(signal_id)
        return entry is not None and entry.any_role

    def rank(self, signal_id: str, role: str) -> tuple[int, int]:
        """Where evidence of `signal_id` in a file of `role` comes among evidence of equal
        weight (ranks.toml): by the kind of observation, then the role; lower is first."""
        ranks = self.views.ranks
        entry = self.signals.get(signal_id)
        kind = entry.kind if entry is not None else ranks.prefixes.get(signal_id.partition(":")[0], "")
        return ranks.kinds.get(kind, len(ranks.kinds)), ranks.roles.get(role, len(ranks.roles))

    def all_import_names(self) -> Iterable[str]:
        return self.modules.keys()


def _digest(raw: Mapping[str, bytes]) -> str:
    return hashlib.sha256(b"".join(raw[n] for n in sorted(raw))).hexdigest()[:16]


def _parsed(raw: Mapping[str, bytes], digest: str) -> dict[str, dict[str, Any]]:
    """Every TOML file parsed: from COMPILED when it was compiled from these bytes, else here."""
    try:
        compiled = json.loads((_FOLDER / COMPILED).read_bytes())
        if isinstance(compiled, dict) and compiled.get("digest") == digest:
            files: dict[str, dict[str, Any]] = compiled["files"]
            return files
    except (OSError, ValueError, KeyError):
        pass
    import tomllib  # only when COMPILED is missing or stale

    return {name: tomllib.loads(blob.decode()) for name, blob in raw.items()}


def compiled_text() -> str:
    """What COMPILED holds for the TOML files as they are now."""
    import tomllib

    raw = _data_files()
    files = {name: tomllib.loads(blob.decode()) for name, blob in raw.items()}
    return json.dumps({"digest": _digest(raw), "files": files}, indent=1, sort_keys=True) + "\n"


def _data_files() -> dict[str, bytes]:
    folder = _FOLDER
    return {
        entry.name: entry.read_bytes()
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.name.endswith(".toml") and entry.is_file()
    }


@cache
def load() -> Catalog:
    """Load the catalog once per process."""
    raw = _data_files()
    digest = _digest(raw)
    data = _parsed(raw, digest)
    distributions, modules = _packages(data)
    signals: dict[str, Signal] = {}
    tables: dict[str, Mapping[str, object]] = {}
    for name, content in data.items():
        if name.startswith("signals"):
            _add_signals(signals, name, content)
        elif name not in PACKAGE_FILES:
            tables[name.removesuffix(".toml")] = content
    imports_of = {name: sig.imports for name, sig in distributions.items()}
    return Catalog(distributions, modules, signals, tables, digest, Views.of(tables, imports_of))


def _packages(data: Mapping[str, Mapping[str, Any]]) -> tuple[dict[str, Signal], dict[str, Signal]]:
    """The signal of each distribution (by canonical name) and of each import name (a module's
    own entry, else the first distribution that provides it)."""
    distributions: dict[str, Signal] = {}
    modules: dict[str, Signal] = {}
    for key, table in data["distributions.toml"].items():
        sig = _signal(key, table, title=str(table.get("note", key)))
        distributions[canonical_name(key)] = sig
        for module in sig.imports:
            modules.setdefault(module, sig)
    for key, table in data["modules.toml"].items():
        modules[key] = _signal(key, table, title=str(table.get("note", key)))
    return distributions, modules


def _add_signals(signals: dict[str, Signal], name: str, content: Mapping[str, Any]) -> None:
    """The signals of one `signals*.toml` file, each defined once."""
    for key, table in content.items():
        if key in signals:
            raise ValueError(f"catalog: signal {key} is defined twice ({name})")
        signals[key] = _signal(key, table, title=key)
