"""The catalog compiled into requirements: the words a module must contain for each piece of
evidence, and the groups (a question and the direction it can move it, or a framework) that
evidence bears on."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from framefit.answers.framework import IN_CODE_AT
from framefit.answers.weigh import YES_AT
from framefit.catalog import Catalog, Effect, Polarity
from framefit.model import Question

STRONG, WEAK, AGAINST = "+", "~", "-"  # how a group's evidence can move its question's answer
SURE = "!"  # "user_login+!": an import (certain evidence, not a word that may be) bears on it
STRUCTURE = "structure"  # a signal of no question, or bytes to diagnose: never settled
FRAMEWORK = "framework:"
VIA = "@"  # "relational_database+@sqlite3": the group if the module sees sqlite3 through first-party modules
IMPORT = "import:"  # "import:flask": the module is imported (`import flask`, `from flask...`)
# Pseudo-words (never in a text): a secret's name anywhere (any case), an upper-case constant
# named for a secret, a relative import or one of a first-party module.
PSEUDO = "\0"
SECRET = "\0secret"
SECRET_CONSTANT = "\0secret-constant"
FIRST_PARTY = "\0first-party"
PASSWORD_COLUMN = "\0password-column"
CONFIG_ITEM = "\0config-item"  # `app.config["API_KEY"]`
DOCKERFILE = "\0dockerfile"  # a Dockerfile in a string (scanners/dockerfile_templates.py)
_TABLES = ("calls", "bases", "decorators", "names", "url_calls")


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


def compile_requirements(catalog: Catalog, signal_groups: SignalGroups) -> Iterator[Requirement]:
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
        for method in strings(code.get("mount_methods")):
            yield Requirement(frozenset({method, maker}), signal_groups.of(str(signal)))
            yield Requirement(frozenset({method, FIRST_PARTY}), signal_groups.of(str(signal)),
                              frozenset({key.split(".")[0]}))
    asgi = strings(code.get("asgi_parameters"))
    if asgi:  # a hand-written ASGI app: `async def __call__(self, scope, receive, send)`
        yield Requirement(frozenset(asgi), signal_groups.of("asgi-app"))
    images = catalog.table("images").get("base", [])
    bases = [str(e["signal"]) for e in images if isinstance(e, dict)] if isinstance(images, list) else []
    yield Requirement(frozenset({DOCKERFILE}), frozenset().union(*map(signal_groups.of, bases)))
    yield from _auth_requirements(catalog, signal_groups)
    yield from _settings_requirements(catalog, signal_groups)
    # A dynamic import can name any module: it bears on every question (though not on the
    # serving framework, whose settling would otherwise wait on every such module).
    everything = frozenset(g for s in signal_groups.known() for g in signal_groups.of(s)
                           if not g.startswith(FRAMEWORK) and g != STRUCTURE)
    for dynamic in ("__import__", "import_module"):
        yield Requirement(frozenset({dynamic}), everything)


def _auth_requirements(catalog: Catalog, signal_groups: SignalGroups) -> Iterator[Requirement]:
    auth, code = auth_table(catalog), catalog.table("code")
    for holder in strings(auth.get("session_objects")):
        for words, via in _key_words(holder):
            yield Requirement(words, signal_groups.of("session-user-login"), via)
    models = set(strings(code.get("model_signals")))
    # A model class is a user table when it has a password column, or its module hashes
    # passwords (a password-hashing idiom).
    hashing = [found for key, signal in _table(code, "calls").items() if signal == "password-hashing"
               for found in _key_words(key)]
    column: tuple[frozenset[str], frozenset[str]] = (frozenset({PASSWORD_COLUMN}), frozenset())
    for key, signal in _table(code, "bases").items():
        if signal in models:
            for words, via in _key_words(key):
                for proof, proof_via in [column, *hashing]:
                    yield Requirement(words | proof, signal_groups.of("user-table-password"),
                                      via | proof_via)
    # A secret compared is read from the environment or app config, or is a named constant.
    token = signal_groups.of("machine-token-auth")
    for reader in ("environ", "getenv", CONFIG_ITEM):
        yield Requirement(frozenset({SECRET, reader}), token)
    yield Requirement(frozenset({SECRET_CONSTANT}), token)
    for form in strings(auth.get("form_sources")):
        for words, via in _key_words(form):
            yield Requirement(words | {SECRET}, signal_groups.of("shared-password-form"), via)


def _settings_requirements(catalog: Catalog, signal_groups: SignalGroups) -> Iterator[Requirement]:
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


class SignalGroups:
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
    the libraries the module must then see through first-party modules (Requirement.via).

    Its last segment always. Its module is imported there, unless the name comes through an
    instance made in the module (`SQLAlchemy()` is written there) or through a first-party
    module (python_idioms resolves `db.Model` through `from .ext import db`, and `sqlite3`
    re-exported by `from .utils import sqlite3`): then the module it takes the name from binds
    it to the idiom's library (module `reexports` checks that over the tree).
    """
    tail, head = _tail(key), key.split(".")[0]
    first_party = (frozenset({tail, FIRST_PARTY}), frozenset({head}))
    if "()." not in key:
        return [(frozenset({tail, IMPORT + head}), frozenset()), first_party]
    return [(frozenset({tail, _tail(key.split("().")[0])}), frozenset()), first_party]


def makers(value: object) -> Iterator[str]:
    """The class names that idioms keyed on an instance call (`SQLAlchemy` of
    "flask_sqlalchemy.SQLAlchemy().Model", `Flask` of "flask.Flask()"), anywhere in `value`."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from makers(key)
            yield from makers(item)
    elif isinstance(value, list):
        for item in value:
            yield from makers(item)
    elif isinstance(value, str) and "()" in value:
        yield _tail(value.split("()")[0])


def _tail(key: str) -> str:
    return key.rsplit(".", 1)[-1].removesuffix("()")


def _table(data: Mapping[str, object], name: str) -> Mapping[str, object]:
    value = data.get(name, {}) if name else data
    return value if isinstance(value, dict) else {}


def auth_table(catalog: Catalog) -> Mapping[str, object]:
    return _table(catalog.table("code"), "auth")


def strings(value: object) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else []
