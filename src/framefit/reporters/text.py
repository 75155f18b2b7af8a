"""The terminal report, rendered with rich: per service the answers, the tally, the decision and
the findings; then what does not count, and why.

Lines are built from rich `Text` pieces, never from markup, so a `[bold]` or `[/y]` in a path is
text; every string that is not framefit's own goes through `escape.plain` first.
"""

from __future__ import annotations

from io import StringIO
from typing import TYPE_CHECKING

from framefit.model import (
    AnswerValue,
    Decision,
    DecisionState,
    Finding,
    Move,
    Question,
    Report,
    ServiceAnswers,
    Severity,
    SuppressedBy,
)
from framefit.reporters.escape import plain

if TYPE_CHECKING:
    from rich.console import Console

Piece = str | tuple[str, str]  # text, or (text, rich style)

LABELS = {
    Question.RELATIONAL_DATABASE: "relational database",
    Question.USER_LOGIN: "user login",
    Question.CONTAINER_SIZE: "container size",
}
ANSWER_STYLE = {AnswerValue.YES: "bold", AnswerValue.NO: "bold", AnswerValue.UNKNOWN: "dim"}
SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.NOTE: "cyan"}
WIDTH = 100
SHOWN_DIAGNOSTICS = 20
FRAMEWORK_NAMES = {"django": "Django", "flask": "Flask"}
MISMATCH = "FF1"  # the rules whose findings say the framework does not fit (house style 3.4)
SHOWN_COUNTERPARTS = 4  # in the one line of a move; the JSON and the decision record have all


def render(report: Report, *, color: bool = False) -> str:
    from rich.console import Console

    buffer = StringIO()
    console = Console(file=buffer, width=WIDTH, force_terminal=color, no_color=not color,
                      color_system="standard" if color else None, highlight=False, emoji=False,
                      soft_wrap=True)
    _line(console, (f"framefit {report.tool_version}", "bold"), f" · {plain(report.root)}")
    if not report.services:
        _line(console, "\nNo service uses a web framework: nothing to judge.")
    for service in sorted(report.services, key=lambda s: s.path):
        _service(console, service)
    _findings(console, report.findings)
    _set_apart(console, report.suppressed)
    _diagnostics(console, report)
    _line(console, "\n" + summary(report))
    return buffer.getvalue()


def _line(console: Console, *pieces: Piece) -> None:
    from rich.text import Text

    console.print(Text.assemble(*pieces))


def _service(console: Console, service: ServiceAnswers) -> None:
    frameworks = ", ".join(plain(f.name) for f in service.frameworks)
    use = service.framework_use(service.framework or "")
    where = f" ({plain(use.evidence[0].location)})" if use and use.evidence else ""
    _line(console, "\n", (f"Service {plain(service.path)}", "bold"),
          f" — {frameworks or 'no framework'}{where}")
    for question in Question:
        answer = service.answer(question)
        strongest = answer.strongest
        cite = plain(strongest.location) if strongest else ""
        mark = " (configured)" if answer.configured else ""
        _line(console, f"  {LABELS[question]:<20} ",
              (f"{answer.value.value:<7}", ANSWER_STYLE[answer.value]),
              f" {answer.confidence.value:<6} {cite}{mark}{'  ' if cite else ''}",
              (plain(answer.reason), "dim"))
    _line(console, f"  {'recommendation':<20} ", *_verdict(service))
    if service.move is not None:
        _line(console, f"  {'move':<20} {plain(move_line(service.move, service.framework or ''))}")
    if service.decision is not None:
        _line(console, f"  {'decision':<20} {plain(decision_line(service.decision))}")


def _verdict(service: ServiceAnswers) -> tuple[Piece, ...]:
    recommended, used = plain(service.recommendation or ""), plain(service.framework or "")
    if service.recommendation is None:
        return ("none: an answer that decides it is unknown",)
    if service.fits is None:
        return (f"{recommended} (not judged: the service uses {used})",)
    if service.fits:
        return (f"{recommended} — ", ("fits", "green"))
    return (f"{recommended} — ", ("does not fit", "bold red"), f" (uses {used})")


def _findings(console: Console, findings: tuple[Finding, ...]) -> None:
    if not findings:
        return
    _line(console, "\n", ("Findings", "bold"))
    for f in sorted(findings, key=lambda f: (f.service, f.rule)):
        where = f"{f.path}:{f.line}" if f.path and f.line else (f.path or f.service)
        _line(console, "  ", (f"{plain(f.rule)} {f.severity.value}", SEVERITY_STYLE[f.severity]),
              f" {plain(where)}: {plain(f.message)}")
        if f.flips_if:
            _line(console, "    ", (plain(f.flips_if), "dim"))
        _line(console, f"    hint: {plain(f.hint)}")


def move_line(move: Move, framework: str) -> str:
    """What a move touches, in one line (repo text not yet escaped): "a move to Django touches
    23 routes in 6 files, 3 blueprints, ...; flask-login → django.contrib.auth, …; 1,240 of
    5,800 app lines import Flask or an extension"."""
    units = "blueprint" if move.to == "django" else "app"
    counts = [counted(move.routes, "route") + f" in {counted(move.route_files, 'file')}",
              counted(move.units, units), counted(move.models, "model"),
              counted(move.templates, "template"), counted(move.forms, "form")]
    replaced = [f"{e.name} → {e.counterpart}" for e in move.extensions if e.counterpart]
    shown = replaced[:SHOWN_COUNTERPARTS] + (["…"] if len(replaced) > SHOWN_COUNTERPARTS else [])
    old = FRAMEWORK_NAMES.get(framework, framework)
    parts = [f"a move to {FRAMEWORK_NAMES.get(move.to, move.to)} touches "
             f"{', '.join(counts[:-1])} and {counts[-1]}",
             *([", ".join(shown)] if shown else []),
             f"{move.framework_lines:,} of {move.app_lines:,} app lines import {old} or an extension"]
    return "; ".join(parts)


def move_summary(report: Report, finding: Finding) -> str:
    """The move line of a mismatch finding's service (FF1xx), capitalised; "" for any other."""
    service = next((s for s in report.services if s.path == finding.service), None)
    if service is None or service.move is None or not finding.rule.startswith(MISMATCH):
        return ""
    line = move_line(service.move, service.framework or "")
    return line[:1].upper() + line[1:]


def counted(number: int, noun: str) -> str:
    """"1 route", "1,240 routes"."""
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def decision_line(decision: Decision) -> str:
    """The recorded decision and how it stands, in one line (repo text not yet escaped)."""
    changed = ", ".join(f"{c.question.value} {c.recorded.value} → {c.current.value}"
                        for c in decision.changes)
    state = {
        DecisionState.HOLDS: "holds" + (f" ({changed})" if changed else ""),
        DecisionState.DRIFTED: f"drifted: {changed}",
        DecisionState.OUTDATED: "outdated: the service uses another framework now",
    }[decision.state]
    return (f"{decision.framework}, recorded {decision.recorded} ({decision.source.location}): "
            f"{state} — {decision.reason}")


def set_apart(finding: Finding) -> str:
    """Why a suppressed finding does not count, in one line (repo text not yet escaped)."""
    why = finding.suppression
    if why is None:
        return ""
    if why.by is SuppressedBy.DECISION:
        return f"accepted by the decision at {why.path}:{why.line}: {why.justification}"
    if why.by is SuppressedBy.COMMENT:
        return f"suppressed by its comment: {why.justification or 'no reason given'}"
    return why.justification


def _set_apart(console: Console, suppressed: tuple[Finding, ...]) -> None:
    if not suppressed:
        return
    _line(console, "\n", ("Accepted and suppressed", "bold"), f" ({len(suppressed)}: they do not count)")
    for f in sorted(suppressed, key=lambda f: (f.service, f.rule, f.path or "", f.line or 0)):
        where = f"{f.path}:{f.line}" if f.path and f.line else (f.path or f.service)
        _line(console, f"  {plain(f.rule)} {plain(where)}: {plain(set_apart(f))}")


def _diagnostics(console: Console, report: Report) -> None:
    if not report.diagnostics:
        return
    _line(console, "\n", ("Diagnostics", "bold"),
          f" ({len(report.diagnostics)}: input framefit could not use fully)")
    for d in sorted(report.diagnostics)[:SHOWN_DIAGNOSTICS]:
        where = f"{d.path}:{d.line}" if d.line else d.path
        # The kind first, as a finding's rule: no line of the report starts with the repo's text.
        _line(console, f"  {plain(d.kind)} {plain(where)}: {plain(d.message)}")
    if len(report.diagnostics) > SHOWN_DIAGNOSTICS:
        _line(console, f"  … and {len(report.diagnostics) - SHOWN_DIAGNOSTICS} more (see --format json)")


def summary(report: Report) -> str:
    """One line: services judged, fits, findings by severity, diagnostics."""
    judged = [s for s in report.services if s.fits is not None]
    fit = sum(1 for s in judged if s.fits)
    counts = {sev: sum(1 for f in report.findings if f.severity is sev) for sev in Severity}
    found = ", ".join(f"{n} {sev.value}{'s' if n != 1 else ''}" for sev, n in counts.items() if n)
    accepted = sum(1 for f in report.suppressed
                   if f.suppression and f.suppression.by is SuppressedBy.DECISION)
    apart = "".join(f" · {n} {label}" for n, label in (
        (accepted, "accepted"), (len(report.suppressed) - accepted, "suppressed")) if n)
    return (
        f"{len(report.services)} service{'s' if len(report.services) != 1 else ''}: "
        f"{fit} fit, {len(judged) - fit} do not fit · "
        f"{len(report.findings)} finding{'s' if len(report.findings) != 1 else ''}"
        f"{f' ({found})' if found else ''}{apart} · {len(report.diagnostics)} diagnostics"
    )
