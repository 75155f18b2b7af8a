"""`framefit rules`, `framefit explain ID` and the README's rules table, all from RULES."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import framefit.rules.docs
from framefit.rules import RULES
from framefit.rules.docs import markdown_table
from tests.conftest import ROOT, run_cli

FF105 = """\
FF105 both-frameworks (warning by default)
Service uses both Django and Flask

Why:
  The three questions pick one framework per service. Two web frameworks in one
  deployable carry both install footprints (question 3) and two ways of doing models,
  sessions and login (questions 1 and 2) that the team maintains side by side. framefit
  judges the one that serves the app and notes the other.

Hint:
  Move the second framework's routes into the first, or split it into its own service.

Example:
  manage.py with Django settings, and legacy/api.py creating Flask(__name__)

Silence it:
  for the repo, in [tool.framefit] or framefit.toml:  ignore = ["FF105"]
  for one run:                                        framefit check --ignore FF105
  on the line a finding points at:                    # framefit: ignore[FF105] -- reason
"""


def test_explain_prints_the_whole_record() -> None:
    result = run_cli("explain", "ff105")
    assert (result.exit_code, result.output) == (0, FF105)


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_explain_every_rule(rule: framefit.rules.base.Rule) -> None:
    output = run_cli("explain", rule.id).output
    flat = " ".join(output.split())
    assert output.splitlines()[:2] == [f"{rule.id} {rule.name} ({rule.severity.value} by default)",
                                       rule.title]
    for text in (rule.rationale, rule.hint, rule.example, f'ignore = ["{rule.id}"]',
                 f"# framefit: ignore[{rule.id}]"):
        assert " ".join(text.split()) in flat


def test_explain_unknown_rule_is_exit_2_listing_the_valid_ids_and_names() -> None:
    done = subprocess.run([sys.executable, "-m", "framefit", "explain", "FF999"],
                          capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        'framefit: error: unknown rule "FF999"; valid: a rule id (FF101, FF102, FF103, FF104, FF105, '
        "FF106, FF201, FF301, FF302, FF303) or its name (flask-needs-database, flask-has-user-login, "
        "django-needs-neither, django-where-size-matters, both-frameworks, decision-drift, "
        "answer-unknown, other-framework, size-leans-flask, decision-outdated)\n")


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_explain_takes_the_names_rules_prints(rule: framefit.rules.base.Rule) -> None:
    assert rule.name in run_cli("rules").output
    assert run_cli("explain", rule.name).output == run_cli("explain", rule.id).output
    assert run_cli("explain", rule.name.upper()).output == run_cli("explain", rule.id).output


def test_rules_as_json() -> None:
    result = run_cli("rules", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == [
        {"id": r.id, "name": r.name, "severity": r.severity.value, "title": r.title,
         "rationale": r.rationale, "hint": r.hint, "example": r.example} for r in RULES]


def test_explain_a_retired_id_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(framefit.rules.docs, "RETIRED", ("FF199",))
    result = run_cli("explain", "FF199")
    assert (result.exit_code, result.output) == (
        0, "FF199 is retired: it no longer runs, and its id is never reused.\n")


def test_rules_table_lines() -> None:
    lines = run_cli("rules").output.splitlines()
    assert lines[0] == "FF101  error    flask-needs-database       Flask service uses a relational database"
    assert [line.split()[0] for line in lines] == [r.id for r in RULES]


def test_readme_rules_table_is_generated_from_the_rules() -> None:
    readme = (ROOT / "README.md").read_text()
    assert markdown_table() in readme, (
        "README.md's rules table is stale; paste the output of "
        "python -c 'from framefit.rules.docs import markdown_table; print(markdown_table())'")
