"""YAML for scanners: composed nodes (PyYAML's safe loader, nothing constructed) with their lines.

Composing rather than loading keeps every node's line (`start_mark.line`), accepts CloudFormation
tags such as `!Ref` (a tag is only a label on a node), and never expands aliases, so a
"billion laughs" document costs no more than its text.
"""

from __future__ import annotations

from collections.abc import Iterator

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from framefit.model import Diagnostic


def documents(path: str, data: bytes) -> tuple[list[Node], Diagnostic | None]:
    """Every document's root node, or a decode/parse diagnostic (with the documents before it)."""
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


def get(node: Node | None, key: str) -> Node | None:
    """The value under `key` of a mapping node (merge keys `<<` followed), else None."""
    for found_key, value in pairs(node):
        if found_key == key:
            return value
    return None


def key_line(node: Node | None, key: str) -> int | None:
    """1-based line of `key` itself in a mapping node (not of its value)."""
    if isinstance(node, MappingNode):
        for found, _value in node.value:
            if isinstance(found, ScalarNode) and found.value == key:
                return line(found)
    return None


def pairs(node: Node | None, seen: frozenset[int] = frozenset()) -> Iterator[tuple[str, Node]]:
    """(key, value) of a mapping node with scalar keys; nothing for any other node."""
    if not isinstance(node, MappingNode) or id(node) in seen:
        return
    seen = seen | {id(node)}
    merged: list[Node] = []
    for key, value in node.value:
        if isinstance(key, ScalarNode) and key.value == "<<":
            merged.extend(value.value if isinstance(value, SequenceNode) else [value])
        elif isinstance(key, ScalarNode):
            yield str(key.value), value
    for other in merged:
        yield from pairs(other, seen)


def items(node: Node | None) -> list[Node]:
    """The elements of a sequence node; [] for anything else."""
    return list(node.value) if isinstance(node, SequenceNode) else []


def text(node: Node | None) -> str | None:
    """The string of a scalar node, else None."""
    return str(node.value) if isinstance(node, ScalarNode) else None


def at(node: Node | None, *keys: str) -> Node | None:
    """Follow mapping keys: at(doc, "provider", "name")."""
    for key in keys:
        node = get(node, key)
    return node


def source_line(lines: list[str], number: int) -> str:
    """The physical line `number` (1-based) of the file, for evidence details."""
    return lines[number - 1] if 0 < number <= len(lines) else ""
