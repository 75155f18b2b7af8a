"""Where a finding points: the line that creates the app, the same in every mode and whatever
else the tree holds (issue 17, class 4). Fixture flask_subclassed_app: `class Api(Flask)` in
bulletin/base.py, `application = Api(__name__)` in bulletin/app.py, other modules importing flask."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from framefit import check
from tests.conftest import FIXTURES, report_json

APP_LINE = ("bulletin/app.py", 6)
UNRELATED = "from flask import jsonify\n\n\ndef ping():\n    return jsonify(ok=True)\n"


def _copy(tmp_path: Path) -> Path:
    return Path(shutil.copytree(FIXTURES / "flask_subclassed_app", tmp_path / "repo"))


def _pins(root: Path, exhaustive: bool) -> list[tuple[str, str | None, int | None]]:
    report = check(root, exhaustive=exhaustive)
    return [(f.rule, f.path, f.line) for f in (*report.findings, *report.suppressed)]


def _app_evidence(root: Path, exhaustive: bool) -> tuple[str, int | None, str, str]:
    use = check(root, exhaustive=exhaustive).services[0].framework_use("flask")
    assert use is not None
    first = use.evidence[0]
    return first.path, first.line, first.signal, first.detail


@pytest.mark.parametrize("exhaustive", [False, True], ids=["default", "exhaustive"])
def test_the_finding_points_at_the_line_that_makes_the_apps_subclass(exhaustive: bool) -> None:
    root = FIXTURES / "flask_subclassed_app"
    assert _pins(root, exhaustive) == [("FF101", *APP_LINE)]
    assert _app_evidence(root, exhaustive) == (*APP_LINE, "flask-app", "application = Api(__name__)")


@pytest.mark.parametrize("exhaustive", [False, True], ids=["default", "exhaustive"])
def test_an_unrelated_module_first_in_path_order_does_not_move_it(tmp_path: Path, exhaustive: bool) -> None:
    root = _copy(tmp_path)
    (root / "aaa.py").write_text(UNRELATED, encoding="utf-8")
    (root / "bulletin" / "aaa.py").write_text(UNRELATED, encoding="utf-8")
    assert _pins(root, exhaustive) == [("FF101", *APP_LINE)]


def test_the_cli_json_points_there_in_both_modes(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    (root / "aaa.py").write_text(UNRELATED, encoding="utf-8")
    for args in ((), ("--exhaustive",)):
        findings = report_json(root, *args)["findings"]
        assert [(f["rule"], f["path"], f["line"]) for f in findings] == [("FF101", *APP_LINE)]


@pytest.mark.parametrize("exhaustive", [False, True], ids=["default", "exhaustive"])
def test_an_inline_suppression_on_the_app_line_keeps_working(tmp_path: Path, exhaustive: bool) -> None:
    root = _copy(tmp_path)
    app = root / "bulletin" / "app.py"
    app.write_text(app.read_text(encoding="utf-8").replace(
        "application = Api(__name__)\n",
        "application = Api(__name__)  # framefit: ignore[FF101] -- the board stays on Flask\n"),
        encoding="utf-8")
    (root / "aaa.py").write_text(UNRELATED, encoding="utf-8")
    report = check(root, exhaustive=exhaustive)
    assert report.findings == ()
    assert [(f.rule, f.path, f.line, f.suppression.justification if f.suppression else None)
            for f in report.suppressed] == [("FF101", *APP_LINE, "the board stays on Flask")]
    assert report.diagnostics == ()


@pytest.mark.parametrize("exhaustive", [False, True], ids=["default", "exhaustive"])
def test_a_subclass_defined_below_the_function_that_makes_the_app(tmp_path: Path, exhaustive: bool) -> None:
    root = _copy(tmp_path)
    (root / "bulletin" / "app.py").write_text(
        "from bulletin.base import Api\n\n\ndef create():\n    return Board(__name__)\n\n\n"
        "class Board(Api):\n    pass\n", encoding="utf-8")
    assert _app_evidence(root, exhaustive) == ("bulletin/app.py", 5, "flask-app", "return Board(__name__)")


@pytest.mark.parametrize("exhaustive", [False, True], ids=["default", "exhaustive"])
def test_the_own_class_called_without_the_module_name_is_not_followed(tmp_path: Path,
                                                                      exhaustive: bool) -> None:
    # Near miss: only `Api(__name__)` is looked for through the repo's own modules (catalog
    # code.toml `own_app_argument`); then the heaviest import, by kind, role and place, is shown.
    root = _copy(tmp_path)
    app = root / "bulletin" / "app.py"
    app.write_text(app.read_text(encoding="utf-8").replace("Api(__name__)", "Api()"), encoding="utf-8")
    assert _app_evidence(root, exhaustive) == ("bulletin/base.py", 1, "import:flask",
                                               "from flask import Flask")


def test_a_call_of_the_repos_own_name_without_the_app_argument_is_not_followed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Following a first-party name parses the module it comes from: only a call that passes
    # the app argument (`Api(__name__)`) or a class so called is followed, not `make_report()`.
    from framefit.scanners.python import first_party, scanner, syntax

    root = _copy(tmp_path)
    (root / "bulletin" / "reports.py").write_text("def make_report():\n    return {}\n")
    (root / "bulletin" / "jobs.py").write_text(
        "from flask import current_app\n\nfrom .reports import make_report\n\n\n"
        "def run():\n    current_app.logger.info(make_report())\n")
    parsed: list[str] = []
    real = syntax.parse

    def counting(path: str, data: bytes) -> object:
        parsed.append(path)
        return real(path, data)

    monkeypatch.setattr(first_party, "parse", counting)
    monkeypatch.setattr(scanner, "parse", counting)
    assert _pins(root, exhaustive=True) == [("FF101", *APP_LINE)]
    assert "bulletin/jobs.py" in parsed
    assert "bulletin/reports.py" not in parsed
