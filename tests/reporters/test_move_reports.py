"""What a move touches, in every format: one line under the recommendation (text), a section of
the decision record (markdown), the one-line summary in SARIF and GitHub messages, and
`services[].move` in JSON (null where the service fits)."""

from __future__ import annotations

import json

from framefit import check
from framefit.reporters import github, markdown, sarif, text
from framefit.reporters import json as json_report
from tests.conftest import FIXTURES

MOVING = FIXTURES / "flask_blueprints_move"
LINE = ("a move to Django touches 6 routes in 3 files, 3 blueprints, 3 models, 4 templates and 3 "
        "forms; flask-cors → django-cors-headers, flask-login → django.contrib.auth, flask-migrate → "
        "Django migrations, flask-restful → Django REST framework or django-ninja, …; 147 of 158 app "
        "lines import Flask or an extension")
SUMMARY = LINE[:1].upper() + LINE[1:]


def test_the_text_report_gives_one_line_under_the_recommendation() -> None:
    lines = text.render(check(MOVING), width=400).splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("  recommendation"))
    assert lines[at + 1] == f"  move                 {LINE}"
    narrow = text.render(check(MOVING)).splitlines()  # 80 columns: wrapped under the answers
    start = narrow.index(next(line for line in narrow if line.startswith("  move ")))
    assert narrow[start + 1].startswith(" " * 23)
    assert not narrow[start + 1][23:].startswith(" ")


def test_a_service_that_fits_has_no_move_line_and_a_null_move() -> None:
    report = check(FIXTURES / "flask_minimal")
    assert not any(line.startswith("  move ") for line in text.render(report).splitlines())
    assert [s["move"] for s in json.loads(json_report.render(report))["services"]] == [None]


def test_the_decision_record_has_a_section_with_counts_counterparts_and_files() -> None:
    lines = markdown.render(check(MOVING)).splitlines()
    start = lines.index("### What a move touches")
    section = lines[start:lines.index("### Evidence")]
    assert section[2] == SUMMARY + "."
    assert "| routes | 6 in 3 files |" in section
    assert "| blueprints | 3 |" in section
    assert "| templates | 4 in `shop/auth/templates`, `shop/templates` |" in section
    assert "| app lines that import Flask or an extension | 147 of 158 |" in section
    assert any(line.startswith("| `flask-login` | 3 | django.contrib.auth | ") for line in section)
    files = section[section.index("| file | lines | routes | models | forms |") + 2:]
    assert files[:4] == ["| `shop/forms.py` | 15 | 0 | 0 | 3 |", "| `shop/main/views.py` | 21 | 3 | 0 | 0 |",
                         "| `shop/models.py` | 29 | 0 | 3 | 0 |", "| `shop/auth/views.py` | 25 | 2 | 0 | 0 |"]


def test_sarif_and_github_messages_of_a_mismatch_carry_the_summary() -> None:
    report = check(MOVING)
    results = json.loads(sarif.render(report))["runs"][0]["results"]
    assert [r["message"]["text"].splitlines()[-1] for r in results] == [SUMMARY, SUMMARY]
    commands = github.render(report).splitlines()[:2]
    assert all(f"%0A{SUMMARY}%0Ahint: " in c for c in commands)


def test_the_json_move_of_each_direction() -> None:
    flask = json.loads(json_report.render(check(MOVING)))["services"][0]["move"]
    assert sorted(flask) == ["app_lines", "blueprints", "extensions", "files", "forms", "framework_lines",
                             "models", "routes", "template_folders", "templates", "to"]
    assert flask["files"][1] == {"path": "shop/api.py", "lines": 15, "routes": 1, "models": 0, "forms": 0,
                                 "blueprints": 1, "imports_framework": True}
    django = json.loads(json_report.render(check(FIXTURES / "django_apps_move")))["services"][0]["move"]
    assert (django["to"], django["apps"], "blueprints" in django) == ("flask", 2, False)
    contenttypes = next(e for e in django["extensions"] if e["name"] == "django.contrib.contenttypes")
    assert contenttypes["counterpart"] is None
