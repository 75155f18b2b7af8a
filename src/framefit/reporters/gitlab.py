"""GitLab Code Quality report: a JSON array of issues in the Code Climate subset GitLab reads."""

from __future__ import annotations

from framefit.model import Finding, Report, Severity
from framefit.reporters._common import fingerprinted
from framefit.reporters.escape import json_text, markdown_inline, plain

# GitLab's scale is info < minor < major < critical < blocker. A mismatch (error) is what the
# merge request should discuss first, but it is a design question, not a broken build: major.
SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.NOTE: "info"}


def render(report: Report, *, color: bool = False) -> str:
    """The Code Quality array, one issue per finding, as indented JSON (`color` is ignored)."""
    issues = [_issue(f, fingerprint) for f, fingerprint in fingerprinted(report)]
    return json_text(issues)


def _issue(finding: Finding, fingerprint: str) -> dict[str, object]:
    # GitLab needs a file and a line for every issue: a finding without a place (rare: a service
    # with no evidence at all) is shown on its service directory's first line.
    path = finding.path or finding.service
    # GitLab shows the description as text; Code Climate's `content.body` is Markdown.
    body = "\n\n".join(markdown_inline(p) for p in (finding.flips_if, f"Hint: {finding.hint}") if p)
    return {
        "type": "issue",
        "description": plain(f"{finding.rule}: {finding.message}"),
        "check_name": finding.rule,
        "fingerprint": fingerprint,
        "severity": SEVERITY[finding.severity],
        "categories": ["Compatibility"],
        "content": {"body": body},
        "location": {"path": path, "lines": {"begin": finding.line or 1}},
    }
