"""Which rules run: select / extend-select / ignore by id or prefix; the longest match wins."""

from __future__ import annotations

from dataclasses import replace

from framefit.config.layers import Config


def selected(rule_id: str, config: Config) -> bool:
    """True when `rule_id` runs. The longest matching prefix decides; at equal length, ignore wins."""
    chosen = _longest(rule_id, config.select + config.extend_select)
    ignored = _longest(rule_id, config.ignore)
    if chosen < 0:
        return False
    return chosen > ignored


def _longest(rule_id: str, prefixes: tuple[str, ...]) -> int:
    lengths = [len(p) for p in prefixes if rule_id.upper().startswith(p.upper())]
    return max(lengths, default=-1)


def ignored(rule_id: str, config: Config) -> bool:
    """True when `rule_id` would run but for `ignore`: it runs, and its findings are suppressed."""
    return not selected(rule_id, config) and selected(rule_id, replace(config, ignore=()))


def matching_ignore(rule_id: str, config: Config) -> str | None:
    """The longest `ignore` entry that matches `rule_id`, as written; None when none does."""
    matches = [p for p in config.ignore if rule_id.upper().startswith(p.upper())]
    return max(matches, key=len, default=None)
