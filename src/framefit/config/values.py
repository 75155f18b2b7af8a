"""One setting's value checked and narrowed, wherever it comes from (a file, the environment, the
command line, a `Config` built in Python); every error names the source, the key and what is
allowed (ConfigError)."""

from __future__ import annotations

from framefit.errors import ConfigError
from framefit.model import Severity
from framefit.walk.exclude import Exclude, normalized, problem

RULE_LISTS = ("select", "extend_select", "ignore")
PATTERN_LISTS = ("exclude", "extend_exclude")
ALL = "ALL"  # every rule, as in ruff: less specific than any prefix
RULES_EG = 'a list of rule ids or prefixes, e.g. ["FF1", "FF301"]'
PATTERNS_EG = 'a list of .gitignore-style patterns, e.g. ["docs/", "legacy"]'


def parse(field: str, value: object, source: str, key: str) -> object:
    """The value of the Config field `field`, checked and narrowed: a tuple of upper-case rule
    selectors, a tuple of patterns, a Severity or a format name."""
    if field in RULE_LISTS:
        return tuple(rule_selector(item, source, key) for item in strings(value, source, key, RULES_EG))
    if field in PATTERN_LISTS:
        return tuple(pattern(item, source, key) for item in strings(value, source, key, PATTERNS_EG, Exclude))
    return _choice(field, value, source, key)


def _choice(field: str, value: object, source: str, key: str) -> object:
    """`fail-on` (a Severity) or `format` (a format name): one of the allowed strings."""
    allowed = [s.value for s in Severity] if field == "fail_on" else formats()
    if isinstance(value, Severity) and field == "fail_on":
        return value
    if not isinstance(value, str):
        got = type(value).__name__
        raise ConfigError.at(source, key, f"expected a string, got {got}", ", ".join(allowed))
    if value not in allowed:
        raise ConfigError.at(source, key, f'"{value}" is not allowed', ", ".join(allowed))
    return Severity(value) if field == "fail_on" else value


def strings(value: object, source: str, key: str, allowed: str, *also: type) -> list[str]:
    """`value` as a list of strings (or of `also`); a tuple is a list too (Python callers)."""
    if not isinstance(value, list | tuple) or not all(isinstance(i, (str, *also)) for i in value):
        got = type(value).__name__ if not isinstance(value, list | tuple) else "a list with a non-string"
        raise ConfigError.at(source, key, f"expected a list of strings, got {got}", allowed)
    return list(value)


def rule_selector(item: str, source: str, key: str) -> str:
    """`ALL`, a rule id or a prefix of one of two characters or more (`FF`, `FF1`, `FF10`),
    upper-cased; ConfigError for anything else (`F`, "", `FF9`)."""
    from framefit.rules import RETIRED, RULES

    known = [r.id for r in RULES] + list(RETIRED)
    wanted = item.strip().upper()
    if wanted == ALL or (len(wanted) >= 2 and any(rule_id.startswith(wanted) for rule_id in known)):
        return wanted
    groups = sorted({rule_id[:3] for rule_id in known})
    raise ConfigError.at(source, key, f'unknown rule id or prefix "{item}"',
                         f"{ALL}, a rule id ({', '.join(r.id for r in RULES)}) or a prefix of one "
                         f"(FF, {', '.join(groups)})")


def pattern(item: str | Exclude, source: str, key: str) -> str | Exclude:
    """A pattern checked (module `walk.exclude`) and kept as written; an Exclude is kept."""
    if isinstance(item, Exclude):
        return item
    why = problem(normalized(item))
    if why is not None:
        raise ConfigError.at(source, key, f'"{item}": {why}',
                             'a .gitignore-style pattern, e.g. "docs/", "legacy" or "/scripts/*.py"')
    return item.strip()


def split(value: str) -> list[str]:
    """A comma-separated list (the environment's and the command line's). An empty item is
    kept, for `parse` to reject as ruff rejects `--select ''`."""
    return [item.strip() for item in value.split(",")]


def formats() -> list[str]:
    """The report formats, sorted (the reporters' registry)."""
    from framefit.reporters import REPORTERS

    return sorted(REPORTERS)
