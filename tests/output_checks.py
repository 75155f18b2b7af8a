"""What every output must be, whatever the repository held: checks shared by the output tests.

`assert_safe(name, text)` holds for every format; the format's own checks follow it. The GitHub
checks read lines the way the Actions runner does (its `ActionCommand.TryParseV2`: a line whose
start, after blanks, is `::`, up to the next `::`; and the legacy `TryParse`: `##[` anywhere).
"""

from __future__ import annotations

import json
import re
import unicodedata

UNSAFE_CATEGORIES = {"Cc", "Cf", "Cs", "Zl", "Zp"}
SGR = re.compile(r"\x1b\[[0-9;]*m")  # rich's colours, on a terminal only
FRAMEFIT_HEADINGS = ("# framefit decision record", "## Service ", "### Decision", "### Evidence",
                     "### Findings", "### What a move touches", "## Diagnostics",
                     "## Accepted and suppressed")
OWN_COMMANDS = ("error", "warning", "notice")
OWN_PROPERTIES = {"file", "line", "title"}
MENTION = re.compile(r"(?:^|\W)@[0-9a-z]", re.IGNORECASE)  # GitHub's MentionFilter, its start
OWN_LINK = re.compile(r"\[([^\[\]]*)\]\((\d+)\)")  # SARIF's embedded link to a related location


def assert_safe(name: str, text: str) -> None:
    """Valid UTF-8; no raw control or format character but the line breaks; no workflow command
    (github's own aside); nothing Markdown renders as HTML, a link or a heading of its own."""
    text.encode("utf-8")  # strict: raises on a lone surrogate
    assert "##[" not in text, "a legacy workflow command"
    raw = [f"U+{ord(c):04X}" for c in SGR.sub("", text)
           if c != "\n" and unicodedata.category(c) in UNSAFE_CATEGORIES]
    assert raw == [], f"{name}: raw control characters {raw[:5]}"
    commands = [line for line in text.split("\n") if line.lstrip().startswith("::")]
    if name == "github":
        for line in commands:
            assert_own_command(line)
    else:
        assert commands == [], f"{name}: a line the Actions runner would obey: {commands[0]!r}"
    if name == "markdown":
        assert_inert_markdown(text)
    if name in ("json", "sarif", "gitlab"):
        json.loads(text)
    if name == "sarif":
        assert_own_links(text)


def command_parts(line: str) -> tuple[str, dict[str, str], str]:
    """(command, properties, data) of a workflow-command line, unescaped as the runner does."""
    body = line.lstrip()
    end = body.index("::", 2)
    info, data = body[2:end], body[end + 2:]
    name, _, props = info.partition(" ")
    properties = {}
    for pair in props.split(","):
        key, sep, value = pair.partition("=")
        if sep:
            properties[key] = (value.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":")
                               .replace("%2C", ",").replace("%25", "%"))
    return name, properties, data.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def assert_own_command(line: str) -> None:
    """A line of github output the runner obeys is an annotation framefit wrote, nothing more."""
    assert line.startswith("::"), line
    name, properties, _ = command_parts(line)
    assert name in OWN_COMMANDS, line
    assert set(properties) <= OWN_PROPERTIES, line
    assert all("\n" not in v and "\r" not in v for v in properties.values()), line


def outside_code_spans(line: str) -> str:
    """`line` without its Markdown code spans (CommonMark: a run of n backticks up to the next
    run of exactly n; a backslash-escaped backtick opens nothing)."""
    kept, i = [], 0
    while i < len(line):
        if line[i] == "\\":
            kept.append(line[i:i + 2])
            i += 2
        elif line[i] == "`":
            run = re.match("`+", line[i:])[0]  # type: ignore[index]
            close = re.compile(f"(?<!`){run}(?!`)").search(line, i + len(run))
            if close is None:
                kept.append(run)
                i += len(run)
            else:
                i = close.end()
        else:
            kept.append(line[i])
            i += 1
    return "".join(kept)


def assert_inert_markdown(text: str) -> None:
    """Outside code spans no raw `<`, no unescaped `[` or `]`, no `@name` GitHub or GitLab would
    notify; headings are framefit's."""
    for line in text.split("\n"):
        rest = outside_code_spans(line)
        unescaped = re.sub(r"\\.", "", rest)
        assert not set(unescaped) & set("<[]"), line
        # The text as rendered (CommonMark's backslash escapes undone) is what mentions are read from.
        assert MENTION.search(re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", rest)) is None, line
        if line.startswith("#"):
            assert line.startswith(FRAMEFIT_HEADINGS), line


def assert_own_links(text: str) -> None:
    """Every SARIF message text: each bracket it does not escape belongs to one of framefit's
    links to a related location of its own result; related locations' texts hold no link."""
    for run in json.loads(text)["runs"]:
        for result in run["results"]:
            related = result.get("relatedLocations", [])
            ids = {str(r["id"]) for r in related}
            unescaped = re.sub(r"\\.", "", result["message"]["text"])
            assert {m[2] for m in OWN_LINK.finditer(unescaped)} <= ids, unescaped
            assert not set(OWN_LINK.sub("", unescaped)) & set("[]"), unescaped
            for entry in related:
                assert not set(re.sub(r"\\.", "", entry["message"]["text"])) & set("[]"), entry
