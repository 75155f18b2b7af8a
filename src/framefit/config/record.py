"""Writing decisions into the configuration file that `check` reads (`framefit record`).

Where: the file discovery finds for PATH (or `--config`); without one, the `[tool.framefit]`
table of PATH's `pyproject.toml` when there is one, else a new `framefit.toml` at PATH.
tomlkit edits the file, so its formatting and comments stay; the entry of a service recorded
before is updated in place, a new one appended. The new text is read back with the parser
`check` uses before anything is written.

This writes into the user's own repository, at the user's request: never through a link that
leads out of it (the git root, or PATH outside git), atomically (a temporary file in the same
directory, then a rename) and with the file's permissions kept.
"""

from __future__ import annotations

import contextlib
import datetime
import difflib
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

import tomlkit
from tomlkit.container import Container
from tomlkit.exceptions import TOMLKitError
from tomlkit.items import AoT, Table, Whitespace

from framefit.config.decisions import ENTRY_KEYS, ServiceDecision
from framefit.config.discovery import NAMES, PYPROJECT, discover, git_root, parse, table_prefix
from framefit.config.known_answers import QUESTION_KEYS
from framefit.config.layers import from_file
from framefit.errors import ConfigError, UsageError
from framefit.frozen import frozen
from framefit.model import AnswerValue, Question
from framefit.walk.reader import normalize

MAX_BYTES = 4 * 1024 * 1024  # a configuration file larger than this is not edited
TABLE = ("tool", "framefit")


@frozen
class Entry:
    """What is recorded for one service (its path relative to the scanned root)."""

    service: str
    framework: str
    answers: tuple[tuple[Question, AnswerValue], ...]
    reason: str
    recorded: datetime.date


@frozen
class Target:
    """The configuration file to edit: where it really is, how it is shown, what it holds."""

    path: Path  # absolute, links resolved
    shown: str  # relative to the scanned root, POSIX
    prefix: tuple[str, ...]  # ("tool", "framefit") in a pyproject.toml, () in framefit.toml
    text: str | None  # None: the file does not exist yet
    mode: int | None  # its permission bits


@frozen
class RecordResult:
    """What `framefit record` did: the file, the decisions as `check` reads them, the diff."""

    file: str  # relative to the scanned root
    created: bool
    decisions: tuple[ServiceDecision, ...]
    diff: str  # unified diff of the change ("" when the file stays the same)
    written: bool


def record(root: Path, entries: Sequence[Entry], config_file: Path | None, *,
           dry_run: bool) -> RecordResult:
    """Write `entries` into the configuration file for `root` (resolved), or only diff them."""
    target = find_target(root, config_file)
    new = edited(target, entries, root)
    decisions = _read_back(target, new, root, entries)
    change = diff(target, new)
    if change and not dry_run:
        write(target, new)
    return RecordResult(target.shown, target.text is None, decisions, change, bool(change) and not dry_run)


def find_target(root: Path, config_file: Path | None) -> Target:
    """The file `check` reads for `root`, or the one to create; UsageError outside the repository."""
    if config_file is not None:
        path = config_file
    else:
        found = discover(root)
        existing = root / PYPROJECT
        path = found.path if found else existing if existing.is_file() else root / NAMES[0]
    real = _inside(path, git_root(root) or root)
    text, mode = _current(real)
    shown = Path(os.path.relpath(real, root)).as_posix()
    return Target(real, shown, table_prefix(real, text), text, mode)


def _inside(path: Path, ceiling: Path) -> Path:
    real = path.resolve()
    if not real.is_relative_to(ceiling.resolve()):
        raise UsageError(f"{path}: outside the repository ({ceiling}): framefit writes only inside it")
    if real.exists() and not real.is_file():
        raise UsageError(f"{path}: not a regular file")
    return real


def _current(path: Path) -> tuple[str | None, int | None]:
    if not path.exists():
        return None, None
    info = path.stat()
    if info.st_size > MAX_BYTES:
        raise UsageError(f"{path}: larger than {MAX_BYTES // 1024 // 1024} MiB: not edited")
    try:
        return path.read_bytes().decode("utf-8"), info.st_mode & 0o7777
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot be read: {exc}") from None


def edited(target: Target, entries: Sequence[Entry], root: Path) -> str:
    """The file's text with `entries` recorded; ConfigError when it is not valid TOML."""
    try:
        document = tomlkit.parse(target.text or "")
    except TOMLKitError as exc:
        raise ConfigError(f"{target.shown}: not valid TOML, nothing recorded: {exc}") from None
    scope = _scope(target.path.parent, root)
    decisions = _decisions(document, target.prefix, target.shown)
    for entry in entries:
        _put(decisions, _config_path(entry.service, scope), entry)
    text = tomlkit.dumps(document)
    if text.endswith("\n\n") and not (target.text or "").endswith("\n\n"):
        text = text.rstrip("\n") + "\n"  # the blank line closing an entry, at the end of the file
    return text


def _decisions(document: tomlkit.TOMLDocument, prefix: tuple[str, ...], shown: str) -> AoT:
    """The array of decision tables under `prefix`, made when missing."""
    parent: Container | Table = document
    for depth, name in enumerate(prefix):
        child = parent.get(name)
        if child is None:  # a new table shows no header of its own: [[tool.framefit.decisions]]
            child = tomlkit.table(is_super_table=True)
            parent.append(name, child)
        if not isinstance(child, Table):
            raise ConfigError.at(shown, ".".join(prefix[:depth + 1]), "not a table that can be edited",
                                 "a [tool.framefit] table")
        parent = child
    found = parent.get("decisions")
    if found is None:
        _close(parent)
        found = tomlkit.aot()
        parent.append("decisions", found)
    if not isinstance(found, AoT):
        raise ConfigError.at(shown, ".".join((*prefix, "decisions")), "not an array of tables",
                             "[[decisions]] entries (written as separate tables)")
    return found


def _put(decisions: AoT, service: str, entry: Entry) -> None:
    """Update the service's entry in place (its comments stay), or append a new one."""
    values = _values(service, entry)
    for table in decisions:
        if (normalize(str(table.get("service", ""))) or ".") == service:
            for key, value in values.items():
                table[_spelled(table, key)] = value
            return
    if len(decisions):
        _close(decisions[-1])
    new = tomlkit.table()
    for key, value in values.items():
        new.add(key, value)
    new.add(tomlkit.nl())
    decisions.append(new)


def _values(service: str, entry: Entry) -> dict[str, object]:
    answers = {question.value: value.value for question, value in entry.answers}
    values: dict[str, object] = {"service": service, "framework": entry.framework, **answers,
                                 "reason": entry.reason, "recorded": entry.recorded}
    assert tuple(values) == ENTRY_KEYS  # the order check's parser documents
    return values


def _spelled(table: Table, key: str) -> str:
    """The key as the entry already spells it (`user-login`), else as given."""
    question = QUESTION_KEYS.get(key)
    return next((k for k in table if question is not None and QUESTION_KEYS.get(k) is question), key)


def _close(container: Container | Table) -> None:
    """End `container` with a blank line, so what is appended after it starts a paragraph."""
    body = container.body if isinstance(container, Container) else container.value.body
    if body and not isinstance(body[-1][1], Whitespace):
        container.add(tomlkit.nl())


def _scope(directory: Path, root: Path) -> str | None:
    """Where `root` lies below the file's directory ("" when the same); None when it does not."""
    if not root.is_relative_to(directory):
        return None
    rel = root.relative_to(directory).as_posix()
    return "" if rel == "." else rel


def _config_path(service: str, scope: str | None) -> str:
    """A service path relative to the scanned root, written relative to the file's directory."""
    if not scope:
        return service
    return scope if service == "." else f"{scope}/{service}"


def _read_back(target: Target, text: str, root: Path,
               entries: Sequence[Entry]) -> tuple[ServiceDecision, ...]:
    """The recorded decisions as `check` will read them: the whole file is validated first."""
    file = parse(target.path, target.shown, text, required=True)
    assert file is not None  # the framefit table was just written
    wanted = [e.service for e in entries]
    chosen = {d.service: d for d in from_file(file, root).decisions}
    return tuple(chosen[service] for service in wanted)


def diff(target: Target, new: str) -> str:
    """The change as a unified diff ("" when there is none)."""
    old = target.text or ""
    if old == new:
        return ""
    before = "/dev/null" if target.text is None else f"a/{target.shown}"
    lines = difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                 before, f"b/{target.shown}")
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def write(target: Target, text: str) -> None:
    """Replace the file with `text` atomically, keeping its permissions; UsageError on failure,
    or when the file changed since it was read."""
    if _current(target.path)[0] != target.text:
        raise UsageError(f"{target.shown}: changed while recording: nothing written, run again")
    handle, name = tempfile.mkstemp(prefix=f".{target.path.name}.", suffix=".tmp",
                                    dir=target.path.parent)
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(text.encode("utf-8"))
            stream.flush()
            os.fsync(stream.fileno())
        temporary.chmod(target.mode if target.mode is not None else _new_file_mode())
        temporary.replace(target.path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise UsageError(f"{target.shown}: cannot write: {exc.strerror}") from None


def _new_file_mode() -> int:
    """What `open()` would give a new file: 0o666 less the umask."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask
