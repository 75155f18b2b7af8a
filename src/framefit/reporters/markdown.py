"""The decision record: per service the three answers with evidence, the tally and the findings.

Markdown that reads the same in a pull-request comment, a GitHub job summary or a GitLab note.
Nothing here is machine-specific (the root is shown by its last component only), so the record of
one tree is the same bytes on every machine.
"""

from __future__ import annotations

from pathlib import PurePath

from framefit.model import (
    Answer,
    AnswerValue,
    Decision,
    DecisionState,
    Evidence,
    Finding,
    Move,
    Question,
    Report,
    ServiceAnswers,
)
from framefit.reporters._common import LABELS, ordered
from framefit.reporters.escape import code, markdown_inline
from framefit.reporters.text import FRAMEWORK_NAMES, counted, move_line, set_apart, summary

MAX_EVIDENCE = 5  # per list; the JSON report has them all
MAX_FILES = 25  # of a move, most touched first; the JSON report has them all
DECIDING = (Question.RELATIONAL_DATABASE, Question.USER_LOGIN)


def render(report: Report, *, color: bool = False) -> str:
    """The whole record as one Markdown document ending in a newline (`color` is ignored)."""
    lines = ["# framefit decision record", "",
             f"framefit {report.tool_version} · {code(PurePath(report.root).name)} · {summary(report)}"]
    if not report.services:
        lines += ["", "No service uses a web framework: nothing to judge."]
    for service in sorted(report.services, key=lambda s: s.path):
        lines += _service(service, [f for f in ordered(report.findings) if f.service == service.path])
    lines += _diagnostics(report)
    lines += _set_apart(report.suppressed)
    return "\n".join(lines) + "\n"


def _service(service: ServiceAnswers, findings: list[Finding]) -> list[str]:
    framework = markdown_inline(service.framework or "no framework")
    lines = ["", f"## Service {code(service.path)} — {framework}", "", *_created_at(service)]
    lines += ["| question | answer | confidence | why |", "|---|---|---|---|"]
    lines += [_row(question, service.answer(question)) for question in Question]
    lines += ["", f"**Tally:** {tally(service)}", "", f"**Recommendation:** {_verdict(service)}"]
    lines += _decision_and_move(service)
    lines += ["", "### Evidence", ""]
    for question in Question:
        lines += _evidence(question, service.answer(question))
    if findings:
        lines += ["", "### Findings", ""]
        lines += [line for f in findings for line in _finding(f)]
    return lines


def _created_at(service: ServiceAnswers) -> list[str]:
    """Where the serving framework is created, when there is evidence of it."""
    use = service.framework_use(service.framework or "")
    if use and use.evidence:
        e = use.evidence[0]
        return [f"The framework is created at {code(e.location)}{_detail(e)}.", ""]
    return []


def _decision_and_move(service: ServiceAnswers) -> list[str]:
    """The recorded decision and what changed since, then the size of a move, where there are."""
    lines: list[str] = []
    if service.decision is not None:
        lines += _decision(service.decision, service.framework)
    if service.move is not None:
        lines += _move(service.move, service.framework or "")
    return lines


def _row(question: Question, answer: Answer) -> str:
    value = answer.value.value
    shown = value if answer.value is AnswerValue.UNKNOWN else f"**{value}**"
    if answer.configured:
        shown += " (configured)"
    return f"| {LABELS[question]} | {shown} | {answer.confidence.value} | {markdown_inline(answer.reason)} |"


def tally(service: ServiceAnswers) -> str:
    """The rule of thumb applied to these answers, in one sentence."""
    deciding = {q: service.answer(q).value for q in DECIDING}
    said = " and ".join(f"{LABELS[q]} {deciding[q].value}" for q in DECIDING
                        if service.recommendation != "django" or deciding[q] is AnswerValue.YES)
    size = service.answer(Question.CONTAINER_SIZE).value.value
    outcome = {"django": "Django", "flask": "Flask"}.get(service.recommendation or "", "no recommendation")
    return f"{said} → {outcome}; container size {size}."


def _verdict(service: ServiceAnswers) -> str:
    recommended = markdown_inline(service.recommendation or "")
    used = markdown_inline(service.framework or "")
    if service.recommendation is None:
        return "none — an answer that decides it is unknown."
    if service.fits is None:
        return f"{recommended} (not judged: the service uses {used})."
    if service.fits:
        return f"{recommended} — fits."
    return f"{recommended} — **does not fit** (the service uses {used})."


def _evidence(question: Question, answer: Answer) -> list[str]:
    lines = [f"- **{LABELS[question]}** — {answer.value.value}"
             + (f" (configured: {markdown_inline(answer.reason)})" if answer.configured else "")]
    if not answer.evidence and not answer.against:
        return [*lines, "  - no evidence either way"]
    lines += _listed("", answer.evidence, answer.evidence_left_out)
    lines += _listed("against: ", answer.against, answer.against_left_out)
    return lines


def _listed(prefix: str, evidence: tuple[Evidence, ...], left_out: int) -> list[str]:
    items = evidence
    lines = [f"  - {prefix}{code(e.location)} {markdown_inline(e.signal)}{_detail(e)}"
             for e in items[:MAX_EVIDENCE]]
    more = len(items) - len(lines) + left_out
    if more:
        lines.append(f"  - {prefix}… and {more} more (`--format json` lists the {len(items)} strongest)")
    return lines


def _finding(f: Finding) -> list[str]:
    where = f" {code(f'{f.path}:{f.line}' if f.line else f.path)}" if f.path else ""
    lines = [f"- **{f.rule}** {f.severity.value}{where}: {markdown_inline(f.message)}"]
    if f.flips_if:
        lines.append(f"  - {markdown_inline(f.flips_if)}")
    return [*lines, f"  - hint: {markdown_inline(f.hint)}"]


def _decision(decision: Decision, framework: str | None) -> list[str]:
    """The recorded decision, its reason and date, and what changed since."""
    now = {c.question: c.current for c in decision.changes}
    lines = ["", "### Decision", "",
             f"Recorded {decision.recorded} at {code(decision.source.location)}: keep "
             f"**{decision.framework}** — {markdown_inline(decision.reason)}", "",
             "| question | recorded | now |", "|---|---|---|"]
    for question, value in decision.answers:
        current = now.get(question)
        shown = value.value if current is None else f"**{current.value}** (changed)"
        lines.append(f"| {LABELS[question]} | {value.value} | {shown} |")
    return [*lines, "", _standing(decision, framework)]


def _standing(decision: Decision, framework: str | None) -> str:
    changed = "; ".join(f"{LABELS[c.question]} was {c.recorded.value} and is {c.current.value} now"
                        for c in decision.changes)
    if decision.state is DecisionState.OUTDATED:
        return (f"**Outdated:** it keeps {decision.framework}, but the service uses "
                f"{markdown_inline(framework or '')} now; "
                "record the decision again (`framefit record`) or remove it.")
    if decision.state is DecisionState.DRIFTED:
        return (f"**Drifted since {decision.recorded}:** {changed}. Reopen the discussion; if "
                f"{decision.framework} stays, record the decision again (`framefit record`).")
    if changed:
        return f"**Holds:** {changed}; no answer became yes, so the findings it covers are accepted."
    return "**Holds:** every answer it rested on is as recorded; the findings it covers are accepted."


def _move(move: Move, framework: str) -> list[str]:
    """What a move touches: the counts, each extension's counterpart, and the files."""
    old = FRAMEWORK_NAMES.get(framework, markdown_inline(framework))
    folders = ", ".join(code(f) for f, _ in move.template_folders)
    line = move_line(move, framework)
    lines = ["", "### What a move touches", "", markdown_inline(line[:1].upper() + line[1:]) + ".", "",
             "| what | count |", "|---|---|",
             f"| routes | {move.routes:,} in {counted(move.route_files, 'file')} |",
             f"| {'blueprints' if move.to == 'django' else 'own apps'} | {move.units:,} |",
             f"| models | {move.models:,} |", f"| forms | {move.forms:,} |",
             f"| templates | {move.templates:,}{f' in {folders}' if folders else ''} |",
             f"| app lines that import {old} or an extension | {move.framework_lines:,} of "
             f"{move.app_lines:,} |"]
    if move.extensions:
        lines += ["", "| extension | files | counterpart | why |", "|---|---|---|---|"]
        lines += [f"| {code(e.name)} | {e.files:,} | {markdown_inline(e.counterpart or 'none known')} | "
                  f"{markdown_inline(e.note)} |" for e in move.extensions]
    return lines + _moved_files(move)


def _moved_files(move: Move) -> list[str]:
    if not move.files:
        return []
    ranked = sorted(move.files, key=lambda f: (-(f.routes + f.models + f.forms), f.path))
    lines = ["", "| file | lines | routes | models | forms |", "|---|---|---|---|---|"]
    lines += [f"| {code(f.path)} | {f.lines:,} | {f.routes:,} | {f.models:,} | {f.forms:,} |"
              for f in ranked[:MAX_FILES]]
    if len(ranked) > MAX_FILES:
        lines.append(f"| … and {len(ranked) - MAX_FILES} more (see `--format json`) | | | | |")
    return lines


def _set_apart(suppressed: tuple[Finding, ...]) -> list[str]:
    if not suppressed:
        return []
    lines = ["", "## Accepted and suppressed", "",
             f"{len(suppressed)} finding{'s do' if len(suppressed) != 1 else ' does'} not count:", ""]
    for f in ordered(suppressed):
        where = f" {code(f'{f.path}:{f.line}' if f.line else f.path)}" if f.path else ""
        lines.append(f"- **{f.rule}** {f.severity.value}{where}: {markdown_inline(f.message)} — "
                     f"{markdown_inline(set_apart(f))}")
    return lines


def _diagnostics(report: Report) -> list[str]:
    if not report.diagnostics:
        return []
    lines = ["", "## Diagnostics", ""]
    for d in sorted(report.diagnostics):
        where = f"{d.path}:{d.line}" if d.line else d.path
        lines.append(f"- {code(where)} {d.kind}: {markdown_inline(d.message)}")
    return lines


def _detail(e: Evidence) -> str:
    return f": {code(e.detail)}" if e.detail else ""

