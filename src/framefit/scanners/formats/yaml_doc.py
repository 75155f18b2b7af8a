"""YAML for scanners: composed nodes (PyYAML's safe loader, nothing constructed) with their lines.

Composing rather than loading keeps every node's line (`start_mark.line`), accepts CloudFormation
tags such as `!Ref` (a tag is only a label on a node), and never expands aliases, so a
"billion laughs" document costs no more than its text.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, TypeGuard

from framefit.model import Diagnostic

if TYPE_CHECKING:
    from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode


def documents(path: str, data: bytes) -> tuple[list[Node], Diagnostic | None]:
    """Every document's root node, or a decode/parse diagnostic (with the documents before it)."""
    import yaml  # ~15 ms: only for a repo with YAML files to read

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return [], Diagnostic(path, None, "decode-error", f"not UTF-8: {exc.reason}")
    found: list[Node] = []
    try:
        for node in yaml.compose_all(text, Loader=yaml.SafeLoader):
            if node is not None:
                found.append(node)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        return found, Diagnostic(path, line, "parse-error", f"not valid YAML: {problem}")
    return found, None


def line(node: Node) -> int:
    """1-based line where `node` starts."""
    return int(node.start_mark.line) + 1


# A node's kind is told by its `id` ("scalar", "sequence", "mapping"), not by isinstance: this
# module is imported by every run, PyYAML only by one that reads YAML.
def is_mapping(node: object) -> TypeGuard[MappingNode]:
    return getattr(node, "id", None) == "mapping"


def is_sequence(node: object) -> TypeGuard[SequenceNode]:
    return getattr(node, "id", None) == "sequence"


def is_scalar(node: object) -> TypeGuard[ScalarNode]:
    return getattr(node, "id", None) == "scalar"


def get(node: Node | None, key: str) -> Node | None:
    """The value under `key` of a mapping node (merge keys `<<` followed), else None."""
    for found_key, value in pairs(node):
        if found_key == key:
            return value
    return None


def key_line(node: Node | None, key: str) -> int | None:
    """1-based line of `key` itself in a mapping node (not of its value)."""
    if is_mapping(node):
        for found, _value in node.value:
            if is_scalar(found) and found.value == key:
                return line(found)
    return None


def pairs(node: Node | None, seen: frozenset[int] = frozenset()) -> Iterator[tuple[str, Node]]:
    """(key, value) of a mapping node with scalar keys; nothing for any other node."""
    if not is_mapping(node) or id(node) in seen:
        return
    seen = seen | {id(node)}
    merged: list[Node] = []
    for key, value in node.value:
        if is_scalar(key) and key.value == "<<":
            merged.extend(value.value if is_sequence(value) else [value])
        elif is_scalar(key):
            yield str(key.value), value
    for other in merged:
        yield from pairs(other, seen)


def items(node: Node | None) -> list[Node]:
    """The elements of a sequence node; [] for anything else."""
    return list(node.value) if is_sequence(node) else []


def text(node: Node | None) -> str | None:
    """The string of a scalar node, else None."""
    return str(node.value) if is_scalar(node) else None


def at(node: Node | None, *keys: str) -> Node | None:
    """Follow mapping keys: at(doc, "provider", "name")."""
    for key in keys:
        node = get(node, key)
    return node


def source_line(lines: list[str], number: int) -> str:
    """The physical line `number` (1-based) of the file, for evidence details."""
    return lines[number - 1] if 0 < number <= len(lines) else ""
