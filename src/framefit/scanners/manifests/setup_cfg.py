"""setup.cfg: `[options]` install_requires / tests_require / setup_requires and extras_require.

Read as setuptools reads them: a value that spans several lines has one requirement per line; a
value on one line is split at semicolons. A file without these keys (a flake8 or isort config)
declares nothing and is no manifest. (Like configparser, a key ends at its first `=` or `:`,
so an extra cannot carry a marker in its name here.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from framefit.scanners.base import (
    Collector,
    PathView,
    ScanContext,
    Scanner,
    ScanResult,
    SourceFile,
    text_or_problem,
)
from framefit.scanners.manifests.requirements import named_group, pep508

_OPTIONS = {"install_requires": "runtime", "tests_require": "test", "setup_requires": "build"}
_SEPARATOR = re.compile(r"[=:]")


@dataclass(slots=True)
class Value:
    """One key of an INI section: its line and its (line, text) pieces, the inline one first."""

    line: int
    pieces: list[tuple[int, str]] = field(default_factory=list)

    @property
    def multiline(self) -> bool:
        return any(number != self.line for number, _ in self.pieces)


def matches(path: PathView) -> bool:
    return path.name == "setup.cfg"


def scan(source: SourceFile, ctx: ScanContext) -> ScanResult:
    """Dependencies of the setuptools option keys; `manifest` at the first such key."""
    out = Collector(source.path)
    text = text_or_problem(source, out)
    if text is None:
        return out.result()
    sections = parse_ini(text, out)
    found: list[int] = []
    for key, group in _OPTIONS.items():
        value = sections.get("options", {}).get(key)
        if value is not None:
            found.append(value.line)
            _requirements(value, group, out)
    for extra, value in sections.get("options.extras_require", {}).items():
        found.append(value.line)
        _requirements(value, named_group(extra, f"optional:{extra}"), out)
    if found:
        out.add(min(found), "manifest", f"{len(out.dependencies)} requirements")
    return out.result()


def parse_ini(text: str, out: Collector) -> dict[str, dict[str, Value]]:
    """section -> key -> Value, keeping line numbers (configparser forgets them); a line over
    LINE_LIMIT is diagnosed in `out` and left out."""
    sections: dict[str, dict[str, Value]] = {}
    current: dict[str, Value] = {}
    value: Value | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if _blank_or_comment(stripped) or out.too_long(number, raw):
            continue
        if raw[0].isspace() and value is not None:
            value.pieces.append((number, stripped))
            continue
        header, key = _header(raw), _key(raw)
        if header is not None:
            current = sections.setdefault(header, {})
            value = None
        elif key is not None:
            value = current[key[0]] = _started(number, key[1])
    return sections


def _blank_or_comment(stripped: str) -> bool:
    return not stripped or stripped.startswith(("#", ";"))


def _started(number: int, first: str) -> Value:
    """The value a `key = first` line starts (continuation lines add to it)."""
    value = Value(number)
    if first:
        value.pieces.append((number, first))
    return value


# Both split the line with str methods, not one pattern with blanks around an optional group:
# linear in the line, whatever it holds.
def _header(raw: str) -> str | None:
    """`[ name ]` at the start of a line -> "name"."""
    close = raw.find("]")
    if not raw.startswith("[") or close < 2:
        return None
    inside = raw[1:close]
    return inside.strip() or inside[-1]


def _key(raw: str) -> tuple[str, str] | None:
    """`key = value` or `key: value` (the first `=` or `:` ends the key) -> (key, value)."""
    separator = _SEPARATOR.search(raw)
    if separator is None or separator.start() == 0 or raw[0].isspace():
        return None
    return raw[:separator.start()].strip(), raw[separator.end():].strip()


def _requirements(value: Value, group: str, out: Collector) -> None:
    for number, text in value.pieces:
        items = [text] if value.multiline else text.split(";")
        for item in items:
            item = re.sub(r"(^|\s)#.*$", "", item).strip()
            if item:
                pep508(out, out.path, number, item, group, text)


SCANNER = Scanner("setup_cfg", matches, scan)
