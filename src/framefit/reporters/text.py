"""The terminal report, rendered with rich: per service the answers, the tally and the findings."""

from __future__ import annotations

from io import StringIO
from typing import TYPE_CHECKING

from framefit.model import (
    AnswerValue,
    Decision,
    DecisionState,
    Finding,
    Question,
    Report,
    ServiceAnswers,
    Severity,
    SuppressedBy,
)

if TYPE_CHECKING:
    from rich.console import Console

LABELS = {
    Question.RELATIONAL_DATABASE: "relational database",
    Question.USER_LOGIN: "user login",
    Question.CONTAINER_SIZE: "container size",
}
ANSWER_STYLE = {AnswerValue.YES: "bold", AnswerValue.NO: "bold", AnswerValue.UNKNOWN: "dim"}
SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.NOTE: "cyan"}
WIDTH = 100


def render(report: Report, *, color: bool = False) -> str:
    from rich.console import Console

    buffer = StringIO()
    console = Console(file=buffer, width=WIDTH, force_terminal=color, no_color=not color,
                      color_system="standard" if color else None, highlight=False, emoji=False,
                      soft_wrap=True)
    console.print(f"[bold]framefit {report.tool_version}[/] · {report.root}")
    if not report.services:
        console.print("\nNo service uses a web framework: nothing to judge.")
    for service in sorted(report.services, key=lambda s: s.path):
        _service(console, service)
    _findings(console, report.findings)
    _set_apart(console, report.suppressed)
    _diagnostics(console, report)
    console.print()
    console.print(summary(report))
    return buffer.getvalue()


def _service(console: Console, service: ServiceAnswers) -> None:
    from rich.markup import escape

    frameworks = ", ".join(f.name for f in service.frameworks)
    use = service.framework_use(service.framework or "")
    where = f" ({use.evidence[0].location})" if use and use.evidence else ""
    console.print(f"\n[bold]Service {escape(service.path)}[/] — {frameworks or 'no framework'}"
                  f"{escape(where)}")
    for question in Question:
        answer = service.answer(question)
        strongest = answer.strongest
        cite = strongest.location if strongest else ""
        mark = " (configured)" if answer.configured else ""
        console.print(
            f"  {LABELS[question]:<20} [{ANSWER_STYLE[answer.value]}]{answer.value.value:<7}[/]"
            f" {answer.confidence.value:<6} {escape(cite)}{mark}"
            f"{'  ' if cite else ''}[dim]{escape(answer.reason)}[/]"
        )
    console.print(f"  {'recommendation':<20} {_verdict(service)}")
    if service.decision is not None:
        console.print(f"  {'decision':<20} {escape(decision_line(service.decision))}")


def _verdict(service: ServiceAnswers) -> str:
    if service.recommendation is None:
        return "none: an answer that decides it is unknown"
    if service.fits is None:
        return f"{service.recommendation} (not judged: the service uses {service.framework})"
    if service.fits:
        return f"{service.recommendation} — [green]fits[/]"
    return f"{service.recommendation} — [bold red]does not fit[/] (uses {service.framework})"


def _findings(console: Console, findings: tuple[Finding, ...]) -> None:
    from rich.markup import escape

    if not findings:
        return
    console.print("\n[bold]Findings[/]")
    for f in sorted(findings, key=lambda f: (f.service, f.rule)):
        where = f"{f.path}:{f.line}" if f.path and f.line else (f.path or f.service)
        style = SEVERITY_STYLE[f.severity]
        console.print(f"  [{style}]{f.rule} {f.severity.value}[/] {escape(where)}: {escape(f.message)}")
        if f.flips_if:
            console.print(f"    [dim]{escape(f.flips_if)}[/]")
        console.print(f"    hint: {escape(f.hint)}")


def decision_line(decision: Decision) -> str:
    """The recorded decision and how it stands, in one line (plain text)."""
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
    """Why a suppressed finding does not count, in one line (plain text)."""
    why = finding.suppression
    if why is None:
        return ""
    if why.by is SuppressedBy.DECISION:
        return f"accepted by the decision at {why.path}:{why.line}: {why.justification}"
    if why.by is SuppressedBy.COMMENT:
        return f"suppressed by its comment: {why.justification or 'no reason given'}"
    return why.justification


def _set_apart(console: Console, suppressed: tuple[Finding, ...]) -> None:
    from rich.markup import escape

    if not suppressed:
        return
    console.print(f"\n[bold]Accepted and suppressed[/] ({len(suppressed)}: they do not count)")
    for f in sorted(suppressed, key=lambda f: (f.service, f.rule, f.path or "", f.line or 0)):
        where = f"{f.path}:{f.line}" if f.path and f.line else (f.path or f.service)
        console.print(f"  {f.rule} {escape(where)}: {escape(set_apart(f))}")


def _diagnostics(console: Console, report: Report) -> None:
    from rich.markup import escape

    if not report.diagnostics:
        return
    console.print(f"\n[bold]Diagnostics[/] ({len(report.diagnostics)}: input framefit could not use fully)")
    for d in sorted(report.diagnostics)[:20]:
        where = f"{d.path}:{d.line}" if d.line else d.path
        console.print(f"  {escape(where)}: {d.kind}: {escape(d.message)}")
    if len(report.diagnostics) > 20:
        console.print(f"  … and {len(report.diagnostics) - 20} more (see --format json)")


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
