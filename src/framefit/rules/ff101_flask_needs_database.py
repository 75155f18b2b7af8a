"""FF101: a Flask service that uses a relational database."""

from __future__ import annotations

from collections.abc import Iterator

from framefit.model import Finding, Question, ServiceAnswers, Severity
from framefit.rules.base import Rule, because, cite, finding, unless_needed, yes


def check(service: ServiceAnswers, rule: Rule) -> Iterator[Finding]:
    if service.framework != "flask" or not yes(service, Question.RELATIONAL_DATABASE):
        return
    reasons = because(service.answer(Question.RELATIONAL_DATABASE))
    yield finding(
        rule, service,
        f"Flask service uses a relational database: {cite(reasons)}",
        reasons, unless_needed(reasons),
    )


RULE = Rule(
    id="FF101",
    name="flask-needs-database",
    severity=Severity.ERROR,
    title="Flask service uses a relational database",
    rationale=(
        "Question 1 of the rule of thumb: an app that keeps its data in a relational database "
        "(an ORM or a SQL driver) gets Django, whose ORM, migrations and admin come built in; a "
        "Flask app rebuilds that stack from extensions (SQLAlchemy, Flask-Migrate, an admin)."
    ),
    hint="Discuss moving to Django, or record why Flask stays: [tool.framefit.answers] / ignore FF101.",
    example="requirements.txt: flask, flask-sqlalchemy; app/models.py: class User(db.Model): ...",
    check=check,
)
