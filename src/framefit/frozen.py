"""`@frozen`: a frozen, slotted dataclass whose methods are written in one code generation.

`@dataclass(frozen=True, slots=True)` on Python 3.11 compiles each method it writes on its own
(__init__, __repr__, __eq__, __hash__, __setattr__, __delattr__: six `exec`s a class) and, for a
class without a docstring, asks `inspect.signature` for one: some 0.5 ms a class, some 40 ms of
every run for framefit's ~90 value types. `frozen` lets dataclasses collect the fields and make
the slots (writing no method), then writes the same methods from one source text.

A class made so is a dataclass (`dataclasses.fields`, `replace` and `is_dataclass` work) and
behaves as `@dataclass(frozen=True, slots=True)` makes it: the same __init__ (defaults, default
factories, __post_init__), repr, equality and hash over the compared fields, FrozenInstanceError
on assignment, pickling (the process pool's workers send values back), `__match_args__`.
tests/test_frozen.py holds it to that, side by side with dataclasses.
"""

from __future__ import annotations

import reprlib
from dataclasses import MISSING, Field, FrozenInstanceError, dataclass, field, fields
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
    """The methods dataclasses would write for `every` field, from one source text."""
    names = tuple(f.name for f in every)
    compared = [f.name for f in every if f.compare]
    hashed = [f.name for f in every if (f.compare if f.hash is None else f.hash)]
    for f in every:
        if not f.init or f.kw_only is True:
            raise TypeError(f"{cls.__qualname__}.{f.name}: @frozen has no init=False or kw_only field")
    scope: dict[str, Any] = {"__builtins__": __builtins__, "_cls": cls, "_Frozen": FrozenInstanceError,
                             "_object_setattr": object.__setattr__, "_FACTORY": _FACTORY}
    parameters, body = ["self"], []
    for f in every:
        if f.default is not MISSING:
            scope[f"_default_{f.name}"] = f.default
            parameters.append(f"{f.name}=_default_{f.name}")
        elif f.default_factory is not MISSING:
            scope[f"_factory_{f.name}"] = f.default_factory
            parameters.append(f"{f.name}=_FACTORY")
        else:
            parameters.append(f.name)
        value = (f"_factory_{f.name}() if {f.name} is _FACTORY else {f.name}"
                 if f.default_factory is not MISSING else f.name)
        body.append(f" _object_setattr(self, {f.name!r}, {value})")
    if hasattr(cls, "__post_init__"):
        body.append(" self.__post_init__()")
    shown = ", ".join(f"{f.name}={{self.{f.name}!r}}" for f in every if f.repr)
    source = "\n".join([
        f"def __init__({', '.join(parameters)}):", *(body or [" pass"]),
        "def __repr__(self):",
        f" return self.__class__.__qualname__ + f'({shown})'",
        "def __eq__(self, other):",
        " if other.__class__ is self.__class__:",
        f"  return {_tuple('self', compared)} == {_tuple('other', compared)}",
        " return NotImplemented",
        "def __hash__(self):",
        f" return hash({_tuple('self', hashed)})",
        "def __setattr__(self, name, value):",
        f" if type(self) is _cls or name in {names!r}:",
        "  raise _Frozen(f'cannot assign to field {name!r}')",
        " super(_cls, self).__setattr__(name, value)",
        "def __delattr__(self, name):",
        f" if type(self) is _cls or name in {names!r}:",
        "  raise _Frozen(f'cannot delete field {name!r}')",
        " super(_cls, self).__delattr__(name)",
        "def __getstate__(self):",
        f" return [{''.join(f'self.{name},' for name in names)}]",
        "def __setstate__(self, state):",
        f" for name, value in zip({names!r}, state):",
        "  _object_setattr(self, name, value)",
    ])
    exec(source, scope)  # framefit's own declarations: names of fields, never text from a repo
    scope["__init__"].__annotations__ = {**{f.name: f.type for f in every}, "return": None}
    scope["__repr__"] = reprlib.recursive_repr()(scope["__repr__"])
    for name in _WRITTEN:
        method = scope[name]
        method.__qualname__ = f"{cls.__qualname__}.{name}"
        setattr(cls, name, method)


def _tuple(owner: str, names: list[str]) -> str:
    return "(" + "".join(f"{owner}.{name}," for name in names) + ")"


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
