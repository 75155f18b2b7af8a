"""Dockerfile syntax: logical instructions with their physical lines and heredocs, stages, ARG
substitution, and the shell commands a RUN runs."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass

from framefit.frozen import frozen
from framefit.scanners.deploy.shell_words import Split, split

INSTRUCTIONS = frozenset({
    "ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM", "HEALTHCHECK", "LABEL",
    "MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR",
})
_HEAD = re.compile(r"^\s*([A-Za-z]+)(?:\s+(.*))?$")
_HEREDOC = re.compile(r"<<-?\s*[\"']?([A-Za-z_][A-Za-z0-9_]*)[\"']?")
_ESCAPE = re.compile(r"^#\s*escape\s*=\s*([\\`])\s*$", re.IGNORECASE)
_VAR = re.compile(r"\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))")
# _VAR where no `}` follows: only `$NAME`, with _VAR's groups (the first branch never matches).
_PLAIN_VAR = re.compile(r"\$(?:(?!)(.)(.)(.)|([A-Za-z_][A-Za-z0-9_]*))")
# NAME=value pairs, a NAME read only from the start of a word (leading digits skipped), so a
# word without `=` is read once, not once from each of its letters.
_ASSIGNMENT = re.compile(r"(?<![A-Za-z0-9_])[0-9]*([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|'[^']*'|\S*)")
# A Dockerfile inside other text (a string in code, a block in a README): a FROM line...
FROM_LINE = re.compile(r"^[ \t]*FROM[ \t]+(?:--platform=\S+[ \t]+)?([^\s{]+)", re.MULTILINE)
# ... with one of these after it; without, "FROM" is SQL or prose, not a Dockerfile.
AFTER_FROM = ("RUN", "COPY", "ADD", "CMD", "ENTRYPOINT", "WORKDIR")
INSTRUCTION = re.compile(rf"^[ \t]*(?:{'|'.join(AFTER_FROM)})[ \t]", re.MULTILINE)
_FROM = re.compile(r"^(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?\s*$", re.IGNORECASE)
_RUN_FLAGS = re.compile(r"^(?:\s*--[\w-]+(?:=\S*)?)+\s*")  # RUN --mount=... --network=...
_SHELLS = frozenset({"sh", "bash", "dash", "ash", "zsh", "ksh"})


@frozen
class Instruction:
    """One logical instruction: keyword (upper case), arguments joined, and its physical lines."""

    line: int
    keyword: str
    args: str  # the instruction's own lines, joined (a heredoc's `<<EOF` marker kept)
    lines: tuple[tuple[int, str], ...]  # (number, text) of every physical line it spans
    heredocs: tuple[str, ...] = ()  # the body of each heredoc, its lines kept

    @property
    def text(self) -> str:
        """The arguments and every heredoc body: all the instruction says."""
        return "\n".join((self.args, *self.heredocs))

    def line_of(self, word: str, start: int = 0) -> int:
        """The first physical line at or after `start` that contains `word` (else the first)."""
        return self.find(word, start) or self.line

    def find(self, word: str, start: int = 0) -> int | None:
        """The first physical line at or after `start` that contains `word`, else None (the
        lines before `start` are not looked at)."""
        for index in range(max(start - self.line, 0), len(self.lines)):
            number, text = self.lines[index]
            if word in text:
                return number
        return None

    def text_at(self, number: int) -> str:
        """The text of physical line `number` (the first line's when it is not one of them)."""
        index = number - self.line
        return self.lines[index][1] if 0 <= index < len(self.lines) else self.lines[0][1]


@frozen
class Stage:
    """One FROM and the instructions up to the next one."""

    index: int
    image: str  # ARG defaults substituted, lower case
    name: str | None
    origin: Instruction
    body: tuple[Instruction, ...]


def instructions(text: str) -> list[Instruction]:
    """Every instruction of a Dockerfile: comments dropped, continuations and heredocs joined."""
    lines = text.splitlines()
    escape = "\\"
    if lines and (found := _ESCAPE.match(lines[0])):
        escape = found.group(1)
    result: list[Instruction] = []
    index = 0
    while index < len(lines):
        index, item = _one(lines, index, escape)
        if item is not None:
            result.append(item)
    return result


def _one(lines: list[str], index: int, escape: str) -> tuple[int, Instruction | None]:
    """Read the instruction that starts at `index` (0-based); the index after it."""
    raw = lines[index]
    if not raw.strip() or raw.lstrip().startswith("#"):
        return index + 1, None
    spans = [(index + 1, raw)]
    index, parts = _continued(lines, index, escape, spans)
    bodies: list[str] = []
    for marker in _HEREDOC.findall(" ".join(parts)):
        index, body = _heredoc(lines, index, marker, spans)
        bodies.append(body)
    head = _HEAD.match(" ".join(p.strip() for p in parts))
    keyword, args = (head.group(1).upper(), head.group(2) or "") if head else ("", parts[0])
    return index + 1, Instruction(spans[0][0], keyword, args, tuple(spans), tuple(bodies))


def _continued(lines: list[str], index: int, escape: str,
               spans: list[tuple[int, str]]) -> tuple[int, list[str]]:
    """The pieces of the instruction whose first line is at `index`, its continuation lines
    (escaped line ends) added to `spans`; the index of its last line."""
    parts = [lines[index].rstrip()]
    continued = parts[-1].endswith(escape)
    while continued and index + 1 < len(lines):
        parts[-1] = parts[-1].removesuffix(escape)
        index += 1
        nxt = lines[index]
        spans.append((index + 1, nxt))
        if not nxt.lstrip().startswith("#"):  # comment lines inside a continuation are dropped
            parts.append(nxt.rstrip())
            continued = parts[-1].endswith(escape)
    parts[-1] = parts[-1].removesuffix(escape)
    return index, parts


def _heredoc(lines: list[str], index: int, marker: str,
             spans: list[tuple[int, str]]) -> tuple[int, str]:
    """The body of a heredoc after line `index`, up to its `marker` line, its lines added to
    `spans`; the index of the marker line."""
    body: list[str] = []
    while index + 1 < len(lines) and lines[index + 1].strip() != marker:
        index += 1
        spans.append((index + 1, lines[index]))
        body.append(lines[index])
    return index + 1, "\n".join(body)


def substitute(text: str, values: Mapping[str, str]) -> tuple[str, list[str]]:
    """`$NAME`, `${NAME}` and `${NAME:-default}` replaced; the names that had no value."""
    missing: list[str] = []

    def value(found: re.Match[str]) -> str:
        name, operator, default = found.group(1) or found.group(4), found.group(2), found.group(3)
        if operator and operator.endswith("+"):
            return default if values.get(name) else ""
        if values.get(name) or (name in values and operator != ":-"):
            return values[name]
        if operator:
            return default
        missing.append(name)
        return found.group(0)

    # After the last `}`, only `$NAME` can match: `${...` there would read to the end of the
    # text from every `$`, which costs the square of its length.
    close = text.rfind("}") + 1
    head = _VAR.sub(value, text[:close])
    return head + _PLAIN_VAR.sub(value, text[close:]), missing


def assignments(args: str) -> dict[str, str]:
    """ARG / ENV arguments as name -> value: `A=1 B="x y"`, `A` (no value) and legacy `ENV A 1`."""
    if "=" not in args.split(" ", 1)[0]:
        name, _, rest = args.strip().partition(" ")
        return {name: rest.strip().strip("\"'")} if rest.strip() else {}
    found = _ASSIGNMENT.findall(args)
    return {name: value.strip("\"'") for name, value in found}


@dataclass(slots=True)
class Scope:
    """The variables a stage's RUN sees: its ARGs (a global one only once the stage declares it
    again, Docker's scoping) and its ENV (which a `FROM <stage>` inherits, and which wins)."""

    global_args: Mapping[str, str]
    args: dict[str, str]
    env: dict[str, str]

    @property
    def values(self) -> dict[str, str]:
        return {**self.args, **self.env}

    def declare(self, item: Instruction) -> None:
        """Take an ARG or ENV instruction's values (substituted with those known before it)."""
        if item.keyword == "ARG" and "=" not in item.args.split(" ", 1)[0]:
            name = item.args.strip()
            if name in self.global_args:
                self.args[name] = self.global_args[name]
            return
        target = self.args if item.keyword == "ARG" else self.env
        for name, value in assignments(item.args).items():
            target[name] = substitute(value, self.values)[0]


def global_args(items: list[Instruction]) -> dict[str, str]:
    """The ARG defaults declared before the first FROM."""
    values: dict[str, str] = {}
    for item in items:
        if item.keyword == "FROM":
            break
        if item.keyword == "ARG":
            values.update(assignments(item.args))
    return values


def from_args(args: str) -> tuple[str, str | None] | None:
    """The image and the optional stage name of a FROM (flags such as --platform skipped)."""
    found = _FROM.match(args.strip())
    return (found.group(1), found.group(2)) if found else None


def stages(items: list[Instruction]) -> tuple[list[Stage], list[tuple[Instruction, list[str]]]]:
    """The build stages, FROM images with the global ARG defaults substituted; unresolved FROMs.

    Only ARGs declared before the first FROM apply to FROM lines (Docker's scoping).
    """
    found, unresolved = _from_lines(items)
    result = []
    position = {id(item): index for index, item in enumerate(items)}
    starts = [position[id(origin)] for origin, _, _ in found] + [len(items)]
    for index, (origin, image, name) in enumerate(found):
        body = tuple(items[starts[index] + 1: starts[index + 1]])
        result.append(Stage(index, image, name, origin, body))
    return result, unresolved


def _from_lines(items: list[Instruction]
                ) -> tuple[list[tuple[Instruction, str, str | None]], list[tuple[Instruction, list[str]]]]:
    """Each FROM with its image (global ARG defaults substituted) and stage name; the FROMs
    whose image names an ARG without a value, with those names."""
    values: dict[str, str] = {}
    found: list[tuple[Instruction, str, str | None]] = []
    unresolved: list[tuple[Instruction, list[str]]] = []
    for item in items:
        if item.keyword == "ARG" and not found:
            values.update(assignments(item.args))
        elif item.keyword == "FROM" and (parsed := from_args(item.args)):
            image, missing = substitute(parsed[0], values)
            if missing:
                unresolved.append((item, missing))
            found.append((item, image.lower(), parsed[1].lower() if parsed[1] else None))
    return found, unresolved


def run_commands(item: Instruction, values: Mapping[str, str]) -> Split:
    """The shell commands a RUN runs, as words, with the build's `values` (ARG, ENV) expanded:
    its exec form (`["sh", "-c", "..."]` read as the script it runs), or its shell text and
    the heredocs it hands to a shell (`RUN <<EOF`, `RUN bash <<EOF`; not `python <<EOF`)."""
    args = _RUN_FLAGS.sub("", item.args)
    words = _exec_form(args)
    if words is not None:
        script = words.index("-c") + 1 if _is_shell(words[0]) and "-c" in words else len(words)
        return _split_all(words[script:script + 1], values) if script < len(words) else \
            Split([words])
    command = _HEREDOC.sub(" ", args)
    first = command.split(maxsplit=1)[:1]
    shell = not first or _is_shell(first[0])
    return _split_all([command, *(item.heredocs if shell else ())], values)


def _exec_form(args: str) -> list[str] | None:
    if not args.lstrip().startswith("["):
        return None
    try:
        words = json.loads(args)
    except (ValueError, RecursionError):
        return None
    ok = isinstance(words, list) and words and all(isinstance(w, str) for w in words)
    return words if ok else None


def _is_shell(word: str) -> bool:
    return word.rsplit("/", 1)[-1] in _SHELLS


def _split_all(texts: list[str], values: Mapping[str, str]) -> Split:
    def expand(written: str) -> str | None:
        text, missing = substitute(written, values)
        return None if missing else text

    result = Split()
    for text in texts:
        part = split(text, expand)
        result.commands.extend(part.commands)
        result.broken.extend(part.broken)
        result.too_long = result.too_long or part.too_long
    return result
