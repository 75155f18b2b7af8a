"""Typed views of the catalog's tables, built once when the catalog loads: no reader narrows
`object` again. A table that does not have the expected shape is a bug in framefit's own data
and raises ValueError at load (a test loads the catalog)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

# The tables of code.toml keyed by a qualified name whose value is a signal id.
IDIOM_TABLES = ("calls", "bases", "decorators", "names", "url_calls", "mounted_apps")


def _table(data: Mapping[str, object], name: str) -> Mapping[str, object]:
    value = data.get(name, {})
    if not isinstance(value, dict):
        raise ValueError(f"catalog: {name} is not a table")
    return value


def _signals(data: Mapping[str, object], name: str) -> Mapping[str, str]:
    table = _table(data, name)
    if not all(isinstance(v, str) for v in table.values()):
        raise ValueError(f"catalog: {name} maps names to signal ids")
    return MappingProxyType({str(k): str(v) for k, v in table.items()})


def _words(data: Mapping[str, object], name: str) -> tuple[str, ...]:
    value = data.get(name, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"catalog: {name} is a list of strings")
    return tuple(value)


@dataclass(frozen=True, slots=True)
class CodeIdioms:
    """code.toml: qualified names (resolved through a module's imports) and the signals they give."""

    tables: Mapping[str, Mapping[str, str]]  # IDIOM_TABLES -> qualified name -> signal
    call_args: Mapping[str, Mapping[str, str]]  # a call -> its first string argument -> signal
    model_signals: frozenset[str]  # signals of model base classes (a table)
    mount_methods: frozenset[str]  # `outer.mount("/", app)`
    asgi_parameters: tuple[str, ...]  # a hand-written ASGI callable's parameters

    @classmethod
    def of(cls, code: Mapping[str, object]) -> CodeIdioms:
        args = _table(code, "call_args")
        return cls(
            MappingProxyType({name: _signals(code, name) for name in IDIOM_TABLES}),
            MappingProxyType({str(k): _signals(args, str(k)) for k in args}),
            frozenset(_words(code, "model_signals")),
            frozenset(_words(code, "mount_methods")),
            _words(code, "asgi_parameters"),
        )

    def tails(self, table: str) -> frozenset[str]:
        """The last segment of every entry of `table` ("Model" of "...SQLAlchemy().Model")."""
        return frozenset(key.rsplit(".", 1)[-1] for key in self.tables[table])


@dataclass(frozen=True, slots=True)
class AuthIdioms:
    """code.toml [auth]: what a hand-written login, a user table and a machine secret look like."""

    session_objects: tuple[str, ...]
    session_keys: frozenset[str]
    password_columns: tuple[str, ...]
    form_sources: tuple[str, ...]
    secret_words: tuple[str, ...]

    @classmethod
    def of(cls, code: Mapping[str, object]) -> AuthIdioms:
        auth = _table(code, "auth")
        return cls(_words(auth, "session_objects"), frozenset(_words(auth, "session_keys")),
                   _words(auth, "password_columns"), _words(auth, "form_sources"),
                   _words(auth, "secret_words"))


@dataclass(frozen=True, slots=True)
class DjangoSettings:
    """settings.toml [django]: DATABASES engines by kind, INSTALLED_APPS and login keys."""

    engines: Mapping[str, frozenset[str]]  # "relational" | "nonrelational" | "dummy" -> engines
    installed_apps: Mapping[str, str]  # app (or its prefix) -> signal
    keys: Mapping[str, str]  # a top-level setting set at all -> signal

    @classmethod
    def of(cls, settings: Mapping[str, object]) -> DjangoSettings:
        django = _table(settings, "django")
        engines = _table(django, "engines")
        return cls(MappingProxyType({str(k): frozenset(_words(engines, str(k))) for k in engines}),
                   _signals(django, "installed_apps"), _signals(django, "keys"))

    def engine_kind(self, engine: str) -> str | None:
        return next((kind for kind, names in self.engines.items() if engine in names), None)


@dataclass(frozen=True, slots=True)
class ConfigKeys:
    """settings.toml [config]: configuration keys that name a database, and environment readers."""

    keys: Mapping[str, str]
    env_reads: frozenset[str]

    @classmethod
    def of(cls, settings: Mapping[str, object]) -> ConfigKeys:
        config = _table(settings, "config")
        return cls(_signals(config, "keys"), frozenset(_words(config, "env_reads")))


@dataclass(frozen=True, slots=True)
class Views:
    """Every typed view, as `Catalog.views` holds them."""

    code: CodeIdioms
    auth: AuthIdioms
    django: DjangoSettings
    config: ConfigKeys
    url_schemes: Mapping[str, str]  # a database URL's scheme -> signal
    base_image_signals: tuple[str, ...]  # the signals a Dockerfile's base image can give

    @classmethod
    def of(cls, tables: Mapping[str, Mapping[str, object]]) -> Views:
        code, settings = tables.get("code", {}), tables.get("settings", {})
        images = tables.get("images", {}).get("base", [])
        if not isinstance(images, list) or not all(isinstance(e, dict) for e in images):
            raise ValueError("catalog: images.base is a list of tables")
        return cls(CodeIdioms.of(code), AuthIdioms.of(code), DjangoSettings.of(settings),
                   ConfigKeys.of(settings), _signals(tables.get("urls", {}), "schemes"),
                   tuple(dict.fromkeys(str(e["signal"]) for e in images)))
