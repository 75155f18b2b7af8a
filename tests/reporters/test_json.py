"""The JSON report's additions to version 1: what the capped evidence lists leave out."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import report_json, run_cli

MODELS = "from flask import current_app\n\nfrom app import db\n\n\nclass Model(db.Model):\n    pass\n"


def test_capped_evidence_lists_say_how_many_were_left_out(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    (root / "app").mkdir(parents=True)
    (root / "requirements.txt").write_text("flask\nflask-sqlalchemy\n")
    (root / "app" / "__init__.py").write_text(
        "from flask import Flask\nfrom flask_sqlalchemy import SQLAlchemy\n"
        "app = Flask(__name__)\ndb = SQLAlchemy(app)\n")
    for n in range(25):
        (root / "app" / f"models{n}.py").write_text(MODELS)
    data = report_json(root, "--exhaustive")
    (service,) = data["services"]
    database = service["questions"]["relational_database"]
    assert (len(database["evidence"]), database["evidence_total"]) == (20, 28)
    assert (len(database["against"]), database["against_total"]) == (0, 0)
    login = service["questions"]["user_login"]
    assert login["against_total"] == len(login["against"])
    assert [(f["name"], len(f["evidence"]), f["evidence_total"]) for f in service["frameworks"]] == [
        ("flask", 10, 28)]  # requirements.txt, the import and the app object, 25 imports
    record = run_cli("check", "--format", "markdown", "--exhaustive", str(root)).stdout
    assert "  - … and 23 more (`--format json` lists the 20 strongest)\n" in record
