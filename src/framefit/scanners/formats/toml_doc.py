"""TOML for scanners: parse with a diagnostic on error, and find the line a value is written on."""

from __future__ import annotations

import re
import tomllib
from typing import Any

from framefit.model import Diagnostic

_AT_LINE = re.compile(r"\(at line (\d+), column \d+\)")


def load(path: str, data: bytes) -> tuple[dict[str, Any] | None, Diagnostic | None]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, Diagnostic(path, None, "decode-error", f"not UTF-8: {exc.reason}")
    try:
        return tomllib.loads(text), None
    except tomllib.TOMLDecodeError as exc:
        found = _AT_LINE.search(str(exc))
        line = int(found.group(1)) if found else None
        message = _AT_LINE.sub("", str(exc)).strip()
        return None, Diagnostic(path, line, "parse-error", f"not valid TOML: {message}")


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
        pattern = re.compile(rf"""^\s*(?:{re.escape(name)}|"{re.escape(name)}"|'{re.escape(name)}')\s*[=.]""")
        for number in range(max(start, 1), len(self.lines) + 1):
            if pattern.match(self.lines[number - 1]):
                return number
        return None

    def find(self, value: str, start: int = 1) -> int | None:
        quoted = (f'"{value}"', f"'{value}'")
        for number in range(max(start, 1), len(self.lines) + 1):
            if any(q in self.lines[number - 1] for q in quoted):
                return number
        if start > 1:
            return self.find(value, 1)
        return None

    def text(self, line: int | None) -> str:
        return self.lines[line - 1] if line and line <= len(self.lines) else ""
