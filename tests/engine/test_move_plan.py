"""The move costs nothing where a service fits: the modules that only a move would read are left
unread by the plan; where it does not fit, they are read as bytes, never scanned or parsed
whole, and the counts are the same in every mode."""

from __future__ import annotations

from pathlib import Path

import pytest

from framefit import check
from framefit.scanners.python import move as move_facts
from framefit.scanners.python import syntax
from tests.conftest import count_scans

VIEWS = 12  # modules holding nothing but routes


def _tree(root: Path, login: bool = False, configured: str = "") -> Path:
    (root / "shop").mkdir(parents=True)
    (root / "pyproject.toml").write_text(
        '[project]\nname = "shop"\nversion = "1"\ndependencies = ["flask"]\n' + configured)
    (root / "shop" / "__init__.py").write_text(
        "from flask import Blueprint, Flask\n\napp = Flask(__name__)\nbp = Blueprint('shop', __name__)\n")
    for number in range(VIEWS):
        (root / "shop" / f"views_{number}.py").write_text(
            f"from . import bp\n\n\n@bp.route('/{number}')\ndef view_{number}():\n    return 'ok'\n")
    if login:
        (root / "shop" / "auth.py").write_text(
            "from flask_login import LoginManager, login_required\n\nlogin = LoginManager()\n")
    return root


def _views(scanned: list[str]) -> list[str]:
    return sorted(p for p in scanned if "/views_" in p)


def test_a_service_that_fits_never_reads_a_module_only_its_move_would(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _tree(tmp_path / "repo")
    scanned = count_scans(monkeypatch)
    (service,) = check(root).services
    assert service.fits is True
    assert service.move is None
    assert _views(scanned) == []


def _parsed_whole(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths parsed whole from now on (a list that fills as it goes)."""
    parsed: list[str] = []
    real = syntax.parse

    def counting(path: str, data: bytes) -> syntax.Parsed | object:
        parsed.append(path)
        return real(path, data)

    monkeypatch.setattr(move_facts, "parse", counting)
    monkeypatch.setattr("framefit.scanners.python.scanner.parse", counting)
    return parsed


def test_a_service_that_does_not_fit_reads_its_move_from_bytes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _tree(tmp_path / "repo", login=True)
    scanned = count_scans(monkeypatch)
    parsed = _parsed_whole(monkeypatch)
    (service,) = check(root).services
    assert service.fits is False
    assert service.move is not None
    assert (service.move.routes, service.move.route_files, service.move.units) == (VIEWS, VIEWS, 1)
    assert _views(scanned) == []  # the plan reads nothing for the move
    assert _views(parsed) == []  # nor does the move parse a module whole
    assert check(root, exhaustive=True).services[0].move == service.move


def test_configured_answers_that_make_it_not_fit_read_the_move_too(tmp_path: Path) -> None:
    # The code says Flask fits; the team's configured answer (users log in through the proxy)
    # says it does not: the plan reads what the move needs by the answers as configured.
    configured = '\n[tool.framefit.answers]\nuser_login = { answer = "yes", reason = "SSO at the proxy" }\n'
    root = _tree(tmp_path / "repo", configured=configured)
    (service,) = check(root).services
    assert service.fits is False
    assert service.move is not None
    assert service.move.routes == VIEWS
    assert check(root, exhaustive=True).services[0].move == service.move


def test_a_login_read_in_a_later_round_still_gets_the_whole_move(tmp_path: Path) -> None:
    # Small modules that only mention Flask-Login in a docstring are read first (the plan cannot
    # tell them from a login), and the service fits until the large module with the real
    # login is read: the modules only the move reads must wait for that, not be left out.
    root = _tree(tmp_path / "repo")
    for number in range(VIEWS):
        (root / "shop" / f"notes_{number}.py").write_text(
            f'"""Why flask_login\'s login_user is not used here ({number})."""\n')
    padding = "".join(f"# {'-' * 70}\n" for _ in range(200))
    (root / "shop" / "zz_auth.py").write_text(
        padding + "from flask_login import LoginManager, login_user\n\nlogin = LoginManager()\n")
    (service,) = check(root).services
    assert service.fits is False
    assert service.move is not None
    assert service.move.routes == VIEWS
    assert check(root, exhaustive=True).services[0].move == service.move
