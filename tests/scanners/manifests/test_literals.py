"""The static evaluator behind setup.py: what it resolves, and what it refuses to guess."""

from __future__ import annotations

import ast

import pytest

from framefit.scanners.manifests.literals import Evaluator, FileLines, Found, Literal, Unresolved
from framefit.scanners.python.syntax import Parsed, parse


def evaluate(code: str) -> Found:
    """The value of the module-level name `RESULT` in `code`, evaluated statically."""
    parsed = parse("setup.py", f"{code}\nuse(RESULT)\n".encode())
    assert isinstance(parsed, Parsed)
    use = parsed.module.body[-1]
    assert isinstance(use, ast.Expr)
    assert isinstance(use.value, ast.Call)
    return Evaluator(parsed).strings(use.value.args[0])


@pytest.mark.parametrize(
    ("code", "items"),
    [
        pytest.param("RESULT = ['a', 'b' 'c']", (Literal("a", 1), Literal("bc", 1)), id="list"),
        pytest.param("A = ('a',)\nRESULT = A + ['b']", (Literal("a", 1), Literal("b", 2)),
                     id="name_plus_list"),
        pytest.param("A = 'a'\nRESULT = [A, *('b',)]", (Literal("a", 1), Literal("b", 2)),
                     id="string_name_and_star"),
        pytest.param("A = ['a']\nRESULT = list(A) + tuple(A)", (Literal("a", 1), Literal("a", 1)),
                     id="list_and_tuple_calls"),
        pytest.param("RESULT: list[str] = ['a']", (Literal("a", 1),), id="annotated"),
        pytest.param("with open('r.txt') as f:\n    RESULT = f.readlines()", (FileLines("r.txt", 2),),
                     id="with_handle"),
        pytest.param("import os\nD = os.path.dirname(os.path.abspath(__file__))\n"
                     "RESULT = open(os.path.join(D, 'req', 'a.txt')).readlines()",
                     (FileLines("req/a.txt", 3),), id="joined_on_file_dir"),
        pytest.param("from pathlib import Path\n"
                     "RESULT = (Path(__file__).parent / 'a.txt').read_text().splitlines()",
                     (FileLines("a.txt", 2),), id="pathlib_divide"),
        pytest.param("RESULT = open(file='r.txt').readlines()", (FileLines("r.txt", 1),),
                     id="path_as_keyword"),
        pytest.param("async def f():\n    RESULT = 1\nRESULT = ('a',)", (Literal("a", 3),),
                     id="async_function_names_are_its_own"),
    ],
)
def test_resolved(code: str, items: tuple[object, ...]) -> None:
    assert evaluate(code) == Found(items)


@pytest.mark.parametrize(
    ("code", "why"),
    [
        pytest.param("RESULT = get()", "a call that is not a file read", id="call"),
        pytest.param("RESULT = ['a']\nRESULT.append('b')", "RESULT is changed after it is bound",
                     id="appended"),
        pytest.param("RESULT = []\nRESULT += ['b']", "RESULT is changed after it is bound",
                     id="augmented"),
        pytest.param("for RESULT in [['a']]:\n    pass", "RESULT is bound by a loop or an unpacking",
                     id="loop"),
        pytest.param("RESULT, X = ['a'], 1", "RESULT is bound by a loop or an unpacking",
                     id="unpacked"),
        pytest.param("RESULT = f'{x}'", "not a list of strings", id="fstring"),
        pytest.param("RESULT = [f'{x}']", "not a string literal", id="fstring_item"),
        pytest.param("RESULT = open(name).readlines()", "name is bound 0 times", id="unknown_path"),
        pytest.param("RESULT = open('a').read().split(',')", "split on something other than newlines",
                     id="split_comma"),
        pytest.param("RESULT = RESULT", "names nest too deeply", id="self_reference"),
        pytest.param("RESULT = ['a']\ndef f():\n    RESULT.append('b')",
                     "RESULT is changed after it is bound", id="appended_in_a_function"),
        pytest.param("RESULT = [l.strip() for l in open('r.txt') if l is not None]",
                     "the comprehension changes the lines", id="comprehension_compares_lines"),
    ],
)
def test_unresolved(code: str, why: str) -> None:
    found = evaluate(code)
    assert found.items == ()
    assert [m.why for m in found.missing] == [why]


def test_what_is_certain_survives_beside_what_is_not() -> None:
    found = evaluate("RESULT = ['a'] + helper()")
    assert found.items == (Literal("a", 1),)
    assert found.missing == (Unresolved(1, "helper()", "a call that is not a file read"),)


def test_names_inside_functions_are_not_module_bindings() -> None:
    found = evaluate("def f():\n    RESULT = ['x']\nRESULT = ['a']")
    assert found == Found((Literal("a", 3),))
