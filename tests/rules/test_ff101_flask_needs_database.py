"""FF101 flask-needs-database: a Flask service whose relational-database answer is yes."""

from __future__ import annotations

from framefit.model import CONFIGURED_SIGNAL, Finding, Severity
from framefit.rules.ff101_flask_needs_database import RULE
from tests.factories import FRAMEWORK_LINE, ev, no, service, yes

MODELS = ev("app/models.py", 5, "import:flask_sqlalchemy", "from flask_sqlalchemy import SQLAlchemy")
DRIVER = ev("requirements.txt", 4, "dep:psycopg2", "psycopg2", 0.7)
LOGIN = ev("app/auth.py", 3, "import:flask_login", "import flask_login")
HINT = "Discuss moving to Django; if Flask stays, record why: framefit record --reason '...'."


def test_flask_with_a_database__finding_cites_it_and_what_flips_it() -> None:
    found = tuple(RULE.check(service("flask", database=yes(MODELS, DRIVER)), RULE))
    assert found == (Finding(
        rule="FF101", severity=Severity.ERROR, service=".",
        message="Flask service uses a relational database: Flask-SQLAlchemy (app/models.py:5)",
        hint=HINT, path="app.py", line=3, because=(MODELS, DRIVER),
        flips_if="this verdict changes if Flask-SQLAlchemy (app/models.py:5) and psycopg2 "
                 "(requirements.txt:4) were not needed",
    ),)


def test_flask_with_database_and_login__the_verdict_rests_on_both() -> None:
    found = tuple(RULE.check(service("flask", database=yes(MODELS), login=yes(LOGIN)), RULE))
    assert [f.because for f in found] == [(MODELS, LOGIN)]
    # Its own question first; then that the other says Django too (whatever this one says).
    assert found[0].flips_if == ("this verdict changes if Flask-SQLAlchemy (app/models.py:5) was not "
                                 "needed; the user login answer also says Django: Flask-Login "
                                 "(app/auth.py:3)")


def test_configured_answer__flips_when_the_configuration_changes() -> None:
    configured = ev("pyproject.toml", 8, CONFIGURED_SIGNAL, 'relational_database = "yes"')
    found = tuple(RULE.check(service("flask", database=yes(configured)), RULE))
    assert [(f.message, f.flips_if) for f in found] == [(
        "Flask service uses a relational database: configured answer (pyproject.toml:8)",
        "this verdict changes if the answer configured at pyproject.toml:8 changed",
    )]


def test_near_miss__flask_without_a_database() -> None:
    assert tuple(RULE.check(service("flask", database=no(), login=yes(LOGIN)), RULE)) == ()


def test_near_miss__django_with_a_database() -> None:
    assert tuple(RULE.check(service("django", database=yes(MODELS)), RULE)) == ()


def test_shown_at_the_framework_line() -> None:
    (found,) = RULE.check(service("flask", database=yes(MODELS)), RULE)
    assert (found.path, found.line) == (FRAMEWORK_LINE["flask"].path, FRAMEWORK_LINE["flask"].line)
