"""`framefit check --show-settings`: the resolved configuration, each value with the file,
variable or flag that set it, and which rules that makes run (ruff's `--show-settings`)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from framefit import __version__
from framefit.config.discovery import ConfigFile, discover, read_explicit
from framefit.config.layers import (
    COMMAND_LINE,
    ENVIRONMENT,
    KEYS,
    Config,
    Layer,
    above_the_file,
    apply,
    file_layer,
    from_file,
)
from framefit.config.selection import rulings
from framefit.config.values import RULE_LISTS
from framefit.walk.exclude import Exclude

DEFAULT = "default"
Row = tuple[str, str, str]  # key, value, set by


def show(path: str | Path, config_file: str | Path | None, environ: Mapping[str, str],
         options: Mapping[str, object]) -> str:
    """The settings `framefit check` would use for `path`, one line each (repo text `plain`)."""
    from framefit.reporters.escape import plain

    root = Path(path).resolve()
    file = read_explicit(Path(config_file)) if config_file else discover(root)
    config, layers = _layered(file, root, environ, options)
    rows = [row for key, name in KEYS.items() for row in _rows(key, name, config, layers)]
    rows += _answers(config) + _decisions(config) + _rules(config)
    lines = [f"framefit {__version__} settings for {root}",
             f"configuration file: {file.path if file else 'none'}", "", *_table(rows)]
    return "".join(plain(line) + "\n" for line in lines)


def _layered(file: ConfigFile | None, root: Path, environ: Mapping[str, str],
             options: Mapping[str, object]) -> tuple[Config, list[Layer]]:
    """The configuration the file, the environment and the options make, and their layers."""
    config = from_file(file, root) if file else Config()
    layers = [file_layer(file, root)] if file else []
    for layer in above_the_file(environ, options):
        config = apply(config, layer)
        layers.append(layer)
    return config, layers


def _table(rows: list[Row]) -> list[str]:
    """The rows in columns: key, value (at most 48 wide), and what set it."""
    width = max(len(key) for key, _, _ in rows) + 2
    value_width = min(max(len(value) for _, value, _ in rows) + 2, 48)
    return [f"{key:<{width}}{value:<{value_width}}{by}".rstrip() for key, value, by in rows]


def _rows(key: str, name: str, config: Config, layers: list[Layer]) -> list[Row]:
    setters = [layer for layer in layers if name in layer.values]
    if name in RULE_LISTS:
        return _rule_list_rows(key, name, config, setters)
    if name == "extend_exclude":
        return [(key, _shown(config.extend_exclude), ", ".join(_by(s, name) for s in setters) or DEFAULT)]
    return [(key, _shown(getattr(config, name)), _by(setters[-1], name) if setters else DEFAULT)]


def _rule_list_rows(key: str, name: str, config: Config, setters: list[Layer]) -> list[Row]:
    """A rule list: the value the files give, then each layer above them (the environment,
    the command line) that adds to it or, for select, chooses again."""
    own = [layer for layer in setters if layer.source not in (ENVIRONMENT, COMMAND_LINE)]
    first: Row = (key, _shown(getattr(config, name)), _by(own[-1], name) if own else DEFAULT)
    then = " (chooses again)" if name == "select" else ""
    return [first, *(("", f"then {_shown(layer.values[name])}{then}", _by(layer, name))
                     for layer in setters if layer not in own)]


def _by(layer: Layer, name: str) -> str:
    return f"{layer.source}: {layer.names.get(name, name)}"


def _shown(value: object) -> str:
    if isinstance(value, tuple):
        return json.dumps([item.pattern if isinstance(item, Exclude) else item for item in value])
    return json.dumps(str(value))


def _answers(config: Config) -> list[Row]:
    rows: list[Row] = []
    for known in config.answers:
        for item in known.answers:
            where = "every service" if known.service is None else f"service {known.service}"
            rows.append(("", f'{item.question.value} = "{item.value.value}" ({where})', item.source.location))
    return [("answers", *rows[0][1:]), *rows[1:]] if rows else [("answers", "none", DEFAULT)]


def _decisions(config: Config) -> list[Row]:
    rows: list[Row] = [("", f"service {d.service}: keep {d.decision.framework}, recorded "
                            f"{d.decision.recorded}", d.decision.source.location) for d in config.decisions]
    return [("decisions", *rows[0][1:]), *rows[1:]] if rows else [("decisions", "none", DEFAULT)]


def _rules(config: Config) -> list[Row]:
    from framefit.rules import RULES

    ruled = rulings(config)
    counted: list[str] = []
    ignored: list[str] = []
    off: list[str] = []
    for rule in RULES:
        ruling = ruled.get(rule.id)
        (off if ruling is None else counted if ruling.ignored_by is None else ignored).append(rule.id)
    return [("", "", ""), ("rules that count", " ".join(counted) or "none", ""),
            ("rules ignored", " ".join(ignored) or "none",
             "they run; their findings are listed as suppressed" if ignored else ""),
            ("rules not selected", " ".join(off) or "none", "")]
