"""`framefit record` and `framefit.record`: where decisions are written, how the file is kept, and
the gate they make: record → pass → drift fails naming the question and the date → record → pass."""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import framefit
from framefit.errors import ConfigError, UsageError
from tests.conftest import FIXTURES, run_cli

REASON = "Flask + SQLAlchemy is our team standard"
PYPROJECT = """\
# The invoices service.
[project]
name = "invoices"  # the distribution
dependencies = [
    "flask>=3",            # the web framework
    "flask-sqlalchemy>=3",
]

[tool.framefit]
fail-on = "error"   # the team's gate

[tool.ruff]
line-length = 100
"""
APP = """\
from flask import Flask
from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()
app = Flask(__name__)


class Invoice(db.Model):
    id = db.Column(db.Integer, primary_key=True)
"""
LOGIN = """\
from flask_login import LoginManager, login_user

login_manager = LoginManager()


def sign_in(clerk):
    login_user(clerk)
"""


def tree(tmp_path: Path, files: dict[str, str]) -> Path:
    """A git work tree (discovery and writing stop at its root) holding `files`."""
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def entry(login: str, reason: str = REASON, service: str = ".") -> str:
    return (f'[[tool.framefit.decisions]]\nservice = "{service}"\nframework = "flask"\n'
            f'relational_database = "yes"\nuser_login = "{login}"\ncontainer_size = "unknown"\n'
            f'reason = "{reason}"\nrecorded = {datetime.date.today().isoformat()}\n')


def check_json(root: Path) -> tuple[int, dict[str, object]]:
    result = run_cli("check", "--format", "json", str(root))
    data: dict[str, object] = json.loads(result.stdout)
    return result.exit_code, data


def test_record_pass_drift_fails_record_again_pass(tmp_path: Path) -> None:
    root = tree(tmp_path, {"pyproject.toml": PYPROJECT, "invoices/app.py": APP})
    assert run_cli("check", str(root)).exit_code == 1
    recorded = run_cli("record", str(root), "--reason", REASON)
    assert (recorded.exit_code, recorded.output) == (0, (
        "recorded flask for service . (relational_database yes, user_login no, container_size "
        "unknown) at pyproject.toml:12\n"))
    code, data = check_json(root)
    assert (code, data["findings"]) == (0, [])
    assert [(f["rule"], f["suppressed_by"], f["justification"]) for f in data["suppressed"]] == [  # type: ignore[attr-defined, index]
        ("FF101", "decision", REASON)]

    (root / "invoices" / "auth.py").write_text(LOGIN, encoding="utf-8")
    drifted = run_cli("check", str(root), env={"COLUMNS": "200"})  # one line each
    today = datetime.date.today().isoformat()
    assert drifted.exit_code == 1
    assert (f"FF106 error invoices/app.py:5: user_login was no when flask was decided on {today}, "
            "now yes: Flask-Login LoginManager (invoices/auth.py:3)") in drifted.output
    assert f"decision             flask, recorded {today} (pyproject.toml:12): drifted: user_login no → yes" \
        in drifted.output

    again = run_cli("record", str(root), "--reason", REASON)
    assert "user_login yes" in again.output
    code, data = check_json(root)
    assert (code, data["findings"]) == (0, [])
    text = (root / "pyproject.toml").read_text(encoding="utf-8")
    assert text == PYPROJECT.replace('fail-on = "error"   # the team\'s gate\n',
                                     f'fail-on = "error"   # the team\'s gate\n\n{entry("yes")}')


def test_the_file_keeps_its_comments_and_other_tables(tmp_path: Path) -> None:
    root = tree(tmp_path, {"pyproject.toml": PYPROJECT, "invoices/app.py": APP})
    run_cli("record", str(root), "--reason", "first reason")
    written = (root / "pyproject.toml").read_text(encoding="utf-8")
    gate = "# the team's gate\n"
    assert written == PYPROJECT.replace(gate, f'{gate}\n{entry("no", "first reason")}')
    # A comment the team adds inside the entry survives recording again; only values change.
    commented = written.replace('reason = "first reason"', 'reason = "first reason"  # agreed in review')
    (root / "pyproject.toml").write_text(commented, encoding="utf-8")
    run_cli("record", str(root), "--reason", "second reason")
    assert (root / "pyproject.toml").read_text(encoding="utf-8") == commented.replace(
        '"first reason"', '"second reason"')


def test_without_configuration_a_framefit_toml_is_created(tmp_path: Path) -> None:
    root = tree(tmp_path, {"requirements.txt": "flask\nflask-sqlalchemy\n", "app.py": APP})
    run_cli("record", str(root), "--reason", REASON)
    assert (root / "framefit.toml").read_text(encoding="utf-8") == entry("no").replace(
        "[[tool.framefit.decisions]]", "[[decisions]]")
    assert run_cli("check", str(root)).exit_code == 0


def test_a_pyproject_without_the_table_gets_it(tmp_path: Path) -> None:
    project = '[project]\nname = "invoices"\ndependencies = ["flask", "flask-sqlalchemy"]\n'
    root = tree(tmp_path, {"pyproject.toml": project, "app.py": APP})
    run_cli("record", str(root), "--reason", REASON)
    assert (root / "pyproject.toml").read_text(encoding="utf-8") == f"{project}\n{entry('no')}"
    assert not (root / "framefit.toml").exists()


def test_dry_run_prints_the_diff_and_writes_nothing(tmp_path: Path) -> None:
    root = tree(tmp_path, {"pyproject.toml": PYPROJECT, "invoices/app.py": APP})
    before = (root / "pyproject.toml").stat()
    result = run_cli("record", str(root), "--reason", REASON, "--dry-run")
    added = "".join(f"+{line}\n" for line in [*entry("no").splitlines(), ""])
    assert result.output == (
        "--- a/pyproject.toml\n+++ b/pyproject.toml\n@@ -9,5 +9,14 @@\n [tool.framefit]\n"
        ' fail-on = "error"   # the team\'s gate\n \n' + added + " [tool.ruff]\n line-length = 100\n")
    after = (root / "pyproject.toml").stat()
    assert (after.st_mtime_ns, after.st_size) == (before.st_mtime_ns, before.st_size)
    assert (root / "pyproject.toml").read_text(encoding="utf-8") == PYPROJECT


def test_dry_run_when_nothing_changes(tmp_path: Path) -> None:
    root = tree(tmp_path, {"pyproject.toml": PYPROJECT, "invoices/app.py": APP})
    run_cli("record", str(root), "--reason", REASON)
    result = run_cli("record", str(root), "--reason", REASON, "--dry-run")
    assert result.output == "pyproject.toml: already records this; nothing would change\n"
    again = run_cli("record", str(root), "--reason", REASON)
    assert again.output == "pyproject.toml: already records this; nothing written\n"


MONOREPO = {
    "pyproject.toml": "[tool.framefit]\n",
    "services/api/requirements.txt": "flask\nflask-sqlalchemy\n",
    "services/api/app.py": APP,
    "services/web/requirements.txt": "flask\n",
    "services/web/app.py": "from flask import Flask\n\napp = Flask(__name__)\n",
}


def test_every_judged_service_and_then_one(tmp_path: Path) -> None:
    root = tree(tmp_path, MONOREPO)
    result = framefit.record(root, REASON, today=datetime.date(2026, 12, 1))
    assert [(d.service, d.decision.framework, d.decision.source.location) for d in result.decisions] == [
        ("services/api", "flask", "pyproject.toml:2"), ("services/web", "flask", "pyproject.toml:12")]
    assert (result.file, result.created, result.written) == ("pyproject.toml", False, True)
    again = framefit.record(root, "web only", service="./services/web", today=datetime.date(2026, 12, 2))
    assert [d.service for d in again.decisions] == ["services/web"]
    text = (root / "pyproject.toml").read_text(encoding="utf-8")
    assert text.count("[[tool.framefit.decisions]]") == 2
    assert (text.count("recorded = 2026-12-01"), text.count('reason = "web only"')) == (1, 1)


def test_a_subdirectory_records_into_the_configuration_above_it(tmp_path: Path) -> None:
    root = tree(tmp_path, MONOREPO)
    framefit.record(root / "services" / "api", REASON, today=datetime.date(2026, 12, 1))
    text = (root / "pyproject.toml").read_text(encoding="utf-8")
    assert 'service = "services/api"' in text
    assert check_json(root)[0] == 0
    code, data = check_json(root / "services" / "api")
    assert (code, [f["rule"] for f in data["suppressed"]]) == (0, ["FF101"])  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("service", "message"),
    [
        pytest.param("services/nope", '--service "services/nope": not a service using Django or Flask; '
                     "services: services/api, services/web", id="not_a_service"),
        pytest.param("../services/api", '--service "../services/api": not a service using Django or '
                     "Flask; services: services/api, services/web", id="outside"),
        pytest.param(".", '--service ".": not a service using Django or Flask; services: services/api, '
                     "services/web", id="root_is_no_service_here"),
    ],
)
def test_service_must_be_a_judged_service(tmp_path: Path, service: str, message: str) -> None:
    root = tree(tmp_path, MONOREPO)
    with pytest.raises(UsageError) as raised:
        framefit.record(root, REASON, service=service)
    assert str(raised.value) == message


def test_nothing_to_record_and_an_empty_reason_are_usage_errors() -> None:
    with pytest.raises(UsageError, match=r"^nothing to record: no service uses Django or Flask$"):
        framefit.record(FIXTURES / "fastapi_service", REASON)
    with pytest.raises(UsageError, match=r"^--reason: empty; "):
        framefit.record(FIXTURES / "flask_minimal", " \n ")


def test_usage_errors_are_exit_2_with_one_line(tmp_path: Path) -> None:
    root = tree(tmp_path, MONOREPO)
    done = subprocess.run([sys.executable, "-m", "framefit", "record", str(root), "--reason", "x",
                           "--service", "lib"], capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == ('framefit: error: --service "lib": not a service using Django or Flask; '
                           "services: services/api, services/web\n")


def test_a_pyproject_that_is_not_toml_is_left_alone(tmp_path: Path) -> None:
    root = tree(tmp_path, {"pyproject.toml": "[project\nname = 1\n", "requirements.txt": "flask\n",
                           "app.py": APP})
    with pytest.raises(ConfigError, match=r"^pyproject\.toml: not valid TOML, nothing recorded: "):
        framefit.record(root, REASON)
    assert (root / "pyproject.toml").read_text(encoding="utf-8") == "[project\nname = 1\n"


def test_a_link_out_of_the_repository_is_never_written_through(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.toml"
    outside.write_text("[tool.framefit]\n", encoding="utf-8")
    root = tree(tmp_path, {"requirements.txt": "flask\n", "app.py": APP})
    (root / "pyproject.toml").symlink_to(outside)
    with pytest.raises(UsageError, match="outside the repository"):
        framefit.record(root, REASON)
    assert outside.read_text(encoding="utf-8") == "[tool.framefit]\n"
    assert (root / "pyproject.toml").is_symlink()


def test_a_link_inside_the_repository_is_written_through(tmp_path: Path) -> None:
    root = tree(tmp_path, {"config/framefit.toml": 'fail-on = "error"\n', "requirements.txt": "flask\n",
                           "app.py": APP})
    (root / "framefit.toml").symlink_to(root / "config" / "framefit.toml")
    framefit.record(root, REASON)
    assert (root / "framefit.toml").is_symlink()
    assert "[[decisions]]" in (root / "config" / "framefit.toml").read_text(encoding="utf-8")


def test_permissions_are_kept_and_no_temporary_file_is_left(tmp_path: Path) -> None:
    root = tree(tmp_path, {"pyproject.toml": PYPROJECT, "invoices/app.py": APP})
    (root / "pyproject.toml").chmod(0o640)
    framefit.record(root, REASON)
    assert (root / "pyproject.toml").stat().st_mode & 0o7777 == 0o640
    assert sorted(p.name for p in root.iterdir()) == [".git", "invoices", "pyproject.toml"]


def test_a_new_file_gets_the_umask_mode(tmp_path: Path) -> None:
    root = tree(tmp_path, {"requirements.txt": "flask\n", "app.py": APP})
    mask = os.umask(0o027)
    try:
        framefit.record(root, REASON)
    finally:
        os.umask(mask)
    assert (root / "framefit.toml").stat().st_mode & 0o777 == 0o640


def test_config_option_names_the_file_inside_the_repository(tmp_path: Path) -> None:
    root = tree(tmp_path, {"requirements.txt": "flask\n", "app.py": APP, "ci/framefit.toml": ""})
    result = run_cli("record", str(root), "--reason", REASON, "--config", str(root / "ci" / "framefit.toml"))
    assert result.output.endswith("at ci/framefit.toml:1\n")
    assert run_cli("check", "--config", str(root / "ci" / "framefit.toml"), str(root)).exit_code == 0
    (tmp_path / "other.toml").write_text("", encoding="utf-8")
    with pytest.raises(UsageError, match="outside the repository"):
        framefit.record(root, REASON, config_file=tmp_path / "other.toml")
    assert (tmp_path / "other.toml").read_text(encoding="utf-8") == ""


def test_an_answer_that_moved_the_other_way_leaves_the_decision_standing(tmp_path: Path) -> None:
    root = tree(tmp_path, {"pyproject.toml": PYPROJECT, "invoices/app.py": APP, "invoices/auth.py": LOGIN})
    framefit.record(root, REASON, today=datetime.date(2026, 12, 1))
    (root / "invoices" / "auth.py").unlink()
    code, data = check_json(root)
    assert (code, data["findings"], [f["rule"] for f in data["suppressed"]]) == (0, [], ["FF101"])  # type: ignore[attr-defined]
    decision = data["services"][0]["decision"]  # type: ignore[index]
    assert (decision["state"], decision["changes"]) == (
        "holds", [{"question": "user_login", "recorded": "yes", "current": "no"}])
    record = run_cli("check", "--format", "markdown", str(root)).output
    assert "**Holds:** user login was yes and is no now; no answer became yes, so the findings it " \
           "covers are accepted." in record


def test_a_decision_for_a_framework_no_longer_used_is_a_note(tmp_path: Path) -> None:
    root = tree(tmp_path, {"pyproject.toml": PYPROJECT, "invoices/app.py": APP})
    framefit.record(root, REASON, today=datetime.date(2026, 12, 1))
    (root / "invoices" / "app.py").write_text(
        "from django.db import models\n\n\nclass Invoice(models.Model):\n    total = models.IntegerField()\n")
    (root / "manage.py").write_text('import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "s")\n')
    code, data = check_json(root)
    assert code == 0
    assert [(f["rule"], f["severity"], f["message"]) for f in data["findings"]] == [  # type: ignore[attr-defined]
        ("FF303", "note", "the decision of 2026-12-01 keeps flask, but the service uses django now")]


def test_a_decision_for_no_service_is_unmatched_config(tmp_path: Path) -> None:
    gone = entry("no", service="services/old").replace("recorded = " + datetime.date.today().isoformat(),
                                                       "recorded = 2026-12-01")
    root = tree(tmp_path, {"pyproject.toml": PYPROJECT.replace("[tool.ruff]", f"{gone}\n[tool.ruff]"),
                           "invoices/app.py": APP})
    code, data = check_json(root)
    assert code == 1
    assert data["diagnostics"] == [{"path": "pyproject.toml", "line": 12, "kind": "unmatched-config",
                                    "message": 'decision for service "services/old": not a service '
                                               "using a web framework; services: ."}]


def test_the_markdown_record_says_what_changed_since(tmp_path: Path) -> None:
    root = tree(tmp_path, {"pyproject.toml": PYPROJECT, "invoices/app.py": APP})
    framefit.record(root, REASON, today=datetime.date(2026, 12, 1))
    (root / "invoices" / "auth.py").write_text(LOGIN, encoding="utf-8")
    lines = run_cli("check", "--format", "markdown", str(root)).output.split("### Decision\n", 1)[1]
    assert lines.split("\n### ", 1)[0] == (
        "\nRecorded 2026-12-01 at `pyproject.toml:12`: keep **flask** — Flask + SQLAlchemy is our team "
        "standard\n\n| question | recorded | now |\n|---|---|---|\n| relational database | yes | yes |\n"
        "| user login | no | **yes** (changed) |\n| container size | unknown | unknown |\n\n"
        "**Drifted since 2026-12-01:** user login was no and is yes now. Reopen the discussion; if "
        "flask stays, record the decision again (`framefit record`).\n")


def test_a_config_file_with_the_framefit_table_is_recorded_into_it(tmp_path: Path) -> None:
    root = tree(tmp_path, {"requirements.txt": "flask\n", "app.py": APP,
                           "ci/lint.toml": '[tool.framefit]\nfail-on = "error"\n'})
    config = root / "ci" / "lint.toml"
    assert run_cli("record", str(root), "--reason", REASON, "--config", str(config)).exit_code == 0
    assert "[[tool.framefit.decisions]]" in config.read_text(encoding="utf-8")
    assert run_cli("check", "--config", str(config), str(root)).exit_code == 0
