"""`@frozen`: a frozen, slotted dataclass whose methods are written in one code generation.

`@dataclass(frozen=True, slots=True)` on Python 3.11 compiles each method it writes on its own
(__init__, __repr__, __eq__, __hash__, __setattr__, __delattr__: six `exec`s a class) and, for a
class without a docstring, asks `inspect.signature` for one: some 0.5 ms a class, some 40 ms of
every run for framefit's ~90 value types. `frozen` lets dataclasses collect the fields and make
the slots (writing no method), then writes the same methods: __init__ from a code template
compiled once for every class of its shape, the others as closures over the field names.

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
from types import CodeType, FunctionType
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
    """The methods dataclasses would write for `every` field: __init__ from a template of its
    shape (module `_init`), the others as closures over the field names."""
    for f in every:
        if not f.init or f.kw_only is True:
            raise TypeError(f"{cls.__qualname__}.{f.name}: @frozen has no init=False or kw_only field")
    methods = {"__init__": _init(cls, every), **_closures(cls, *_roles(every))}
    for name, method in methods.items():
        method.__name__, method.__qualname__ = name, f"{cls.__qualname__}.{name}"
        setattr(cls, name, method)


def _roles(every: tuple[Field[Any], ...]) -> tuple[tuple[str, ...], list[str], list[str], list[str]]:
    """The names of every field, of those shown in the repr, compared, and hashed."""
    return (tuple(f.name for f in every), [f.name for f in every if f.repr],
            [f.name for f in every if f.compare],
            [f.name for f in every if (f.compare if f.hash is None else f.hash)])


# A shape's __init__, compiled once: (fields, the positions of those with a default factory,
# whether __post_init__ is called) -> code whose parameters and strings are `_0`, `_1`...
_TEMPLATES: dict[tuple[int, tuple[int, ...], bool], CodeType] = {}


def _init(cls: type, every: tuple[Field[Any], ...]) -> Callable[..., None]:
    """The __init__ dataclasses writes for a frozen class: each field set with object.__setattr__
    (a default factory called when its parameter is left out), then __post_init__ if defined.

    Compiling source costs some 0.5 ms a class on Python 3.11, most of it the parser's start:
    the ~80 classes have some 17 shapes, so each shape's code is compiled once and given the
    class's names (its parameters and the strings it sets) with CodeType.replace.
    """
    factories = tuple(i for i, f in enumerate(every) if f.default_factory is not MISSING)
    code = _init_code(cls, every, factories)
    scope: dict[str, Any] = {"__builtins__": __builtins__, "_object_setattr": object.__setattr__,
                             "_FACTORY": _FACTORY}
    scope.update((f"_factory_{i}", every[i].default_factory) for i in factories)
    defaults = _defaults(every)
    method: Callable[..., None] = FunctionType(code, scope, "__init__", defaults or None)
    method.__annotations__ = {**{f.name: f.type for f in every}, "return": None}
    method.__module__ = cls.__module__
    return method


def _init_code(cls: type, every: tuple[Field[Any], ...], factories: tuple[int, ...]) -> CodeType:
    """The code of the class's __init__: its shape's template, given the class's names."""
    shape = (len(every), factories, hasattr(cls, "__post_init__"))
    if shape not in _TEMPLATES:
        _TEMPLATES[shape] = _template(*shape)
    template = _TEMPLATES[shape]
    names = {f"_{i}": f.name for i, f in enumerate(every)}
    return template.replace(
        co_varnames=tuple(names.get(v, v) for v in template.co_varnames),
        co_consts=tuple(names.get(c, c) if isinstance(c, str) else c for c in template.co_consts),
        co_name="__init__", co_qualname=f"{cls.__qualname__}.__init__")


def _defaults(every: tuple[Field[Any], ...]) -> tuple[object, ...]:
    """The __init__'s defaults (`_FACTORY` for a default factory's); none may precede a field
    without one."""
    defaults = [f.default if f.default is not MISSING else _FACTORY for f in every
                if f.default is not MISSING or f.default_factory is not MISSING]
    for f in every[len(every) - len(defaults):]:
        if f.default is MISSING and f.default_factory is MISSING:
            raise TypeError(f"non-default argument {f.name!r} follows default argument")
    return tuple(defaults)


def _template(count: int, factories: tuple[int, ...], post_init: bool) -> CodeType:
    """The code of an __init__ of this shape, its fields named `_0`, `_1`... (no f-string in
    the text: Python 3.11 parses each expression of one again)."""
    body = [f" _object_setattr(self, '_{i}', _factory_{i}() if _{i} is _FACTORY else _{i})"
            if i in factories else f" _object_setattr(self, '_{i}', _{i})" for i in range(count)]
    if post_init:
        body.append(" self.__post_init__()")
    parameters = ", ".join(["self", *(f"_{i}" for i in range(count))])
    scope: dict[str, Any] = {}
    exec("\n".join([f"def __init__({parameters}):", *(body or [" pass"])]), scope)
    code: CodeType = scope["__init__"].__code__
    return code


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
