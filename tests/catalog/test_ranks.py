"""ranks.toml: every signal has a ranked kind, and evidence of equal weight is listed by kind,
then role, then place (model.evidence_order: the first is the headline)."""

from __future__ import annotations

import pytest

from framefit.catalog import load
from framefit.model import CONFIGURED_SIGNAL, DECISION_SIGNAL, Evidence, Role, evidence_order


def test_every_idiom_signal_declares_a_ranked_kind() -> None:
    catalog = load()
    kinds = catalog.views.ranks.kinds
    unranked = sorted(s.id for s in catalog.signals.values() if s.kind not in kinds)
    assert unranked == []


def test_every_role_is_ranked() -> None:
    assert sorted(load().views.ranks.roles) == sorted(r.value for r in Role)


@pytest.mark.parametrize(
    ("signal", "kind"),
    [
        pytest.param("import:flask_login", "import", id="import__import"),
        pytest.param("dep:psycopg2", "manifest", id="dependency__manifest"),
        pytest.param(CONFIGURED_SIGNAL, "configured", id="configured_answer__configured"),
        pytest.param(DECISION_SIGNAL, "configured", id="recorded_decision__configured"),
        pytest.param("django-model", "code", id="model_class__code"),
        pytest.param("django-databases-engine", "settings", id="databases_setting__settings"),
        pytest.param("db-image-relational", "deployment", id="compose_image__deployment"),
        pytest.param("docs-image-small", "docs", id="documentation__docs"),
    ],
)
def test_kind_of_a_signal(signal: str, kind: str) -> None:
    ranks = load().views.ranks
    assert load().rank(signal, "app") == (ranks.kinds[kind], ranks.roles["app"])


def test_a_signal_the_catalog_does_not_know_comes_after_every_kind() -> None:
    ranks = load().views.ranks
    assert load().rank("uses:flask-login", "app")[0] == len(ranks.kinds)


def _first(*items: Evidence) -> Evidence:
    return min(items, key=evidence_order)


@pytest.mark.parametrize(
    ("headline", "other"),
    [
        pytest.param(Evidence("zz/models.py", 9, "django-model", "class Order(models.Model):"),
                     Evidence(".ci/compose.yml", 3, "db-image-relational", "image: postgres"),
                     id="model_class__before_compose_image"),
        pytest.param(Evidence("zz/views.py", 9, "django-login-view", "LoginView.as_view()"),
                     Evidence("aa/otp.py", 1, "import:pyotp", "import pyotp"),
                     id="login_view__before_library_import"),
        pytest.param(Evidence("Dockerfile", 1, "docker-base-slim", "FROM python:3.12-slim", 0.6),
                     Evidence("CHANGELOG.md", 4, "docs-image-small", "- slim image", 0.6),
                     id="dockerfile__before_changelog"),
        pytest.param(Evidence("zz/models.py", 4, "django-model", "class A(models.Model):"),
                     Evidence("aa/migrations/0001_initial.py", 7, "django-migration-model", "CreateModel("),
                     id="app_model__before_migration"),
        pytest.param(Evidence("zz/models.py", 4, "import:flask_login", "import flask_login"),
                     Evidence("aa/scripts/seed.py", 1, "import:flask_login", "import flask_login"),
                     id="app__before_script_of_the_same_kind"),
        pytest.param(Evidence("zz/settings.py", 4, "django-databases-engine", "ENGINE", 0.6),
                     Evidence("aa/models.py", 4, "django-model", "class A(models.Model):", 0.5),
                     id="heavier__first_whatever_the_kind"),
    ],
)
def test_headline_of_equal_weights_is_the_most_convincing(headline: Evidence, other: Evidence) -> None:
    assert _first(other, headline) == headline
    assert _first(headline, other) == headline


def test_same_kind_and_role_fall_back_to_place() -> None:
    first = Evidence("aa/models.py", 4, "django-model", "class A(models.Model):")
    second = Evidence("aa/models.py", 9, "django-model", "class B(models.Model):")
    assert sorted([second, first], key=evidence_order) == [first, second]
