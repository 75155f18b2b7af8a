"""FF103: a Django service that needs neither a relational database nor user login."""

from __future__ import annotations

from collections.abc import Iterator

from framefit.model import Evidence, Finding, Question, ServiceAnswers, Severity
from framefit.rules.base import QUESTION_TEXT, Rule, because, cite, finding, no


def check(service: ServiceAnswers, rule: Rule) -> Iterator[Finding]:
    """One finding when a Django service answers no to both the database and the login question;
    it rests on what said no, and names the weak evidence for either that did not count."""
    if service.framework != "django":
        return
    if not (no(service, Question.RELATIONAL_DATABASE) and no(service, Question.USER_LOGIN)):
        return
    database = service.answer(Question.RELATIONAL_DATABASE)
    login = service.answer(Question.USER_LOGIN)
    reasons = _unique(because(database, 2) + because(login, 2))
    weak = _unique(database.evidence + login.evidence)[:3]
    flips = (f"this verdict changes if the service needed {QUESTION_TEXT[Question.RELATIONAL_DATABASE]}"
             f" or {QUESTION_TEXT[Question.USER_LOGIN]}; it rests on {cite(reasons)}")
    if weak:
        flips += f", with only weak evidence for one: {cite(weak)}"
    yield finding(
        rule, service,
        "Django service needs neither a relational database nor user login",
        reasons, flips,
    )


def _unique(items: tuple[Evidence, ...]) -> tuple[Evidence, ...]:
    return tuple(dict.fromkeys(items))


RULE = Rule(
    id="FF103",
    name="django-needs-neither",
    severity=Severity.ERROR,
    title="Django service needs neither a database nor user login",
    rationale=(
        "Questions 1 and 2 both answer no: the app keeps no relational data and nobody logs in, "
        "so the tally picks Flask. Django's ORM, auth and admin would be carried and upgraded "
        "without being used. The startproject defaults (a sqlite DATABASES, django.contrib.auth "
        "and admin in INSTALLED_APPS) are not a need; models, migrations and login views are."
    ),
    hint="Consider Flask for this service; if Django stays, record why: framefit record --reason '...'.",
    example="manage.py; settings.py with the startproject defaults; views.py returning JSON only",
    check=check,
)
