"""JSON for scanners: parse with a diagnostic on error, and find the line a key is written on."""

from __future__ import annotations

import json

from framefit.model import Diagnostic


def load(path: str, data: bytes) -> tuple[object, list[str], Diagnostic | None]:
    """The parsed value (None on error), the file's lines, and a decode/parse diagnostic."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, [], Diagnostic(path, None, "decode-error", f"not UTF-8: {exc.reason}")
    lines = text.splitlines()
    try:
        return json.loads(text), lines, None
    except json.JSONDecodeError as exc:
        return None, lines, Diagnostic(path, exc.lineno, "parse-error", f"not valid JSON: {exc.msg}")


def key_line(lines: list[str], key: str, start: int = 1) -> int:
    """The first line at or after `start` where `"key"` is written (else `start`)."""
    quoted = json.dumps(key)
    for number in range(max(start, 1), len(lines) + 1):
        if quoted in lines[number - 1]:
            return number
    return start


def text_of(lines: list[str], number: int) -> str:
    """Line `number` (1-based), or "" past the end."""
    return lines[number - 1] if 0 < number <= len(lines) else ""
