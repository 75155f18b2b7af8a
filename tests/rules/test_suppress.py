"""Inline suppression: `# framefit: ignore[FF101]` on the line a finding points at."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from framefit import check
from framefit.model import Finding, Severity
from framefit.rules.suppress import ignored_here, split
from framefit.walk.reader import RepoReader
from tests.conftest import FIXTURES, run_cli


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


def _finding(rule: str, path: str | None, line: int | None) -> Finding:
    return Finding(rule, Severity.ERROR, ".", "m", "h", path, line)


def test_split_keeps_what_the_line_does_not_silence() -> None:
    reader = RepoReader.from_mapping({
        "app.py": "import flask\napp = flask.Flask(__name__)  # framefit: ignore[FF101]\n",
        "requirements.txt": "flask  # framefit: ignore\n",
    })
    ff101, ff102 = _finding("FF101", "app.py", 2), _finding("FF102", "app.py", 2)
    on_import = _finding("FF101", "app.py", 1)
    everything = _finding("FF105", "requirements.txt", 1)
    nowhere, missing = _finding("FF201", None, None), _finding("FF101", "gone.py", 1)
    past_end = _finding("FF101", "app.py", 9)
    kept, suppressed = split([ff101, ff102, on_import, everything, nowhere, missing, past_end], reader)
    assert kept == (ff102, on_import, nowhere, missing, past_end)
    assert suppressed == (ff101, everything)


def test_suppressed_findings_are_reported_apart_and_do_not_fail() -> None:
    report = check(FIXTURES / "inline_suppression")
    assert [(f.rule, f.path, f.line) for f in report.suppressed] == [("FF101", "ledger/app.py", 4)]
    assert report.findings == ()
    assert run_cli("check", str(FIXTURES / "inline_suppression")).exit_code == 0


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
