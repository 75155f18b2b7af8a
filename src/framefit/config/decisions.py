"""Recorded decisions in configuration: `[[tool.framefit.decisions]]`, one entry per service.

```toml
[[tool.framefit.decisions]]
service = "."                  # relative to the config file's directory
framework = "flask"            # the framework the team keeps: django or flask
relational_database = "yes"    # the answers the choice rested on: yes, no or unknown
user_login = "no"
container_size = "yes"
reason = "Flask + SQLAlchemy is our team standard"
recorded = 2026-12-01          # a TOML date, written by `framefit record`
```

In `framefit.toml` the same entries are top-level `[[decisions]]`. Questions may be spelled in
kebab-case (`user-login`), as for known answers. Every key is required: a decision rests on all
three answers. Each decision cites the config file and the line of its entry.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from pathlib import Path

from framefit.config.discovery import ConfigFile, rebase, scope_prefix, table_line
from framefit.config.known_answers import QUESTION_KEYS, cited_path, relative_path
from framefit.detail import clip
from framefit.errors import ConfigError
from framefit.frozen import frozen
from framefit.model import DECISION_SIGNAL, JUDGED, AnswerValue, Decision, Evidence, Question

VALUES = tuple(v.value for v in AnswerValue)
ENTRY_KEYS = ("service", "framework", *(q.value for q in Question), "reason", "recorded")
EXAMPLE = '[[tool.framefit.decisions]] entries, as `framefit record` writes them'


@frozen
class ServiceDecision:
    """A decision and the service it is for, relative to the scanned root ("." for the root)."""

    service: str
    decision: Decision


def decisions(file: ConfigFile, root: Path) -> tuple[ServiceDecision, ...]:
    """Every decision of `file` for a service under `root`, validated; raises ConfigError naming
    the file, the key and what is allowed (a service given twice is an error too)."""
    entries = file.table.get("decisions", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise ConfigError.at(file.shown, file.key("decisions"), "expected an array of tables", EXAMPLE)
    prefix, shown = scope_prefix(file, root), cited_path(file, root)
    found: list[ServiceDecision] = []
    first: dict[str, int] = {}
    for nth, entry in enumerate(entries):
        path, decision = _entry(file, shown, nth, entry)
        if path in first:
            raise ConfigError.at(file.shown, _key(file, nth, "service"),
                                 f'"{path}" is decided twice (also in decisions[{first[path]}])',
                                 "one entry per service; `framefit record` replaces it")
        first[path] = nth
        service = rebase(path, prefix)
        if service is not None:
            found.append(ServiceDecision(service, decision))
    return tuple(found)


def _entry(file: ConfigFile, shown: str, nth: int, entry: Mapping[str, object]) -> tuple[str, Decision]:
    answers: dict[Question, AnswerValue] = {}
    for key, value in entry.items():
        question = QUESTION_KEYS.get(key)
        if question is None and key not in ENTRY_KEYS:
            raise ConfigError.at(file.shown, _key(file, nth, key), "unknown key", ", ".join(ENTRY_KEYS))
        if question is not None:
            if question in answers:
                raise ConfigError.at(file.shown, _key(file, nth, key), "given twice",
                                     "one spelling per question")
            answers[question] = AnswerValue(_choice(file, nth, key, value, VALUES))
    for question in Question:
        if question not in answers:
            raise ConfigError.at(file.shown, _key(file, nth, question.value), "missing", ", ".join(VALUES))
    path = relative_path(entry.get("service"), file.shown, _key(file, nth, "service"))
    decision = Decision(
        framework=_choice(file, nth, "framework", entry.get("framework"), JUDGED),
        answers=tuple((q, answers[q]) for q in Question),
        reason=_reason(file, nth, entry.get("reason")),
        recorded=_date(file, nth, entry.get("recorded")),
        source=_source(file, shown, nth),
    )
    return path, decision


def _choice(file: ConfigFile, nth: int, key: str, value: object, allowed: tuple[str, ...]) -> str:
    if isinstance(value, str) and value in allowed:
        return value
    problem = ("missing" if value is None else f'"{value}" is not allowed' if isinstance(value, str)
               else f"expected a string, got {type(value).__name__}")
    raise ConfigError.at(file.shown, _key(file, nth, key), problem, ", ".join(allowed))


def _reason(file: ConfigFile, nth: int, value: object) -> str:
    text = " ".join(value.split()) if isinstance(value, str) else ""
    if text:
        return text
    problem = ("missing" if value is None else "empty" if isinstance(value, str)
               else f"expected a string, got {type(value).__name__}")
    raise ConfigError.at(file.shown, _key(file, nth, "reason"), problem, "a one-line reason")


def _date(file: ConfigFile, nth: int, value: object) -> str:
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value.isoformat()
    problem = "missing" if value is None else f"expected a TOML date, got {type(value).__name__}"
    raise ConfigError.at(file.shown, _key(file, nth, "recorded"), problem,
                         "a date without quotes, e.g. recorded = 2026-12-01")


def _key(file: ConfigFile, nth: int, key: str) -> str:
    return file.key(f"decisions[{nth}]", key)


def _source(file: ConfigFile, shown: str, nth: int) -> Evidence:
    line = table_line(file.text, (*file.prefix, "decisions"), nth) or 1
    lines = file.text.splitlines()
    detail = clip(lines[line - 1]) if line <= len(lines) else ""
    return Evidence(shown, line, DECISION_SIGNAL, detail, 1.0)
