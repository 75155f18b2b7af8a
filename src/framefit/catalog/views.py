"""Typed views of the catalog's tables, built once when the catalog loads: no reader narrows
`object` again. A table that does not have the expected shape is a bug in framefit's own data
and raises ValueError at load (a test loads the catalog)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

from framefit.frozen import frozen

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


@frozen
class CodeIdioms:
    """code.toml: qualified names (resolved through a module's imports) and the signals they give."""

    tables: Mapping[str, Mapping[str, str]]  # IDIOM_TABLES -> qualified name -> signal
    call_args: Mapping[str, Mapping[str, str]]  # a call -> its first string argument -> signal
    model_signals: frozenset[str]  # signals of model base classes (a table)
    mount_methods: frozenset[str]  # `outer.mount("/", app)`
    asgi_parameters: tuple[str, ...]  # a hand-written ASGI callable's parameters
    own_app_argument: str  # what a call of the repo's own app class passes (`Api(__name__)`)

    @classmethod
    def of(cls, code: Mapping[str, object]) -> CodeIdioms:
        args = _table(code, "call_args")
        return cls(
            MappingProxyType({name: _signals(code, name) for name in IDIOM_TABLES}),
            MappingProxyType({str(k): _signals(args, str(k)) for k in args}),
            frozenset(_words(code, "model_signals")),
            frozenset(_words(code, "mount_methods")),
            _words(code, "asgi_parameters"),
            str(code.get("own_app_argument", "")),
        )

    def tails(self, table: str) -> frozenset[str]:
        """The last segment of every entry of `table` ("Model" of "...SQLAlchemy().Model")."""
        return frozenset(key.rsplit(".", 1)[-1] for key in self.tables[table])


@frozen
class AuthIdioms:
    """code.toml [auth]: what a hand-written login, a user table and a machine secret look like."""

    session_objects: tuple[str, ...]
    session_keys: frozenset[str]
    password_columns: tuple[str, ...]
    form_sources: tuple[str, ...]
    secret_words: tuple[str, ...]
    credential_methods: frozenset[str]  # a call of this name checks a user's credential
    credential_signals: frozenset[str]  # evidence in a module that a credential is checked there

    @classmethod
    def of(cls, code: Mapping[str, object]) -> AuthIdioms:
        auth = _table(code, "auth")
        return cls(_words(auth, "session_objects"), frozenset(_words(auth, "session_keys")),
                   _words(auth, "password_columns"), _words(auth, "form_sources"),
                   _words(auth, "secret_words"), frozenset(_words(auth, "credential_methods")),
                   frozenset(_words(auth, "credential_signals")))


@frozen
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


@frozen
class ConfigKeys:
    """settings.toml [config]: configuration keys that name a database, and environment readers."""

    keys: Mapping[str, str]
    env_reads: frozenset[str]

    @classmethod
    def of(cls, settings: Mapping[str, object]) -> ConfigKeys:
        config = _table(settings, "config")
        return cls(_signals(config, "keys"), frozenset(_words(config, "env_reads")))


@frozen
class ImageRule:
    """An images.toml rule: the first whose pattern is found in an image ("name:tag") decides.

    The pattern is compiled where an image is first matched (re keeps it compiled): a run
    without an image to match compiles none of the rules (tests/catalog compiles every one)."""

    match: str  # a regular expression
    signal: str
    family: str = ""


def _image_rules(images: Mapping[str, object], name: str) -> tuple[ImageRule, ...]:
    entries = images.get(name, [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise ValueError(f"catalog: images.{name} is a list of tables")
    return tuple(ImageRule(str(e["match"]), str(e["signal"]), str(e.get("family", "")))
                 for e in entries)


@frozen
class Images:
    """images.toml: base families (a Dockerfile's FROM), COPY --from adapters, and the images of
    services beside the app (compose, Kubernetes)."""

    base: tuple[ImageRule, ...]
    copy_from: tuple[ImageRule, ...]
    service: tuple[ImageRule, ...]

    @classmethod
    def of(cls, images: Mapping[str, object]) -> Images:
        return cls(*(_image_rules(images, n) for n in ("base", "copy_from", "service")))

    @staticmethod
    def first(rules: tuple[ImageRule, ...], image: str) -> str | None:
        """The signal of the first rule whose pattern is found in `image`."""
        return next((r.signal for r in rules if re.search(r.match, image)), None)


@frozen
class Limit:
    """A platform's size limit (platforms.toml [limits]), for the size answer's reason."""

    platform: str
    bytes: int
    what: str


@frozen
class Platforms:
    """platforms.toml: what deployment specs and variables say, and platforms' limits."""

    env_names: Mapping[str, str]
    heroku_addons: Mapping[str, str]
    do_engines: Mapping[str, str]
    render_databases: str
    render_store_types: frozenset[str]
    render_store_signal: str
    limits: Mapping[str, Limit]  # by the signal that shows the service ships there
    small_memory_mb: float
    fleet_min_services: int
    fleet_min_deployed: int
    azure: Azure

    @classmethod
    def of(cls, platforms: Mapping[str, object]) -> Platforms:
        render, limits = _table(platforms, "render"), _table(platforms, "limits")
        return cls(
            _signals(platforms, "env_names"), _signals(platforms, "heroku_addons"),
            _signals(platforms, "do_engines"), str(render.get("databases", "")),
            frozenset(_words(render, "store_types")), str(render.get("store_signal", "")),
            MappingProxyType({str(k): _limit(v) for k, v in limits.items()}),
            float(str(_table(platforms, "thresholds").get("small_memory_mb", 256))),
            int(str(_table(platforms, "fleet").get("min_services", 3))),
            int(str(_table(platforms, "fleet").get("min_deployed", 2))),
            Azure.of(platforms),
        )


@frozen
class Azure:
    """platforms.toml's Azure tables: azure.yaml hosts, Bicep / ARM resource types."""

    hosts: Mapping[str, str]  # azure.yaml host -> signal
    python_languages: frozenset[str]
    resources: Mapping[str, str]  # lower-case resource type -> signal
    functions_signal: str
    function_kinds: tuple[str, ...]  # lower case
    function_skus: frozenset[str]  # lower case

    @classmethod
    def of(cls, platforms: Mapping[str, object]) -> Azure:
        functions = _table(platforms, "azure_functions")
        resources = _signals(platforms, "azure_resources")
        return cls(_signals(platforms, "azure_hosts"),
                   frozenset(_words(_table(platforms, "azure_languages"), "python")),
                   MappingProxyType({k.lower(): v for k, v in resources.items()}),
                   str(functions.get("signal", "")),
                   tuple(w.lower() for w in _words(functions, "kinds")),
                   frozenset(w.lower() for w in _words(functions, "skus")))


def _limit(value: object) -> Limit:
    if not isinstance(value, dict):
        raise ValueError("catalog: a platforms limit is a table")
    return Limit(str(value["platform"]), int(value["bytes"]), str(value["what"]))


@frozen
class Counterpart:
    """counterparts.toml: the same service's stack on the other framework."""

    other: str
    drop: frozenset[str]
    add: tuple[str, ...]
    add_if_relational: tuple[str, ...]
    add_if_login: tuple[str, ...]


@frozen
class Measured:
    """footprint.toml: one distribution's measured layer size and what it requires."""

    layer_bytes: int
    requires: tuple[str, ...]


@frozen
class Footprints:
    """footprint.toml and counterparts.toml: measured sizes, where they were measured, and the
    counterpart stacks (answers/size.py)."""

    distributions: Mapping[str, Measured]
    measured_on: str  # "Python 3.11.7, 2026-11-24"
    counterparts: Mapping[str, Counterpart]  # by framework

    @classmethod
    def of(cls, footprint: Mapping[str, object], counterparts: Mapping[str, object]) -> Footprints:
        meta = _table(footprint, "meta")
        measured = {str(name): Measured(int(str(d.get("layer_bytes", 0))), _words(d, "requires"))
                    for name, d in _table(footprint, "distributions").items() if isinstance(d, dict)}
        rules = {str(name): Counterpart(str(r.get("other", "")), frozenset(_words(r, "drop")),
                                        _words(r, "add"), _words(r, "add_if_relational"),
                                        _words(r, "add_if_login"))
                 for name, r in counterparts.items() if isinstance(r, dict)}
        return cls(MappingProxyType(measured), f"Python {meta.get('python')}, {meta.get('date')}",
                   MappingProxyType(rules))


@frozen
class Replaced:
    """moves.toml: a library or installed app, the import names it is used by, and what
    replaces it on the other framework (and where that pairing comes from)."""

    name: str
    imports: tuple[str, ...]
    counterpart: str
    note: str


@frozen
class MoveSide:
    """moves.toml [<framework>]: what a move away from the framework touches (see the file)."""

    to: str
    route_calls: frozenset[str]
    route_decorators: frozenset[str]  # route_objects x route_methods
    any_route_decorators: frozenset[str]
    any_route_calls: frozenset[str]
    unit_calls: frozenset[str]
    model_signals: frozenset[str]
    declarative_bases: frozenset[str]
    form_bases: frozenset[str]
    extension_prefix: str
    templates: str
    template_keyword: str
    extensions: Mapping[str, Replaced]

    @classmethod
    def of(cls, side: Mapping[str, object], imports_of: Mapping[str, tuple[str, ...]]) -> MoveSide:
        def names(key: str) -> frozenset[str]:
            return frozenset(_words(side, key))

        decorators = {f"{o}.{m}" for o in names("route_objects") for m in names("route_methods")}
        return cls(
            str(side.get("to", "")), names("route_calls"), frozenset(decorators),
            names("any_route_decorators"), names("any_route_calls"), names("unit_calls"),
            names("model_signals"), names("declarative_bases"), names("form_bases"),
            str(side.get("extension_prefix", "")), str(side.get("templates", "")),
            str(side.get("template_keyword", "")),
            MappingProxyType({str(k): _replaced(str(k), v, imports_of)
                              for k, v in _table(side, "extensions").items()}))


def _replaced(name: str, entry: object, imports_of: Mapping[str, tuple[str, ...]]) -> Replaced:
    if not isinstance(entry, dict):
        raise ValueError(f"catalog: moves extension {name} is not a table")
    own = _words(entry, "imports")
    if own and name in imports_of:
        raise ValueError(f"catalog: moves extension {name}: its imports are in distributions.toml")
    return Replaced(name, own or imports_of.get(name, (name,)), str(entry.get("counterpart", "")),
                    str(entry.get("note", "")))


@frozen
class Ranks:
    """ranks.toml: the order of the kinds of observation and of file roles (most convincing
    first), and the kind of a signal that is no idiom, by its prefix."""

    kinds: Mapping[str, int]
    roles: Mapping[str, int]
    prefixes: Mapping[str, str]

    @classmethod
    def of(cls, ranks: Mapping[str, object]) -> Ranks:
        prefixes = _signals(ranks, "prefixes")
        kinds = _words(ranks, "kinds")
        if not set(prefixes.values()) <= set(kinds):
            raise ValueError("catalog: ranks.prefixes name a kind that is not in ranks.kinds")
        return cls(MappingProxyType({k: n for n, k in enumerate(kinds)}),
                   MappingProxyType({r: n for n, r in enumerate(_words(ranks, "roles"))}),
                   prefixes)


@frozen
class Views:
    """Every typed view, as `Catalog.views` holds them."""

    code: CodeIdioms
    auth: AuthIdioms
    django: DjangoSettings
    config: ConfigKeys
    url_schemes: Mapping[str, str]  # a database URL's scheme -> signal
    images: Images
    platforms: Platforms
    footprints: Footprints
    moves: Mapping[str, MoveSide]  # by the framework a service uses now
    ranks: Ranks

    @property
    def base_image_signals(self) -> tuple[str, ...]:
        """The signals a Dockerfile's base image can give."""
        return tuple(dict.fromkeys(rule.signal for rule in self.images.base))

    @classmethod
    def of(cls, tables: Mapping[str, Mapping[str, object]],
           imports_of: Mapping[str, tuple[str, ...]] = MappingProxyType({})) -> Views:
        """The views of `tables`; `imports_of` gives each distribution's import names."""
        code, settings, moves = tables.get("code", {}), tables.get("settings", {}), tables.get("moves", {})
        return cls(CodeIdioms.of(code), AuthIdioms.of(code), DjangoSettings.of(settings),
                   ConfigKeys.of(settings), _signals(tables.get("urls", {}), "schemes"),
                   Images.of(tables.get("images", {})), Platforms.of(tables.get("platforms", {})),
                   Footprints.of(tables.get("footprint", {}), tables.get("counterparts", {})),
                   MappingProxyType({str(k): MoveSide.of(_table(moves, str(k)), imports_of)
                                     for k in moves}),
                   Ranks.of(tables.get("ranks", {})))
