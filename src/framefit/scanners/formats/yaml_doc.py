"""YAML for scanners: documents built from the parser's events into small nodes with their lines.

Built from events (libyaml's C parser when PyYAML has it), not composed: nothing is
constructed, CloudFormation tags such as `!Ref` are only labels, nothing recurses however deep
the input nests, and merge keys (`<<`) are resolved once per mapping. An alias shares the node
it names; a document whose aliases and merges would make it larger, unfolded, than the file's
work budget (a "billion laughs") is a `too-complex` diagnostic, so no reader of the nodes can
be made to walk more than that budget.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple, TypeGuard

from framefit.frozen import frozen
from framefit.model import Diagnostic
from framefit.scanners.base import WORK_BUDGET, Budget, clip

MERGE = "<<"
# Without libyaml, PyYAML's pure-Python parser reads about 300 kB a second: a larger file is
# `too-large` rather than a stall.
PURE_PYTHON_BYTES = 256_000


class Scalar(NamedTuple):
    """A scalar's text (tags are labels: `!Ref x` is "x") and the 1-based line it starts on."""

    line: int
    value: str

    @property
    def size(self) -> int:
        return 1


@dataclass(frozen=True, slots=True, eq=False)
class Mapping:
    """A mapping with scalar keys: key -> (line of the key, value); merges resolved, first wins."""

    line: int
    entries: dict[str, tuple[int, Node]]
    size: int  # nodes in the tree it stands for, aliases and merges unfolded


@frozen
class Sequence:
    line: int
    items: tuple[Node, ...]
    size: int


Node = Scalar | Mapping | Sequence


class _InvalidError(Exception):
    """A document that is YAML but cannot be read as a tree (a recursive alias, too large)."""

    def __init__(self, line: int, kind: str, message: str) -> None:
        super().__init__(message)
        self.line, self.kind, self.message = line, kind, message


@dataclass(slots=True)
class _Open:
    """A mapping or sequence whose end event has not come yet: its nodes so far, in order (a
    mapping's keys and values alternate)."""

    line: int
    anchor: str | None
    mapping: bool
    nodes: list[Node] = field(default_factory=list)


def documents(path: str, data: bytes) -> tuple[list[Node], Diagnostic | None]:
    """Every document's root node, or a decode/parse/too-complex diagnostic (with the documents
    before it)."""
    import yaml  # ~15 ms: only for a repo with YAML files to read

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return [], Diagnostic(path, None, "decode-error", f"not UTF-8: {exc.reason}")
    if not yaml.__with_libyaml__ and len(data) > PURE_PYTHON_BYTES:
        return [], Diagnostic(path, None, "too-large", f"{len(data):,} bytes of YAML, over "
                              f"{PURE_PYTHON_BYTES:,} without libyaml (PyYAML built without it)")
    builder = _Builder()
    # libyaml's parser when PyYAML was built with it: twenty times faster, same lines.
    loader = (yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader)(text)
    try:
        builder.build(loader.get_event)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        return builder.done, Diagnostic(path, line, "parse-error", f"not valid YAML: {problem}")
    except _InvalidError as exc:
        return builder.done, Diagnostic(path, exc.line, exc.kind, exc.message)
    finally:
        loader.dispose()
    return builder.done, None


_CHUNK = 1024


class _Builder:
    """Turns parser events into nodes, with an explicit stack of the collections still open."""

    def __init__(self) -> None:
        self.budget = Budget()
        self.done: list[Node] = []
        self._size = 0  # of the documents done, unfolded
        self._stack: list[_Open] = []
        self._anchors: dict[str, Node | None] = {}  # None: its node is still open

    def build(self, next_event: Callable[[], Any]) -> None:
        """Read every event; each is a step of the work budget (spent a thousand at a time), as
        is each entry a merge key copies."""
        from yaml import events

        scalar = events.ScalarEvent
        starts = (events.MappingStartEvent, events.SequenceStartEvent)
        ends = (events.MappingEndEvent, events.SequenceEndEvent)
        count, stack = 0, self._stack
        while (event := next_event()) is not None:
            count += 1
            kind, line = type(event), event.start_mark.line + 1
            if kind is scalar and stack and event.anchor is None:  # most events: inlined
                stack[-1].nodes.append(Scalar(line, event.value))
            elif kind in starts:
                self._open(line, event.anchor, kind is events.MappingStartEvent)
            elif kind in ends:
                top = self._stack.pop()
                self._close(self._mapping(top) if top.mapping else self._sequence(top), top.anchor)
            else:
                self._other(event, kind, line)
            if count == _CHUNK:
                count = 0
                self._spend(line)

    def _other(self, event: Any, kind: type, line: int) -> None:
        """An event of the few: an anchored or top-level scalar, an alias, a document start
        (its anchors are its own); the stream's and documents' other events say nothing."""
        from yaml import events

        if kind is events.ScalarEvent:
            self._close(Scalar(line, event.value), event.anchor)
        elif kind is events.AliasEvent:
            self._close(self._alias(event.anchor, line), None)
        elif kind is events.DocumentStartEvent:
            self._anchors = {}

    def _spend(self, line: int) -> None:
        if not self.budget.spend(_CHUNK):
            raise _InvalidError(line, "too-large", f"more YAML than its work budget of {WORK_BUDGET:,}")

    def _open(self, line: int, anchor: str | None, mapping: bool) -> None:
        self._stack.append(_Open(line, anchor, mapping))
        if anchor is not None:
            self._anchors[anchor] = None

    def _alias(self, anchor: str, line: int) -> Node:
        if anchor not in self._anchors:
            raise _InvalidError(line, "parse-error", f"not valid YAML: alias *{clip(anchor)} names no anchor")
        found = self._anchors[anchor]
        if found is None:
            raise _InvalidError(line, "parse-error",
                                f"not valid YAML: alias *{clip(anchor)} is inside its own anchor")
        return found

    def _close(self, node: Node, anchor: str | None) -> None:
        """`node` is complete: it goes to the collection open around it, or is a document."""
        if anchor is not None:
            self._anchors[anchor] = node
        if self._stack:
            self._stack[-1].nodes.append(node)
            return
        self._size += node.size
        _check(self._size, node.line)
        self.done.append(node)

    def _mapping(self, top: _Open) -> Mapping:
        entries: dict[str, tuple[int, Node]] = {}
        merged: list[Node] = []
        nodes = top.nodes
        for index in range(0, len(nodes) - 1, 2):
            key, value = nodes[index], nodes[index + 1]
            if not isinstance(key, Scalar):
                continue  # a complex key (`? [a, b]`) names nothing a scanner looks up
            if key.value == MERGE:
                merged.extend(value.items if isinstance(value, Sequence) else (value,))
            elif key.value not in entries:
                entries[key.value] = (key.line, value)
        if merged:
            self._merge(entries, merged, top.line)
        size = 1 + sum(value.size for _, value in entries.values())
        _check(size, top.line)
        return Mapping(top.line, entries, size)

    def _merge(self, entries: dict[str, tuple[int, Node]], merged: list[Node], line: int) -> None:
        """The entries of the mappings a merge key names, under those the mapping has itself."""
        for source in merged:
            if isinstance(source, Mapping):
                if not self.budget.spend(len(source.entries)):
                    raise _InvalidError(line, "too-complex",
                                        f"merge keys unfold past {WORK_BUDGET:,} entries")
                for key_text, entry in source.entries.items():
                    entries.setdefault(key_text, entry)

    def _sequence(self, top: _Open) -> Sequence:
        size = 1 + sum(item.size for item in top.nodes)
        _check(size, top.line)
        return Sequence(top.line, tuple(top.nodes), size)


def _check(size: int, line: int) -> None:
    if size > WORK_BUDGET:
        raise _InvalidError(line, "too-complex",
                       f"aliases and merge keys unfold this YAML past {WORK_BUDGET:,} nodes")


def line(node: Node) -> int:
    """1-based line where `node` starts."""
    return node.line


def is_mapping(node: object) -> TypeGuard[Mapping]:
    return isinstance(node, Mapping)


def is_sequence(node: object) -> TypeGuard[Sequence]:
    return isinstance(node, Sequence)


def is_scalar(node: object) -> TypeGuard[Scalar]:
    return isinstance(node, Scalar)


def get(node: Node | None, key: str) -> Node | None:
    """The value under `key` of a mapping node (merge keys `<<` followed), else None."""
    found = node.entries.get(key) if isinstance(node, Mapping) else None
    return found[1] if found is not None else None


def key_line(node: Node | None, key: str) -> int | None:
    """1-based line of `key` itself in a mapping node (not of its value)."""
    found = node.entries.get(key) if isinstance(node, Mapping) else None
    return found[0] if found is not None else None


def pairs(node: Node | None) -> Iterator[tuple[str, Node]]:
    """(key, value) of a mapping node with scalar keys, each key once; nothing for any other node."""
    if isinstance(node, Mapping):
        for key, (_line, value) in node.entries.items():
            yield key, value


def items(node: Node | None) -> list[Node]:
    """The elements of a sequence node; [] for anything else."""
    return list(node.items) if isinstance(node, Sequence) else []


def text(node: Node | None) -> str | None:
    """The string of a scalar node, else None."""
    return node.value if isinstance(node, Scalar) else None


def at(node: Node | None, *keys: str) -> Node | None:
    """Follow mapping keys: at(doc, "provider", "name")."""
    for key in keys:
        node = get(node, key)
    return node


def source_line(lines: list[str], number: int) -> str:
    """The physical line `number` (1-based) of the file, for evidence details."""
    return lines[number - 1] if 0 < number <= len(lines) else ""
