"""The one place a string from the scanned repository is made safe for an output format.

Every reporter passes every string it did not write itself through one of these functions; no
reporter escapes on its own. The rules:

- `plain`: one line of visible characters. Control characters (C0 with ESC, CR, LF and TAB, DEL,
  C1), Unicode format characters (bidi overrides and isolates, zero-width characters, the BOM),
  line and paragraph separators and lone surrogates are shown escaped, as Python writes them
  (`\\x1b`, `\\n`, `\\u202e`). A surrogate from an undecodable file name (`os.fsdecode`) is shown
  as the byte it stands for: `bad\\xff.py`. GitHub Actions reads workflow commands from every line
  of a job's log, so a value that would start a line with `::` (after blanks) has its first `:`
  escaped (`\\x3a`) and the legacy `##[` command prefix is broken (`##\\x5b`) wherever it is.
- `markdown_inline` and `code`: the same line made inert in Markdown, as text (emphasis, link,
  table, math and heading characters backslash-escaped; `<`, `>`, `&` as HTML entities; an `@`
  before a name followed by a zero-width space, so `@org/team` notifies no one) or as a code
  span (where GitHub and GitLab never see a mention) whose fence is longer than any backtick run
  inside.
- `sarif_message`: `plain`, with `[` and `]` backslash-escaped as SARIF's embedded-link syntax
  asks, so only framefit's own `[text](id)` links to related locations become links.
- `workflow_data` and `workflow_property`: GitHub workflow-command escaping on top of `plain`.
- `json_text`: JSON whose text holds no raw control character and no `##[` (both written as
  `\\u` escapes, which a JSON reader reads back as the same data), every string valid UTF-8.
"""

from __future__ import annotations

import json
import re

# Cc, Cf, Cs, Zl and Zp in Unicode 15 (tests/reporters/test_escape.py checks this against the
# running Python's unicodedata, so a newer Unicode with more of them fails a test, not a report).
_BEYOND_C0 = ("\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
              "\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ud800-\udfff\ufeff\ufff9-\ufffb"
              "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
              "\U000e0001\U000e0020-\U000e007f")
_UNSAFE = re.compile(f"[\x00-\x1f{_BEYOND_C0}]")
# Any character but a newline and printable ASCII: a cheap class to find the ones to look at (a
# 24 MB JSON text: 0.14 s, where searching it for _UNSAFE itself takes 0.5 s).
_NOT_PRINTABLE_ASCII = re.compile("[\x00-\x09\x0b-\x1f\x7f-\U0010ffff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_LEADING_COMMAND = re.compile(r"\A(\s*):(?=:)")  # a workflow command `::name …::` at a line start
_LEGACY_COMMAND = "##["  # the runner's v1 command prefix, found anywhere in a line
_MARKDOWN = re.compile(r"[&<>\\`*_\[\]|#~$]")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# GitHub and GitLab turn `@name` and `@org/team` outside code and links into a notification; an
# escaped `@` is still one (the mention filters read the rendered text). A zero-width space after
# it (as an entity, so the source stays readable) breaks the pattern and renders the same.
_MENTION = re.compile(r"@(?=[0-9A-Za-z])")
_UNMENTIONED = "@&#8203;"
_SARIF_BRACKETS = re.compile(r"(\\*)([\[\]])")
_SURROGATE = re.compile("[\ud800-\udfff]")
_NOT_A_BYTE = re.compile("[\ud800-\udc7f\udd00-\udfff]")  # lone surrogates os.fsdecode never makes


def _shown(char: str) -> str:
    point = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    if 0xDC80 <= point <= 0xDCFF:  # os.fsdecode's stand-in for the undecodable byte point - 0xDC00
        return f"\\x{point - 0xDC00:02x}"
    if point <= 0xFF:
        return f"\\x{point:02x}"
    return f"\\u{point:04x}" if point <= 0xFFFF else f"\\U{point:08x}"


def plain(text: str) -> str:
    """`text` as one line of visible, valid UTF-8 characters that no log or terminal obeys."""
    shown = _UNSAFE.sub(lambda m: _shown(m[0]), text)
    shown = _LEADING_COMMAND.sub(r"\1\\x3a", shown)
    return shown.replace(_LEGACY_COMMAND, "##\\x5b")


def markdown_inline(text: str) -> str:
    """`text` as inline Markdown that renders as `plain(text)`: no emphasis, link, HTML, table
    cell break, math, heading or mention can come from it (a mention's `@` is followed by an
    invisible zero-width space)."""
    shown = _MARKDOWN.sub(lambda m: _ENTITIES.get(m[0], "\\" + m[0]), plain(text))
    return _MENTION.sub(_UNMENTIONED, shown)


def sarif_message(text: str) -> str:
    """`plain(text)` for a SARIF `message.text`, where `[text](id)` is an embedded link: every
    `[` and `]` is escaped with a backslash (and a backslash before one doubled), as SARIF 2.1.0
    section 3.11.6 asks, so a repo string can show brackets but never make a link."""
    return _SARIF_BRACKETS.sub(lambda m: m[1] * 2 + "\\" + m[2], plain(text))


def code(text: str) -> str:
    """`plain(text)` as a Markdown code span that cannot be broken out of (not for table cells,
    where GitHub splits a cell at any `|`): the fence has one backtick more than the longest run
    inside; a space pads a value that starts or ends with a backtick or is wrapped in spaces
    (CommonMark strips one of each side), and the empty value is a span of one space, since two
    backticks alone would pair with a later run."""
    shown = plain(text) or " "
    fence = "`" * (max((len(run) for run in re.findall("`+", shown)), default=0) + 1)
    wrapped = shown[0] == shown[-1] == " " and shown.strip(" ")
    pad = " " if "`" in (shown[0], shown[-1]) or wrapped else ""
    return f"{fence}{pad}{shown}{pad}{fence}"


def _command_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def workflow_data(*lines: str) -> str:
    """A workflow command's message: each of `lines` made `plain`, then joined by the escaped line
    breaks GitHub shows as new lines of the one annotation (`%`, CR and LF escaped as GitHub's
    toolkit does)."""
    return "%0A".join(_command_data(plain(line)) for line in lines)


def workflow_property(text: str) -> str:
    """A workflow command's property value: `plain`, with `:` and `,` escaped as well, which
    would end the value."""
    return _command_data(plain(text)).replace(":", "%3A").replace(",", "%2C")


def utf8(text: str) -> str:
    """`text` with its lone surrogates shown escaped (as `plain` shows them) and nothing else
    changed: what a JSON value needs to be valid UTF-8."""
    return _SURROGATE.sub(lambda m: _shown(m[0]), text)


def name_bytes(text: str) -> bytes:
    """The bytes a file name stands for: UTF-8, with each of os.fsdecode's surrogates back as the
    byte it replaced (any other lone surrogate shown escaped, as `utf8` does)."""
    return _NOT_A_BYTE.sub(lambda m: _shown(m[0]), text).encode("utf-8", "surrogateescape")


def _in_json(char: str) -> str:
    point = ord(char)
    if 0xD800 <= point <= 0xDFFF:  # a lone surrogate: its `utf8` form, as JSON text
        return _shown(char).replace("\\", "\\\\")
    if point <= 0xFFFF:
        return f"\\u{point:04x}"
    point -= 0x10000
    return f"\\u{0xD800 + (point >> 10):04x}\\u{0xDC00 + (point & 0x3FF):04x}"


def json_text(value: object, *, sort_keys: bool = False) -> str:
    """`value` as indented JSON ending in a newline, every string valid UTF-8 (`utf8`).

    The text holds no raw control or format character (json.dumps escapes only C0; DEL, C1 and
    the bidi controls are written as `\\u` escapes too) and no `##[`: a JSON reader reads back
    exactly the data, and a log or terminal showing the text obeys nothing in it.
    """
    text = json.dumps(value, indent=2, sort_keys=sort_keys, ensure_ascii=False)
    # json.dumps leaves these characters raw only inside strings (its raw newlines are
    # indentation), so each is replaced by the JSON escape of what it stands for. ASCII text
    # (most reports) can hold only DEL.
    if text.isascii():
        text = text.replace("\x7f", "\\u007f")
    else:
        text = _NOT_PRINTABLE_ASCII.sub(lambda m: _in_json(m[0]) if _UNSAFE.match(m[0]) else m[0], text)
    return text.replace(_LEGACY_COMMAND, "##\\u005b") + "\n"
