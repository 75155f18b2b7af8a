"""Which rules run: select / extend-select / ignore by id or prefix; the longest match wins."""

from __future__ import annotations

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
