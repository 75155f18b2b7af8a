"""@frozen makes the class @dataclass(frozen=True, slots=True) makes, with fewer code generations."""

from __future__ import annotations

import copy
import inspect
import pickle
from dataclasses import FrozenInstanceError, dataclass, field, fields, is_dataclass, replace

import pytest

from framefit.frozen import frozen
from framefit.model import Evidence


@dataclass(frozen=True, slots=True)
class ByDataclasses:
    path: str
    line: int | None
    items: tuple[str, ...] = ()
    seen: list[int] = field(default_factory=list, compare=False, repr=False)
    weight: float = 1.0


@frozen
class ByFrozen:
    path: str
    line: int | None
    items: tuple[str, ...] = ()
    seen: list[int] = field(default_factory=list, compare=False, repr=False)
    weight: float = 1.0


@frozen
class Checked:
    """A class with a __post_init__, which __init__ calls last."""

    low: int
    high: int

    def __post_init__(self) -> None:
        if self.low > self.high:
            raise ValueError("low > high")


def both(*args: object) -> tuple[ByDataclasses, ByFrozen]:
    return ByDataclasses(*args), ByFrozen(*args)  # type: ignore[arg-type]


def test_repr_equality_and_hash_are_those_of_dataclasses() -> None:
    made, ours = both("p", 3, ("x",), [1], 2.0)
    assert repr(ours) == repr(made).replace("ByDataclasses", "ByFrozen") == (
        "ByFrozen(path='p', line=3, items=('x',), weight=2.0)")
    assert hash(ours) == hash(made) == hash(("p", 3, ("x",), 2.0))
    assert ours == ByFrozen("p", 3, ("x",), [9], 2.0)  # `seen` is not compared
    assert ours != ByFrozen("p", 4, ("x",), [1], 2.0)
    assert ours.__eq__(made) is NotImplemented
    assert ours != made


def test_signature_defaults_and_docstring_are_those_of_dataclasses() -> None:
    assert str(inspect.signature(ByFrozen)) == str(inspect.signature(ByDataclasses))
    assert ByFrozen.__doc__ == ByDataclasses.__doc__.replace("ByDataclasses", "ByFrozen")
    assert ByFrozen.__match_args__ == ByDataclasses.__match_args__
    assert ByFrozen.__slots__ == ByDataclasses.__slots__
    assert ByFrozen.__init__.__qualname__ == "ByFrozen.__init__"
    first, second = ByFrozen("a", None), ByFrozen("a", None)
    assert first.items == ()
    assert first.weight == 1.0
    assert first.seen == []
    assert first.seen is not second.seen
    assert ByFrozen("a", None, seen=[2]).seen == [2]


def test_init_takes_keywords_and_says_what_is_missing_as_dataclasses_do() -> None:
    assert ByFrozen(line=2, path="k") == ByFrozen("k", 2)
    for kind in (ByDataclasses, ByFrozen):
        with pytest.raises(TypeError) as raised:
            kind("p")
        missing = "missing 1 required positional argument: 'line'"
        assert str(raised.value) == f"{kind.__qualname__}.__init__() {missing}"


def test_a_field_without_default_after_one_with_is_refused() -> None:
    with pytest.raises(TypeError, match="non-default argument 'line' follows default argument"):
        @frozen
        class Misordered:
            path: str = ""
            line: int


def test_it_is_a_dataclass_for_fields_and_replace() -> None:
    ours = ByFrozen("p", 3)
    assert is_dataclass(ours)
    assert [f.name for f in fields(ours)] == ["path", "line", "items", "seen", "weight"]
    assert replace(ours, line=4) == ByFrozen("p", 4)


@pytest.mark.parametrize("statement", ["value.path = 'q'", "del value.path", "value.other = 1"])
def test_assignment_raises(statement: str) -> None:
    with pytest.raises(FrozenInstanceError):
        exec(statement, {"value": ByFrozen("p", 3)})


def test_it_pickles_and_copies() -> None:
    ours = ByFrozen("p", 3, ("x",), [1])
    assert pickle.loads(pickle.dumps(ours)) == ours
    assert copy.deepcopy(ours) == ours
    assert copy.copy(ours) == ours
    evidence = Evidence("app.py", 1, "import:flask", "import flask")
    assert pickle.loads(pickle.dumps(evidence)) == evidence


def test_post_init_runs() -> None:
    assert Checked(1, 2).high == 2
    with pytest.raises(ValueError, match="low > high"):
        Checked(2, 1)


def test_a_class_writing_its_own_method_is_refused() -> None:
    with pytest.raises(TypeError, match="writes __eq__"):
        @frozen
        class Own:
            name: str

            def __eq__(self, other: object) -> bool:
                return True
