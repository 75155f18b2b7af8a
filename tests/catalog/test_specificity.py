"""The catalog's `generic` / `specific` lists (answers/question.py weighs the two kinds): each
names a question the entry has an effect on, of the polarity the list flips."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from framefit import catalog as catalog_package
from framefit.catalog import load
from framefit.model import Question

FOLDER = Path(catalog_package.__file__).parent
QUESTIONS = {q.value for q in Question}
# (file, entry, list, question) for every listed question of every entry
LISTED = [
    (path.name, key, kind, question)
    for path in sorted(FOLDER.glob("*.toml"))
    for key, table in tomllib.loads(path.read_text()).items() if isinstance(table, dict)
    for kind in ("generic", "specific") if isinstance(table.get(kind), list)
    for question in table[kind]
]


def _effect(file: str, key: str, question: str) -> str:
    table = tomllib.loads((FOLDER / file).read_text())[key]
    return str(table.get(question, ""))


def test_some_entries_are_listed() -> None:
    kinds = {(kind, question) for _, _, kind, question in LISTED}
    assert ("generic", "user_login") in kinds
    assert ("specific", "user_login") in kinds


@pytest.mark.parametrize(("file", "key", "kind", "question"), LISTED,
                         ids=[f"{f}:{k}:{q}" for f, k, _, q in LISTED])
def test_a_listed_question_is_an_effect_of_the_polarity_it_flips(file: str, key: str, kind: str,
                                                                 question: str) -> None:
    assert question in QUESTIONS
    effect = _effect(file, key, question)
    assert effect, f"{key} lists {question} under {kind} but has no effect on it"
    assert effect.startswith("counter") == (kind == "specific"), (key, kind, effect)


@pytest.mark.parametrize(("signal", "specific"), [
    pytest.param("import:joserfc", [False], id="listed_generic_for"),
    pytest.param("machine-token-auth", [True], id="listed_specific_against"),
    pytest.param("import:flask_login", [True], id="for_is_specific_by_default"),
    pytest.param("import:redis", [False], id="against_is_generic_by_default"),
])
def test_listing_flips_the_default(signal: str, specific: list[bool]) -> None:
    assert [e.specific for e in load().effects(signal)] == specific
