"""The contract between moves.toml and the move's code facts, generated from the catalog: for
every route call and decorator, blueprint call, model base and form base, a minimal module that
uses it gives its code fact; the same through a name bound in the repo's own module."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from framefit.catalog import load
from framefit.model import FactKind
from tests.scanners.python_helpers import move_py

CATALOG = load()
Case = tuple[str, str, str, FactKind]  # (id, binding lines, the use, kind)


def _bound(key: str) -> tuple[list[str], str]:
    """Lines that bind what `key` names and the expression naming it ("a.B().m": an instance)."""
    lines = [f"import {key.split('.')[0]}"]
    if "()." in key:
        owner, _, method = key.rpartition("().")
        lines.append(f"made = {owner}()")
        return lines, f"made.{method}"
    return lines, key


def _cases() -> Iterator[Case]:
    bases = CATALOG.views.code.tables["bases"]
    for framework, side in sorted(CATALOG.views.moves.items()):
        for key in sorted(side.route_calls):
            lines, expr = _bound(key)
            yield f"{framework}:call:{key}", "\n".join(lines), f"{expr}('x', view)", FactKind.ROUTE
        for key in sorted(side.route_decorators):
            lines, expr = _bound(key)
            yield (f"{framework}:decorator:{key}", "\n".join(lines),
                   f"@{expr}('/x')\ndef view():\n    pass", FactKind.ROUTE)
        for key in sorted(side.unit_calls):
            lines, expr = _bound(key)
            yield (f"{framework}:unit:{key}", "\n".join(lines), f"unit = {expr}('u', __name__)",
                   FactKind.BLUEPRINT)
        models = sorted(k for k, s in bases.items() if s in side.model_signals)
        classes = [*((k, FactKind.MODEL) for k in models),
                   *((k, FactKind.FORM) for k in sorted(side.form_bases))]
        for key, kind in classes:
            lines, expr = _bound(key.removesuffix("()") if key.endswith("()") else key)
            if key.endswith("()"):  # the instance is the base: `Base = declarative_base()`
                lines.append(f"Made = {expr}()")
                expr = "Made"
            yield (f"{framework}:{kind.value}:{key}", "\n".join(lines),
                   f"class Thing({expr}, table=True):\n    field = 1", kind)


CASES = list(_cases())


def _check(files: dict[str, str], path: str, kind: FactKind, local: frozenset[str]) -> None:
    facts = move_py(files[path], path, dict(files), local)
    assert kind in {f.kind for f in facts}, facts


@pytest.mark.parametrize(("binding", "use", "kind"), [pytest.param(b, u, k, id=i) for i, b, u, k in CASES])
def test_a_module_using_a_move_idiom_gives_its_fact_and_the_plan_keeps_it(
        binding: str, use: str, kind: FactKind) -> None:
    _check({"m.py": f"{binding}\n{use}\n"}, "m.py", kind, frozenset())


@pytest.mark.parametrize(("binding", "use", "kind"), [pytest.param(b, u, k, id=i) for i, b, u, k in CASES])
def test_the_same_through_the_repos_own_module(binding: str, use: str, kind: FactKind) -> None:
    """The name the use starts from is imported from app/ext.py, which binds it."""
    named = use.split("(")[1] if use.startswith("class") else use.split("(")[0].split()[-1]
    name = named.lstrip("@").split(".")[0].split(",")[0]
    files = {"app/__init__.py": "", "app/ext.py": binding + "\n",
             "app/m.py": f"from .ext import {name}\n{use}\n"}
    _check(files, "app/m.py", kind, frozenset({"app"}))


def test_every_moves_entry_has_a_case() -> None:
    ids = {case[0] for case in CASES}
    for framework, side in CATALOG.views.moves.items():
        for key in (*side.route_calls, *side.route_decorators, *side.unit_calls, *side.form_bases):
            assert any(i.startswith(f"{framework}:") and i.endswith(f":{key}") for i in ids), key
