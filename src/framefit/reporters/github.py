"""GitHub Actions workflow commands: one annotation per finding, then one `::warning` per
diagnostic (input framefit could not use fully), as many as GitHub shows.

GitHub shows at most ten annotations of each level (error, warning, notice) per step and drops the
rest, so only the first ten of each level are written, findings before diagnostics; the decision
record (`step_summary`), which the CLI appends to `$GITHUB_STEP_SUMMARY`, carries every finding and
diagnostic.
"""

from __future__ import annotations

from framefit.model import Diagnostic, Finding, Report, Severity
from framefit.reporters import markdown
from framefit.reporters._common import ordered, rule_of
from framefit.reporters.escape import workflow_data, workflow_property
from framefit.reporters.text import move_summary, summary

LIMIT = 10  # annotations per level per step that GitHub displays
COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "notice"}


def render(report: Report, *, color: bool = False) -> str:
    """Workflow commands for the first ten findings of each level and, in the warnings left,
    the diagnostics; then a one-line summary."""
    shown, rest = annotated(report.findings)
    room = LIMIT - sum(1 for f in shown if f.severity is Severity.WARNING)
    diagnostics = sorted(report.diagnostics)
    lines = [command(f, move_summary(report, f)) for f in shown] + [warning(d) for d in diagnostics[:room]]
    for count, what in ((len(rest), "finding"), (len(diagnostics[room:]), "diagnostic")):
        if count:
            lines.append(f"framefit: {count} more {what}{'s' if count != 1 else ''} not annotated "
                         f"(GitHub shows {LIMIT} per level); see the job summary.")
    lines.append(summary(report))
    return "\n".join(lines) + "\n"


def annotated(findings: tuple[Finding, ...]) -> tuple[list[Finding], list[Finding]]:
    """Split findings, most severe first, into those GitHub will show and the rest."""
    shown: list[Finding] = []
    rest: list[Finding] = []
    for finding in ordered(findings):
        same = sum(1 for f in shown if f.severity is finding.severity)
        (shown if same < LIMIT else rest).append(finding)
    return shown, rest


def command(finding: Finding, move: str = "") -> str:
    """`::error file=…,line=…,title=…::message` with GitHub's escaping of data and properties;
    `move`, when given, is what a move touches (`text.move_summary`), after the message."""
    rule = rule_of(finding.rule)
    properties = {"file": finding.path, "line": str(finding.line) if finding.line else None,
                  "title": f"{finding.rule} {rule.title}" if rule else finding.rule}
    props = ",".join(f"{k}={workflow_property(v)}" for k, v in properties.items()
                     if v and (k != "line" or finding.path))
    lines = [finding.message, *([finding.flips_if] if finding.flips_if else []), *([move] if move else []),
             f"hint: {finding.hint}"]
    return f"::{COMMAND[finding.severity]} {props}::{workflow_data(*lines)}"


def warning(diagnostic: Diagnostic) -> str:
    """`::warning file=…,line=…,title=framefit <kind>::message`: a file framefit could not use
    fully. A diagnostic of the whole run (an `--exclude` that matched nothing, path ".") or of a
    file outside the tree names no file."""
    inside = diagnostic.path not in (".", "") and not diagnostic.path.startswith(("/", "../"))
    properties = {"file": diagnostic.path if inside else None,
                  "line": str(diagnostic.line) if inside and diagnostic.line else None,
                  "title": f"framefit {diagnostic.kind}"}
    props = ",".join(f"{k}={workflow_property(v)}" for k, v in properties.items() if v)
    return f"::warning {props}::{workflow_data(diagnostic.message)}"


def step_summary(report: Report) -> str:
    """What goes to `$GITHUB_STEP_SUMMARY`: the full decision record."""
    return markdown.render(report)
