"""JSON for scanners: parse with a diagnostic on error, and find the line a key is written on."""

from __future__ import annotations

import json
import re
from functools import cached_property

from framefit.model import Diagnostic
from framefit.scanners.base import clip
from framefit.scanners.formats.quoted import QuotedIndex
from framefit.scanners.formats.toml_doc import NESTED

_KEY = re.compile(r'\s*"([^"]*)"\s*:')


class Lines(list[str]):
    """A file's lines, with the index of what is written quoted on them (built when asked)."""

    @cached_property
    def quoted(self) -> QuotedIndex:
        return QuotedIndex(self, '"')

    @cached_property
    def keys(self) -> dict[str, list[int]]:
        """key -> the lines that start with it (`"key": ...`), as written."""
        found: dict[str, list[int]] = {}
        for number, line in enumerate(self, start=1):
            key = _KEY.match(line)
            if key is not None:
                found.setdefault(key.group(1), []).append(number)
        return found


def load(path: str, data: bytes) -> tuple[object, Lines, Diagnostic | None]:
    """The parsed value (None on error), the file's lines, and a decode/parse diagnostic."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, Lines(), Diagnostic(path, None, "decode-error", f"not UTF-8: {exc.reason}")
    lines = Lines(text.splitlines())
    try:
        return json.loads(text), lines, None
    except RecursionError:  # the decoder recurses once per level of nesting
        return None, lines, Diagnostic(path, None, "parse-error", f"not valid JSON: {NESTED}")
    except json.JSONDecodeError as exc:
        return None, lines, Diagnostic(path, exc.lineno, "parse-error", f"not valid JSON: {exc.msg}")
    except ValueError as exc:  # an integer longer than Python converts (4,300 digits)
        return None, lines, Diagnostic(path, None, "parse-error", f"not valid JSON: {clip(str(exc))}")


def key_line(lines: Lines, key: str, start: int = 1) -> int:
    """The first line at or after `start` where `"key"` is written, JSON-escaped (else `start`)."""
    return lines.quoted.first(json.dumps(key)[1:-1], max(start, 1)) or start


def text_of(lines: list[str], number: int) -> str:
    """Line `number` (1-based), or "" past the end."""
    return lines[number - 1] if 0 < number <= len(lines) else ""
