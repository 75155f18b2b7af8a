"""FF201 answer-unknown: a deciding answer (database, login) stays unknown."""

from __future__ import annotations

from framefit.model import Finding, Severity
from framefit.rules.ff201_answer_unknown import RULE
from tests.factories import ev, service, unknown

WEAK = ev("tests/test_db.py", 2, "import:sqlalchemy", "import sqlalchemy", 0.15)
HINT = "Add a dependency manifest, or set the answer in [tool.framefit.answers]."


def test_unknown_database_with_weak_evidence__finding() -> None:
    assert tuple(RULE.check(service("flask", database=unknown(WEAK)), RULE)) == (Finding(
        rule="FF201", severity=Severity.NOTE, service=".",
        message="cannot tell whether the service needs a relational database",
        hint=HINT, path="app.py", line=3, because=(WEAK,),
        flips_if="this changes once a dependency manifest or code shows whether it needs a "
                 "relational database, or [tool.framefit.answers] sets relational_database; weak "
                 "evidence so far: SQLAlchemy (tests/test_db.py:2)",
    ),)


def test_both_unknown__one_finding_each() -> None:
    found = tuple(RULE.check(service("flask", database=unknown(), login=unknown()), RULE))
    assert [f.message for f in found] == [
        "cannot tell whether the service needs a relational database",
        "cannot tell whether the service needs user login",
    ]
    assert found[1].flips_if == ("this changes once a dependency manifest or code shows whether it "
                                 "needs user login, or [tool.framefit.answers] sets user_login")


def test_near_miss__only_the_size_answer_unknown() -> None:
    assert tuple(RULE.check(service("flask", size=unknown()), RULE)) == ()
