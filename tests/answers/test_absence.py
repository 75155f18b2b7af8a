"""Code read in full is evidence of absence (issue 17, class 3): a service without a manifest
whose every module was read, and nothing in them shows a database or a login, answers no; a
module that could not be read leaves both unknown, in every mode."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from framefit import check
from framefit.model import Question, Report
from tests.conftest import FIXTURES

NO_MANIFEST = FIXTURES / "django_configure_no_manifest"
READ = ["pages/__init__.py module-read", "pages/views.py module-read", "site.py module-read"]


def _answers(report: Report) -> dict[str, tuple[str, str, list[str]]]:
    (service,) = report.services
    return {q.value: (a.value.value, a.reason, [f"{e.location} {e.signal}" for e in a.against])
            for q, a in service.answers.items() if q is not Question.CONTAINER_SIZE}


def _copy(tmp_path: Path) -> Path:
    return Path(shutil.copytree(NO_MANIFEST, tmp_path / "site"))


@pytest.mark.parametrize("exhaustive", [False, True])
def test_every_module_read_and_nothing_found_is_no(exhaustive: bool) -> None:
    answers = _answers(check(NO_MANIFEST, exhaustive=exhaustive))
    reason = "nothing in pages/__init__.py, pages/views.py, site.py or the code shows one"
    assert answers == {"relational_database": ("no", reason, READ), "user_login": ("no", reason, READ)}


@pytest.mark.parametrize("exhaustive", [False, True])
def test_a_module_that_cannot_be_read_leaves_the_answers_unknown(tmp_path: Path,
                                                                 exhaustive: bool) -> None:
    root = _copy(tmp_path)
    (root / "pages" / "store.py").write_bytes(b"import sqlite3\x00\x00\xff")
    report = check(root, exhaustive=exhaustive)
    assert _answers(report) == {"relational_database": ("unknown", "nothing in the repo says", []),
                                "user_login": ("unknown", "nothing in the repo says", [])}
    assert [(d.path, d.kind) for d in report.diagnostics] == [("pages/store.py", "parse-error")]


@pytest.mark.parametrize("exhaustive", [False, True])
def test_a_latin1_module_read_in_full_counts_as_read(tmp_path: Path, exhaustive: bool) -> None:
    root = _copy(tmp_path)
    (root / "pages" / "names.py").write_bytes(b"# -*- coding: latin-1 -*-\nTITLE = 'caf\xe9'\n")
    answers = _answers(check(root, exhaustive=exhaustive))
    assert answers["user_login"][0] == "no"
    assert "pages/names.py module-read" in answers["user_login"][2]


def test_more_than_three_files_read_are_counted_in_the_reason(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    (root / "pages" / "menu.py").write_text("ITEMS = ['index', 'about']\n")
    answers = _answers(check(root))
    assert answers["relational_database"][1] == (
        "nothing in pages/__init__.py, pages/menu.py, pages/views.py and 1 more or the code shows one")


def test_a_manifest_read_keeps_its_own_evidence_without_modules(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    (root / "requirements.txt").write_text("django==5.0\n")
    answers = _answers(check(root))
    assert answers["user_login"][0] == "no"
    assert answers["user_login"][2] == ["requirements.txt manifest"]
