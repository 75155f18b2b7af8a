"""Every string from the repository is data in every format: reports built from hostile strings.

Names and contents may hold anything a file system or a file can: newlines, ESC and OSC
sequences, bidi controls, undecodable bytes (lone surrogates), Markdown, HTML, rich markup and
workflow commands. Whatever they hold, each format is valid UTF-8, obeys nothing, and keeps its
own structure (tests/output_checks.py says what that means per format).
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framefit import check
from framefit.cli import FORMATS
from framefit.model import (
    Answer,
    AnswerChange,
    AnswerValue,
    Confidence,
    Decision,
    DecisionState,
    Diagnostic,
    Finding,
    FrameworkUse,
    Question,
    Report,
    Severity,
    SuppressedBy,
    Suppression,
)
from framefit.reporters import REPORTERS, github, render
from framefit.reporters.escape import plain, utf8
from framefit.rules import RULES
from tests.conftest import run_cli
from tests.factories import ev, service, unknown
from tests.output_checks import assert_safe, command_parts

PARTS = [
    "\n::error file=a::pwned", "::add-mask::secret", "\r\n::warning::x", "##[set-output name=a]b",
    "\x1bc", "\x1b]0;pwned\x07", "\x1b[31m", "\x9b2J", "\u202e", "\u2066", "\u200b", "\u2028",
    os.fsdecode(b"\xff"), "\ud800", "[/y]", "[bold]", "<img src=x onerror=alert(1)>", "&lt;",
    "`", "```", "|", "*", "_", "#", "# Heading", "- item", "$x$", "[a](http://e)", "%0A", "%",
    ",", ":", " ", "\t", "\\", "app/__init__.py", "@org/team", "@x", "[t](1)", "(", ")",
]
HOSTILE = st.lists(st.one_of(st.sampled_from(PARTS),
                             st.text(st.characters(exclude_categories=()), max_size=4)),
                   max_size=5).map("".join)
LINES = st.none() | st.integers(1, 999)


@st.composite
def reports(draw: st.DrawFn) -> Report:
    """A report of one service whose every string not framefit's own is hostile."""
    def text() -> str:
        return draw(HOSTILE)

    evidence = tuple(ev(text(), draw(LINES), text(), text()) for _ in range(draw(st.integers(1, 3))))
    configured = evidence[0] if draw(st.booleans()) else None
    database = Answer(AnswerValue.YES, Confidence.HIGH, evidence, evidence[1:], text(), configured)
    framework = draw(st.sampled_from(["flask", "django", "fastapi"]))
    base = service(framework, path=text(), database=database, login=unknown(*evidence[:1]))
    decision = Decision("flask", ((Question.USER_LOGIN, AnswerValue.NO),), text(), "2026-12-01",
                        ev(text(), draw(LINES), "decision", text()), draw(st.sampled_from(DecisionState)),
                        (AnswerChange(Question.USER_LOGIN, AnswerValue.NO, AnswerValue.YES),))
    made = replace(base, frameworks=(FrameworkUse(framework, (ev(text(), 3, "flask-app", text()),)),),
                   decision=draw(st.none() | st.just(decision)))
    findings = tuple(
        Finding(draw(st.sampled_from(RULES)).id, draw(st.sampled_from(Severity)), made.path, text(),
                text(), draw(st.none() | HOSTILE), draw(LINES), evidence, text(),
                Suppression(draw(st.sampled_from(SuppressedBy)), text(), draw(st.none() | HOSTILE),
                            draw(LINES)))
        for _ in range(draw(st.integers(0, 3))))
    diagnostics = tuple(Diagnostic(text(), draw(LINES), "parse-error", text())
                        for _ in range(draw(st.integers(0, 2))))
    return Report(text(), (made,), findings[1:], diagnostics, "0.1.0", findings[:1])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports())
def test_every_format_of_a_hostile_report_is_safe(report: Report) -> None:
    for name in REPORTERS:
        assert_safe(name, render(name, report))
    assert_safe("text", render("text", report, color=True))
    assert_safe("markdown", github.step_summary(report))


@settings(max_examples=150, deadline=None)
@given(reports())
def test_github_annotations_carry_the_findings_and_nothing_else(report: Report) -> None:
    lines = [line for line in github.render(report).split("\n") if line.startswith("::")]
    shown, _ = github.annotated(report.findings)
    assert len(lines) == len(shown) + len(report.diagnostics)  # diagnostics: warnings, after the findings
    for line, finding in zip(lines, shown, strict=False):
        name, properties, data = command_parts(line)
        assert name == github.COMMAND[finding.severity]
        assert properties.get("file") == (plain(finding.path) if finding.path else None)
        assert data.split("\n")[0] == plain(finding.message)


@settings(max_examples=150, deadline=None)
@given(reports())
def test_json_holds_the_data_exactly_but_undecodable_bytes(report: Report) -> None:
    data = json.loads(render("json", report))
    assert data["root"] == utf8(report.root)
    (shown,) = data["services"]
    assert shown["path"] == utf8(report.services[0].path)
    database = report.services[0].answer(Question.RELATIONAL_DATABASE)
    details = [e["detail"] for e in shown["questions"]["relational_database"]["evidence"]]
    assert sorted(details) == sorted(utf8(e.detail) for e in database.evidence)
    messages = [d["message"] for d in data["diagnostics"]]
    assert messages == [utf8(d.message) for d in sorted(report.diagnostics)]


# End to end: hostile trees generated in tmp_path, every format through the CLI. `--no-cache`:
# storing the stamp of an undecodable name is the cache's own part of issue 15.

APP = ("from flask import Flask\nfrom flask_sqlalchemy import SQLAlchemy\n"
       "app = Flask(__name__)\ndb = SQLAlchemy(app)\n")
FLASK_ONLY = "from flask import Flask\napp = Flask(__name__)\n"
HOSTILE_TREES = {
    "newline_command_name": ({"requirements.txt": "flask\nflask-sqlalchemy\n",
                              "x\n::error file=a::pwned\n::add-mask::s\n# H <img src=x>.py": APP},
                             1, "x\\n::error file=a::pwned\\n::add-mask::s\\n# H <img src=x>.py:3"),
    "osc_in_a_dockerfile": ({"requirements.txt": "flask\n", "app.py": FLASK_ONLY,
                             "Dockerfile": "FROM python:3.12\x1b]0;pwned\x07\n"},
                            0, "FROM python:3.12\\x1b]0;pwned\\x07"),
    "esc_c_in_a_requirement": ({"requirements.txt": "flask\nflask-sqlalchemy\x1bc\n", "app.py": FLASK_ONLY},
                               0, "flask-sqlalchemy\\x1bc"),
    "configured_reason_with_osc": ({"requirements.txt": "flask\n", "app.py": FLASK_ONLY,
                                    "pyproject.toml": '[tool.framefit.answers]\nuser_login = { answer = '
                                                      '"no", reason = "\\u001b]0;pwned\\u0007 tokens" }\n'},
                                   0, "\\x1b]0;pwned\\x07 tokens"),
    "undecodable_name": ({"requirements.txt": "flask\nflask-sqlalchemy\n", b"bad\xff.py": APP},
                         1, "bad\\xff.py:3"),
    "markup_names": ({"requirements.txt": "flask\nflask-sqlalchemy\n", "[bold]a[/y]x.py": APP},
                     1, "[bold]a[/y]x.py:3"),
}


def build_tree(root: Path, files: Mapping[str | bytes, str]) -> Path:
    root.mkdir(parents=True)
    for name, text in files.items():
        path = root / (os.fsdecode(name) if isinstance(name, bytes) else name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    return root


@pytest.mark.parametrize("case", sorted(HOSTILE_TREES))
def test_every_format_of_a_hostile_tree_is_safe_and_shows_the_string_escaped(case: str,
                                                                              tmp_path: Path) -> None:
    files, code, shown = HOSTILE_TREES[case]
    root = build_tree(tmp_path / "[/y] repo", files)
    summary = tmp_path / "summary.md"
    for name in FORMATS:
        result = run_cli("check", "--no-cache", "--format", name, str(root),
                         env={"GITHUB_STEP_SUMMARY": str(summary)})
        assert result.exit_code == code, (name, result.output)
        assert_safe(name, result.stdout_bytes.decode("utf-8"))
    assert_safe("markdown", summary.read_text(encoding="utf-8"))
    assert shown in run_cli("check", "--no-cache", str(root)).stdout + summary.read_text("utf-8")
    target = tmp_path / "framefit.sarif"  # the README's recipe: SARIF to a file, text to the log
    result = run_cli("check", "--no-cache", "--format", "sarif", "--output", str(target), str(root))
    assert result.exit_code == code
    assert_safe("text", result.stdout_bytes.decode("utf-8"))
    assert_safe("sarif", target.read_text(encoding="utf-8"))


def test_an_undecodable_name_is_escaped_in_json_and_percent_encoded_in_sarif(tmp_path: Path) -> None:
    root = build_tree(tmp_path / "repo", HOSTILE_TREES["undecodable_name"][0])
    data = json.loads(run_cli("check", "--no-cache", "--format", "json", str(root)).stdout_bytes)
    assert data["findings"][0]["path"] == "bad\\xff.py"
    sarif = json.loads(run_cli("check", "--no-cache", "--format", "sarif", str(root)).stdout_bytes)
    location = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "bad%FF.py"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(st.binary(min_size=1, max_size=10).filter(lambda b: b"/" not in b and b"\0" not in b))
def test_any_file_name_bytes_give_safe_reports(name: bytes) -> None:
    # "app…x.py": an app module whatever the bytes (never test_*.py or conftest.py, which weigh
    # too little to be cited)
    with tempfile.TemporaryDirectory() as tmp:
        root = build_tree(Path(tmp) / "repo", {"requirements.txt": "flask\nflask-sqlalchemy\n",
                                              b"app" + name + b"x.py": APP})
        report = check(root)
        for fmt in REPORTERS:
            assert_safe(fmt, render(fmt, report))
        assert plain(os.fsdecode(b"app" + name + b"x.py")) in render("text", report)


def test_no_format_shows_a_database_password(tmp_path: Path) -> None:
    root = build_tree(tmp_path / "repo", {
        "requirements.txt": "flask\nflask-sqlalchemy\npsycopg2\n",
        "app.py": APP + 'app.config["SQLALCHEMY_DATABASE_URI"] = "postgresql://user:s3cret@db/app"\n',
        "compose.yaml": "services:\n  web:\n    environment:\n"
                        "      DATABASE_URL: postgresql://user:s3cret@db/app\n"})
    summary = tmp_path / "summary.md"
    for name in FORMATS:
        shown = run_cli("check", "--format", name, str(root), env={"GITHUB_STEP_SUMMARY": str(summary)})
        assert "s3cret" not in shown.stdout
    record = summary.read_text(encoding="utf-8")
    assert "s3cret" not in record
    assert "  - `compose.yaml:4` database-url-relational: `DATABASE_URL: postgresql://user:***@db/app`" in (
        record.splitlines())
    details = {e["detail"] for e in json.loads(run_cli("check", "--format", "json", str(root)).stdout)[
        "services"][0]["questions"]["relational_database"]["evidence"]}
    assert 'app.config["SQLALCHEMY_DATABASE_URI"] = "postgresql://user:***@db/app"' in details
