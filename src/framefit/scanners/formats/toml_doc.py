"""TOML for scanners: parse with a diagnostic on error, and find the line a value is written on."""

from __future__ import annotations

import re
import tomllib
from functools import cached_property
from typing import Any

from framefit.detail import clip
from framefit.limits import WORK_BUDGET
from framefit.model import Diagnostic
from framefit.scanners.formats.quoted import QuotedIndex, first_at

_AT_LINE = re.compile(r"\(at line (\d+), column \d+\)")
_BARE = re.compile(r"[^\s=.\"']+")
TOO_MANY = f"more keys and values than the work budget of {WORK_BUDGET:,}"
NESTED = "arrays or tables nested too deeply"  # what tomllib and json cannot read without recursing


def cost(text: str) -> int:
    """About how many values and keys tomllib would read in `text` (each takes it about two
    microseconds, a step of the work budget): its commas, equals signs and lines."""
    return text.count(",") + text.count("=") + text.count("\n")


def load(path: str, data: bytes) -> tuple[dict[str, Any] | None, Diagnostic | None]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, Diagnostic(path, None, "decode-error", f"not UTF-8: {exc.reason}")
    if cost(text) > WORK_BUDGET:
        return None, Diagnostic(path, None, "too-large", f"not read: {TOO_MANY}")
    try:
        return tomllib.loads(text), None
    except RecursionError:  # tomllib recurses once per level of nesting
        return None, Diagnostic(path, None, "parse-error", f"not valid TOML: {NESTED}")
    except tomllib.TOMLDecodeError as exc:
        found = _AT_LINE.search(str(exc))
        line = int(found.group(1)) if found else None
        message = _AT_LINE.sub("", str(exc)).strip()
        return None, Diagnostic(path, line, "parse-error", f"not valid TOML: {message}")
    except ValueError as exc:  # an integer longer than Python converts (4,300 digits)
        return None, Diagnostic(path, None, "parse-error", f"not valid TOML: {clip(str(exc))}")


def _leading_key(line: str) -> str | None:
    """The key a line starts with when a `=` or a `.` follows it, else None."""
    stripped = line.lstrip()
    if stripped[:1] in ('"', "'"):
        close = stripped.find(stripped[0], 1)
        name, rest = (stripped[1:close], stripped[close + 1:]) if close > 0 else ("", "")
    else:
        bare = _BARE.match(stripped)
        name, rest = (bare.group(), stripped[bare.end():]) if bare else ("", "")
    return name if name and rest.lstrip()[:1] in ("=", ".") else None


class LineFinder:
    """Finds the line of a string value, searching forwards from the last match (values repeat)."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self._sections: dict[str, int] = {}
        for number, line in enumerate(self.lines, start=1):
            stripped = line.strip()
            if stripped.startswith("[") and "]" in stripped:
                self._sections.setdefault(stripped.strip("[] ").replace(" ", ""), number)

    def section(self, dotted: str) -> int:
        """The line of the `[dotted]` header, or 1 when there is none."""
        return self._sections.get(dotted, 1)

    def table(self, *keys: str) -> int:
        """The line of the innermost header that holds the value at `keys` (1 if none)."""
        for end in range(len(keys), 0, -1):
            found = self._sections.get(".".join(keys[:end]))
            if found is not None:
                return found
        return 1

    def key(self, name: str, start: int = 1) -> int | None:
        """The first line at or after `start` that assigns the key `name` (bare or quoted)."""
        return first_at(self._keys.get(name, []), start)

    def find(self, value: str, start: int = 1) -> int | None:
        """The first line at or after `start` where `value` is written as a string (else the
        first line anywhere, else None)."""
        found = [line for index in self._quoted for line in (index.first(value, start),) if line]
        if found:
            return min(found)
        return self.find(value, 1) if start > 1 else None

    @cached_property
    def _keys(self) -> dict[str, list[int]]:
        """key -> the lines that start with it (`key =`, `"key" =`, `key.sub =`)."""
        keys: dict[str, list[int]] = {}
        for number, line in enumerate(self.lines, start=1):
            name = _leading_key(line)
            if name is not None:
                keys.setdefault(name, []).append(number)
        return keys

    @cached_property
    def _quoted(self) -> tuple[QuotedIndex, QuotedIndex]:
        return QuotedIndex(self.lines, '"'), QuotedIndex(self.lines, "'")

    def text(self, line: int | None) -> str:
        return self.lines[line - 1] if line and line <= len(self.lines) else ""
