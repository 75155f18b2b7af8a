"""Which Python modules are worth parsing, and when parsing more cannot change an answer.

Parsing is framefit's one costly step, and in a Django or Flask app almost every module imports
the framework. So the scan is planned from the bytes:

1. Every evidence the python scanner can give needs certain words in the module's text: an
   import of `django.contrib.auth` needs "django", "contrib" and "auth"; an idiom keyed
   `django.db.models.Model` needs its last segment, "Model" (however the name is imported, that
   segment is written somewhere in the module); a settings or config key needs the key. The
   catalog is compiled once into such requirements, each with the *groups* its signals bear on:
   a question ("relational_database", "user_login", "container_size"), a framework
   ("framework:flask") or the project's structure.
2. A module's groups are those of every requirement its words meet. A module meeting none is
   never parsed; it cannot produce evidence.
3. Modules are parsed in rounds (8, 16, 32... modules, those bearing on more groups first, then
   by path). After each round, a group is *settled* for a candidate service when no further
   evidence can change what it decides: a question already answered yes with high confidence
   (a yes only grows stronger), or the serving framework when every module naming another
   framework has been parsed. Modules whose groups are all settled are left unparsed.

This plans the scan; it decides no verdict: the answers are computed afterwards from the
evidence, as always. The plan depends only on the files' bytes and paths, so a run with or
without the cache, with one job or many, parses the same modules and gives the same report.
What it changes is how many observations the evidence lists show (`--exhaustive` parses every
module that can produce evidence).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from framefit import reexports
from framefit.answers.framework import IN_CODE_AT
from framefit.answers.question import CONFIDENCE_AT
from framefit.answers.weigh import YES_AT
from framefit.catalog import Catalog, Effect, Polarity
from framefit.model import Answer, AnswerValue, Confidence, Evidence, Question, ServiceAnswers
from framefit.reexports import qualified

STRONG, WEAK, AGAINST = "+", "~", "-"  # how a group's evidence can move its question's answer
SURE = "!"  # "user_login+!": an import (certain evidence, not a word that may be) bears on it
STRUCTURE = "structure"  # a signal of no question, or bytes to diagnose: never settled
FRAMEWORK = "framework:"
FIRST_ROUND = 8
# Pseudo-words (never in a text): a secret's name anywhere (any case), an upper-case constant
# named for a secret, a relative import or one of a first-party module.
_PSEUDO = "\0"
_SECRET = "\0secret"
_SECRET_CONSTANT = "\0secret-constant"
_FIRST_PARTY = "\0first-party"
_PASSWORD_COLUMN = "\0password-column"
_CONFIG_ITEM = "\0config-item"  # `app.config["API_KEY"]`
_DOCKERFILE = "\0dockerfile"  # a Dockerfile in a string (scanners/dockerfile_templates.py)
_FROM_LINE = re.compile(rb"^[ \t]*FROM[ \t]+\S", re.MULTILINE)
_CONFIG = re.compile(rb"config[ \t]*\[")
_WORD_BYTES = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
_IDENTIFIER_BYTES = bytes(b if b in _WORD_BYTES else 0x20 for b in range(256))
VIA = "@"  # "relational_database+@sqlite3": the group if the module sees sqlite3 through first-party modules
IMPORT = "import:"  # "import:flask": the module is imported (`import flask`, `from flask...`)
# `from a.b import`, `import a.b as c, d`: the modules an import statement names.
_IMPORTED = re.compile(rb"\b(?:from|import)[ \t]+((?:\\\r?\n|[\w. \t,])+)")
_TABLES = ("calls", "bases", "decorators", "names", "url_calls")
_SETTLING = (Question.RELATIONAL_DATABASE, Question.USER_LOGIN, Question.CONTAINER_SIZE)


@dataclass(frozen=True, slots=True)
class Requirement:
    """Words a module must contain for some evidence, and the groups that evidence bears on."""

    words: frozenset[str]
    groups: frozenset[str]
    # Libraries whose names the module must see through first-party modules for the evidence
    # to exist (`from .utils import sqlite3`, with `import sqlite3` in utils.py: module
    # `reexports`). Groups of such a requirement are conditional until the tree is known.
    via: frozenset[str] = frozenset()

    def conditional_groups(self) -> frozenset[str]:
        """The groups, each tagged with the modules it waits on (`resolve` drops or keeps it)."""
        if not self.via:
            return self.groups
        heads = ",".join(sorted(self.via))
        return frozenset(g + VIA + heads for g in self.groups)


class Planner:
    """The catalog compiled into requirements and word patterns (per catalog version)."""

    def __init__(self, catalog: Catalog, local_modules: frozenset[str] = frozenset()) -> None:
        self.catalog = catalog
        self.local_modules = local_modules
        self.signal_groups = _SignalGroups(catalog, 1.0)
        self.requirements = tuple(_requirements(catalog, self.signal_groups))
        self._tables: dict[float, dict[str, list[tuple[frozenset[str], frozenset[str]]]]] = {}
        self._signal_groups: dict[float, _SignalGroups] = {}
        self._words = frozenset(w.encode() for r in self.requirements for w in r.words
                                if not w.startswith((_PSEUDO, IMPORT)))
        self._vias = frozenset(head for r in self.requirements for head in r.via)
        self._makers = frozenset(_makers(catalog.table("code")))
        secrets = _strings(_auth(catalog).get("secret_words"))
        # Searched for in lower-cased bytes, one `in` per word: faster than `re.IGNORECASE` or
        # a regex alternation.
        self._secrets = tuple(w.lower().encode() for w in secrets)
        self._columns = tuple(w.encode() for w in _strings(_auth(catalog).get("password_columns")))
        # An upper-case configuration constant named for a secret: `settings.WEBHOOK_TOKEN`.
        self._constant = re.compile(rb"\.[A-Z0-9_]*(?:" + "|".join(map(re.escape, secrets)).encode()
                                    + rb")\b") if secrets else re.compile(b"(?!)")

    def groups(self, data: bytes, weight: float = 1.0, path: str = "") -> frozenset[str]:
        """The groups a module with these bytes can bear on (empty: it cannot give evidence),
        for a module whose evidence counts `weight` (its role's: a test's weighs 0.15), with
        the marks of what it binds and imports (module `reexports`; `resolve` reads them)."""
        found = self.words(data)
        groups: set[str] = set()
        by_word = self._by_word(weight)
        for word in found:
            for words, adds in by_word.get(word, ()):
                if adds - groups and words <= found:
                    groups |= adds
        return frozenset(groups | self.marks(data, path))

    def marks(self, data: bytes, path: str) -> set[str]:
        """What the module at `path` binds to libraries and imports from first-party modules."""
        return reexports.marks(data, path, self._vias, self.local_modules, self._makers)

    def signals_groups(self, signals: Iterable[str], weight: float = 1.0) -> frozenset[str]:
        """The groups of a file whose scanner can give only `signals` (counting `weight`)."""
        groups = self._signal_groups.get(weight)
        if groups is None:
            groups = self._signal_groups[weight] = _SignalGroups(self.catalog, weight)
        return frozenset().union(*(groups.of(s) for s in signals))

    def words(self, data: bytes) -> set[str]:
        """The requirement words in `data`: catalog words, the top-level modules it imports
        (as "import:name"), and the pseudo-words for secrets and first-party imports."""
        # Whole identifiers, as `\bword\b` would find them: every other byte becomes a space.
        identifiers = data.translate(_IDENTIFIER_BYTES).split()
        found = {word.decode("latin-1") for word in self._words.intersection(identifiers)}
        for head in imported(data):
            found.add(IMPORT + head)
            if head in self.local_modules or not head:
                found.add(_FIRST_PARTY)
        lower = data.lower()
        if any(word in lower for word in self._secrets):
            found.add(_SECRET)
        if any(word in lower for word in self._columns):
            found.add(_PASSWORD_COLUMN)
        if b"FROM" in data and _FROM_LINE.search(data):
            found.add(_DOCKERFILE)
        if _CONFIG.search(data):
            found.add(_CONFIG_ITEM)
        if self._constant.search(data):
            found.add(_SECRET_CONSTANT)
        return found

    def _by_word(self, weight: float) -> dict[str, list[tuple[frozenset[str], frozenset[str]]]]:
        """Per word, the (words, groups) of every requirement with that word."""
        table = self._tables.get(weight)
        if table is None:
            table = self._tables[weight] = {}
            for requirement in _requirements(self.catalog, _SignalGroups(self.catalog, weight)):
                entry = (requirement.words, requirement.conditional_groups())
                for word in requirement.words:
                    table.setdefault(word, []).append(entry)
        return table


def imported(data: bytes) -> set[str]:
    """The top-level names of the modules `data` imports ("" for a relative import), read
    from the lines that hold the word "import" (found with `bytes.find`, much faster than a
    regex over the whole text); a line continued with a backslash is read on."""
    heads: set[str] = set()
    at = data.find(b"import")
    while at != -1:
        start, end = data.rfind(b"\n", 0, at) + 1, _line_end(data, at)
        for names in _IMPORTED.findall(data, start, end):
            for name in names.replace(b"\\", b" ").split(b","):
                words = name.split()
                if words:
                    heads.add(words[0].split(b".")[0].decode("latin-1"))
        at = data.find(b"import", end)
    return heads


def _line_end(data: bytes, at: int) -> int:
    end = data.find(b"\n", at)
    while end != -1:
        back = end - 1 if data[end - 1:end] == b"\r" else end
        if data[back - 1:back] != b"\\":
            return end
        end = data.find(b"\n", end + 1)
    return len(data)


def order(paths: Iterable[str], groups: Mapping[str, frozenset[str]],
          service: Mapping[str, str], size: Mapping[str, int],
          settled_groups: Mapping[str, frozenset[str]] | None = None) -> list[str]:
    """Parse order: first the modules that can show a framework other than the one most of
    their service's modules can (the serving framework settles once those are parsed), then
    those whose imports alone bear on more unsettled questions (SURE groups: an import is
    evidence for certain, a word only may be), then the smaller, then by path."""
    paths = list(paths)
    settled_groups = settled_groups or {}

    def sure(path: str) -> int:
        done = settled_groups.get(service[path], frozenset())
        return sum(1 for g in groups[path] if g.endswith(SURE) and g not in done)

    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for path in paths:
        counts[service[path]].update(frameworks_in(groups[path]))
    main = {s: min(c, key=lambda name: (-c[name], name)) for s, c in counts.items() if c}

    def minor(path: str) -> bool:
        return bool(frameworks_in(groups[path]) - {main.get(service[path], "")})

    return sorted(paths, key=lambda p: (not minor(p), -sure(p), size.get(p, 0), p))


def settled(answers: ServiceAnswers, unparsed_frameworks: frozenset[str],
            catalog: Catalog) -> frozenset[str]:
    """Groups that no further evidence can change for this candidate service.

    Per question (answers/question.py decides from the strongest evidence for and against):
    `+` once yes with high confidence; `~` (weak, never yes alone) once yes, or once some
    evidence for of at least CONFIDENCE_AT is known; `-` once yes, or once no from a strong
    sign against. `unparsed_frameworks` names the frameworks some not-yet-parsed module can
    show: the serving framework is settled only when no other framework is among them.
    """
    done: set[str] = set()
    for question in _SETTLING:
        tags = _settled_tags(answers.answers[question], question, catalog)
        done.update(question.value + tag for tag in tags)
    leader = answers.framework
    if leader is not None and not unparsed_frameworks - {leader}:
        done.add(FRAMEWORK + leader)
    return frozenset(done | {g + SURE for g in done})


def _settled_tags(answer: Answer, question: Question, catalog: Catalog) -> Iterator[str]:
    best_for = max((e.weight for e in answer.evidence), default=0.0)
    best_against = max((e.weight for e in answer.against if _is_against(e, question, catalog)),
                       default=0.0)
    yes = answer.value is AnswerValue.YES
    if yes and answer.confidence is Confidence.HIGH:
        yield STRONG
    if yes or best_for >= CONFIDENCE_AT:
        yield WEAK
    if yes or best_against >= YES_AT:
        yield AGAINST


def _is_against(item: Evidence, question: Question, catalog: Catalog) -> bool:
    """Evidence against, not a manifest read without finding anything (also listed there)."""
    return any(e.question is question and e.polarity is Polarity.AGAINST
               for e in catalog.effects(item.signal))


def frameworks_in(groups: Iterable[str]) -> frozenset[str]:
    """The framework names among `groups`."""
    return frozenset(g.removeprefix(FRAMEWORK) for g in groups if g.startswith(FRAMEWORK))


def resolve(groups: Mapping[str, frozenset[str]],
            others: Mapping[str, Iterable[str]] | None = None) -> dict[str, frozenset[str]]:
    """Every module's groups once the tree is known: a conditional group is kept when the
    module sees every library it waits on through first-party modules (module `reexports`,
    over these modules' marks and those of `others`, modules scanned whatever the plan); the
    marks themselves go."""
    seen = qualified({**(others or {}), **groups})

    def kept(path: str, group: str) -> str | None:
        if group.startswith((reexports.BOUND, reexports.FROM)):
            return None
        base, conditional, heads = group.partition(VIA)
        if not conditional:
            return group
        return base if seen[path].issuperset(heads.split(",")) else None

    return {path: frozenset(g for g in (kept(path, x) for x in found) if g)
            for path, found in groups.items()}


# --- the catalog as requirements -------------------------------------------------------------

def _requirements(catalog: Catalog, signal_groups: _SignalGroups) -> Iterator[Requirement]:
    for name in catalog.all_import_names():
        found = catalog.module(name)
        if found is not None:
            head, *rest = name.split(".")
            groups = signal_groups.of(f"import:{found[0]}")
            sure = {g + SURE for g in groups if g.endswith((STRONG, AGAINST))}
            yield Requirement(frozenset({IMPORT + head, *rest}), groups | sure)
    code = catalog.table("code")
    database = signal_groups.database()
    for table in _TABLES:
        for key, signal in _table(code, table).items():
            groups = signal_groups.of(str(signal)) | (database if table == "url_calls" else frozenset())
            yield from (Requirement(w, groups, via) for w, via in _key_words(key))
    for key, by_argument in _table(code, "call_args").items():
        if isinstance(by_argument, dict):
            groups = frozenset().union(*(signal_groups.of(str(s)) for s in by_argument.values()))
            yield from (Requirement(w, groups, via) for w, via in _key_words(key))
    for key, signal in _table(code, "mounted_apps").items():  # `outer.mount("/", app)`: the app
        maker = _tail(key.removesuffix("()"))  # is made in the module, or in a first-party one
        for method in _strings(code.get("mount_methods")):
            yield Requirement(frozenset({method, maker}), signal_groups.of(str(signal)))
            yield Requirement(frozenset({method, _FIRST_PARTY}), signal_groups.of(str(signal)),
                              frozenset({key.split(".")[0]}))
    asgi = _strings(code.get("asgi_parameters"))
    if asgi:  # a hand-written ASGI app: `async def __call__(self, scope, receive, send)`
        yield Requirement(frozenset(asgi), signal_groups.of("asgi-app"))
    images = catalog.table("images").get("base", [])
    bases = [str(e["signal"]) for e in images if isinstance(e, dict)] if isinstance(images, list) else []
    yield Requirement(frozenset({_DOCKERFILE}), frozenset().union(*map(signal_groups.of, bases)))
    yield from _auth_requirements(catalog, signal_groups)
    yield from _settings_requirements(catalog, signal_groups)
    # A dynamic import can name any module: it bears on every question (though not on the
    # serving framework, whose settling would otherwise wait on every such module).
    everything = frozenset(g for s in signal_groups.known() for g in signal_groups.of(s)
                           if not g.startswith(FRAMEWORK) and g != STRUCTURE)
    for dynamic in ("__import__", "import_module"):
        yield Requirement(frozenset({dynamic}), everything)


def _auth_requirements(catalog: Catalog, signal_groups: _SignalGroups) -> Iterator[Requirement]:
    auth, code = _auth(catalog), catalog.table("code")
    for holder in _strings(auth.get("session_objects")):
        for words, via in _key_words(holder):
            yield Requirement(words, signal_groups.of("session-user-login"), via)
    models = set(_strings(code.get("model_signals")))
    # A model class is a user table when it has a password column, or its module hashes
    # passwords (a password-hashing idiom).
    hashing = [found for key, signal in _table(code, "calls").items() if signal == "password-hashing"
               for found in _key_words(key)]
    column: tuple[frozenset[str], frozenset[str]] = (frozenset({_PASSWORD_COLUMN}), frozenset())
    for key, signal in _table(code, "bases").items():
        if signal in models:
            for words, via in _key_words(key):
                for proof, proof_via in [column, *hashing]:
                    yield Requirement(words | proof, signal_groups.of("user-table-password"),
                                      via | proof_via)
    # A secret compared is read from the environment or app config, or is a named constant.
    token = signal_groups.of("machine-token-auth")
    for reader in ("environ", "getenv", _CONFIG_ITEM):
        yield Requirement(frozenset({_SECRET, reader}), token)
    yield Requirement(frozenset({_SECRET_CONSTANT}), token)
    for form in _strings(auth.get("form_sources")):
        for words, via in _key_words(form):
            yield Requirement(words | {_SECRET}, signal_groups.of("shared-password-form"), via)


def _settings_requirements(catalog: Catalog, signal_groups: _SignalGroups) -> Iterator[Requirement]:
    settings = catalog.table("settings")
    django = _table(settings, "django")
    database = signal_groups.database()
    engines = ("engine", "default-sqlite", "dummy", "nonrelational")
    yield Requirement(frozenset({"DATABASES"}), frozenset().union(
        *(signal_groups.of(f"django-databases-{kind}") for kind in engines)))
    apps = _table(django, "installed_apps")
    app_groups = frozenset().union(*(signal_groups.of(str(s)) for s in apps.values()))
    project = signal_groups.of("django-project")
    yield Requirement(frozenset({"INSTALLED_APPS"}), app_groups | project)
    yield Requirement(frozenset({"DJANGO_SETTINGS_MODULE"}), project)
    for key, signal in _table(django, "keys").items():
        yield Requirement(frozenset({key}), signal_groups.of(str(signal)))
    for key, signal in _table(_table(settings, "config"), "keys").items():
        yield Requirement(frozenset({key}), signal_groups.of(str(signal)) | database)


class _SignalGroups:
    """The groups one signal bears on: per question, how it can move the answer (`+` towards
    yes, `~` weakly towards yes, `-` towards no; a weak sign against moves nothing), its
    framework; unknown signals: structure."""

    def __init__(self, catalog: Catalog, weight: float) -> None:
        self.catalog = catalog
        self.weight = weight
        self.seen: set[str] = set()

    def of(self, signal: str) -> frozenset[str]:
        self.seen.add(signal)
        entry = self.catalog.lookup(signal)
        weight = 1.0 if entry is not None and entry.any_role else self.weight
        groups = {tag for effect in self.catalog.effects(signal) if (tag := _tag(effect, weight))}
        framework = entry.framework if entry is not None else None
        if framework and self.weight >= IN_CODE_AT:
            groups.add(FRAMEWORK + framework)
        if not groups and not framework and not self.catalog.effects(signal):
            return frozenset({STRUCTURE})  # a signal of no question (django-project): kept
        return frozenset(groups)

    def known(self) -> list[str]:
        return sorted(self.seen)


    def database(self) -> frozenset[str]:
        """The groups of a relational database named outright (a URL, an engine)."""
        return self.of("django-databases-engine")


def _tag(effect: Effect, weight: float) -> str | None:
    question, strength = effect.question.value, effect.strength * weight
    if effect.polarity is Polarity.AGAINST:
        return question + AGAINST if strength >= YES_AT else None
    if strength >= YES_AT:
        return question + STRONG
    # Weak evidence for moves a no's confidence; the size question has no "no" by absence, so
    # there weak evidence alone is as unknown as none.
    return question + WEAK if effect.question is not Question.CONTAINER_SIZE else None


def _key_words(key: str) -> list[tuple[frozenset[str], frozenset[str]]]:
    """The word sets of which a module using the idiom `key` contains at least one, each with
    the modules some module of the tree must then import (Requirement.via).

    Its last segment always. Its module is imported there, unless the name comes through an
    instance made in the module (`SQLAlchemy()` is written there) or through a first-party
    module (python_idioms resolves `db.Model` through `from .ext import db`, and `sqlite3`
    re-exported by `from .utils import sqlite3`): then that module, or one it takes the name
    from, imports the idiom's module.
    """
    tail, head = _tail(key), key.split(".")[0]
    first_party = (frozenset({tail, _FIRST_PARTY}), frozenset({head}))
    if "()." not in key:
        return [(frozenset({tail, IMPORT + head}), frozenset()), first_party]
    return [(frozenset({tail, _tail(key.split("().")[0])}), frozenset()), first_party]


def _makers(value: object) -> Iterator[str]:
    """The class names that idioms keyed on an instance call (`SQLAlchemy` of
    "flask_sqlalchemy.SQLAlchemy().Model", `Flask` of "flask.Flask()"), anywhere in `value`."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _makers(key)
            yield from _makers(item)
    elif isinstance(value, list):
        for item in value:
            yield from _makers(item)
    elif isinstance(value, str) and "()" in value:
        yield _tail(value.split("()")[0])


def _tail(key: str) -> str:
    return key.rsplit(".", 1)[-1].removesuffix("()")


def _table(data: Mapping[str, object], name: str) -> Mapping[str, object]:
    value = data.get(name, {}) if name else data
    return value if isinstance(value, dict) else {}


def _auth(catalog: Catalog) -> Mapping[str, object]:
    return _table(catalog.table("code"), "auth")


def _strings(value: object) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else []
