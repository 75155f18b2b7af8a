"""Every fixture repo against its expectations in tests/expected/<fixture>.toml.

An expectation pins each service's framework, the three answers with their exact evidence and
against lists (`path:line signal`), the recommendation, fits, the finding rule ids and where
each finding points, as an `--exhaustive` run reports them (every module parsed). The JSON
report of the CLI and the Python API must agree with it, and the default run (which parses
only what can change an answer) must give the same answers and findings.
"""

from __future__ import annotations

import tomllib
from typing import Any

import pytest

from framefit import check
from tests.conftest import EXPECTED, FIXTURES, report_json

FIXTURE_NAMES = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())
EXPECTED_NAMES = sorted(p.stem for p in EXPECTED.glob("*.toml"))
QUESTIONS = ("relational_database", "user_login", "container_size")


def test_every_fixture_has_expectations_and_back() -> None:
    assert FIXTURE_NAMES == EXPECTED_NAMES


def _cite(items: list[dict[str, Any]]) -> list[str]:
    return [
        f"{e['path']}:{e['line']} {e['signal']}" if e["line"] else f"{e['path']} {e['signal']}"
        for e in items
    ]


def _none(value: object) -> object:
    return None if value == "none" else value


def _compare(report: dict[str, Any], expected: dict[str, Any]) -> None:
    services = {s["path"]: s for s in report["services"]}
    wanted = {s["path"]: s for s in expected.get("services", [])}
    assert sorted(services) == sorted(wanted)
    for path, want in wanted.items():
        got = services[path]
        assert got["framework"] == want.get("framework"), path
        assert [f["name"] for f in got["frameworks"]] == want["frameworks"], path
        assert got["recommendation"] == _none(want["recommendation"]), path
        assert got["fits"] == _none(want["fits"]), path
        for question in QUESTIONS:
            answer, spec = got["questions"][question], want[question]
            assert answer["answer"] == spec["answer"], (path, question, answer["reason"])
            if "confidence" in spec:
                assert answer["confidence"] == spec["confidence"], (path, question)
            if "evidence" in spec:
                assert _cite(answer["evidence"]) == spec["evidence"], (path, question)
            if "against" in spec:
                assert _cite(answer["against"]) == spec["against"], (path, question)
        if got["fits"] is not False:
            assert got["move"] is None, path  # a service that fits has no move to measure
        if "move" in want:
            _compare_move(got["move"], want["move"], path)
    findings = expected["findings"]
    assert sorted(f["rule"] for f in report["findings"]) == findings["rules"]
    if "at" in findings:
        assert sorted(f"{f['rule']} {f['path']}:{f['line']}" for f in report["findings"]) == findings["at"]
    if "suppressed" in findings:
        assert sorted(f"{f['rule']} {f['suppressed_by']}: {f['justification']}"
                      for f in report["suppressed"]) == findings["suppressed"]
    if "diagnostics" in findings:
        assert sorted(f"{d['path']} {d['kind']}" for d in report["diagnostics"]) == findings["diagnostics"]


def _compare_move(got: dict[str, Any], want: dict[str, Any], path: str) -> None:
    """Every count given exactly; extensions as "name files → counterpart", template folders
    as "path templates", files as [path, lines, routes, models, forms]."""
    for key, value in want.items():
        if key == "extensions":
            shown = [f"{e['name']} {e['files']} → {e['counterpart'] or 'none'}" for e in got[key]]
            assert shown == value, path
        elif key == "template_folders":
            assert [f"{t['path']} {t['templates']}" for t in got[key]] == value, path
        elif key == "files":
            assert [[f["path"], f["lines"], f["routes"], f["models"], f["forms"]] for f in got[key]] \
                == value, path
        else:
            assert got[key] == value, (path, key)


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_fixture_cli_json(name: str) -> None:
    expected = tomllib.loads((EXPECTED / f"{name}.toml").read_text())
    _compare(report_json(FIXTURES / name, "--exhaustive"), expected)


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_fixture_api_agrees_with_cli(name: str) -> None:
    api = check(FIXTURES / name).to_dict()
    cli = report_json(FIXTURES / name)
    assert api == cli


def verdicts(report: dict[str, Any]) -> dict[str, Any]:
    """What a run decides, without the evidence lists: answers, framework, tally, what a move
    touches, findings and where they point, diagnostics."""
    return {
        "services": [(s["path"], s["framework"], [f["name"] for f in s["frameworks"]],
                      s["recommendation"], s["fits"],
                      {q: (a["answer"], a["confidence"]) for q, a in s["questions"].items()},
                      s["move"])
                     for s in report["services"]],
        "findings": sorted((f["rule"], f["path"], f["line"]) for f in report["findings"]),
        "diagnostics": report["diagnostics"],
    }


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_fixture_default_run_decides_what_an_exhaustive_run_decides(name: str) -> None:
    exhaustive = check(FIXTURES / name, exhaustive=True).to_dict()
    assert verdicts(check(FIXTURES / name).to_dict()) == verdicts(exhaustive)
