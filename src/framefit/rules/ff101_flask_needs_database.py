"""FF101: a Flask service that uses a relational database."""

from __future__ import annotations

from collections.abc import Iterator

from framefit.model import Finding, Question, ServiceAnswers, Severity
from framefit.rules.base import Rule, cite, demands_django, finding, flips_first, yes


def check(service: ServiceAnswers, rule: Rule) -> Iterator[Finding]:
    """One finding when a Flask service's relational-database answer is yes; it rests on that
    answer's evidence and on the login answer's too when that also says Django; what would flip
    it names its own evidence first, then that the login answer also says Django."""
    if service.framework != "flask" or not yes(service, Question.RELATIONAL_DATABASE):
        return
    reasons = demands_django(service, Question.RELATIONAL_DATABASE)
    yield finding(
        rule, service,
        f"Flask service uses a relational database: {cite(reasons[:1])}",
        reasons, flips_first(service, Question.RELATIONAL_DATABASE),
    )


RULE = Rule(
    id="FF101",
    name="flask-needs-database",
    severity=Severity.ERROR,
    title="Flask service uses a relational database",
    rationale=(
        "Question 1 of the rule of thumb asks whether the app keeps its data in a relational "
        "database. When it does (an ORM, models, migrations or a SQL driver), the tally says "
        "Django: its ORM, migrations and admin come built in and are maintained together, while a "
        "Flask app assembles the same stack from extensions (SQLAlchemy, Flask-Migrate, an admin) "
        "and ends up about as large. A key-value or document store alone does not count."
    ),
    hint="Discuss moving to Django; if Flask stays, record why: framefit record --reason '...'.",
    example="requirements.txt: flask, flask-sqlalchemy; app/models.py: class User(db.Model): ...",
    check=check,
)
