"""The rules as text, from the RULES data alone: the `rules` table, `explain`, the README table."""

from __future__ import annotations

import textwrap

from framefit.errors import UsageError
from framefit.rules import RETIRED, RULES, by_id
from framefit.rules.base import Rule
from framefit.rules.verdict import ACCEPTED

WIDTH = 88
SILENCE = (
    ("for the repo, in [tool.framefit] or framefit.toml:", 'ignore = ["{id}"]'),
    ("for one run:", "framefit check --ignore {id}"),
    ("on the line a finding points at:", "# framefit: ignore[{id}] -- reason"),
)
# For the mismatches a recorded decision accepts (rules.verdict.ACCEPTED): the way to keep a
# framework on purpose, watched for drift, before silencing anything.
ACCEPT = ("accept it while its answers hold:", "framefit record --reason '...'")


def table() -> str:
    """One line per rule: id, default severity, name and title (what `framefit rules` prints)."""
    width = max(len(r.name) for r in RULES)
    return "".join(f"{r.id}  {r.severity.value:<7}  {r.name:<{width}}  {r.title}\n" for r in RULES)


def markdown_table() -> str:
    """The README's rules table."""
    rows = [f"| {r.id} | {r.severity.value} | {r.name} | {r.title} |" for r in RULES]
    return "\n".join(["| id | severity | name | title |", "|---|---|---|---|", *rows]) + "\n"


def as_json() -> str:
    """Every rule with its texts, as `framefit rules --format json` prints them."""
    from framefit.reporters.escape import json_text

    fields = ("id", "name", "severity", "title", "rationale", "hint", "example")
    return json_text([{name: str(getattr(rule, name)) for name in fields} for rule in RULES])


def explain(rule: str) -> str:
    """What `framefit explain RULE` prints for a rule's id (`FF101`) or name
    (`flask-needs-database`, as `framefit rules` prints it); UsageError naming both for an
    unknown one."""
    wanted = rule.strip()
    found = by_id(wanted) or next((r for r in RULES if r.name == wanted.lower()), None)
    if found is not None:
        return describe(found)
    if wanted.upper() in RETIRED:
        return f"{wanted.upper()} is retired: it no longer runs, and its id is never reused.\n"
    raise UsageError(f'unknown rule "{rule}"; valid: a rule id ({", ".join(r.id for r in RULES)}) '
                     f"or its name ({', '.join(r.name for r in RULES)})")


def describe(rule: Rule) -> str:
    """Title, rationale, hint, example and how to silence `rule`, as plain text."""
    return "\n".join([
        f"{rule.id} {rule.name} ({rule.severity.value} by default)",
        rule.title,
        "",
        "Why:",
        textwrap.fill(rule.rationale, WIDTH, initial_indent="  ", subsequent_indent="  "),
        "",
        f"Hint:\n  {rule.hint}",
        "",
        f"Example:\n  {rule.example}",
        "",
        "Silence it:",
        *(f"  {how:<{len(SILENCE[0][0])}}  {what}" for how, what in ways_to_silence(rule)),
        "",
    ])


def ways_to_silence(rule: Rule) -> tuple[tuple[str, str], ...]:
    """(how, what to write) for each way to keep `rule` from failing a run, the first first."""
    ways = ((ACCEPT,) if rule.id in ACCEPTED else ()) + SILENCE
    return tuple((how, what.format(id=rule.id)) for how, what in ways)
