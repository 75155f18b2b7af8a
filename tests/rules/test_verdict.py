"""What does not count and why: an inline comment, then a holding decision, then `ignore`."""

from __future__ import annotations

from dataclasses import replace

from framefit.answers.decisions import compare
from framefit.config.layers import Config
from framefit.model import Finding, SuppressedBy, Suppression
from framefit.rules.verdict import judge
from framefit.walk.reader import RepoReader
from tests.answers.test_decisions import AUTH, MODELS, N, U, Y
from tests.factories import decided, ev, service, yes

LAMBDA = ev("serverless.yml", 5, "serverless-aws-lambda", "provider: aws")  # a stated size limit: FF302

# The factories' Flask service is created at app.py:3.
COMMENTED = RepoReader.from_mapping({"app.py": "import flask\n\napp = flask.Flask(__name__)  "
                                               "# framefit: ignore[FF102] -- login moves to SSO\n"})
PLAIN = RepoReader.from_mapping({"app.py": "import flask\n\napp = flask.Flask(__name__)\n"})
DECIDED = Suppression(SuppressedBy.DECISION, "team standard", "pyproject.toml", 7)


def _rules(found: tuple[Finding, ...]) -> list[tuple[str, SuppressedBy | None]]:
    return [(f.rule, f.suppression.by if f.suppression else None) for f in found]


def test_comment_first_then_decision_then_ignore() -> None:
    flask = compare(service("flask", database=yes(MODELS), login=yes(AUTH), size=yes(LAMBDA)),
                    decided("flask", Y, Y, Y))
    verdicts = judge((flask,), Config(ignore=("FF3",)), COMMENTED)
    assert _rules(verdicts.findings) == []
    assert sorted(_rules(verdicts.suppressed)) == [
        ("FF101", SuppressedBy.DECISION), ("FF102", SuppressedBy.COMMENT), ("FF302", SuppressedBy.IGNORE)]
    by_rule = {f.rule: f.suppression for f in verdicts.suppressed}
    assert by_rule == {
        "FF101": DECIDED,
        "FF102": Suppression(SuppressedBy.COMMENT, "login moves to SSO", "app.py", 3),
        "FF302": Suppression(SuppressedBy.IGNORE, 'ignored by the configuration: ignore = ["FF3"]'),
    }
    assert (verdicts.diagnostics, verdicts.read) == ((), frozenset({"app.py"}))


def test_a_drifted_decision_accepts_nothing_and_ff106_counts() -> None:
    flask = compare(service("flask", database=yes(MODELS), login=yes(AUTH)), decided("flask", Y, N, U))
    verdicts = judge((flask,), Config(), PLAIN)
    assert sorted(_rules(verdicts.findings)) == [("FF101", None), ("FF102", None), ("FF106", None)]
    assert verdicts.suppressed == ()


def test_a_decision_accepts_only_the_mismatches_it_records() -> None:
    both = compare(service("flask", database=yes(MODELS), also=("django",)), decided("flask", Y, N, N))
    verdicts = judge((both,), Config(), PLAIN)
    assert _rules(verdicts.findings) == [("FF105", None)]
    assert _rules(verdicts.suppressed) == [("FF101", SuppressedBy.DECISION)]


def test_an_outdated_decision_accepts_nothing_and_notes_it() -> None:
    moved = compare(replace(service("django"), fits=False), decided("flask", N, N, U))
    verdicts = judge((moved,), Config(), PLAIN)
    assert sorted(_rules(verdicts.findings)) == [("FF103", None), ("FF303", None)]


def test_rules_not_selected_do_not_run_and_are_not_listed() -> None:
    flask = service("flask", database=yes(MODELS), login=yes(AUTH))
    verdicts = judge((flask,), Config(select=("FF101",)), PLAIN)
    assert (_rules(verdicts.findings), verdicts.suppressed) == ([("FF101", None)], ())


def test_an_ignored_rules_comment_is_still_used() -> None:
    flask = service("flask", database=yes(MODELS), login=yes(AUTH))
    verdicts = judge((flask,), Config(ignore=("FF102",)), COMMENTED)
    assert _rules(verdicts.suppressed) == [("FF102", SuppressedBy.COMMENT)]
    assert verdicts.diagnostics == ()


def test_without_a_decision_nothing_is_accepted() -> None:
    verdicts = judge((service("flask", database=yes(MODELS)),), Config(), PLAIN)
    assert _rules(verdicts.findings) == [("FF101", None)]
    assert verdicts.suppressed == ()
