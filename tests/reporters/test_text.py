"""The terminal report: wrapped to the terminal's width with the places in one column, counts
that read right, the recorded decision per service and what does not count."""

from __future__ import annotations

from dataclasses import replace

import pytest

from framefit import check
from framefit.model import Diagnostic, Report
from framefit.reporters import text
from tests.conftest import FIXTURES, run_cli
from tests.factories import service
from tests.reporters.sample import sample_report

FIXTURE_NAMES = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())


def test_decision_line_and_suppressed_section_of_a_built_report() -> None:
    lines = text.render(sample_report()).splitlines()
    decision = "  decision             django, recorded 2026-12-01 (pyproject.toml:20): holds"
    assert lines[lines.index(decision):][:2] == [
        decision,
        "                       (relational_database no → unknown) — staff *SSO* | admin"]
    section = lines.index("Accepted and suppressed (1: they do not count)")
    assert lines[section + 1:section + 3] == [
        "  FF105 services/web/manage.py:8: suppressed by its comment: until the `legacy`",
        "        move"]
    assert lines[-2:] == [
        "2 services: 1 fit, 1 do not fit · 3 findings (1 error, 2 notes) · 1 suppressed ·", "1 diagnostic"]


def test_findings_wrap_under_their_place() -> None:
    lines = text.render(sample_report()).splitlines()
    start = lines.index("Findings")
    assert lines[start + 1:start + 6] == [
        "  FF101 error services/api/app.py:3: Flask service uses a relational database:",
        "              Flask-SQLAlchemy (services/api/models.py:5)",
        "              this verdict changes if Flask-SQLAlchemy",
        "              (services/api/models.py:5) was not needed",
        "              hint: Discuss moving to Django.",
    ]


def test_a_holding_decision_is_shown_with_what_it_accepts() -> None:
    lines = text.render(check(FIXTURES / "recorded_decision"), width=200).splitlines()
    assert ("  decision             flask, recorded 2026-12-01 (pyproject.toml:7): holds — Flask + "
            "SQLAlchemy is our team standard") in lines
    assert lines[-4:] == [
        "Accepted and suppressed (1: they do not count)",
        "  FF101 invoices/__init__.py:8: accepted by the decision at pyproject.toml:7: Flask + "
        "SQLAlchemy is our team standard",
        "",
        "1 service: 0 fit, 1 do not fit · 0 findings · 1 accepted · 0 diagnostics",
    ]


@pytest.mark.parametrize("width", [text.NARROWEST_LINE, 80, 120])
@pytest.mark.parametrize("fixture", FIXTURE_NAMES)
def test_every_line_fits_the_width_and_places_share_a_column(fixture: str, width: int) -> None:
    report = check(FIXTURES / fixture)
    lines = text.render(replace(report, root="/r"), width=width).splitlines()
    assert max(len(line) for line in lines) <= width
    assert all(line == line.rstrip() for line in lines)
    labels = tuple(f"  {label:<20} " for label in text.LABELS.values())
    rows = [n for n, line in enumerate(lines) if line.startswith(labels)]
    assert len(rows) == 3 * len(report.services)
    for n in rows:  # the place (or reason) starts in one column; what wraps starts under it
        assert lines[n][text.PLACE_AT - 1] == " "
        assert lines[n][text.PLACE_AT] != " "
        for after in lines[n + 1:]:
            if not after.startswith(" " * text.PLACE_AT):
                break
            assert after[text.PLACE_AT] != " "


def test_the_width_comes_from_columns_on_the_command_line() -> None:
    path = str(FIXTURES / "flask_sqlalchemy_login")
    for columns, widest in (("60", 60), ("132", 132)):
        lines = run_cli("check", path, env={"COLUMNS": columns}).output.splitlines()
        assert max(len(line) for line in lines) <= widest
        assert max(len(line) for line in lines) > widest - 15
    assert max(len(line) for line in run_cli("check", path, env={"COLUMNS": ""}).output.splitlines()) <= 80


def test_the_size_reason_gives_the_stacks_sizes_and_verbose_their_names() -> None:
    path = str(FIXTURES / "flask_sqlalchemy_login")
    shown = " ".join(run_cli("check", path, env={"COLUMNS": "300"}).output.split())
    assert ("container size unknown low nothing in the repo says; its stack adds 44.6 MB to an image, "
            "46.2 MB on Django: the gap nearly vanishes recommendation") in shown
    verbose = " ".join(run_cli("check", "--verbose", path, env={"COLUMNS": "300"}).output.split())
    full = ("its stack (flask + flask-login + flask-sqlalchemy + psycopg2-binary) adds 44.6 MB to an "
            "image; on django + psycopg2-binary: 46.2 MB; the gap nearly vanishes (1.6 MB) (measured: ")
    assert full in verbose


def test_counts_read_right() -> None:
    judged, other = service("flask"), service("fastapi")
    fits, misfit = replace(judged, fits=True), replace(judged, path="b", fits=False)
    unjudged = replace(other, path="c", fits=None)
    one = Diagnostic("a.toml", 1, "parse-error", "x")
    report = Report("/r", (fits, misfit, unjudged), (), (one, replace(one, line=2)), "0.1.0")
    assert text.summary(report) == ("3 services: 1 fit, 1 do not fit, 1 not judged · 0 findings · "
                                    "2 diagnostics")
    assert text.summary(replace(report, services=(fits,), diagnostics=(one,))) == (
        "1 service: 1 fit, 0 do not fit · 0 findings · 1 diagnostic")
    shown = text.render(report, width=100)
    assert "Diagnostics (2 diagnostics in 1 file: input framefit could not use fully)" in shown


def test_the_readmes_sample_is_what_an_80_column_terminal_shows() -> None:
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    sample = readme.split("`framefit check fixtures/flask_sqlalchemy_login`, in an 80-column terminal:\n\n"
                          "```text\n", 1)[1].split("```\n", 1)[0]
    shown = run_cli("check", str(FIXTURES / "flask_sqlalchemy_login"), env={"COLUMNS": "80"}).output
    assert shown.replace(str(ROOT), "/home/me/framefit") == sample
