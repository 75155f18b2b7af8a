"""Which rules run: the longest matching prefix decides; at equal length, ignore wins."""

from __future__ import annotations

import pytest

from framefit.config.layers import Config
from framefit.config.selection import ignored, matching_ignore, selected


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
    ],
)
def test_selected(select: tuple[str, ...], extend: tuple[str, ...], ignore: tuple[str, ...],
                  rule: str, runs: bool) -> None:
    config = Config(select=select, extend_select=extend, ignore=ignore)
    assert selected(rule, config) is runs


@pytest.mark.parametrize(
    ("select", "ignore", "rule", "expected"),
    [
        pytest.param(("FF",), ("FF1",), "FF104", "FF1", id="ignored_by_prefix"),
        pytest.param(("FF",), ("FF1", "FF104"), "FF104", "FF104", id="longest_ignore_named"),
        pytest.param(("FF2",), ("FF1",), "FF104", None, id="not_selected_anyway__not_ignored"),
        pytest.param(("FF104",), ("FF1",), "FF104", None, id="longer_select__runs"),
        pytest.param(("FF",), (), "FF104", None, id="no_ignore"),
    ],
)
def test_ignored_rules_run_and_name_their_ignore(select: tuple[str, ...], ignore: tuple[str, ...],
                                                  rule: str, expected: str | None) -> None:
    config = Config(select=select, ignore=ignore)
    assert ignored(rule, config) is (expected is not None)
    assert (matching_ignore(rule, config) if ignored(rule, config) else None) == expected
