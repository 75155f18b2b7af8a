"""GitLab Code Quality: the fields GitLab reads, severities mapped, fingerprints unique and stable."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace

from framefit.model import Report
from framefit.reporters import gitlab
from tests.reporters.sample import FF201, sample_report


def _fingerprint(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def test_issues_carry_what_gitlab_reads() -> None:
    issues = json.loads(gitlab.render(sample_report()))
    assert issues[0] == {
        "type": "issue",
        "description": "FF101: Flask service uses a relational database: Flask-SQLAlchemy "
                       "(services/api/models.py:5)",
        "check_name": "FF101",
        "fingerprint": _fingerprint("FF101", "services/api", "flask", "0"),
        "severity": "major",
        "categories": ["Compatibility"],
        "content": {"body": "this verdict changes if Flask-SQLAlchemy (services/api/models.py:5) "
                            "was not needed\n\nHint: Discuss moving to Django."},
        "location": {"path": "services/api/app.py", "lines": {"begin": 3}},
    }
    assert [(i["check_name"], i["severity"]) for i in issues] == [
        ("FF101", "major"), ("FF302", "info"), ("FF201", "info")]


def test_two_findings_of_one_rule_in_one_service_get_distinct_fingerprints() -> None:
    report = sample_report()
    login = replace(FF201, message="cannot tell whether the service needs user login")
    twice = Report(report.root, report.services, (FF201, login), (), report.tool_version)
    issues = json.loads(gitlab.render(twice))
    assert [i["fingerprint"] for i in issues] == [
        _fingerprint("FF201", "services/web", "django", "0"),
        _fingerprint("FF201", "services/web", "django", "1"),
    ]


def test_a_finding_without_a_place_is_shown_on_its_service() -> None:
    report = sample_report()
    placeless = replace(FF201, path=None, line=None)
    issues = json.loads(gitlab.render(Report(report.root, report.services, (placeless,), (), "0.1.0")))
    assert issues[0]["location"] == {"path": "services/web", "lines": {"begin": 1}}


def test_no_findings_is_an_empty_array() -> None:
    assert gitlab.render(Report("/r", (), (), (), "0.1.0")) == "[]\n"


def test_suppressing_one_finding_keeps_the_others_fingerprint() -> None:
    report = sample_report()
    login = replace(FF201, message="cannot tell whether the service needs user login")
    one_hidden = Report(report.root, report.services, (login,), (), report.tool_version, (FF201,))
    issues = json.loads(gitlab.render(one_hidden))
    assert [i["fingerprint"] for i in issues] == [_fingerprint("FF201", "services/web", "django", "1")]
