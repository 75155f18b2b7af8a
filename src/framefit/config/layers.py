"""Config: what a run is asked to do, independent of how it was asked (file, environment, CLI).

Layers, as in ruff: defaults < the configuration file < `FRAMEFIT_*` environment < command line.
A layer replaces the scalars it sets (`fail-on`, `format`) and `exclude`; `extend-exclude` adds
to the patterns of the layers below; rule selection goes layer by layer (module `selection`): a
layer's `select` chooses again, its `extend-select` and `ignore` add to what the layers below
chose (`--ignore FF104` keeps the file's `ignore`). Keys are kebab-case in TOML and on the
command line (`extend-select`, `--extend-select`), snake_case in Python (`extend_select`) and
upper snake case in the environment (`FRAMEFIT_EXTEND_SELECT`); `KEYS` is the one place that
maps them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import field, fields, replace
from pathlib import Path

from framefit.config.decisions import ServiceDecision, decisions
from framefit.config.discovery import ConfigFile, discover, key_line, read_explicit, scope_prefix
from framefit.config.known_answers import KnownAnswers, cited_path, known_answers
from framefit.config.values import PATTERN_LISTS, RULE_LISTS, parse, split
from framefit.errors import ConfigError
from framefit.frozen import frozen
from framefit.model import Severity
from framefit.walk.exclude import Exclude

# TOML / command-line key -> Config field. The environment variable is FRAMEFIT_<FIELD>.
KEYS: dict[str, str] = {
    "select": "select",
    "extend-select": "extend_select",
    "ignore": "ignore",
    "fail-on": "fail_on",
    "exclude": "exclude",
    "extend-exclude": "extend_exclude",
    "format": "format",
}
TABLE_KEYS = (*KEYS, "answers", "services", "decisions")
ENVIRONMENT, COMMAND_LINE = "environment", "command line"


@frozen
class RuleLayer:
    """The rule selection of a layer above the configuration (the environment's, the command
    line's): `select` chooses again (None: this layer does not), `extend_select` adds, `ignore`
    takes out; `source` names the layer ("environment", "command line")."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    source: str = COMMAND_LINE

    def __post_init__(self) -> None:
        for name in RULE_LISTS:
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, parse(name, value, self.source, name))


@frozen
class Config:
    """Which rules run and fail, what is left out, how it is shown, the known answers and the
    recorded decisions. Built in Python, every value is checked as a configuration file's is
    (ConfigError): rule ids and prefixes must name rules, lists must be lists of strings
    (patterns relative to PATH), `fail_on` a severity, `format` a reporter."""

    select: tuple[str, ...] = ("FF",)
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    fail_on: Severity = Severity.ERROR
    exclude: tuple[str | Exclude, ...] = ()
    extend_exclude: tuple[str | Exclude, ...] = ()
    format: str = "text"
    answers: tuple[KnownAnswers, ...] = ()
    decisions: tuple[ServiceDecision, ...] = ()
    source: str | None = None  # the configuration file read, as shown in messages
    rule_layers: tuple[RuleLayer, ...] = ()  # applied after select/extend_select/ignore, in order

    def __post_init__(self) -> None:
        for name in (*RULE_LISTS, *PATTERN_LISTS, "fail_on", "format"):
            value, default = getattr(self, name), _DEFAULTS[name]
            if type(value) is not type(default) or value != default:
                object.__setattr__(self, name, parse(name, value, "Config", name))
        if not isinstance(self.rule_layers, tuple) or not all(
                isinstance(layer, RuleLayer) for layer in self.rule_layers):
            raise ConfigError.at("Config", "rule_layers", "expected a tuple of RuleLayer", "RuleLayer(...)")

    @property
    def patterns(self) -> tuple[str | Exclude, ...]:
        """Every pattern that leaves paths out: `exclude`, then `extend_exclude`."""
        return self.exclude + self.extend_exclude


_DEFAULTS = {f.name: f.default for f in fields(Config)}


@frozen
class Layer:
    """The settings one source gives: Config field -> checked value, and -> its key there."""

    source: str  # the configuration file as shown, "environment" or "command line"
    values: Mapping[str, object]
    names: Mapping[str, str] = field(default_factory=dict)


def env_name(field_name: str) -> str:
    """The environment variable of a Config field: `FRAMEFIT_FAIL_ON`."""
    return f"FRAMEFIT_{field_name.upper()}"


def resolve(path: str | Path, config_file: str | Path | None = None,
            environ: Mapping[str, str] | None = None,
            options: Mapping[str, object] | None = None) -> Config:
    """The Config for checking `path`: defaults < file < environment < `options` (Config field
    names to command-line values; None or empty means not given). Raises ConfigError."""
    config = load(path, config_file)
    for layer in above_the_file(environ or {}, options or {}):
        config = apply(config, layer)
    return config


def above_the_file(environ: Mapping[str, str], options: Mapping[str, object]) -> list[Layer]:
    """The environment's layer and the command line's, in that order (either may be empty)."""
    return [from_environment(environ), from_options(options)]


def load(path: str | Path, config_file: str | Path | None = None) -> Config:
    """Defaults overridden by the file: `config_file`, else the one discovered for `path`."""
    root = Path(path).resolve()
    file = read_explicit(Path(config_file)) if config_file else discover(root)
    return from_file(file, root) if file else Config()


def from_file(file: ConfigFile, root: Path) -> Config:
    """The Config a file's framefit table sets; raises ConfigError naming file, key and allowed."""
    config = Config(answers=known_answers(file, root), decisions=decisions(file, root), source=file.shown)
    return apply(config, file_layer(file, root), on_top=False)


def file_layer(file: ConfigFile, root: Path) -> Layer:
    """The settings of a file's framefit table; its patterns keep the file's directory."""
    for key in file.table:
        if key not in TABLE_KEYS:
            raise ConfigError.at(file.shown, file.key(key), "unknown key", ", ".join(TABLE_KEYS))
    values = {KEYS[k]: parse(KEYS[k], v, file.shown, file.key(k)) for k, v in file.table.items() if k in KEYS}
    _anchor_patterns(values, file, root)
    return Layer(file.shown, values, {KEYS[k]: file.key(k) for k in file.table if k in KEYS})


def _anchor_patterns(values: dict[str, object], file: ConfigFile, root: Path) -> None:
    """The file's exclude patterns keep its directory and the line that sets them."""
    base, shown = scope_prefix(file, root) or "", cited_path(file, root)
    for name in PATTERN_LISTS:
        if name in values:
            line = key_line(file.text, file.prefix, _key(name))
            values[name] = tuple(Exclude(str(p), base, shown, shown, line) for p in _items(values[name]))


def from_environment(environ: Mapping[str, str]) -> Layer:
    """The Config fields set by `FRAMEFIT_*` variables (lists comma-separated; empty = unset)."""
    raw = {name: environ[env_name(name)] for name in KEYS.values() if environ.get(env_name(name), "").strip()}
    return _layer(ENVIRONMENT, {name: _listed(name, text) for name, text in raw.items()},
                  {name: env_name(name) for name in raw})


def from_options(options: Mapping[str, object]) -> Layer:
    """The Config fields set on the command line; list options may repeat or use commas."""
    given = {field_name: options[field_name] for field_name in KEYS.values()
             if options.get(field_name) not in (None, (), [])}
    values = {name: [item for raw in value for item in split(str(raw))]
              if isinstance(value, Sequence) and not isinstance(value, str) else value
              for name, value in given.items()}
    return _layer(COMMAND_LINE, values, {name: f"--{_key(name)}" for name in values})


def _layer(source: str, raw: Mapping[str, object], names: Mapping[str, str]) -> Layer:
    values = {name: parse(name, value, source, names[name]) for name, value in raw.items()}
    for name in PATTERN_LISTS:
        if name in values:
            values[name] = tuple(Exclude(str(p), source=names[name]) for p in _items(values[name]))
    return Layer(source, values, names)


def apply(config: Config, layer: Layer, *, on_top: bool = True) -> Config:
    """`config` with `layer` applied: its scalars and `exclude` replace, its `extend_exclude`
    adds; its rule selection becomes one more RuleLayer (`on_top`) or the Config's own."""
    values = dict(layer.values)
    if "extend_exclude" in values:
        values["extend_exclude"] = config.extend_exclude + _items(values["extend_exclude"])
    rules = {name: values.pop(name) for name in RULE_LISTS if name in values}
    if on_top and rules:
        values["rule_layers"] = (*config.rule_layers, RuleLayer(source=layer.source, **rules))  # type: ignore[arg-type]
    else:
        values.update(rules)
    return replace(config, **values)  # type: ignore[arg-type]  # parse() narrowed each value


def _listed(name: str, text: str) -> object:
    return split(text) if name in (*RULE_LISTS, *PATTERN_LISTS) else text.strip()


def _items(value: object) -> tuple[str | Exclude, ...]:
    assert isinstance(value, tuple)  # parse() made it one
    return value


def _key(field_name: str) -> str:
    return next(key for key, name in KEYS.items() if name == field_name)
