"""A module's text as the move's byte reader walks it: brackets and logical lines, class
statements' heads and blocks, lines and offsets counted as the parser counts them, and whether
a place is inside a string or a comment (scanners/python/move.py reads facts at those places)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# Strings (any prefix, triple-quoted or not) and comments: where no fact can be.
# (Unrolled: a run of ordinary characters at a time, so a long docstring is passed over fast.)
_STRING = "|".join((r"'''[^'\\]*(?:(?:\\.|'(?!''))[^'\\]*)*'''",
                    r'"""[^"\\]*(?:(?:\\.|"(?!""))[^"\\]*)*"""',
                    r"'[^'\\\r\n]*(?:\\.[^'\\\r\n]*)*'", r'"[^"\\\r\n]*(?:\\.[^"\\\r\n]*)*"'))
_QUOTED = re.compile(r"#[^\r\n]*|" + _STRING, re.DOTALL)
# The tokens that end an expression or a logical line: brackets, line ends, strings, comments.
_TOKENS = re.compile(r"[()\[\]{}]|\\\r?\n|\r?\n|#[^\r\n]*|" + _STRING, re.DOTALL)
_OPEN, _CLOSE = frozenset("([{"), frozenset(")]}")
_HEAD_COLON = re.compile(r"[ \t\f]*(?:\\\r?\n[ \t\f]*)*:")  # a class head's colon after its ")"
_DEDENTS: dict[int, re.Pattern[str]] = {}  # per indentation: a line that ends a class's body


class UnsureError(Exception):
    """A snippet that does not parse as cut: the module is read from its whole parse instead."""


def _line_break(token: str) -> bool:
    """A token that ends a logical line (not a backslash continuation)."""
    return token.endswith("\n") and not token.startswith("\\")


class ModuleText:
    """One module's text, lexed only as far as asked (places come in order)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: list[int] | None = None  # every line's start, when a lone CR breaks lines
        self._lone_cr: bool | None = None
        self._counted = (0, 1)  # (offset, its line): the last `line_at`
        self._found = (0, 1)  # (offset, line starting there): the last `offset_of`
        self._lexed: Iterator[re.Match[str]] | None = None
        self._spans: list[tuple[int, int]] = []

    def brackets(self, start: int) -> Iterator[tuple[re.Match[str], str, int]]:
        """The tokens from `start` on, each with the bracket depth after it."""
        depth = 0
        for token in _TOKENS.finditer(self.text, start):
            value = token.group()
            if value in _OPEN:
                depth += 1
            elif value in _CLOSE:
                depth -= 1
            yield token, value, depth

    def logical_end(self, at: int) -> int:
        """Where the logical line holding offset `at` ends (its line break, or the text's end)."""
        for token, value, depth in self.brackets(at):
            if _line_break(value) and depth <= 0:
                return token.start()
        return len(self.text)

    def head_end(self, start: int) -> int:
        """The offset of the colon that ends the class head starting at `start`."""
        for token, value, depth in self.brackets(start):
            if value in _CLOSE and depth == 0:
                colon = _HEAD_COLON.match(self.text, token.end())
                if colon is None:
                    raise UnsureError
                return colon.end() - 1
            if _line_break(value) and depth <= 0:
                raise UnsureError
        raise UnsureError

    def closing(self, opening: int) -> int:
        for token, value, depth in self.brackets(opening):
            if value in _CLOSE and depth == 0:
                return token.start()
        raise UnsureError

    def block_end(self, start: int, indent: int, exact: bool) -> int:
        """The end of the class statement at `start`: past its body's lines (those indented
        deeper than `indent`, blank ones and comments between them), by its lines or, when
        `exact`, by its tokens."""
        text = self.text
        head = self.head_end(start) + 1
        end = self.logical_end(head)
        if text[head:end].split("#", 1)[0].strip():
            return end  # `class X(Base): body` on one line
        return self._tokens_end(head, indent) if exact else self._lines_end(end, indent)

    def _lines_end(self, end: int, indent: int) -> int:
        """The line break before the first line after `end` with code indented no deeper than
        `indent` (the text's end when there is none)."""
        text = self.text
        if indent not in _DEDENTS:
            _DEDENTS[indent] = re.compile(rf"\n(?=[ \t\f]{{0,{indent}}}[^ \t\f\r\n#])")
        found = _DEDENTS[indent].search(text, end)
        return len(text) if found is None else found.start()

    def _tokens_end(self, head: int, indent: int) -> int:
        """The first line break outside brackets after `head` that code indented no deeper
        than `indent` follows (the text's end when there is none)."""
        text = self.text
        for token, value, depth in self.brackets(head):
            if _line_break(value) and depth <= 0:
                after = token.end()
                stop = text.find("\n", after)
                following = text[after:len(text) if stop == -1 else stop]
                code = following.lstrip(" \t\f")
                if code.strip() and not code.startswith("#") and len(following) - len(code) <= indent:
                    return token.start()
        return len(text)

    def line_at(self, offset: int) -> int:
        """The line of `offset` (counted on from the last one asked: places come in order)."""
        if self._lone_cr is None:
            self._lone_cr = "\r" in self.text and re.search(r"\r(?!\n)", self.text) is not None
        if self._lone_cr:  # lines as the parser counts them
            if self._starts is None:
                self._starts = [0] + [m.end() for m in _LINE_BREAK.finditer(self.text)]
            return bisect.bisect_right(self._starts, offset)
        last, line = self._counted
        if offset < last:
            last, line = 0, 1
        line += self.text.count("\n", last, offset)
        self._counted = (offset, line)
        return line

    def offset_of(self, line: int) -> int | None:
        """Where `line` starts (None past the text's end)."""
        if self._lone_cr is None:
            self.line_at(0)
        if self._lone_cr:
            assert self._starts is not None
            return self._starts[line - 1] if line <= len(self._starts) else None
        at, counted = self._found
        if line < counted:
            at, counted = 0, 1
        while counted < line:
            at = self.text.find("\n", at) + 1
            if at == 0:
                return None
            counted += 1
        self._found = (at, counted)
        return at

    def quoted_at(self, offset: int) -> bool:
        """Whether `offset` is inside a string or a comment (the module lexed as far as asked)."""
        spans = self._spans
        if self._lexed is None:
            self._lexed = _QUOTED.finditer(self.text)
        while not spans or spans[-1][0] <= offset:
            found = next(self._lexed, None)
            if found is None:
                break
            spans.append(found.span())
        index = bisect.bisect_right(spans, (offset, len(self.text) + 1)) - 1
        return index >= 0 and spans[index][0] <= offset < spans[index][1]

    def in_quoted_line(self, line: int) -> bool:
        """Whether the statement starting on `line` starts inside a string (a docstring's
        example): no statement of the parse."""
        offset = self.offset_of(line)
        if offset is None:
            return False
        while offset < len(self.text) and self.text[offset] in " \t\f":
            offset += 1
        return self.quoted_at(offset)
