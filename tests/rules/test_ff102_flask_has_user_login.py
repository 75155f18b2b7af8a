"""FF102 flask-has-user-login: a Flask service whose user-login answer is yes."""

from __future__ import annotations

from framefit.model import Finding, Severity
from framefit.rules.ff102_flask_has_user_login import RULE
from tests.factories import ev, no, service, unknown, yes

LOGIN = ev("app/auth.py", 3, "import:flask_login", "import flask_login")
LOGIN_DEP = ev("requirements.txt", 2, "dep:flask-login", "flask-login", 0.7)
MODELS = ev("app/models.py", 5, "import:flask_sqlalchemy", "from flask_sqlalchemy import SQLAlchemy")
HINT = "Discuss moving to Django; if Flask stays, record why: framefit record --reason '...'."


def test_flask_with_login__finding() -> None:
    found = tuple(RULE.check(service("flask", login=yes(LOGIN, LOGIN_DEP)), RULE))
    # Flask-Login seen twice (import and declaration) is one thing observed: cited once.
    assert found == (Finding(
        rule="FF102", severity=Severity.ERROR, service=".",
        message="Flask service has user login: Flask-Login (app/auth.py:3)",
        hint=HINT, path="app.py", line=3, because=(LOGIN,),
        flips_if="this verdict changes if Flask-Login (app/auth.py:3) was not needed",
    ),)


def test_login_and_database__own_evidence_first() -> None:
    (found,) = RULE.check(service("flask", database=yes(MODELS), login=yes(LOGIN)), RULE)
    assert found.because == (LOGIN, MODELS)
    assert found.flips_if == ("this verdict changes if Flask-Login (app/auth.py:3) was not needed; the "
                              "relational database answer also says Django: Flask-SQLAlchemy "
                              "(app/models.py:5)")


def test_near_miss__flask_whose_login_is_unknown() -> None:
    assert tuple(RULE.check(service("flask", login=unknown(LOGIN_DEP)), RULE)) == ()


def test_near_miss__fastapi_with_login() -> None:
    assert tuple(RULE.check(service("fastapi", login=yes(LOGIN), database=no()), RULE)) == ()
