"""Config: what a run is asked to do, independent of how it was asked (file, environment, CLI).

Precedence: defaults < the configuration file < `FRAMEFIT_*` environment < command line; each
layer replaces the keys it sets. Keys are kebab-case in TOML and on the command line
(`extend-select`, `--extend-select`), snake_case in Python (`extend_select`) and upper snake case
in the environment (`FRAMEFIT_EXTEND_SELECT`); `KEYS` is the one place that maps them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from framefit.config.decisions import ServiceDecision, decisions
from framefit.config.discovery import ConfigFile, discover, read_explicit, rebase, scope_prefix
from framefit.config.known_answers import KnownAnswers, known_answers
from framefit.errors import ConfigError
from framefit.model import Severity

# TOML / command-line key -> Config field. The environment variable is FRAMEFIT_<FIELD>.
KEYS: dict[str, str] = {
    "select": "select",
    "extend-select": "extend_select",
    "ignore": "ignore",
    "fail-on": "fail_on",
    "exclude": "exclude",
    "format": "format",
}
TABLE_KEYS = (*KEYS, "answers", "services", "decisions")
RULE_LISTS = ("select", "extend_select", "ignore")
RULES_EG = 'a list of rule ids or prefixes, e.g. ["FF1", "FF301"]'
GLOBS_EG = 'a list of globs, e.g. ["docs/*", "legacy"]'


@dataclass(frozen=True, slots=True)
class Config:
    """Which rules run and fail, what is left out, how it is shown, the known answers and the
    recorded decisions."""

    select: tuple[str, ...] = ("FF",)
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    fail_on: Severity = Severity.ERROR
    exclude: tuple[str, ...] = ()
    format: str = "text"
    answers: tuple[KnownAnswers, ...] = ()
    decisions: tuple[ServiceDecision, ...] = ()
    source: str | None = None  # the configuration file read, as shown in messages


def env_name(field: str) -> str:
    """The environment variable of a Config field: `FRAMEFIT_FAIL_ON`."""
    return f"FRAMEFIT_{field.upper()}"


def resolve(path: str | Path, config_file: str | Path | None = None,
            environ: Mapping[str, str] | None = None,
            options: Mapping[str, object] | None = None) -> Config:
    """The Config for checking `path`: defaults < file < environment < `options` (Config field
    names to command-line values; None or empty means not given). Raises ConfigError."""
    config = load(path, config_file)
    config = _apply(config, from_environment(environ or {}))
    return _apply(config, from_options(options or {}))


def load(path: str | Path, config_file: str | Path | None = None) -> Config:
    """Defaults overridden by the file: `config_file`, else the one discovered for `path`."""
    root = Path(path).resolve()
    file = read_explicit(Path(config_file)) if config_file else discover(root)
    return from_file(file, root) if file else Config()


def from_file(file: ConfigFile, root: Path) -> Config:
    """The Config a file's framefit table sets; raises ConfigError naming file, key and allowed."""
    for key in file.table:
        if key not in TABLE_KEYS:
            raise ConfigError.at(file.shown, file.key(key), "unknown key", ", ".join(TABLE_KEYS))
    values = {KEYS[k]: parse(KEYS[k], v, file.shown, file.key(k))
              for k, v in file.table.items() if k in KEYS}
    if "exclude" in values:
        values["exclude"] = _rebase_globs(file.table["exclude"], scope_prefix(file, root))
    config = replace(Config(), answers=known_answers(file, root), decisions=decisions(file, root),
                     source=file.shown)
    return _apply(config, values)


def _apply(config: Config, values: Mapping[str, object]) -> Config:
    """`config` with `values` (Config field -> a value parse() has narrowed) set."""
    return replace(config, **values)  # type: ignore[arg-type]  # parse() narrowed each value


def from_environment(environ: Mapping[str, str]) -> dict[str, object]:
    """The Config fields set by `FRAMEFIT_*` variables (lists comma-separated; empty = unset)."""
    return {field: parse(field, _split(field, environ[env_name(field)]), "environment", env_name(field))
            for field in KEYS.values() if environ.get(env_name(field), "").strip()}


def from_options(options: Mapping[str, object]) -> dict[str, object]:
    """The Config fields set on the command line; list options may repeat or use commas."""
    found: dict[str, object] = {}
    for key, field in KEYS.items():
        value = options.get(field)
        if value in (None, (), [], ""):
            continue
        if isinstance(value, Sequence) and not isinstance(value, str):
            value = [item for raw in value for item in _split_list(str(raw))]
        found[field] = parse(field, value, "command line", f"--{key}")
    return found


def parse(field: str, value: object, source: str, key: str) -> object:
    """One key's value checked and narrowed; raises ConfigError naming source, key and allowed."""
    if field in RULE_LISTS:
        return tuple(_rule_id(item, source, key) for item in _strings(value, source, key, RULES_EG))
    if field == "exclude":
        return tuple(_strings(value, source, key, GLOBS_EG))
    allowed = [s.value for s in Severity] if field == "fail_on" else _formats()
    if not isinstance(value, str):
        raise ConfigError.at(source, key, f"expected a string, got {type(value).__name__}",
                             ", ".join(allowed))
    if value not in allowed:
        raise ConfigError.at(source, key, f'"{value}" is not allowed', ", ".join(allowed))
    return Severity(value) if field == "fail_on" else value


def _split(field: str, value: str) -> object:
    return _split_list(value) if field in (*RULE_LISTS, "exclude") else value.strip()


def _split_list(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


def _strings(value: object, source: str, key: str, allowed: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        got = type(value).__name__ if not isinstance(value, list) else "a list with a non-string"
        raise ConfigError.at(source, key, f"expected a list of strings, got {got}", allowed)
    return list(value)


def _rule_id(item: str, source: str, key: str) -> str:
    from framefit.rules import RETIRED, RULES

    known = [r.id for r in RULES] + list(RETIRED)
    wanted = item.strip().upper()
    if not wanted or not any(rule_id.startswith(wanted) for rule_id in known):
        groups = sorted({rule_id[:3] for rule_id in known})
        raise ConfigError.at(source, key, f'unknown rule id or prefix "{item}"',
                             f"a rule id ({', '.join(r.id for r in RULES)}) or a prefix of one "
                             f"(FF, {', '.join(groups)})")
    return wanted


def _formats() -> list[str]:
    from framefit.reporters import REPORTERS

    return sorted(REPORTERS)


def _rebase_globs(globs: object, prefix: str | None) -> tuple[str, ...]:
    """Globs written relative to the config file, made relative to the scanned root; those for
    paths outside it are dropped. A glob that starts with a wildcard matches at any depth, so it
    is kept as written."""
    assert isinstance(globs, list)  # parse() checked it
    rebased = (g if g.startswith("*") else rebase(g, prefix) for g in globs)
    return tuple(g for g in rebased if g is not None)
