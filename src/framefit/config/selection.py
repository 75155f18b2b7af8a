"""Which rules run, layer by layer as in ruff: the configuration's `select` / `extend-select` /
`ignore`, then each RuleLayer above it (the environment's, the command line's).

Within a layer the longest matching selector decides (`ALL` is shorter than any prefix); at equal
length `ignore` wins. A layer with a `select` chooses again; a layer without one changes only the
rules its `extend-select` or `ignore` name. A rule a layer selects and ignores still runs: its
findings are listed as suppressed, with the `ignore` entry that set them apart. A rule no layer
leaves selected does not run.
"""

from __future__ import annotations

from functools import lru_cache

from framefit.config.layers import COMMAND_LINE, ENVIRONMENT, Config, RuleLayer, env_name
from framefit.config.values import ALL
from framefit.frozen import frozen


@frozen
class Ruling:
    """A rule runs; `ignored_by`, when set, says which `ignore` sets its findings apart."""

    ignored_by: str | None = None


def selected(rule_id: str, config: Config) -> bool:
    """True when `rule_id` runs and counts."""
    ruling = rulings(config).get(rule_id.upper())
    return ruling is not None and ruling.ignored_by is None


def ignored(rule_id: str, config: Config) -> bool:
    """True when `rule_id` runs, but an `ignore` sets its findings apart."""
    return ignored_because(rule_id, config) is not None


def ignored_because(rule_id: str, config: Config) -> str | None:
    """The justification of an ignored rule's findings (`ignored by the configuration: ignore =
    ["FF1"]`, `ignored by the command line: --ignore FF104`); None when it is not ignored."""
    ruling = rulings(config).get(rule_id.upper())
    return ruling.ignored_by if ruling is not None else None


def rulings(config: Config) -> dict[str, Ruling]:
    """Every rule that runs, by id, with why it is ignored when it is."""
    own = RuleLayer(config.select, config.extend_select, config.ignore, "")
    return dict(_layered((own, *config.rule_layers)))


@lru_cache(maxsize=8)
def _layered(layers: tuple[RuleLayer, ...]) -> tuple[tuple[str, Ruling], ...]:
    from framefit.rules import RULES

    ids = [r.id for r in RULES]
    state: dict[str, Ruling | None] = dict.fromkeys(ids)
    for layer in layers:
        fresh = layer.select is not None
        before = state
        state = dict.fromkeys(ids) if fresh else dict(state)
        for rule_id in ids:
            ruling = _ruling(rule_id, layer, carried=not fresh and before[rule_id] is not None)
            if ruling is not None:
                state[rule_id] = ruling
    return tuple((rule_id, ruling) for rule_id, ruling in state.items() if ruling is not None)


def _ruling(rule_id: str, layer: RuleLayer, carried: bool) -> Ruling | None:
    """What `layer` says of `rule_id`: run it, run it ignored (with why), or nothing (the rule
    keeps what the layers below said). The more specific of a selector and an ignore wins, as
    in ruff; `carried` says the rule was selected below and this layer does not choose again."""
    chosen = _specificity(rule_id, (*(layer.select or ()), *layer.extend_select))
    entry = _longest(rule_id, layer.ignore)
    if entry is None:
        return Ruling() if chosen >= 0 else None
    if _specificity(rule_id, (entry,)) < chosen:
        return Ruling()
    if chosen >= 0 or carried:
        return Ruling(_justification(layer, entry))
    return None


def _specificity(rule_id: str, selectors: tuple[str, ...]) -> int:
    """The length of the longest selector matching `rule_id` (0 for ALL), -1 when none does."""
    return max((0 if s == ALL else len(s) for s in selectors if s == ALL or rule_id.startswith(s)),
               default=-1)


def _longest(rule_id: str, selectors: tuple[str, ...]) -> str | None:
    matching = [s for s in selectors if s == ALL or rule_id.startswith(s)]
    return max(matching, key=lambda s: 0 if s == ALL else len(s), default=None)


def _justification(layer: RuleLayer, entry: str) -> str:
    if layer.source == ENVIRONMENT:
        return f"ignored by the environment: {env_name('ignore')}={entry}"
    if layer.source == COMMAND_LINE:
        return f"ignored by the command line: --ignore {entry}"
    return f'ignored by the configuration: ignore = ["{entry}"]'
