"""Known answers through the public surface: what their evidence and reasons show."""

from __future__ import annotations

from pathlib import Path

from tests.config.test_config import FLASK_APP, framefit_table, repo
from tests.conftest import report_json, run_cli
from tests.output_checks import assert_safe

SECRET_ANSWER = ('relational_database = { answer = "yes", reason = '
                 '"the data lives in postgresql://app:hunter2@db/app" }')


def test_configured_answers_are_redacted_in_every_format(tmp_path: Path) -> None:
    root = repo(tmp_path, {**FLASK_APP, **framefit_table(f"[tool.framefit.answers]\n{SECRET_ANSWER}")})
    answer = report_json(root)["services"][0]["questions"]["relational_database"]
    assert answer["reason"] == "the data lives in postgresql://app:***@db/app"
    assert answer["evidence"][0]["detail"] == SECRET_ANSWER.replace("hunter2", "***")
    for output in ("markdown", "sarif", "text", "github", "gitlab"):
        shown = run_cli("check", "--format", output, "--exit-zero", str(root)).stdout
        assert "hunter2" not in shown, output
        assert "app:***@db" in shown or output in ("github", "gitlab"), output


def test_a_mention_in_a_configured_reason_notifies_no_one(tmp_path: Path) -> None:
    answer = 'user_login = { answer = "no", reason = "ask @org/team or @bob" }'
    root = repo(tmp_path, {**FLASK_APP, **framefit_table(f"[tool.framefit.answers]\n{answer}")})
    record = run_cli("check", "--format", "markdown", "--exit-zero", str(root)).stdout
    assert "ask @&#8203;org/team or @&#8203;bob" in record
    assert_safe("markdown", record)  # elsewhere the line is quoted in a code span
