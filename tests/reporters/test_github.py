"""GitHub workflow commands: escaping, the per-level limit, and the job summary."""

from __future__ import annotations

from dataclasses import replace

from framefit.model import Diagnostic, Finding, Report, Severity
from framefit.reporters import github
from tests.reporters.sample import FF101, sample_report


def test_command_for_a_finding() -> None:
    assert github.command(FF101) == (
        "::error file=services/api/app.py,line=3,title=FF101 Flask service uses a relational database"
        "::Flask service uses a relational database: Flask-SQLAlchemy (services/api/models.py:5)"
        "%0Athis verdict changes if Flask-SQLAlchemy (services/api/models.py:5) was not needed"
        "%0Ahint: Discuss moving to Django."
    )


def test_command_escapes_file_and_title_and_drops_a_missing_place() -> None:
    odd = replace(FF101, rule="FF999", path="a,b:c.py", line=None, flips_if="", hint="x")
    assert github.command(odd) == "::error file=a%2Cb%3Ac.py,title=FF999::" + (
        "Flask service uses a relational database: Flask-SQLAlchemy (services/api/models.py:5)%0Ahint: x")
    nowhere = replace(FF101, path=None, line=None)
    assert github.command(nowhere).startswith("::error title=FF101 Flask service uses")


def test_render_lists_commands_then_the_summary() -> None:
    lines = github.render(sample_report()).splitlines()
    assert [line.split(" ", 1)[0] for line in lines[:4]] == ["::error", "::notice", "::notice", "::warning"]
    assert lines[3] == ("::warning file=services/web/pyproject.toml,line=3,title=framefit parse-error::"
                        "expected '=' after a key")
    assert lines[4:] == ["2 services: 1 fit, 1 do not fit · 3 findings (1 error, 2 notes) · 1 suppressed "
                         "· 1 diagnostic"]


def test_diagnostics_are_warnings_in_the_room_findings_leave() -> None:
    parse = Diagnostic("a.toml", 2, "parse-error", "bad, very: bad")
    run = Diagnostic(".", None, "unmatched-config", 'exclude pattern "web" (--exclude) matches nothing')
    assert github.warning(parse) == "::warning file=a.toml,line=2,title=framefit parse-error::bad, very: bad"
    assert github.warning(run) == ('::warning title=framefit unmatched-config::exclude pattern "web" '
                                   "(--exclude) matches nothing")
    diagnostics = tuple(replace(parse, line=n) for n in range(1, 9))
    report = Report("/r", (), _many(Severity.WARNING, 4), diagnostics, "0.1.0")
    lines = github.render(report).splitlines()
    assert [line.split(" ", 1)[0] for line in lines if line.startswith("::")] == ["::warning"] * 10
    assert lines[10] == ("framefit: 2 more diagnostics not annotated (GitHub shows 10 per level); "
                         "see the job summary.")


def _many(severity: Severity, count: int) -> tuple[Finding, ...]:
    return tuple(replace(FF101, severity=severity, service=f"s{n:02d}") for n in range(count))


def test_at_most_ten_per_level_the_rest_left_to_the_summary() -> None:
    findings = _many(Severity.ERROR, 12) + _many(Severity.WARNING, 3) + _many(Severity.NOTE, 11)
    shown, rest = github.annotated(findings)
    assert [f.severity for f in shown] == (
        [Severity.ERROR] * 10 + [Severity.WARNING] * 3 + [Severity.NOTE] * 10)
    assert [(f.severity, f.service) for f in rest] == [
        (Severity.ERROR, "s10"), (Severity.ERROR, "s11"), (Severity.NOTE, "s10")]
    lines = github.render(Report("/r", (), findings, (), "0.1.0")).splitlines()
    assert sum(1 for line in lines if line.startswith("::")) == 23
    assert lines[23] == ("framefit: 3 more findings not annotated (GitHub shows 10 per level); "
                         "see the job summary.")
