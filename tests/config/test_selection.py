"""Which rules run: the longest matching selector decides within a layer (at equal length, ignore
wins); a layer that selects chooses again, one that does not adds to the layers below (ruff's)."""

from __future__ import annotations

import pytest

from framefit.config.layers import Config, RuleLayer
from framefit.config.selection import ignored, ignored_because, rulings, selected
from framefit.rules import RULES

ALL_IDS = [r.id for r in RULES]


@pytest.mark.parametrize(
    ("select", "extend", "ignore", "rule", "runs"),
    [
        pytest.param(("FF",), (), (), "FF101", True, id="default__everything"),
        pytest.param(("FF1",), (), (), "FF201", False, id="select_prefix__others_off"),
        pytest.param(("FF1",), ("FF201",), (), "FF201", True, id="extend_select__adds"),
        pytest.param(("FF",), (), ("FF1",), "FF101", False, id="ignore_prefix__off"),
        pytest.param(("FF101",), (), ("FF1",), "FF101", True, id="longer_select__beats_ignore"),
        pytest.param(("FF1",), (), ("FF104",), "FF104", False, id="longer_ignore__beats_select"),
        pytest.param(("FF1",), (), ("FF1",), "FF102", False, id="equal_length__ignore_wins"),
        pytest.param(("ff1",), (), (), "FF101", True, id="case_insensitive"),
        pytest.param((), (), (), "FF101", False, id="nothing_selected"),
        pytest.param(("ALL",), (), (), "FF303", True, id="all__everything"),
        pytest.param(("ALL",), (), ("FF",), "FF101", False, id="any_prefix_beats_all"),
        pytest.param(("FF3",), (), ("ALL",), "FF301", True, id="all_ignored__a_prefix_still_selects"),
        pytest.param(("FF10",), (), (), "FF106", True, id="a_two_digit_prefix"),
    ],
)
def test_one_layer(select: tuple[str, ...], extend: tuple[str, ...], ignore: tuple[str, ...],
                   rule: str, runs: bool) -> None:
    config = Config(select=select, extend_select=extend, ignore=ignore)
    assert selected(rule, config) is runs


CLI, ENV = "command line", "environment"


@pytest.mark.parametrize(
    ("own", "layers", "counted", "set_apart"),
    [
        pytest.param({"ignore": ("FF101", "FF102")}, [RuleLayer(ignore=("FF104",))],
                     set(ALL_IDS) - {"FF101", "FF102", "FF104"}, {"FF101", "FF102", "FF104"},
                     id="ignore_adds_to_the_files_ignore"),
        pytest.param({"ignore": ("FF101",)}, [RuleLayer(select=("FF1",))],
                     {r for r in ALL_IDS if r.startswith("FF1")}, set(), id="select_chooses_again"),
        pytest.param({"select": ("FF101",)}, [RuleLayer(ignore=("FF1",))], set(), {"FF101"},
                     id="ignore_on_top_of_a_select"),
        pytest.param({"select": ("FF2",)}, [RuleLayer(ignore=("FF1",))], {"FF201"}, set(),
                     id="ignore_of_rules_not_selected__they_stay_off"),
        pytest.param({"ignore": ("FF1",)}, [RuleLayer(extend_select=("FF101",))],
                     set(ALL_IDS) - {r for r in ALL_IDS if r.startswith("FF1")} | {"FF101"},
                     {r for r in ALL_IDS if r.startswith("FF1")} - {"FF101"}, id="extend_select_on_top"),
        pytest.param({}, [RuleLayer(select=("FF2",), source=ENV), RuleLayer(ignore=("FF201",))],
                     set(), {"FF201"}, id="environment_then_command_line"),
        pytest.param({}, [RuleLayer(select=("FF2",), source=ENV), RuleLayer(select=("FF3",))],
                     {r for r in ALL_IDS if r.startswith("FF3")}, set(), id="the_last_select_wins"),
        pytest.param({}, [RuleLayer(select=("FF1",), ignore=("FF1",))], set(),
                     {r for r in ALL_IDS if r.startswith("FF1")}, id="equal_length_in_one_layer"),
    ],
)
def test_layers(own: dict[str, tuple[str, ...]], layers: list[RuleLayer], counted: set[str],
                set_apart: set[str]) -> None:
    config = Config(**own, rule_layers=tuple(layers))  # type: ignore[arg-type]
    assert {r for r in ALL_IDS if selected(r, config)} == counted
    assert {r for r in ALL_IDS if ignored(r, config)} == set_apart
    assert set(rulings(config)) == counted | set_apart


@pytest.mark.parametrize(
    ("config", "rule", "why"),
    [
        pytest.param(Config(ignore=("FF1",)), "FF104", 'ignored by the configuration: ignore = ["FF1"]',
                     id="by_prefix"),
        pytest.param(Config(ignore=("FF1", "FF104")), "FF104",
                     'ignored by the configuration: ignore = ["FF104"]', id="longest_ignore_named"),
        pytest.param(Config(select=("FF2",), ignore=("FF1",)), "FF104", None, id="not_selected__not_ignored"),
        pytest.param(Config(select=("FF104",), ignore=("FF1",)), "FF104", None, id="longer_select__runs"),
        pytest.param(Config(rule_layers=(RuleLayer(ignore=("FF104",), source=ENV),)), "FF104",
                     "ignored by the environment: FRAMEFIT_IGNORE=FF104", id="environment"),
        pytest.param(Config(ignore=("FF1",), rule_layers=(RuleLayer(ignore=("FF104",)),)), "FF104",
                     "ignored by the command line: --ignore FF104", id="the_last_layer_that_ignores"),
    ],
)
def test_an_ignored_rule_names_its_ignore(config: Config, rule: str, why: str | None) -> None:
    assert ignored_because(rule, config) == why
