"""`@frozen`: a frozen, slotted dataclass whose methods are written in one code generation.

`@dataclass(frozen=True, slots=True)` on Python 3.11 compiles each method it writes on its own
(__init__, __repr__, __eq__, __hash__, __setattr__, __delattr__: six `exec`s a class) and, for a
class without a docstring, asks `inspect.signature` for one: some 0.5 ms a class, some 40 ms of
every run for framefit's ~90 value types. `frozen` lets dataclasses collect the fields and make
the slots (writing no method), then writes the same methods: __init__ from one short source
text, the others as closures over the field names (module `_write`).

A class made so is a dataclass (`dataclasses.fields`, `replace` and `is_dataclass` work) and
behaves as `@dataclass(frozen=True, slots=True)` makes it: the same __init__ (defaults, default
factories, __post_init__), repr, equality and hash over the compared fields, FrozenInstanceError
on assignment, pickling (the process pool's workers send values back), `__match_args__`.
tests/test_frozen.py holds it to that, side by side with dataclasses.
"""

from __future__ import annotations

import reprlib
from collections.abc import Callable
from dataclasses import MISSING, Field, FrozenInstanceError, dataclass, field, fields
from operator import attrgetter
from typing import Any, TypeVar, dataclass_transform

T = TypeVar("T")

# The methods written; a class that defines one of them itself is left to dataclasses.
_WRITTEN = ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__",
            "__getstate__", "__setstate__")


class _Factory:
    """The default of a parameter whose field has a default factory (dataclasses' `<factory>`)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<factory>"


_FACTORY = _Factory()


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def frozen(cls: type[T]) -> type[T]:
    """The class as a frozen, slotted dataclass (see the module's docstring)."""
    own = [name for name in _WRITTEN if name in cls.__dict__]
    if own:
        raise TypeError(f"{cls.__qualname__}: @frozen writes {', '.join(own)}; use @dataclass")
    documented = bool(cls.__doc__)
    if not documented:
        cls.__doc__ = cls.__qualname__  # dataclasses would ask inspect for a signature: written below
    made: type[T] = dataclass(slots=True, init=False, repr=False, eq=False)(cls)
    _write(made, fields(made))  # type: ignore[arg-type]  # made is a dataclass
    if not documented:
        made.__doc__ = made.__name__ + _signature(fields(made))  # type: ignore[arg-type]
    return made


def _write(cls: type, every: tuple[Field[Any], ...]) -> None:
    """The methods dataclasses would write for `every` field: __init__ from a source text (its
    signature is the fields'), the others as closures over the field names. The text holds no
    f-string: Python 3.11 parses each expression of one again, which cost more than the rest."""
    for f in every:
        if not f.init or f.kw_only is True:
            raise TypeError(f"{cls.__qualname__}.{f.name}: @frozen has no init=False or kw_only field")
    scope: dict[str, Any] = {"__builtins__": __builtins__, "_object_setattr": object.__setattr__,
                             "_FACTORY": _FACTORY}
    parameters, body = ["self"], []
    for f in every:
        if f.default is not MISSING:
            scope["_default_" + f.name] = f.default
            parameters.append(f.name + "=_default_" + f.name)
        elif f.default_factory is not MISSING:
            scope["_factory_" + f.name] = f.default_factory
            parameters.append(f.name + "=_FACTORY")
        else:
            parameters.append(f.name)
        value = (f"_factory_{f.name}() if {f.name} is _FACTORY else {f.name}"
                 if f.default_factory is not MISSING else f.name)
        body.append(f" _object_setattr(self, {f.name!r}, {value})")
    if hasattr(cls, "__post_init__"):
        body.append(" self.__post_init__()")
    exec("\n".join([f"def __init__({', '.join(parameters)}):", *(body or [" pass"])]), scope)
    scope["__init__"].__annotations__ = {**{f.name: f.type for f in every}, "return": None}
    methods = {"__init__": scope["__init__"],
               **_closures(cls, tuple(f.name for f in every), [f.name for f in every if f.repr],
                           [f.name for f in every if f.compare],
                           [f.name for f in every if (f.compare if f.hash is None else f.hash)])}
    for name, method in methods.items():
        method.__name__, method.__qualname__ = name, f"{cls.__qualname__}.{name}"
        setattr(cls, name, method)


def _closures(cls: type, names: tuple[str, ...], shown: list[str], compared: list[str],
              hashed: list[str]) -> dict[str, Callable[..., Any]]:
    """__repr__, __eq__, __hash__, __setattr__, __delattr__, __getstate__ and __setstate__ as
    dataclasses writes them for a frozen, slotted class with these fields."""
    compare, hash_of, every = _values(compared), _values(hashed), _values(list(names))

    @reprlib.recursive_repr()
    def represent(self: object) -> str:
        inner = ", ".join(name + "=" + repr(getattr(self, name)) for name in shown)
        return self.__class__.__qualname__ + "(" + inner + ")"

    def equal(self: object, other: object) -> object:  # bool, or NotImplemented
        if other.__class__ is self.__class__:
            return compare(self) == compare(other)
        return NotImplemented

    def hashed_value(self: object) -> int:
        return hash(hash_of(self))

    def assign(self: object, name: str, value: object) -> None:
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f"cannot assign to field {name!r}")
        object.__setattr__(self, name, value)  # a subclass's own attribute

    def delete(self: object, name: str) -> None:
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f"cannot delete field {name!r}")
        object.__delattr__(self, name)

    def state(self: object) -> list[object]:
        return list(every(self))

    def restore(self: object, values: list[object]) -> None:
        for name, value in zip(names, values, strict=False):
            object.__setattr__(self, name, value)

    return {"__repr__": represent, "__eq__": equal, "__hash__": hashed_value, "__setattr__": assign,
            "__delattr__": delete, "__getstate__": state, "__setstate__": restore}


def _values(names: list[str]) -> Callable[[object], tuple[object, ...]]:
    """The tuple of these attributes' values (what dataclasses compares and hashes)."""
    if len(names) > 1:
        return attrgetter(*names)
    if names:
        one = attrgetter(names[0])
        return lambda value: (one(value),)
    return lambda value: ()


def _signature(every: tuple[Field[Any], ...]) -> str:
    """The text dataclasses gives a class without a docstring: its __init__'s signature."""
    parts = []
    for f in every:
        default = (f" = {f.default!r}" if f.default is not MISSING
                   else " = <factory>" if f.default_factory is not MISSING else "")
        annotation = f.type if isinstance(f.type, str) else getattr(f.type, "__name__", repr(f.type))
        parts.append(f"{f.name}: {annotation!r}{default}" if isinstance(f.type, str)
                     else f"{f.name}: {annotation}{default}")
    return "(" + ", ".join(parts) + ")"
