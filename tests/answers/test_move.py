"""How big the move is (answers/move.py), from code facts, module bytes and the walk's files."""

from __future__ import annotations

from pathlib import Path

from framefit import check
from framefit.answers.move import ServiceCode, move_of
from framefit.catalog import load
from framefit.model import CodeFact, Extension, FactKind, MovedFile
from framefit.scanners.python.move import MAX_UNIT_CLASSES
from framefit.scanners.python.profile import ImportHeads, ModuleLines, module_text
from tests.conftest import FIXTURES
from tests.factories import ev, service, yes

CATALOG = load()
LOGIN = yes(ev("app/auth.py", 1, "import:flask_login"))
FLASK_APP = service("flask", login=LOGIN)  # does not fit: the tally says Django
DJANGO_PLAIN = service("django")  # neither need: the tally says Flask


def _fact(path: str, line: int, kind: FactKind, name: str = "", framework: str = "flask") -> CodeFact:
    return CodeFact(path, line, framework, kind, name, f"line {line}")


def _code(modules: dict[str, str], facts: tuple[CodeFact, ...] = (),
          files: tuple[str, ...] = ()) -> ServiceCode:
    def lines(wanted: ImportHeads) -> dict[str, ModuleLines]:
        return {p: module_text(t.encode(), wanted) for p, t in modules.items()}

    return ServiceCode(frozenset(modules), facts, (*modules, *files), lines)


def test_a_service_that_fits_or_is_not_judged_has_no_move() -> None:
    code = _code({"app/views.py": "from flask import Flask\n"})
    assert move_of(service("flask"), code, CATALOG) is None  # fits
    assert move_of(service("fastapi", login=LOGIN), code, CATALOG) is None  # not judged
    assert move_of(service("django", login=LOGIN), code, CATALOG) is None  # fits


def test_counts_lines_and_the_modules_that_import_the_framework_or_an_extension() -> None:
    code = _code({
        "app/__init__.py": "from flask import Flask\nfrom flask_login import LoginManager\n",
        "app/views.py": "import flask.views\n\n\nclass V(flask.views.MethodView):\n    pass",  # no newline
        "app/util.py": "def f():\n    return 1\n",
        "app/cache.py": "from flask_thing import Thing\n",  # an extension the catalog does not list
    }, (_fact("app/views.py", 4, FactKind.ROUTE),))
    move = move_of(FLASK_APP, code, CATALOG)
    assert move is not None
    assert (move.to, move.routes, move.framework_lines, move.app_lines) == ("django", 1, 8, 10)
    assert [(e.name, e.counterpart, e.files) for e in move.extensions] == [
        ("flask-login", "django.contrib.auth", 1), ("flask_thing", "", 1)]
    assert move.files == (MovedFile("app/__init__.py", 2, imports_framework=True),
                          MovedFile("app/cache.py", 1, imports_framework=True),
                          MovedFile("app/views.py", 5, routes=1, imports_framework=True))


def test_an_extensions_evidence_is_where_it_is_imported() -> None:
    code = _code({"app/a.py": "from flask_login import current_user  # the user\n",
                  "app/b.py": "import flask_login.utils\n"})
    move = move_of(FLASK_APP, code, CATALOG)
    assert move is not None
    (login,) = move.extensions
    assert login == Extension("flask-login", "django.contrib.auth", login.note, 2, (
        ev("app/a.py", 1, "uses:flask-login", "from flask_login import current_user # the user"),
        ev("app/b.py", 1, "uses:flask-login", "import flask_login.utils")))
    assert login.note  # where the pairing comes from


def test_templates_are_the_files_of_the_template_folders_once_each() -> None:
    facts = (_fact("app/__init__.py", 3, FactKind.TEMPLATES, "app/templates"),
             _fact("app/admin.py", 2, FactKind.TEMPLATES, "app/templates/admin"))
    files = ("app/templates/base.html", "app/templates/admin/list.html", "app/templates/.keep",
             "app/templates/macros.py", "app/templatesque/x.html", "app/static/site.css")
    move = move_of(FLASK_APP, _code({"app/__init__.py": "", "app/admin.py": ""}, facts, files), CATALOG)
    assert move is not None
    assert move.templates == 2
    assert move.template_folders == (("app/templates", 2), ("app/templates/admin", 1))


def test_facts_outside_the_services_app_modules_or_of_the_other_framework_do_not_count() -> None:
    facts = (_fact("app/views.py", 1, FactKind.ROUTE), _fact("tests/test_x.py", 1, FactKind.ROUTE),
             _fact("app/views.py", 2, FactKind.ROUTE, framework="django"),
             _fact("app/views.py", 3, FactKind.BLUEPRINT, "shop"))
    move = move_of(FLASK_APP, _code({"app/views.py": "x = 1\n"}, facts), CATALOG)
    assert move is not None
    assert (move.routes, move.units) == (1, 1)


def test_django_apps_installed_are_its_extensions_grouped_by_catalog_entry() -> None:
    settings = "site/settings.py"
    facts = (_fact(settings, 3, FactKind.INSTALLED, "allauth", "django"),
             _fact(settings, 4, FactKind.INSTALLED, "allauth.account", "django"),
             _fact(settings, 5, FactKind.INSTALLED, "taggit", "django"),
             _fact(settings, 6, FactKind.APP, "blog", "django"),
             _fact(settings, 7, FactKind.APP, "blog", "django"))  # split settings name it twice
    code = _code({settings: "", "blog/views.py": "from allauth.account.views import LoginView\n",
                  "blog/models.py": "from django.db import models\nimport taggit.managers\n"}, facts)
    move = move_of(DJANGO_PLAIN, code, CATALOG)
    assert move is not None
    assert (move.to, move.units, move.framework_lines) == ("flask", 1, 3)
    assert [(e.name, e.counterpart, e.files, len(e.evidence)) for e in move.extensions] == [
        ("allauth", "Flask-Dance or Authlib", 1, 3), ("taggit", "", 1, 2)]


def test_the_apps_own_blueprint_classes_make_blueprints_wherever_they_are_called() -> None:
    """Fixture flask_blueprint_subclass_move: `AppBlueprint(Blueprint)` in app/web/blueprint.py,
    called there, imported from it, from the package that re-exports it (as `Part`), and
    subclassed in app/plugins: one blueprint in each module that calls one, none for the
    calls in a comment and a docstring of app/shop/views.py, and shop's template folder."""
    for exhaustive in (False, True):
        move = check(FIXTURES / "flask_blueprint_subclass_move", exhaustive=exhaustive).services[0].move
        assert move is not None
        made = {f.path: f.blueprints for f in move.files if f.blueprints}
        assert made == {"app/news/views.py": 1, "app/plugins/views.py": 1, "app/shop/views.py": 1,
                        "app/web/blueprint.py": 1}
        assert move.template_folders == (("app/shop/templates", 1), ("app/templates", 0))


def _own_blueprint_classes(root: Path, classes: int) -> Path:
    """A Flask app that does not fit (SQLAlchemy), `classes` Blueprint subclasses in
    app/parts.py, the first of them called there and in app/views.py."""
    (root / "app").mkdir(parents=True)
    (root / "requirements.txt").write_text("flask\nflask-sqlalchemy\n")
    (root / "app/__init__.py").write_text("from flask_sqlalchemy import SQLAlchemy\ndb = SQLAlchemy()\n")
    heads = "".join(f"class Part{n}(Blueprint):\n    pass\n\n\n" for n in range(classes))
    (root / "app/parts.py").write_text(f"from flask import Blueprint\n\n\n{heads}"
                                       "here = Part0('here', __name__)\n")
    (root / "app/views.py").write_text("from app.parts import Part0\n\nthere = Part0('there', __name__)\n")
    return root


def test_past_so_many_own_blueprint_classes_their_calls_elsewhere_are_not_looked_for(tmp_path: Path) -> None:
    for classes, made in ((MAX_UNIT_CLASSES, {"app/parts.py": 1, "app/views.py": 1}),
                          (MAX_UNIT_CLASSES + 1, {"app/parts.py": 1})):
        move = check(_own_blueprint_classes(tmp_path / str(classes), classes)).services[0].move
        assert move is not None
        assert {f.path: f.blueprints for f in move.files if f.blueprints} == made, classes
