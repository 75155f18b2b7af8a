"""Known answers in configuration: `answers` for every service, `services` entries for one.

```toml
[tool.framefit.answers]
relational_database = "yes"
user_login = { answer = "no", reason = "machines only: API tokens" }

[[tool.framefit.services]]
path = "services/api"          # relative to the config file's directory
answers = { user_login = "no" }
reason = "token auth only"     # for every answer of this entry without its own
```

Questions are spelled as in the JSON report (`user_login`) or in kebab-case (`user-login`);
answers are "yes" or "no". Each answer cites the config file and the line its key is written on.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from framefit.config.discovery import ConfigFile, key_line, rebase, scope_prefix, table_line
from framefit.detail import clip, redact
from framefit.errors import ConfigError
from framefit.frozen import frozen
from framefit.model import CONFIGURED_SIGNAL, AnswerValue, Evidence, Question
from framefit.walk.reader import normalize

QUESTION_KEYS: dict[str, Question] = {
    **{q.value: q for q in Question},
    **{q.value.replace("_", "-"): q for q in Question},
}
VALUES = {"yes": AnswerValue.YES, "no": AnswerValue.NO}
SERVICE_KEYS = ("path", "answers", "reason")
ANSWER_KEYS = ("answer", "reason")
_QUESTIONS = ", ".join(q.value for q in Question)
_VALUE_FORMS = '"yes", "no" or { answer = "yes", reason = "..." }'


@frozen
class KnownAnswer:
    """An answer the team recorded: the value, why, and the config line as evidence."""

    question: Question
    value: AnswerValue
    reason: str
    source: Evidence  # path: the config file relative to the scanned root; line: the key's


@frozen
class KnownAnswers:
    """The answers of one `answers` table: for every service (None) or one service path."""

    service: str | None  # relative to the scanned root, "." for the root service
    answers: tuple[KnownAnswer, ...]
    source: Evidence  # where the table or entry starts


def known_answers(file: ConfigFile, root: Path) -> tuple[KnownAnswers, ...]:
    """Every answers table of `file`, validated; raises ConfigError naming file, key, allowed."""
    shown = cited_path(file, root)
    found: list[KnownAnswers] = []
    if "answers" in file.table:
        line = table_line(file.text, (*file.prefix, "answers")) or _line(file, file.prefix, "answers")
        where = _Where(file, shown, ("answers",), (*file.prefix, "answers"), 0)
        answers = _answers(where, file.table["answers"], "")
        found.append(KnownAnswers(None, answers, _evidence(file, shown, line)))
    found.extend(_services(file, shown, root))
    return tuple(found)


def cited_path(file: ConfigFile, root: Path) -> str:
    """How evidence cites `file`: relative to the scanned root when the file is inside it or at
    or above it; an explicit --config from elsewhere by its absolute path (a path relative to
    the directory framefit ran in would mean nothing to a reader of the report)."""
    inside = file.path.is_relative_to(root) or scope_prefix(file, root) is not None
    return (os.path.relpath(file.path, root) if inside else str(file.path)).replace(os.sep, "/")


def relative_path(value: object, shown: str, key: str) -> str:
    """A service path as written in the file, checked: relative, inside the repository."""
    if isinstance(value, str) and not value.startswith("/") and \
            ".." not in value.replace("\\", "/").split("/"):
        return normalize(value) or "."
    got = ("missing" if value is None else f"expected a string, got {_type(value)}"
           if not isinstance(value, str) else f'"{value}" is not a relative path inside the repository')
    raise ConfigError.at(shown, key, got, 'a directory relative to the config file, e.g. "services/api"')


@frozen
class _Where:
    """Where a table sits, for messages (`key`) and for finding its lines (`table`, `nth`)."""

    file: ConfigFile
    shown: str  # the config file, relative to the scanned root
    key: tuple[str, ...]  # ("services[0]", "answers")
    table: tuple[str, ...]  # the TOML table whose lines hold it
    nth: int

    def name(self, *more: str) -> str:
        return self.file.key(*self.key, *more)

    def line(self, key: str) -> int:
        text, prefix = self.file.text, self.file.prefix
        return (key_line(text, self.table, key, self.nth) or key_line(text, prefix, key)
                or table_line(text, self.table, self.nth) or 1)


def _services(file: ConfigFile, shown: str, root: Path) -> list[KnownAnswers]:
    entries = file.table.get("services", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise ConfigError.at(file.shown, file.key("services"), "expected an array of tables",
                             '[[tool.framefit.services]] entries with path = "..." and answers')
    prefix = scope_prefix(file, root)
    found: list[KnownAnswers] = []
    for nth, entry in enumerate(entries):
        where = _Where(file, shown, (f"services[{nth}]",), (*file.prefix, "services"), nth)
        path, answers = _entry(where, entry)
        service = rebase(path, prefix)
        if service is not None:
            line = table_line(file.text, where.table, nth) or where.line("path")
            found.append(KnownAnswers(service, answers, _evidence(file, shown, line)))
    return found


def _entry(where: _Where, entry: Mapping[str, object]) -> tuple[str, tuple[KnownAnswer, ...]]:
    for key in entry:
        if key not in SERVICE_KEYS:
            raise ConfigError.at(where.file.shown, where.name(key), "unknown key", ", ".join(SERVICE_KEYS))
    path = relative_path(entry.get("path"), where.file.shown, where.name("path"))
    reason = _text(where, entry.get("reason", ""), "reason")
    answers = entry.get("answers", {})
    inner = _Where(where.file, where.shown, (*where.key, "answers"), where.table, where.nth)
    return path, _answers(inner, answers, reason)


def _answers(where: _Where, table: object, reason: str) -> tuple[KnownAnswer, ...]:
    if not isinstance(table, dict):
        raise ConfigError.at(where.file.shown, where.name(), f"expected a table, got {_type(table)}",
                             f"a table of questions ({_QUESTIONS}) to {_VALUE_FORMS}")
    seen: dict[Question, str] = {}
    found: list[KnownAnswer] = []
    for key, value in table.items():
        question = QUESTION_KEYS.get(key)
        if question is None:
            raise ConfigError.at(where.file.shown, where.name(key), "unknown question", _QUESTIONS)
        if question in seen:
            raise ConfigError.at(where.file.shown, where.name(key), f"given twice (also as {seen[question]})",
                                 "one spelling per question")
        seen[question] = key
        value_text, own_reason = _value(where, key, value)
        source = _evidence(where.file, where.shown, where.line(key))
        found.append(KnownAnswer(question, VALUES[value_text], own_reason or reason, source))
    return tuple(found)


def _value(where: _Where, key: str, value: object) -> tuple[str, str]:
    reason = ""
    if isinstance(value, dict):
        for inner in value:
            if inner not in ANSWER_KEYS:
                raise ConfigError.at(where.file.shown, where.name(key, inner), "unknown key",
                                     ", ".join(ANSWER_KEYS))
        reason = _text(where, value.get("reason", ""), key, "reason")
        value = value.get("answer")
    if not isinstance(value, str) or value not in VALUES:
        problem = f'"{value}" is not an answer' if isinstance(value, str) else \
            f"expected a string or a table, got {_type(value)}"
        raise ConfigError.at(where.file.shown, where.name(key), problem, _VALUE_FORMS)
    return value, reason


def _text(where: _Where, value: object, *key: str) -> str:
    if not isinstance(value, str):
        raise ConfigError.at(where.file.shown, where.name(*key), f"expected a string, got {_type(value)}",
                             "a one-line reason")
    return redact(" ".join(value.split()))


def _type(value: object) -> str:
    return "nothing" if value is None else type(value).__name__


def _line(file: ConfigFile, table: tuple[str, ...], key: str) -> int:
    return key_line(file.text, table, key) or 1


def _evidence(file: ConfigFile, shown: str, line: int) -> Evidence:
    """The config line as evidence: its detail clipped and redacted as a scanner's is (module
    `detail`), since a report may become a pull-request comment."""
    lines = file.text.splitlines()
    detail = clip(lines[line - 1]) if 0 < line <= len(lines) else ""
    return Evidence(shown, line, CONFIGURED_SIGNAL, detail, 1.0)
