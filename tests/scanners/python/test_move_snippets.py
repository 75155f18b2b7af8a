"""A move's code facts are read from a module's bytes, the places a fact can be parsed as
snippets: the same facts, at the same lines, as a parse of the whole module gives, without that
parse (fixture flask_move_snippets; its move in tests/expected)."""

from __future__ import annotations

import pytest

from framefit import check
from framefit.catalog import load
from framefit.model import FactKind
from framefit.scanners.base import ScanContext, SourceFile
from framefit.scanners.python import move, syntax
from framefit.scanners.python.move import MoveReader
from framefit.scanners.python.move_places import aliased
from framefit.scanners.python.profile import ImportHeads
from framefit.walk.reader import RepoReader
from tests.conftest import FIXTURES
from tests.scanners.python_helpers import move_py
from tests.test_bounded_time import cpu_under

FIXTURE = FIXTURES / "flask_move_snippets"


def _facts(path: str, source: str | None = None) -> list[str]:
    text = source if source is not None else (FIXTURE / path).read_text()
    files: dict[str, str | bytes] = {"app/__init__.py": "", "app/db.py": (FIXTURE / "app/db.py").read_text()}
    return [f"{f.line} {f.kind.value} {f.name}".rstrip()
            for f in move_py(text, path, files, frozenset({"app"}))]


def _parsed_whole(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    parsed: list[str] = []
    real = syntax.parse

    def counting(path: str, data: bytes) -> syntax.Parsed | object:
        parsed.append(path)
        return real(path, data)

    monkeypatch.setattr(move, "parse", counting)
    return parsed


def test_only_a_module_whose_snippet_cannot_be_cut_is_parsed_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    parsed = _parsed_whole(monkeypatch)
    (service,) = check(FIXTURE).services
    assert service.move is not None
    assert (service.move.routes, service.move.units, service.move.models) == (4, 1, 3)
    assert parsed == ["app/chained.py"]  # `(app\n .add_url_rule(...))`: a chain over two lines


def test_code_in_docstrings_and_comments_is_no_fact() -> None:
    assert _facts("app/__init__.py") == ["17 templates app/templates"]


def test_decorators_and_calls_over_several_lines_and_a_method_named_like_a_call() -> None:
    assert _facts("app/views.py") == ["3 blueprint pages", "3 templates app/templates",
                                      "9 route", "16 route", "23 route"]


def test_models_with_a_one_line_body_inside_a_function_and_a_string_over_lines() -> None:
    assert _facts("app/models.py") == ["9 model User", "16 model Tag", "20 model History"]


def test_a_chain_over_lines_gives_what_the_whole_parse_gives() -> None:
    assert _facts("app/chained.py") == ["11 route"]


@pytest.mark.parametrize(("source", "expected"), [
    pytest.param("from flask import Flask\napp = Flask(__name__)\nsuper().add_url_rule('/x')\n",
                 ["2 templates app/templates", "3 route"], id="a_route_call_on_a_call"),
    pytest.param("from flask import Flask\napp = Flask(__name__)\nsuper().register(app)\n",
                 ["2 templates app/templates"], id="another_call_on_a_call__no_fact"),
    pytest.param("x = 1\ns = '''\n@bp.route('/a')\ndef a(): pass\n'''\n", [], id="route_in_a_string__no"),
    pytest.param("@bp.route('/(')\ndef a(): pass\n", ["1 route"], id="a_bracket_in_a_string"),
    pytest.param("m = (a\n@ b)\n", [], id="matrix_product__no_decorator"),
    pytest.param("def add_url_rule(rule):\n    pass\n", [], id="a_definition__no_call"),
    pytest.param("from .db import db\nclass A(db.Model):\n    '''\nclass B(db.Model):\n'''\n    id = 1\n",
                 ["2 model A"], id="a_class_in_a_model_docstring"),
])
def test_cut_snippets(source: str, expected: list[str]) -> None:
    assert _facts("app/m.py", source) == expected


def test_every_fixture_module_gives_the_facts_of_its_whole_parse() -> None:
    # The whole parse (the fallback) and the snippets agree module by module.
    files: dict[str, str | bytes] = {p.relative_to(FIXTURE).as_posix(): p.read_bytes()
                                     for p in FIXTURE.rglob("*.py")}
    reader = MoveReader(ScanContext(RepoReader.from_mapping(files), load(), frozenset({"app", "tests"})))
    for path in ("app/__init__.py", "app/models.py", "app/views.py", "app/chained.py"):
        source = SourceFile(path, (FIXTURE / path).read_bytes())
        assert reader.facts(source) == reader.whole(source), path


@pytest.mark.parametrize(("source", "expected"), [
    pytest.param("from django.urls import path, re_path\nurlpatterns = [\n    path('a/', v),\n"
                 "    re_path(r'^b/$', v),\n    xre_path('c'), re_path ('d', v), _path('e'),\n"
                 "    path\t('f', v)]\n", ["3 route", "4 route", "5 route", "6 route"],
                 id="a_name_another_ends__and_longer_words_that_end_them"),
    pytest.param("from flask import Blueprint\nbp = Blueprint('b', __name__)\nbp.add_url_rule('/x')\n"
                 "api.add_resource(R, '/r')\nbp.add_url_rule_x('/y')\nmy_add_url_rule('/z')\n",
                 ["2 blueprint b", "3 route", "4 route"], id="names_that_share_their_first_letters"),
    pytest.param("from flask import Blueprint as B, Flask\napp = Flask(__name__)\nb = B('b', __name__)\n"
                 "xB('c', __name__)\nb2 = B ('d', __name__)\n",
                 ["2 templates app/templates", "3 blueprint b", "5 blueprint d"], id="a_call_imported_as"),
    pytest.param("from flask import Blueprint as B\nbp = B('b', __name__)\n", ["2 blueprint b"],
                 id="the_only_call_imported_as"),
    pytest.param("from flask import (Blueprint\n    as B)\n@x.y\ndef f(): pass\nbp = B('b', __name__)\n",
                 ["5 blueprint b"], id="imported_as_beside_decorators_only"),
    pytest.param("from flask import (Blueprint  # the shop's\n    as B)\nbp = B('b', __name__)\n",
                 ["3 blueprint b"], id="imported_as_after_a_comment"),
    pytest.param("from flask import Blueprint \\\n    as B\nbp = B('b', __name__)\n",
                 ["3 blueprint b"], id="imported_as_on_a_continued_line"),
    pytest.param("import numpy as np\nfrom flask import Blueprint\nbp = Blueprint('b', __name__)\n"
                 "Bp = bp\nB('c', __name__)\n", ["3 blueprint b"], id="aliases_of_other_names"),
    pytest.param("from flask import Flask\nclass Api(Flask):\n    pass\n"
                 "app = Api(__name__, template_folder='t')\nMyApi(__name__)\n",
                 ["4 templates app/t"], id="a_class_that_makes_apps"),
    pytest.param("from rest_framework.routers import DefaultRouter\nrouter: 'R' = DefaultRouter()\n"
                 "router.register('a', V)\nother = Other()\nother.register('b', V)\nr2 == DefaultRouter()\n"
                 "r2.register('c', V)\nr3\t=  DefaultRouter  (\n)\nr3.register('d', V)\n",
                 ["3 route", "10 route"], id="names_bound_to_instances"),
])
def test_calls_are_found_where_the_whole_parse_finds_them(source: str, expected: list[str]) -> None:
    data = source.encode()
    files: dict[str, str | bytes] = {"app/__init__.py": "", "app/m.py": data}
    reader = MoveReader(ScanContext(RepoReader.from_mapping(files), load(), frozenset({"app"})))
    module = SourceFile("app/m.py", data)
    assert reader.facts(module) == reader.whole(module)
    assert [f"{f.line} {f.kind.value} {f.name}".rstrip() for f in reader.facts(module)] == expected


HOSTILE = 20_000  # lines


@pytest.mark.parametrize("source", [
    pytest.param("from flask import Blueprint\nbp = Blueprint('b', __name__)\n" + "@bp.route((\n" * HOSTILE,
                 id="decorators_never_closed"),
    pytest.param("Blueprint" + " \\\n#" * HOSTILE * 10 + "\nBlueprint as" * HOSTILE,
                 id="aliases_never_ending"),
    pytest.param("from .db import db\n" + "class A(db.Model,\n" * HOSTILE, id="class_heads_never_closed"),
    pytest.param("app.add_url_rule(\n" * HOSTILE, id="calls_never_closed"),
    pytest.param("'''\n" + "@bp.route('\n" * HOSTILE, id="an_unclosed_string"),
    pytest.param("from .db import db\n" + "".join(f"class A{n}(db.Model):\n    x = (\n"
                                                for n in range(HOSTILE)), id="model_bodies_never_closed"),
])
def test_a_module_that_is_no_python_gives_no_fact_and_ends_fast(source: str) -> None:
    # What does not parse has no facts (as its whole parse has none), found in linear time.
    with cpu_under(3.0):
        assert _facts("app/m.py", source) == []


SUBCLASSED = FIXTURES / "flask_blueprint_subclass_move"


@pytest.mark.parametrize(("path", "made"), [("app/shop/views.py", [4]), ("app/news/views.py", [3]),
                                            ("app/plugins/views.py", [3]), ("app/web/blueprint.py", [13]),
                                            ("app/models.py", [])])
def test_a_second_reading_adds_what_a_reading_with_the_units_gives(path: str, made: list[int]) -> None:
    """MoveReader.unit_facts: the first reading's facts and what the second adds are the facts
    of a reading with the app's own blueprint classes known (the lines of the blueprints made)."""
    files: dict[str, str | bytes] = {p.relative_to(SUBCLASSED).as_posix(): p.read_bytes()
                                     for p in SUBCLASSED.rglob("*.py")}
    ctx = ScanContext(RepoReader.from_mapping(files), load(), frozenset({"app"}))
    first, units = MoveReader(ctx), frozenset({"AppBlueprint", "PluginBlueprint"})
    source = SourceFile(path, (SUBCLASSED / path).read_bytes())
    facts, _, own = first.read(source, ImportHeads(frozenset({"flask"}), "flask_"))
    again = MoveReader(ctx, units).unit_facts(source, own)
    combined = facts if again is None else again[0] if again[1] else facts + again[0]
    assert sorted(combined) == sorted(MoveReader(ctx, units).facts(source)), path
    assert [f.line for f in combined if f.kind is FactKind.BLUEPRINT] == made
    assert (again is None) == (path in ("app/web/blueprint.py", "app/models.py"))  # theirs, or none


@pytest.mark.parametrize("text", [
    "from app.web import AppBlueprint as Part\n",
    "from app.web import (AppBlueprint\n    as Part)\n",
    "from app.web import (AppBlueprint  # the app's own\n    as Part)\n",
    "from app.web import AppBlueprint \\\n    as Part\n",
    "from app.web import (\n    Other,\n    AppBlueprint\tas\tPart,\n)\n",
])
def test_a_name_imported_under_another_is_found_in_every_form_an_import_takes(text: str) -> None:
    """move_places.aliased: what picks the modules a move's second reading must read, so it
    may find more than the imports (`except AppBlueprint as e`), never fewer."""
    assert aliased(text, frozenset({"AppBlueprint", "PluginBlueprint"})) == {"AppBlueprint"}
