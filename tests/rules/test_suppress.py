"""Inline suppression: `# framefit: ignore[FF101] -- reason` on the line a finding points at,
its justification in every report, and comments that silence nothing reported."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from framefit import check
from framefit.model import Diagnostic, Finding, Severity, SuppressedBy, Suppression
from framefit.rules.suppress import Comments, Ignore, comment_on, ignored_here, split, unused
from framefit.walk.reader import RepoReader
from tests.conftest import FIXTURES, report_json, run_cli


@pytest.mark.parametrize(
    ("line", "ids"),
    [
        pytest.param("app = Flask(__name__)", None, id="no_comment"),
        pytest.param("app = Flask(__name__)  # framefit: ignore", frozenset({"*"}), id="all"),
        pytest.param("x  # framefit: ignore[FF101]", frozenset({"FF101"}), id="one"),
        pytest.param("x  #framefit:ignore[ff101, FF102] why", frozenset({"FF101", "FF102"}), id="two"),
        pytest.param("flask  # noqa  # framefit: ignore[FF102]", frozenset({"FF102"}), id="after_other"),
        pytest.param("x  # framefit: ignored", None, id="other_word"),
        pytest.param("x  # framefit: ignore[]", frozenset(), id="empty_list__none"),
    ],
)
def test_ignored_here(line: str, ids: frozenset[str] | None) -> None:
    assert ignored_here(line) == ids


@pytest.mark.parametrize(
    ("line", "comment"),
    [
        pytest.param("x  # framefit: ignore[FF101] -- moving to Django in Q3",
                     Ignore(frozenset({"FF101"}), "moving to Django in Q3"), id="list_and_reason"),
        pytest.param("x  # framefit: ignore --  all of it,   for now ",
                     Ignore(frozenset({"*"}), "all of it, for now"), id="all_and_reason"),
        pytest.param("x  # framefit: ignore[FF101]", Ignore(frozenset({"FF101"}), ""), id="no_reason"),
        pytest.param("x  # framefit: ignore[FF101] because", Ignore(frozenset({"FF101"}), ""),
                     id="text_without_dashes__no_reason"),
        pytest.param("x  # framefit: ignore[FF101] -- " + "y" * 300,
                     Ignore(frozenset({"FF101"}), "y" * 200), id="long_reason__cut"),
    ],
)
def test_comment_on_reads_the_justification(line: str, comment: Ignore) -> None:
    assert comment_on(line) == comment


def _finding(rule: str, path: str | None, line: int | None) -> Finding:
    return Finding(rule, Severity.ERROR, ".", "m", "h", path, line)


def _silenced(found: Finding, why: str = "") -> Finding:
    return replace(found, suppression=Suppression(SuppressedBy.COMMENT, why, found.path, found.line))


def test_split_keeps_what_the_line_does_not_silence() -> None:
    reader = RepoReader.from_mapping({
        "app.py": "import flask\napp = flask.Flask(__name__)  # framefit: ignore[FF101] -- Q3\n",
        "requirements.txt": "flask  # framefit: ignore\n",
    })
    ff101, ff102 = _finding("FF101", "app.py", 2), _finding("FF102", "app.py", 2)
    on_import = _finding("FF101", "app.py", 1)
    everything = _finding("FF105", "requirements.txt", 1)
    nowhere, missing = _finding("FF201", None, None), _finding("FF101", "gone.py", 1)
    past_end = _finding("FF101", "app.py", 9)
    kept, suppressed = split([ff101, ff102, on_import, everything, nowhere, missing, past_end],
                             Comments(reader))
    assert kept == (ff102, on_import, nowhere, missing, past_end)
    assert suppressed == (_silenced(ff101, "Q3"), _silenced(everything))


RAN = frozenset({"FF101", "FF102", "FF105"})
KNOWN = RAN | {"FF201"}


@pytest.mark.parametrize(
    ("comment", "found", "message"),
    [
        pytest.param("# framefit: ignore[FF101]", ["FF101"], None, id="used"),
        pytest.param("# framefit: ignore", ["FF102"], None, id="all__used"),
        pytest.param("# framefit: ignore", [], "# framefit: ignore silences nothing: no finding points "
                     "at this line", id="all__unused"),
        pytest.param("# framefit: ignore[FF101, FF102]", ["FF101"],
                     "# framefit: ignore[FF101, FF102]: no FF102 finding points at this line",
                     id="one_of_two_unused"),
        pytest.param("# framefit: ignore[FF201]", [], None, id="rule_that_did_not_run__not_judged"),
        pytest.param("# framefit: ignore[FF999, FF101]", ["FF101"],
                     '# framefit: ignore[FF101, FF999]: "FF999" is not a rule id', id="typo"),
        pytest.param("# framefit: ignore[]", [], "# framefit: ignore[] names no rule", id="empty_list"),
    ],
)
def test_unused_comments(comment: str, found: list[str], message: str | None) -> None:
    reader = RepoReader.from_mapping({"app.py": f"import flask\napp = flask.Flask(__name__)  {comment}\n"})
    diagnostics = unused(Comments(reader), ["app.py"], [_finding(r, "app.py", 2) for r in found], RAN, KNOWN)
    assert diagnostics == (() if message is None else (Diagnostic("app.py", 2, "unused-ignore", message),))


def test_a_comment_on_the_wrong_line_is_reported_through_the_cli(tmp_path: Path) -> None:
    (tmp_path / "requirements.txt").write_text("flask\nflask-sqlalchemy\n")
    (tmp_path / "app.py").write_text(
        "from flask import Flask  # framefit: ignore[FF101] -- wrong line\n"
        "from flask_sqlalchemy import SQLAlchemy\n\napp = Flask(__name__)\ndb = SQLAlchemy(app)\n")
    data = report_json(tmp_path)
    assert [f["rule"] for f in data["findings"]] == ["FF101"]
    assert data["diagnostics"] == [{"path": "app.py", "line": 1, "kind": "unused-ignore", "message":
                                    "# framefit: ignore[FF101]: no FF101 finding points at this line"}]


def test_suppressed_findings_are_reported_apart_and_do_not_fail() -> None:
    report = check(FIXTURES / "inline_suppression")
    assert [(f.rule, f.path, f.line, f.suppression) for f in report.suppressed] == [
        ("FF101", "ledger/app.py", 4, Suppression(SuppressedBy.COMMENT,
                                                  "the ledger moves to Django next quarter",
                                                  "ledger/app.py", 4))]
    assert report.findings == ()
    assert run_cli("check", str(FIXTURES / "inline_suppression")).exit_code == 0


def test_json_lists_suppressed_findings_with_their_justification() -> None:
    data = report_json(FIXTURES / "inline_suppression")
    assert [(f["rule"], f["suppressed_by"], f["justification"]) for f in data["suppressed"]] == [
        ("FF101", "comment", "the ledger moves to Django next quarter")]
    assert "justification" not in json.dumps(data["findings"])


def test_without_the_comment_the_same_repo_fails(tmp_path: Path) -> None:
    source = FIXTURES / "inline_suppression"
    for path in source.rglob("*"):
        if path.is_file():
            target = tmp_path / path.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(re.sub(r"  # framefit: .*", "", path.read_text()))
    report = check(tmp_path)
    assert [f.rule for f in report.findings] == ["FF101"]
    assert report.suppressed == ()
