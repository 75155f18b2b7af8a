"""The parse plan (module `triage`): fewer modules parsed, the same decisions, deterministic."""

from __future__ import annotations

from pathlib import Path

import pytest

from framefit import check
from framefit.engine import scan as runner
from tests.conftest import count_scans
from tests.test_fixtures import verdicts

VIEW = """from flask import Blueprint
from flask_login import login_required

bp = Blueprint("v{n}", __name__)


@bp.route("/{n}")
@login_required
def page():
    return "{n}"
"""


def _app(root: Path, views: int) -> Path:
    (root / "app").mkdir(parents=True)
    (root / "requirements.txt").write_text("flask\nflask-login\nflask-sqlalchemy\npsycopg2-binary\n")
    (root / "app" / "__init__.py").write_text(
        "from flask import Flask\nfrom flask_sqlalchemy import SQLAlchemy\n\n"
        "db = SQLAlchemy()\napp = Flask(__name__)\n"
        "app.config['SQLALCHEMY_DATABASE_URI'] = 'postgresql://db/app'\n")
    (root / "app" / "util.py").write_text("def add(a, b):\n    return a + b\n")
    for n in range(views):
        (root / "app" / f"view_{n:02}.py").write_text(VIEW.format(n=n))
    return root




def test_modules_that_cannot_change_an_answer_are_not_parsed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _app(tmp_path / "repo", views=40)
    scanned = count_scans(monkeypatch)
    triaged = check(root).to_dict()
    parsed = sorted(p for p in scanned if p.endswith(".py"))
    # The first round (8 modules, the smallest first) settles login (flask_login imported)
    # and the framework; the second parses only what can still change the database answer.
    # util.py names nothing the catalog knows and is never parsed.
    assert parsed == ["app/__init__.py"] + [f"app/view_{n:02}.py" for n in range(8)]
    scanned.clear()
    exhaustive = check(root, exhaustive=True).to_dict()
    assert len([p for p in scanned if p.endswith(".py")]) == 42
    assert verdicts(triaged) == verdicts(exhaustive)
    login = triaged["services"][0]["questions"]["user_login"]
    assert (login["answer"], login["confidence"]) == ("yes", "high")


def test_the_plan_is_the_same_with_the_cache_and_with_jobs(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for threshold in ("POOL_THRESHOLD", "POOL_PARSE_BYTES", "POOL_TRIAGE_BYTES"):
        monkeypatch.setattr(runner, threshold, 0)  # a pool whatever the size
    root = _app(tmp_path / "repo", views=200)
    plain = check(root).to_dict()
    assert check(root, jobs=2).to_dict() == plain
    assert check(root, cache_dir=tmp_path / "cache").to_dict() == plain
    assert check(root, cache_dir=tmp_path / "cache", jobs=2).to_dict() == plain  # warm


def test_an_unsettled_question_keeps_every_module_that_bears_on_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # No login anywhere but a secret read from the environment in the last module: a "no"
    # is only known once every module that could say otherwise has been parsed.
    root = tmp_path / "repo"
    (root / "api").mkdir(parents=True)
    (root / "requirements.txt").write_text("flask\n")
    (root / "api" / "__init__.py").write_text("from flask import Flask\napp = Flask(__name__)\n")
    for n in range(30):
        (root / "api" / f"part_{n:02}.py").write_text(f"from flask import jsonify\nX = {n}\n")
    (root / "api" / "zz_auth.py").write_text(
        "import os\nfrom flask import request\n\n"
        "def allowed():\n    return request.headers.get('X-Token') == os.environ['API_TOKEN']\n")
    scanned = count_scans(monkeypatch)
    report = check(root).to_dict()
    assert "api/zz_auth.py" in scanned
    login = report["services"][0]["questions"]["user_login"]
    assert login["answer"] == "no"
    assert [e["signal"] for e in login["against"]][:1] == ["machine-token-auth"]
