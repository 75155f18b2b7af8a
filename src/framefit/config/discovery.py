"""Finding and reading framefit's configuration file, and the line each key is written on.

Discovery: from PATH upwards, never above the git root (PATH itself when it is not in a git work
tree), the first directory holding `framefit.toml` or a `pyproject.toml` with a `[tool.framefit]`
table. Files are read through a RepoReader bounded to that ceiling, so a link out is never
followed; nothing is executed. A `pyproject.toml` that is not valid TOML holds no configuration
(the scan reports it as a diagnostic of the repo) unless a line opens `[tool.framefit]`: then the
configuration is lost, and that is a ConfigError, as for a `framefit.toml` or an explicit
`--config` file that is not valid TOML (with the line and a caret, as ruff shows it).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

from framefit.errors import ConfigError
from framefit.frozen import frozen
from framefit.limits import WORK_BUDGET
from framefit.scanners.formats import toml_doc
from framefit.walk.reader import ReadError, RepoReader

PYPROJECT = "pyproject.toml"
NAMES = ("framefit.toml", PYPROJECT)  # in one directory, the dedicated file wins


@frozen
class ConfigFile:
    """A configuration file that was read: its framefit table, text and where the table lives."""

    path: Path  # absolute
    shown: str  # the name used in messages
    table: Mapping[str, object]
    text: str
    prefix: tuple[str, ...]  # ("tool", "framefit") in pyproject.toml, () in framefit.toml

    def key(self, *parts: str) -> str:
        """The dotted name of a key, as written in this file: `tool.framefit.select`."""
        return ".".join(self.prefix + parts)


def git_root(start: Path) -> Path | None:
    """The nearest directory at or above `start` that holds `.git`, or None."""
    for directory in (start, *start.parents):
        if (directory / ".git").exists():
            return directory
    return None


def discover(root: Path) -> ConfigFile | None:
    """The nearest configuration at or above `root` (resolved), not above the git root."""
    ceiling = git_root(root) or root
    reader = RepoReader(ceiling)
    for directory in (root, *root.parents):
        for name in NAMES:
            found = _candidate(reader, directory / name, ceiling)
            if found is not None:
                return found
        if directory == ceiling:
            break
    return None


def _candidate(reader: RepoReader, path: Path, ceiling: Path) -> ConfigFile | None:
    rel = path.relative_to(ceiling).as_posix()
    if not reader.exists(rel):
        return None
    try:
        text = reader.read_bytes(rel).decode("utf-8")
    except (ReadError, UnicodeDecodeError) as exc:
        if path.name == PYPROJECT:
            return None
        raise ConfigError(f"{path}: cannot be read: {exc}") from None
    return parse(path, str(path), text, required=path.name != PYPROJECT)


def read_explicit(path: Path) -> ConfigFile:
    """The file named by `--config`: its `[tool.framefit]` when it has one (whatever its name),
    else its top level (a pyproject.toml must have the table)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot be read: {exc}") from None
    found = parse(path.resolve(), str(path), text, required=True)
    if found is None:
        raise ConfigError.at(str(path), "tool.framefit", "missing", "a [tool.framefit] table")
    return found


def parse(path: Path, shown: str, text: str, *, required: bool) -> ConfigFile | None:
    """The framefit table of a file: `[tool.framefit]` when it has one, else (a file not named
    pyproject.toml) its top level. None for a pyproject.toml without the table, or one that is
    not valid TOML and has no `[tool.framefit]` header, when not `required` (the scan reports
    it); ConfigError for any other file that is not valid TOML, with its line and a caret."""
    required = required or (path.name == PYPROJECT and mentions_framefit(text))
    if toml_doc.cost(text) > WORK_BUDGET:  # the scan says so of a pyproject.toml
        if not required:
            return None
        raise ConfigError(f"{shown}: not read: {toml_doc.TOO_MANY}")
    try:
        data = tomllib.loads(text)
    except (ValueError, RecursionError) as exc:  # TOMLDecodeError is a ValueError
        # tomllib recurses once per level of nesting, and cannot convert an integer of more
        # than 4,300 digits: to us such a file is not valid TOML either.
        if not required:
            return None
        raise invalid(shown, text, exc) from None
    return _framefit_table(path, shown, text, data)


def _framefit_table(path: Path, shown: str, text: str, data: dict[str, object]) -> ConfigFile | None:
    """`[tool.framefit]` of parsed TOML, else (a file not named pyproject.toml) its top level."""
    tool = data.get("tool", {})
    if isinstance(tool, dict) and "framefit" in tool:
        table = tool["framefit"]
        if not isinstance(table, dict):
            raise ConfigError.at(shown, "tool.framefit", f"expected a table, got {type(table).__name__}",
                                 "a [tool.framefit] table")
        return ConfigFile(path, shown, table, text, ("tool", "framefit"))
    return None if path.name == PYPROJECT else ConfigFile(path, shown, data, text, ())


def table_prefix(path: Path, text: str | None) -> tuple[str, ...]:
    """Where the framefit table of a file is (or goes): `tool.framefit` in a pyproject.toml or
    in any file that has that table, else the top level."""
    if path.name == PYPROJECT or (text is not None and mentions_framefit(text)):
        return ("tool", "framefit")
    return ()


def mentions_framefit(text: str) -> bool:
    """Whether a line of `text` opens a `[tool.framefit]` table (or one under it), even one the
    TOML parser cannot read (`[tool.framefit` unclosed). Line by line, with str methods."""
    for line in text.splitlines():
        stripped = line.lstrip()
        if stripped.startswith("["):
            name = stripped.lstrip("[").partition("]")[0].partition("#")[0]
            name = "".join(name.split()).replace('"', "").replace("'", "")
            if name == "tool.framefit" or name.startswith("tool.framefit."):
                return True
    return False


_AT = re.compile(r" \(at line (\d+), column (\d+)\)\Z")
_AT_END = " (at end of document)"


def invalid(shown: str, text: str, exc: Exception) -> ConfigError:
    """The ConfigError of a configuration that is not valid TOML: `file:line:column: not valid
    TOML: problem`, and the line with a caret under the column, as ruff shows it."""
    if not isinstance(exc, ValueError):
        return ConfigError(f"{shown}: not valid TOML: {toml_doc.NESTED}")
    message = str(exc)
    lines = text.splitlines() or [""]
    found = _AT.search(message)
    if found is not None:
        line, column, message = int(found[1]), int(found[2]), message[:found.start()]
    elif message.endswith(_AT_END):
        line, column, message = len(lines), len(lines[-1]) + 1, message.removesuffix(_AT_END)
    else:
        return ConfigError(f"{shown}: not valid TOML: {message}")
    return ConfigError(f"{shown}:{line}:{column}: not valid TOML: {message}",
                       excerpt=_caret(lines[line - 1] if line <= len(lines) else "", line, column))


def _caret(source: str, line: int, column: int) -> tuple[str, ...]:
    """`source` (the repo's text: shown `plain`) numbered, and a caret under `column`."""
    from framefit.reporters.escape import plain

    number = str(line)
    before = plain(source[: column - 1])
    return (f" {number} | {plain(source)}", f" {' ' * len(number)} | {' ' * len(before)}^")


def key_line(text: str, table: tuple[str, ...], key: str, nth: int = 0, after: int = 0) -> int | None:
    """The 1-based line where `key` is set inside `table` (its `nth` occurrence for an array of
    tables), searching from line `after`; None when it cannot be told (then the caller cites the
    table's line). A light scan of headers and `key =`, never an evaluation."""
    index = _index(text)
    start, end = _scope(index, table, nth)
    if start is None:
        return None
    pattern = re.compile(rf"""(?:^|[\s{{,.])["']?{re.escape(key)}["']?\s*=""")
    for number in range(max(start, after), end):
        if pattern.search(index.lines[number].split("#", 1)[0]):
            return number + 1
    return None


def table_line(text: str, table: tuple[str, ...], nth: int = 0) -> int | None:
    """The 1-based line of `table`'s header (`nth` for an array of tables), None without one."""
    start, _ = _scope(_index(text), table, nth)
    return start if start else None


@frozen
class _Index:
    """A file's lines and its table headers: (line, dotted name, is an array of tables)."""

    lines: list[str]
    headers: list[tuple[int, tuple[str, ...], bool]]
    by_name: dict[tuple[str, ...], list[int]]  # name -> positions in `headers`


@lru_cache(maxsize=4)
def _index(text: str) -> _Index:
    """Worked out once per text: every key's line is looked up in the same file."""
    lines = text.splitlines()
    headers = [(i, *found) for i, line in enumerate(lines) if (found := _header(line))]
    by_name: dict[tuple[str, ...], list[int]] = {}
    for position, (_, name, _) in enumerate(headers):
        by_name.setdefault(name, []).append(position)
    return _Index(lines, headers, by_name)


def _header(line: str) -> tuple[tuple[str, ...], bool] | None:
    """`[a.b]` or `[[a.b]]` (a comment may follow) -> (("a", "b"), is an array of tables).

    Taken apart with str methods, not one pattern with blanks around the name: linear in the
    line, whatever it holds.
    """
    stripped = line.lstrip()
    if not stripped.startswith("["):
        return None
    array = stripped.startswith("[[")
    body = stripped[2 if array else 1:]
    close = body.find("]")
    name = body[:close].strip()
    if close == -1 or not name or "[" in name:
        return None
    rest = body[close + 1:]
    rest = rest[1:].lstrip() if rest.startswith("]") else rest.lstrip()
    return (_name(name), array) if not rest or rest.startswith("#") else None


def _scope(index: _Index, table: tuple[str, ...], nth: int) -> tuple[int | None, int]:
    """Line range [start, end) of `table`'s own keys (0-based); the whole top level for ()."""
    headers = index.headers
    if not table:
        return 0, headers[0][0] if headers else len(index.lines)
    positions = index.by_name.get(table, [])
    if nth >= len(positions):
        return None, 0
    start, _, is_array = headers[positions[nth]]
    # An array-of-tables entry owns its sub-tables ([services.answers]); a plain table does not.
    later = (i for i, name, array in headers[positions[nth] + 1:] if (
        not is_array or name[:len(table)] != table or (name == table and array)))
    return start + 1, next(later, len(index.lines))


def _name(header: str) -> tuple[str, ...]:
    return tuple(part.strip().strip("\"'") for part in header.split("."))


def scope_prefix(file: ConfigFile, root: Path) -> str | None:
    """Where the scanned root lies below the config file's directory ("" when they are the same),
    or None when it does not (an explicit --config elsewhere: its paths are taken from the root)."""
    try:
        rel = root.relative_to(file.path.parent).as_posix()
    except ValueError:
        return None
    return "" if rel == "." else rel


def rebase(path: str, prefix: str | None) -> str | None:
    """`path` (relative to the config's directory) made relative to the scanned root; None when
    it lies outside the root. "." is the root itself."""
    clean = path.strip("/") or "."
    if not prefix:
        return clean
    if clean == prefix:
        return "."
    return clean[len(prefix) + 1:] if clean.startswith(prefix + "/") else None
