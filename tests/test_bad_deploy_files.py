"""Bad deployment files end to end: each is a diagnostic, and the other files still count."""

from __future__ import annotations

from pathlib import Path

from framefit import check
from framefit.model import Question


def _write(root: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content)


def test_malformed_and_oversized_deployment_files(tmp_path: Path) -> None:
    _write(tmp_path, {
        "requirements.txt": "flask\n",
        "app.py": "from flask import Flask\n\napp = Flask(__name__)\n",
        "Dockerfile": "FROM python:3.12-alpine\nFROB knob\n",
        "serverless.yml": "provider:\n  name: [aws\n",
        "zappa_settings.json": "{\"dev\": \n",
        "fly.toml": "app = \n",
        ".env.example": "DATABASE_URL=postgres://u@h/db\n",
    })
    with (tmp_path / "docker-compose.yml").open("w") as handle:
        line = "  # " + "x" * 96 + "\n"
        handle.write("services:\n")
        for _ in range(50 * 1024 * 1024 // len(line)):
            handle.write(line)
    report = check(tmp_path)
    assert [(d.path, d.line, d.kind) for d in report.diagnostics] == [
        ("Dockerfile", 2, "parse-error"),
        ("docker-compose.yml", None, "too-large"),
        ("fly.toml", 1, "parse-error"),
        ("serverless.yml", 3, "parse-error"),
        ("zappa_settings.json", 2, "parse-error"),
    ]
    (service,) = report.services
    size = service.answers[Question.CONTAINER_SIZE]
    database = service.answers[Question.RELATIONAL_DATABASE]
    assert [e.location for e in size.evidence] == ["Dockerfile:1"]
    assert [e.location for e in database.evidence] == [".env.example:1"]
