"""SARIF output: valid against the official 2.1.0 schema, with what GitHub code scanning reads."""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator

from framefit import check
from framefit.config.layers import load
from framefit.model import Diagnostic, Report
from framefit.reporters import sarif
from framefit.reporters.escape import code, markdown_inline
from framefit.rules import RULES
from tests.conftest import FIXTURES
from tests.reporters.sample import PARSE, sample_report

SCHEMA = Path(__file__).resolve().parent.parent / "data" / "sarif-schema-2.1.0.json"
FIXTURE_NAMES = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())


@cache
def _validator() -> Draft7Validator:
    return Draft7Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))


def _log(report: Report) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(sarif.render(report))
    return data


def _fingerprint(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def test_vendored_schema_is_the_official_one() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert schema["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    Draft7Validator.check_schema(schema)


@pytest.mark.parametrize("fixture", FIXTURE_NAMES)
def test_every_fixture_validates_against_the_schema(fixture: str) -> None:
    errors = [e.message for e in _validator().iter_errors(_log(check(FIXTURES / fixture)))]
    assert errors == []


def test_built_report_validates_against_the_schema() -> None:
    assert [e.message for e in _validator().iter_errors(_log(sample_report()))] == []


def test_driver_carries_every_rule_with_its_help() -> None:
    driver = _log(sample_report())["runs"][0]["tool"]["driver"]
    assert (driver["name"], driver["version"], driver["informationUri"]) == (
        "framefit", "0.1.0", "https://github.com/framefit/framefit")
    assert [r["id"] for r in driver["rules"]] == [r.id for r in RULES]
    for entry, rule in zip(driver["rules"], RULES, strict=True):
        assert entry["shortDescription"] == {"text": rule.title}
        assert entry["fullDescription"] == {"text": rule.rationale}
        assert entry["help"]["text"].startswith(f"{rule.rationale}\n\nHint: {rule.hint}\n\n")
        assert f"# framefit: ignore[{rule.id}]" in entry["help"]["text"]
        markdown = entry["help"]["markdown"]
        assert markdown.startswith(f"{markdown_inline(rule.rationale)}\n\n**Hint:** ")
        assert f"**Example:** {code(rule.example)}" in markdown
        assert f"- on the line a finding points at: `# framefit: ignore[{rule.id}] -- reason`" in markdown
        assert entry["helpUri"] == "https://github.com/framefit/framefit#rules"
        assert entry["defaultConfiguration"] == {"level": rule.severity.value}


def test_result_is_pinned_on_the_framework_line_with_the_evidence_related() -> None:
    results = _log(sample_report())["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["FF101", "FF302", "FF201", "FF105"]
    first = results[0]
    assert first["level"] == "error"
    assert first["ruleIndex"] == [r.id for r in RULES].index("FF101")
    assert first["message"]["text"] == (
        "Flask service uses a relational database: Flask-SQLAlchemy ([services/api/models.py:5](1))\n"
        "this verdict changes if Flask-SQLAlchemy ([services/api/models.py:5](1)) was not needed")
    assert first["locations"] == [{"physicalLocation": {
        "artifactLocation": {"uri": "services/api/app.py", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 3}}}]
    assert [(r["physicalLocation"]["artifactLocation"]["uri"],
             r["physicalLocation"].get("region"), r["message"]["text"])
            for r in first["relatedLocations"]] == [
        ("services/api/models.py", {"startLine": 5},
         "relational database yes — import:flask_sqlalchemy: from flask_sqlalchemy import SQLAlchemy"),
        ("services/api/requirements.txt", {"startLine": 2},
         "relational database yes — dep:psycopg2: psycopg2==2.9.9"),
        ("requirements.txt", None, "user login no — manifest: 2 requirements"),
        ("services/api/Dockerfile", {"startLine": 1},
         "container size yes — image:slim: FROM python:3.12-slim"),
    ]
    assert [r["id"] for r in first["relatedLocations"]] == [1, 2, 3, 4]


def test_fingerprints_hash_rule_service_and_framework_only() -> None:
    # the suppressed FF105 comes last, with the fingerprint it would have had unsuppressed
    results = _log(sample_report())["runs"][0]["results"]
    assert [r["partialFingerprints"] for r in results] == [
        {"framefitVerdict/v1": _fingerprint("FF101", "services/api", "flask", "0")},
        {"framefitVerdict/v1": _fingerprint("FF302", "services/api", "flask", "0")},
        {"framefitVerdict/v1": _fingerprint("FF201", "services/web", "django", "0")},
        {"framefitVerdict/v1": _fingerprint("FF105", "services/web", "django", "0")},
    ]


def test_fingerprints_survive_another_folder_and_moved_lines(tmp_path: Path) -> None:
    first, second = tmp_path / "one" / "repo", tmp_path / "two" / "checkout"
    shutil.copytree(FIXTURES / "flask_sqlalchemy_login", first)
    shutil.copytree(FIXTURES / "flask_sqlalchemy_login", second)
    init = second / "app" / "__init__.py"
    init.write_text("# a comment\n\n" + init.read_text(encoding="utf-8"), encoding="utf-8")
    before = _log(check(first))["runs"][0]["results"]
    after = _log(check(second))["runs"][0]["results"]
    assert [r["ruleId"] for r in before] == ["FF101", "FF102"]
    assert [r["partialFingerprints"] for r in after] == [r["partialFingerprints"] for r in before]
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in after] == [
        r["locations"][0]["physicalLocation"]["region"]["startLine"] + 2 for r in before]


def test_identical_trees_give_identical_bytes(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "monorepo_flask_django", tmp_path / "a")
    shutil.copytree(FIXTURES / "monorepo_flask_django", tmp_path / "b")
    assert sarif.render(check(tmp_path / "a")) == sarif.render(check(tmp_path / "b"))


def test_diagnostics_become_tool_notifications() -> None:
    invocation = _log(sample_report())["runs"][0]["invocations"][0]
    assert invocation == {"executionSuccessful": True, "toolExecutionNotifications": [{
        "level": "warning",
        "message": {"text": f"parse-error: {PARSE.message}"},
        "descriptor": {"id": "parse-error"},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": "services/web/pyproject.toml", "uriBaseId": "%SRCROOT%"},
            "region": {"startLine": 3}}}],
    }]}


def test_paths_are_escaped_as_uri_references() -> None:
    report = Report("/r", (), (), (Diagnostic("my app/100%.toml", None, "parse-error", "bad"),), "0.1.0")
    location = _log(report)["runs"][0]["invocations"][0]["toolExecutionNotifications"][0]["locations"][0]
    assert location == {"physicalLocation": {
        "artifactLocation": {"uri": "my%20app/100%25.toml", "uriBaseId": "%SRCROOT%"}}}


def test_suppressed_findings_are_results_marked_in_source() -> None:
    results = _log(sample_report())["runs"][0]["results"]
    assert [("suppressions" in r) for r in results] == [False, False, False, True]
    hidden = results[-1]
    assert (hidden["ruleId"], hidden["level"], hidden["suppressions"]) == (
        "FF105", "warning", [{"kind": "inSource", "status": "accepted",
                              "justification": "until the `legacy` move",
                              "location": {"physicalLocation": {
                                  "artifactLocation": {"uri": "services/web/manage.py",
                                                       "uriBaseId": "%SRCROOT%"},
                                  "region": {"startLine": 8}}}}])
    assert hidden["partialFingerprints"] == {
        "framefitVerdict/v1": _fingerprint("FF105", "services/web", "django", "0")}


def test_inline_suppression_fixture_marks_its_result_suppressed() -> None:
    report = check(FIXTURES / "inline_suppression")
    results = _log(report)["runs"][0]["results"]
    assert [r["ruleId"] for r in results if "suppressions" in r] == ["FF101"]
    assert [f.rule for f in report.suppressed] == ["FF101"]


def test_information_uri_is_the_projects_homepage() -> None:
    import tomllib

    from framefit.reporters._common import INFORMATION_URI

    project = tomllib.loads((FIXTURES.parent / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["urls"]["Homepage"] == INFORMATION_URI


def test_findings_a_decision_accepts_are_external_suppressions() -> None:
    log = _log(check(FIXTURES / "recorded_decision"))
    assert [e.message for e in _validator().iter_errors(log)] == []
    suppressed = {r["ruleId"]: r["suppressions"] for r in log["runs"][0]["results"] if "suppressions" in r}
    assert suppressed == {"FF101": [{
        "kind": "external", "status": "accepted", "justification": "Flask + SQLAlchemy is our team standard",
        "location": {"physicalLocation": {
            "artifactLocation": {"uri": "pyproject.toml", "uriBaseId": "%SRCROOT%"},
            "region": {"startLine": 7}}}}]}


def test_a_configured_ignore_is_an_external_suppression_without_a_place() -> None:
    from framefit.config.layers import Config

    log = _log(check(FIXTURES / "flask_sqlalchemy_login", Config(ignore=("FF102",))))
    assert [e.message for e in _validator().iter_errors(log)] == []
    suppressed = [(r["ruleId"], r["suppressions"]) for r in log["runs"][0]["results"] if "suppressions" in r]
    assert suppressed == [("FF102", [{"kind": "external", "status": "accepted",
                                      "justification": 'ignored by the configuration: ignore = ["FF102"]'}])]


def test_brackets_from_the_repo_never_make_a_link() -> None:
    report = sample_report()
    forged = tuple(replace(f, message=f.message + " see [the docs](2) \\[x]") if f.rule == "FF101" else f
                   for f in report.findings)
    log = _log(replace(report, findings=forged))
    text = log["runs"][0]["results"][0]["message"]["text"]
    assert text.startswith("Flask service uses a relational database: Flask-SQLAlchemy "
                           "([services/api/models.py:5](1)) see \\[the docs\\](2) \\\\\\[x\\]\n")


def test_a_configuration_outside_the_tree_is_an_absolute_uri(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(FIXTURES / "flask_sqlalchemy_login", root)
    outside = tmp_path / "ci" / "framefit.toml"
    outside.parent.mkdir()
    outside.write_text('[answers]\nuser_login = "no"\n')
    log = _log(check(root, load(root, outside)))
    assert [e.message for e in _validator().iter_errors(log)] == []
    places = [r["physicalLocation"]["artifactLocation"] for result in log["runs"][0]["results"]
              for r in result.get("relatedLocations", [])]
    assert {"uri": outside.as_uri()} in places
    assert all(p["uri"].startswith("file:///") != ("uriBaseId" in p) for p in places)
