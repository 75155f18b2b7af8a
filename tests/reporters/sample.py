"""A hand-built report that exercises every part of a rendering: two services, a configured
answer, a recorded decision, findings of each severity, a diagnostic, a suppressed finding and
text that needs escaping.
"""

from __future__ import annotations

from dataclasses import replace

from framefit.model import (
    DECISION_SIGNAL,
    Answer,
    AnswerChange,
    AnswerValue,
    Confidence,
    Decision,
    Diagnostic,
    Finding,
    FrameworkUse,
    Question,
    Report,
    ServiceAnswers,
    Severity,
    SuppressedBy,
    Suppression,
)
from tests.factories import ev, service, unknown, yes

API_APP = ev("services/api/app.py", 3, "flask-app", "app = Flask(__name__)")
MODELS = ev("services/api/models.py", 5, "import:flask_sqlalchemy", "from flask_sqlalchemy import SQLAlchemy")
DRIVER = ev("services/api/requirements.txt", 2, "dep:psycopg2", "psycopg2==2.9.9", 0.7)
SLIM = ev("services/api/Dockerfile", 1, "image:slim", "FROM python:3.12-slim")
WEB_MANAGE = ev("services/web/manage.py", 8, "django-project",
                'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "web.settings")')
CONFIGURED = ev("pyproject.toml", 12, "configured", 'user_login = "yes"')
ODD = ev("services/web/web/settings.py", 40, "django-auth-backend", "AUTH = `sso` | 'ldap'", 0.4)


def api_service() -> ServiceAnswers:
    base = service("flask", path="services/api", database=yes(MODELS, DRIVER), size=yes(SLIM))
    return replace(base, frameworks=(FrameworkUse("flask", (API_APP,)),))


def web_service() -> ServiceAnswers:
    login = Answer(AnswerValue.YES, Confidence.HIGH, (CONFIGURED, ODD), (), "staff log in | via SSO",
                   configured=CONFIGURED)
    base = service("django", path="services/web", database=unknown(), login=login)
    return replace(base, frameworks=(FrameworkUse("django", (WEB_MANAGE,)),), decision=DECISION)


DECISION = Decision(
    "django",
    ((Question.RELATIONAL_DATABASE, AnswerValue.NO), (Question.USER_LOGIN, AnswerValue.YES),
     (Question.CONTAINER_SIZE, AnswerValue.UNKNOWN)),
    "staff *SSO* | admin", "2026-12-01",
    ev("pyproject.toml", 20, DECISION_SIGNAL, "[[tool.framefit.decisions]]"),
    changes=(AnswerChange(Question.RELATIONAL_DATABASE, AnswerValue.NO, AnswerValue.UNKNOWN),),
)


FF101 = Finding("FF101", Severity.ERROR, "services/api",
                "Flask service uses a relational database: Flask-SQLAlchemy (services/api/models.py:5)",
                "Discuss moving to Django.", "services/api/app.py", 3, (MODELS,),
                "this verdict changes if Flask-SQLAlchemy (services/api/models.py:5) was not needed")
FF302 = Finding("FF302", Severity.NOTE, "services/api", "Django is recommended, but size matters",
                "Weigh the image size.", "services/api/app.py", 3, (SLIM,), "")
FF201 = Finding("FF201", Severity.NOTE, "services/web",
                "cannot tell whether the service needs a relational database",
                "Set the answer in [tool.framefit.answers].", "services/web/manage.py", 8, (),
                "this changes once a manifest shows a relational database")
HIDDEN = Finding("FF105", Severity.WARNING, "services/web", "both frameworks", "Pick one.",
                 "services/web/manage.py", 8, (), "",
                 Suppression(SuppressedBy.COMMENT, "until the `legacy` move", "services/web/manage.py", 8))
PARSE = Diagnostic("services/web/pyproject.toml", 3, "parse-error", "expected '=' after a key")


def sample_report() -> Report:
    """The report every reporter test renders."""
    return Report("/somewhere/shop", (api_service(), web_service()),
                  (FF201, FF302, FF101), (PARSE,), "0.1.0", (HIDDEN,))
