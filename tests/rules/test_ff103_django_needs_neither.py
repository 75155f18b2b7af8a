"""FF103 django-needs-neither: a Django service answering no to database and login."""

from __future__ import annotations

from framefit.model import Finding, Severity
from framefit.rules.ff103_django_needs_neither import RULE
from tests.factories import MANIFEST, ev, no, service, unknown, yes

SQLITE = ev("site/settings.py", 21, "django-databases-default-sqlite", "'ENGINE': ...sqlite3", 0.25)
AUTH = ev("site/settings.py", 10, "django-auth-installed", "'django.contrib.auth',", 0.25)
REDIS = ev("site/cache.py", 1, "import:redis", "import redis")
HINT = "Consider Flask for this service; if Django stays, record why: framefit record --reason '...'."


def test_django_startproject_defaults_only__finding() -> None:
    svc = service("django", database=no(weak=(SQLITE,)), login=no(weak=(AUTH,)))
    assert tuple(RULE.check(svc, RULE)) == (Finding(
        rule="FF103", severity=Severity.ERROR, service=".",
        message="Django service needs neither a relational database nor user login",
        hint=HINT, path="manage.py", line=8, because=(MANIFEST,),
        flips_if="this verdict changes if the service needed a relational database or user login; "
                 "it rests on dependency manifest read (requirements.txt), with only weak evidence "
                 "for one: Django DATABASES is the startproject sqlite default (site/settings.py:21) "
                 "and django.contrib.auth in INSTALLED_APPS (site/settings.py:10)",
    ),)


def test_store_instead_of_a_database__cited() -> None:
    (found,) = RULE.check(service("django", database=no(REDIS)), RULE)
    assert found.because == (REDIS, MANIFEST)
    assert found.flips_if == ("this verdict changes if the service needed a relational database or "
                              "user login; it rests on redis (site/cache.py:1) and dependency "
                              "manifest read (requirements.txt)")


def test_near_miss__login_unknown() -> None:
    assert tuple(RULE.check(service("django", login=unknown()), RULE)) == ()


def test_near_miss__database_yes() -> None:
    models = ev("blog/models.py", 4, "django-model", "class Post(models.Model):")
    assert tuple(RULE.check(service("django", database=yes(models)), RULE)) == ()


def test_near_miss__flask_needing_neither() -> None:
    assert tuple(RULE.check(service("flask"), RULE)) == ()
