"""Where in a module's text a fact of a move can be (scanners/python/move.py reads each place):
decorator lines, class statements, calls of given names, and the module's own `x = Cls(`
lines, each found by a search from the first bytes it can start with, never by a parse.
Whether a place is in a string or a comment is `module_text`'s to say; the reader asks."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

AT_DECORATOR, AT_CLASS, AT_CALL = 1, 2, 3  # what is at a place (in this order at one offset)
_WORD_CHAR = re.compile(r"\w")
_BEFORE_NAME = re.compile(r"[\w.]")  # before a name: it is the end of a longer word, or an attribute
_AS = re.compile(r"as\s")  # searched for from its letters; the blank before is checked after
_CLASS_WORD = re.compile(r"class[ \t\f]+[A-Za-z_]\w*[ \t\f]*\(")  # found fast: starts with a word
# `x = Cls(` starting a line, found from the line break before it (a search skips to a literal
# fast; `^` in MULTILINE mode is tried at every character), the first line matched on its own.
# Possessive (`*+`): what follows a run never matches what the run gives back, so no match is
# lost, and a line that is no binding fails without trying each shorter run (2.5 times faster).
_INSTANCE = re.compile(r"[ \t]*+([A-Za-z_]\w*+)[ \t]*+(?::[^=\n]*+)?=[ \t]*+([A-Za-z_][\w.]*+)[ \t]*+\(")
_INSTANCE_LINE = re.compile(r"\n" + _INSTANCE.pattern)


class Calls:
    """Where any of some names is called (`name(`, `x.name (`), not as the end of a longer
    word: found in one pass over the module's text reversed, from each `(` back over blanks
    to a name no word character comes before. (A pattern is searched for fast from the
    literal it starts with, here the bracket; names in front of it would be an alternative,
    tried at every character, or a pass per name.)"""

    def __init__(self, names: Iterable[str]) -> None:
        reversed_names = "|".join(re.escape(name[::-1]) for name in sorted(set(names)))
        self.pattern = re.compile(r"\([ \t]*+(" + reversed_names + r")(?!\w)") if reversed_names else None

    def places(self, text: str, start: int = 0) -> list[int]:
        """The offsets of the calls of the names in `text` from `start` on, last first."""
        if self.pattern is None:
            return []
        end = len(text)
        found = [end - match.end() for match in self.pattern.finditer(text[::-1])]
        return found if not start else [at for at in found if at >= start]

    def called(self, text: str) -> set[str]:
        """Which of the names `text` calls."""
        if self.pattern is None:
            return set()
        return {match.group(1)[::-1] for match in self.pattern.finditer(text[::-1])}


def instances(text: str) -> Iterator[tuple[int, re.Match[str]]]:
    """(where its line starts, the match) of each `x = Cls(` line, in order."""
    first = _INSTANCE.match(text)
    if first is not None:
        yield 0, first
    for match in _INSTANCE_LINE.finditer(text):
        yield match.start() + 1, match


def decorator_places(text: str) -> list[tuple[int, int]]:
    """(line start, AT_DECORATOR) of each `@` that only blanks come before on its line."""
    places: list[tuple[int, int]] = []
    at = text.find("@")
    while at != -1:
        start = line_start(text, at)
        if start is not None:
            places.append((start, AT_DECORATOR))
        at = text.find("@", at + 1)
    return places


def class_places(text: str) -> list[tuple[int, int]]:
    """(line start, AT_CLASS) of each `class X(` that only blanks come before on its line."""
    return [(start, AT_CLASS) for m in _CLASS_WORD.finditer(text)
            if (start := line_start(text, m.start())) is not None]


def call_places(text: str, calls: Calls) -> list[tuple[int, int]]:
    """(offset, AT_CALL) of each call of one of the names of `calls`."""
    return [(at, AT_CALL) for at in calls.places(text)]


def line_start(text: str, at: int) -> int | None:
    """The start of the line of offset `at` when only blanks come before it there."""
    start = text.rfind("\n", 0, at) + 1
    return start if not text[start:at].strip(" \t\f") else None


def aliased(text: str, names: frozenset[str]) -> set[str]:
    """Those of `names` that `text` holds before an `as` word, past blanks, line breaks, `\\`
    and a comment closing a line: names it may import under another name (every form of
    `from m import (Name  # why\n    as Other)`; more than that at times, `except Name as e`).
    Each `as` is found from its own letters, where a pattern of every name would be tried at
    every character."""
    found: set[str] = set()
    for match in _AS.finditer(text):
        end = match.start()
        if end == 0 or not text[end - 1].isspace():
            continue
        while end > 0 and text[end - 1] in " \t\f\\":
            end -= 1
        if end > 0 and text[end - 1] in "\r\n":  # `as` opens its line: the name ends the one above
            end = _line_end(text, end)
        start = end
        while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
            start -= 1
        if text[start:end] in names:
            found.add(text[start:end])
    return found


def _line_end(text: str, end: int) -> int:
    """Where the last word before the line break(s) at `end` ends: past blank lines and
    continuations, and a comment closing the line (an import line holds no string, so its
    first `#` starts one). Each line is read once for an `as` that opens the next."""
    while end > 0 and text[end - 1] in " \t\f\r\n\\":
        end -= 1
    line_start = text.rfind("\n", 0, end) + 1
    comment = text.find("#", line_start, end)
    if comment == -1:
        return end
    while comment > line_start and text[comment - 1] in " \t\f":
        comment -= 1
    return comment


def called_in(text: str, name: str) -> bool:
    """Whether `text` calls `name` itself, not an attribute so named (`call_offsets`)."""
    return bool(call_offsets(text, name, attribute=False))


def call_offsets(text: str, name: str, start: int = 0, attribute: bool = True) -> list[int]:
    """Where, from `start` on, `text` holds `name` as a whole word with a call's `(` after it
    (past blanks), as `Calls` finds a call (`x.name(` too, with `attribute`): in a string or
    a comment as well (what counts is what a call place then reads outside them). A search
    for one name, where `Calls` compiles a pattern."""
    found = []
    before = _WORD_CHAR if attribute else _BEFORE_NAME
    at = text.find(name, start)
    while at != -1:
        end = after = at + len(name)
        while after < len(text) and text[after] in " \t":
            after += 1
        if after < len(text) and text[after] == "(" and (at == 0 or before.match(text, at - 1) is None):
            found.append(at)
        at = text.find(name, end)
    return found
