"""The terminal report, rendered with rich: per service the answers, the tally, the decision and
the findings; then what does not count, and why.

Lines are built from rich `Text` pieces, never from markup, so a `[bold]` or `[/y]` in a path is
text; every string that is not framefit's own goes through `escape.plain` first. Every line is
wrapped to `width` (the CLI passes the terminal's: COLUMNS, else the terminal's own, else 80)
with a hanging indent, so the answers' places and the findings' places start in one column and
what follows wraps under them, never mid-word (a path longer than the line is folded).
"""

from __future__ import annotations

from io import StringIO
from typing import TYPE_CHECKING

from framefit.model import (
    Answer,
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
    from rich.text import Text

Piece = str | tuple[str, str]  # text, or (text, rich style)

LABELS = {
    Question.RELATIONAL_DATABASE: "relational database",
    Question.USER_LOGIN: "user login",
    Question.CONTAINER_SIZE: "container size",
}
ANSWER_STYLE = {AnswerValue.YES: "bold", AnswerValue.NO: "bold", AnswerValue.UNKNOWN: "dim"}
SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.NOTE: "cyan"}
WIDTH = 80  # when the caller does not say: a file, the API
ANSWER_AT = 23  # the column of a service's answers (after two blanks and a 20-column label)
PLACE_AT = ANSWER_AT + 8 + 7  # the column of their places: after the answer and its confidence
NARROWEST = 20  # columns left for the text after an indent
NARROWEST_LINE = PLACE_AT + NARROWEST  # a narrower terminal gets lines this long, which it wraps
SHOWN_DIAGNOSTICS = 20
INDENTED: tuple[Piece, ...] = ("",)  # a lead of blanks only: the first line starts at the indent too
FRAMEWORK_NAMES = {"django": "Django", "flask": "Flask"}
MISMATCH = "FF1"  # the rules whose findings say the framework does not fit (house style 3.4)
SHOWN_COUNTERPARTS = 4  # in the one line of a move; the JSON and the decision record have all


def render(report: Report, *, color: bool = False, width: int = WIDTH, verbose: bool = False) -> str:
    """The report for a terminal `width` columns wide; with `verbose`, every answer's reason in
    full (the container size's with each stack's distributions)."""
    from rich.console import Console

    buffer = StringIO()
    console = Console(file=buffer, width=max(width, NARROWEST_LINE), force_terminal=color,
                      no_color=not color, color_system="standard" if color else None, highlight=False,
                      emoji=False)
    _hang(console, 0, (f"framefit {report.tool_version}", "bold"), f" · {plain(report.root)}")
    if not report.services:
        console.print()
        _hang(console, 0, "No service uses a web framework: nothing to judge.")
    for service in sorted(report.services, key=lambda s: s.path):
        _service(console, service, verbose)
    _findings(console, report.findings)
    _set_apart(console, report.suppressed)
    _diagnostics(console, report)
    console.print()
    _hang(console, 0, summary(report))
    return buffer.getvalue()


def _hang(console: Console, indent: int, *pieces: Piece, lead: tuple[Piece, ...] = ()) -> None:
    """`lead` (padded to `indent` columns, when there is one), then `pieces` wrapped to the
    console's width, each line after the first starting at column `indent`."""
    from rich.text import Text

    body = Text.assemble(*pieces)
    start = Text.assemble(*lead)
    if lead:
        start.pad_right(indent - start.cell_len)
    lines = body.wrap(console, max(console.width - indent, NARROWEST), overflow="fold")
    for number, line in enumerate(lines):
        line.rstrip()
        if number:  # a break at a run of blanks leaves one at the start of the next line
            line = line[len(line.plain) - len(line.plain.lstrip(" ")):]
        if number or not lead:
            line = _no_command(line)
        console.print(Text.assemble(start if number == 0 else " " * indent, line), soft_wrap=True)


def _no_command(line: Text) -> Text:
    """`line` with a `::` it starts with (after blanks) escaped as `escape.plain` escapes it at
    a string's start: a wrap can put any `::` of the repo's text at the start of a line, and the
    Actions runner obeys a line that starts so (the text report goes into CI logs)."""
    blanks = len(line.plain) - len(line.plain.lstrip())
    if not line.plain.startswith("::", blanks):
        return line
    return line[:blanks] + "\\x3a" + line[blanks + 1:]


def _service(console: Console, service: ServiceAnswers, verbose: bool) -> None:
    console.print()
    _hang(console, 2, (f"Service {plain(service.path)}", "bold"), _frameworks(service))
    for question in Question:
        _answer_row(console, question, service.answer(question), verbose)
    _hang(console, ANSWER_AT, *_verdict(service), lead=(_label("recommendation"),))
    _move_and_decision(console, service)


def _frameworks(service: ServiceAnswers) -> str:
    """The heading's tail: the frameworks used, and where the serving one is created."""
    frameworks = ", ".join(plain(f.name) for f in service.frameworks)
    use = service.framework_use(service.framework or "")
    where = f" ({plain(use.evidence[0].location)})" if use and use.evidence else ""
    return f" — {frameworks or 'no framework'}{where}"


def _move_and_decision(console: Console, service: ServiceAnswers) -> None:
    if service.move is not None:
        _hang(console, ANSWER_AT, plain(move_line(service.move, service.framework or "")),
              lead=(_label("move"),))
    if service.decision is not None:
        _hang(console, ANSWER_AT, plain(decision_line(service.decision)), lead=(_label("decision"),))


def _answer_row(console: Console, question: Question, answer: Answer, verbose: bool) -> None:
    """A question's row: its answer and confidence, where the strongest evidence is, and why."""
    strongest = answer.strongest
    cite = plain(strongest.location) if strongest else ""
    mark = " (configured)" if answer.configured else ""
    reason = answer.reason if verbose else (answer.brief or answer.reason)
    lead = (_label(LABELS[question]), (f"{answer.value.value:<7}", ANSWER_STYLE[answer.value]),
            f" {answer.confidence.value:<6} ")
    _hang(console, PLACE_AT, f"{cite}{mark}{'  ' if cite else ''}", (plain(reason), "dim"), lead=lead)


def _label(text: str) -> str:
    return f"  {text:<{ANSWER_AT - 3}} "


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
    console.print()
    _hang(console, 0, ("Findings", "bold"))
    ordered = sorted(findings, key=lambda f: (f.service, f.rule))
    indent = 2 + max(len(plain(f.rule)) + 1 + len(f.severity.value) for f in ordered) + 1
    for f in ordered:
        where = f"{f.path}:{f.line}" if f.path and f.line else (f.path or f.service)
        lead = ("  ", (f"{plain(f.rule)} {f.severity.value}", SEVERITY_STYLE[f.severity]))
        _hang(console, indent, f"{plain(where)}: {plain(f.message)}", lead=lead)
        if f.flips_if:
            _hang(console, indent, (plain(f.flips_if), "dim"), lead=INDENTED)
        _hang(console, indent, f"hint: {plain(f.hint)}", lead=INDENTED)


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
    console.print()
    _hang(console, 0, ("Accepted and suppressed", "bold"),
          f" ({len(suppressed)}: they do not count)")
    ordered = sorted(suppressed, key=lambda f: (f.service, f.rule, f.path or "", f.line or 0))
    indent = 2 + max(len(plain(f.rule)) for f in ordered) + 1
    for f in ordered:
        where = f"{f.path}:{f.line}" if f.path and f.line else (f.path or f.service)
        _hang(console, indent, f"{plain(where)}: {plain(set_apart(f))}", lead=(f"  {plain(f.rule)}",))


def _diagnostics(console: Console, report: Report) -> None:
    if not report.diagnostics:
        return
    files = len({d.path for d in report.diagnostics})
    count = _count(len(report.diagnostics), "diagnostic")
    console.print()
    _hang(console, 0, ("Diagnostics", "bold"),
          f" ({count} in {_count(files, 'file')}: input framefit could not use fully)")
    shown = sorted(report.diagnostics)[:SHOWN_DIAGNOSTICS]
    indent = 2 + max(len(plain(d.kind)) for d in shown) + 1
    for d in shown:
        where = f"{d.path}:{d.line}" if d.line else d.path
        # The kind first, as a finding's rule: no line of the report starts with the repo's text.
        _hang(console, indent, f"{plain(where)}: {plain(d.message)}", lead=(f"  {plain(d.kind)}",))
    if len(report.diagnostics) > SHOWN_DIAGNOSTICS:
        _hang(console, 4, f"  … and {len(report.diagnostics) - SHOWN_DIAGNOSTICS} more (see --format json)")


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def summary(report: Report) -> str:
    """One line: services, how many fit, do not fit and are not judged; findings by severity;
    what is set apart; diagnostics."""
    return (f"{_services_count(report)} · {_findings_count(report)}{_apart_count(report)}"
            f" · {_count(len(report.diagnostics), 'diagnostic')}")


def _services_count(report: Report) -> str:
    judged = [s for s in report.services if s.fits is not None]
    fit = sum(1 for s in judged if s.fits)
    unjudged = len(report.services) - len(judged)
    text = f"{_count(len(report.services), 'service')}: {fit} fit, {len(judged) - fit} do not fit"
    return text + (f", {unjudged} not judged" if unjudged else "")


def _findings_count(report: Report) -> str:
    counts = {sev: sum(1 for f in report.findings if f.severity is sev) for sev in Severity}
    found = ", ".join(_count(n, sev.value) for sev, n in counts.items() if n)
    return _count(len(report.findings), "finding") + (f" ({found})" if found else "")


def _apart_count(report: Report) -> str:
    """Accepted (by a recorded decision) and otherwise suppressed findings, when there are any."""
    accepted = sum(1 for f in report.suppressed
                   if f.suppression and f.suppression.by is SuppressedBy.DECISION)
    return "".join(f" · {n} {label}" for n, label in (
        (accepted, "accepted"), (len(report.suppressed) - accepted, "suppressed")) if n)
