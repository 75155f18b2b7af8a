"""The decision record against expected files: a hand-built report and a fixture repo."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from framefit import check
from framefit.model import AnswerValue, Report
from framefit.reporters import markdown
from framefit.reporters._common import LABELS
from framefit.reporters.escape import code, markdown_inline
from tests.conftest import FIXTURES
from tests.reporters.sample import sample_report

EXPECTED = Path(__file__).resolve().parent / "expected"


def _against(name: str, text: str) -> None:
    path = EXPECTED / name
    if os.environ.get("FRAMEFIT_UPDATE_EXPECTED"):  # regenerate after a deliberate change, then review
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_record_of_a_built_report_matches_its_expected_file() -> None:
    _against("decision_record.md", markdown.render(sample_report()))


@pytest.mark.parametrize("fixture", sorted(p.name for p in FIXTURES.iterdir() if p.is_dir()))
def test_record_of_each_fixture_shows_every_answer_and_finding(fixture: str) -> None:
    # The wording of answers and findings belongs to the rules and answers stages and changes
    # with them; this pins what the record must show of any report, whatever the words.
    report = check(FIXTURES / fixture)
    lines = markdown.render(report).splitlines()
    for service in report.services:
        assert f"## Service {code(service.path)} — {service.framework}" in lines
        for question, label in LABELS.items():
            answer = service.answer(question)
            value = answer.value.value if answer.value is AnswerValue.UNKNOWN else f"**{answer.value.value}**"
            assert any(line.startswith(f"| {label} | {value}") for line in lines), (service.path, label)
        assert f"**Tally:** {markdown.tally(service)}" in lines
    for f in report.findings:
        assert any(line.startswith(f"- **{f.rule}** {f.severity.value}") and
                   line.endswith(markdown_inline(f.message)) for line in lines), f.rule


def test_record_without_services_says_nothing_is_judged() -> None:
    report = Report("/x/empty", (), (), (), "0.1.0")
    assert markdown.render(report) == (
        "# framefit decision record\n\n"
        "framefit 0.1.0 · `empty` · 0 services: 0 fit, 0 do not fit · 0 findings · 0 diagnostics\n\n"
        "No service uses a web framework: nothing to judge.\n"
    )


def test_record_is_the_same_from_another_folder() -> None:
    report = sample_report()
    moved = Report("/elsewhere/deep/shop", report.services, report.findings, report.diagnostics,
                   report.tool_version, report.suppressed)
    assert markdown.render(moved) == markdown.render(report)


def test_evidence_lists_are_capped_and_say_how_many_more() -> None:
    from dataclasses import replace

    from tests.factories import ev, service, yes

    many = yes(*(ev("models.py", n, "django-model", f"class M{n}(models.Model):") for n in range(1, 9)))
    record = markdown.render(Report("/r", (replace(service("django", database=many)),), (), (), "0.1.0"))
    cited = [line for line in record.splitlines() if line.startswith("  - `models.py:")]
    assert cited == [f"  - `models.py:{n}` django-model: `class M{n}(models.Model):`" for n in range(1, 6)]
    assert "  - … and 3 more (`--format json` lists the 8 strongest)" in record.splitlines()
