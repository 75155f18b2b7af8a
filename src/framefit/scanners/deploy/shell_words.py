"""Shell text (a Dockerfile RUN, a heredoc script) as simple commands of words, the way a POSIX
shell splits it: quotes and escapes first, then `&& || ; | & ( )` and newlines between commands,
`#` comments, and `$NAME` / `${NAME...}` expanded from known values (the build's ARG and ENV).

One left-to-right pass of anchored token matches: linear in the text. A quote that does not
close makes the rest of the text one broken command (a shell would refuse it too), so no quote
is looked for twice. Expansion adds at most EXPANSION_LIMIT characters per text; past it, the
variables are left as written (`$NAME`), which no reader takes for a package name.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

# Characters that expansion may add to one text: far over any real build argument list, and
# a bound on a Dockerfile that names a long value thousands of times.
EXPANSION_LIMIT = 100_000
_TOKEN = re.compile(
    r"(?P<single>'[^']*')"
    r"|(?P<double>\"(?:[^\"\\]|\\.)*\")"
    r"|(?P<continued>\\\n)"
    r"|(?P<escape>\\.)"
    r"|(?P<operator>&&|\|\||[;&|()\n])"
    r"|(?P<blank>[ \t\r\f\v]+)"
    r"|(?P<variable>\$\{[^}\n$]*\}|\$[A-Za-z_][A-Za-z0-9_]*)"
    r"|(?P<plain>[^\s'\"\\;&|()$]+|\$)"
    r"|(?P<open>['\"\\])",
    re.DOTALL,
)
_IN_DOUBLE = re.compile(r"\\([\"\\$`\n])|(\$\{[^}\n$]*\}|\$[A-Za-z_][A-Za-z0-9_]*)")

Expand = Callable[[str], "str | None"]  # `$NAME` / `${NAME:-x}` as written -> its value, or None


@dataclass(slots=True)
class Split:
    """The simple commands of a text (each a list of words) and the text of a broken one."""

    commands: list[list[str]] = field(default_factory=list)
    broken: list[str] = field(default_factory=list)
    too_long: bool = False  # expansion stopped at EXPANSION_LIMIT


@dataclass(slots=True)
class _State:
    expand: Expand
    out: Split
    words: list[str] = field(default_factory=list)
    word: list[str] | None = None  # the parts of the word being built (None: between words)
    budget: int = EXPANSION_LIMIT

    def add(self, text: str) -> None:
        if self.word is None:
            self.word = []
        self.word.append(text)

    def end_word(self) -> None:
        if self.word is not None:
            self.words.append("".join(self.word))
            self.word = None

    def end_command(self) -> None:
        self.end_word()
        if self.words:
            self.out.commands.append(self.words)
        self.words = []

    def value(self, written: str) -> str:
        """A variable's value, or the variable as written when unknown or over budget."""
        found = self.expand(written)
        if found is None:
            return written
        if len(found) > self.budget:
            self.out.too_long = True
            return written
        self.budget -= len(found)
        return found


def split(text: str, expand: Expand) -> Split:
    """The commands of shell `text`, variables expanded by `expand` outside single quotes."""
    state = _State(expand, Split())
    position = start = 0  # start: where the command being read starts
    while position < len(text):
        token = _TOKEN.match(text, position)
        assert token is not None  # `open` takes any character no other branch does
        kind, value = token.lastgroup, token.group()
        if kind == "open":
            state.words, state.word = [], None
            state.out.broken.append(text[start:].strip())
            return state.out
        if kind == "plain" and value.startswith("#") and state.word is None:
            position = _line_end(text, position)
            continue
        _token(kind or "", value, state)
        position = token.end()
        start = position if kind == "operator" else start
    state.end_command()
    return state.out


def _token(kind: str, value: str, state: _State) -> None:
    if kind == "single":
        state.add(value[1:-1])
    elif kind == "double":
        state.add(_IN_DOUBLE.sub(lambda m: m.group(1) or state.value(m.group(2)), value[1:-1]))
    elif kind == "escape":
        state.add(value[1])
    elif kind == "operator":
        state.end_command()
    elif kind == "blank":
        state.end_word()
    elif kind == "variable":
        _unquoted(state.value(value), value, state)
    elif kind == "plain":
        state.add(value)


def _unquoted(found: str, written: str, state: _State) -> None:
    """An unquoted expansion is split into words at blanks (the shell's field splitting)."""
    if found == written:
        state.add(found)
        return
    fields = found.split()
    if not fields:
        return
    if found[:1].isspace():
        state.end_word()
    for index, part in enumerate(fields):
        if index:
            state.end_word()
        state.add(part)
    if found[-1:].isspace():
        state.end_word()


def _line_end(text: str, position: int) -> int:
    end = text.find("\n", position)
    return len(text) if end < 0 else end
