"""The Python API validates as the command line does: a Config built in Python, a format name."""

from __future__ import annotations

import pytest

from framefit import check
from framefit.config.layers import Config
from framefit.errors import ConfigError, UsageError
from framefit.model import Severity
from framefit.reporters import render
from tests.conftest import FIXTURES

SELECTORS = ("ALL, a rule id (FF101, FF102, FF103, FF104, FF105, FF106, FF201, FF301, FF302, FF303) or "
             "a prefix of one (FF, FF1, FF2, FF3)")


@pytest.mark.parametrize(
    ("options", "message"),
    [
        pytest.param({"ignore": ["FF999"]}, f'Config: ignore: unknown rule id or prefix "FF999"; allowed: '
                     f"{SELECTORS}", id="unknown_rule"),
        pytest.param({"ignore": "FF101"}, "Config: ignore: expected a list of strings, got str; allowed: a "
                     'list of rule ids or prefixes, e.g. ["FF1", "FF301"]', id="a_string_not_a_list"),
        pytest.param({"select": ("F",)}, 'Config: select: unknown rule id or prefix "F"; '
                     f"allowed: {SELECTORS}", id="one_letter"),
        pytest.param({"fail_on": "fatal"}, 'Config: fail_on: "fatal" is not allowed; allowed: error, '
                     "warning, note", id="severity"),
        pytest.param({"format": "xml"}, 'Config: format: "xml" is not allowed; allowed: github, gitlab, '
                     "json, markdown, sarif, text", id="format"),
        pytest.param({"exclude": "docs"}, "Config: exclude: expected a list of strings, got str; allowed: a "
                     'list of .gitignore-style patterns, e.g. ["docs/", "legacy"]', id="exclude_string"),
        pytest.param({"rule_layers": ["FF1"]}, "Config: rule_layers: expected a tuple of RuleLayer; "
                     "allowed: RuleLayer(...)", id="layers"),
    ],
)
def test_config_is_validated(options: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError) as error:
        Config(**options)  # type: ignore[arg-type]
    assert str(error.value) == message


def test_config_normalises_what_python_callers_write() -> None:
    config = Config(select=["ff1"], ignore=["FF104"], fail_on="warning",  # type: ignore[arg-type]
                    exclude=["docs/"])
    assert (config.select, config.ignore, config.fail_on, config.exclude) == (
        ("FF1",), ("FF104",), Severity.WARNING, ("docs/",))
    assert Config(select=("FF",)) == Config()


def test_a_config_built_in_python_runs() -> None:
    config = Config(select=["FF1"], ignore=["FF102"])  # type: ignore[arg-type]
    report = check(FIXTURES / "flask_sqlalchemy_login", config)
    assert ([f.rule for f in report.findings], [f.rule for f in report.suppressed]) == (["FF101"], ["FF102"])


def test_render_names_the_formats_for_an_unknown_one() -> None:
    report = check(FIXTURES / "flask_minimal")
    with pytest.raises(UsageError) as error:
        render("xml", report)
    assert str(error.value) == 'unknown format "xml"; formats: github, gitlab, json, markdown, sarif, text'
