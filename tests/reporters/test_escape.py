"""The one escaping module: each function on the strings a hostile repository can hold."""

from __future__ import annotations

import json
import os
import sys
import unicodedata

import pytest

from framefit.reporters import escape

UNSAFE_CATEGORIES = {"Cc", "Cf", "Cs", "Zl", "Zp"}


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        pytest.param("app/models.py:12", "app/models.py:12", id="ordinary_text_unchanged"),
        pytest.param("café — ünïcode ✓ 日本", "café — ünïcode ✓ 日本", id="printable_unicode_unchanged"),
        pytest.param("a\nb\r\tc", "a\\nb\\r\\tc", id="line_breaks_and_tab"),
        pytest.param("x\x1bc", "x\\x1bc", id="esc_c_terminal_reset"),
        pytest.param("\x1b]0;pwned\x07", "\\x1b]0;pwned\\x07", id="osc_title_with_bel"),
        pytest.param("\x00\x7f\x85\x9b", "\\x00\\x7f\\x85\\x9b", id="nul_del_and_c1"),
        pytest.param("admin\u202e\u2066txt.py", "admin\\u202e\\u2066txt.py", id="bidi_override_isolate"),
        pytest.param("a\u200bb\ufeff\u2028\u2029", "a\\u200bb\\ufeff\\u2028\\u2029",
                     id="invisible_separators"),
        pytest.param("tag\U000e0041", "tag\\U000e0041", id="astral_format_character"),
        pytest.param(os.fsdecode(b"bad\xff.py"), "bad\\xff.py", id="undecodable_name_as_its_byte"),
        pytest.param("\ud800x", "\\ud800x", id="other_lone_surrogate"),
        pytest.param("::error file=a::pwned", "\\x3a:error file=a::pwned", id="workflow_command_at_start"),
        pytest.param(" \u3000::add-mask::x", " \u3000\\x3a:add-mask::x", id="command_after_blanks"),
        pytest.param("a::b", "a::b", id="colons_inside_kept"),
        pytest.param("x ##[error]pwned", "x ##\\x5berror]pwned", id="legacy_command_anywhere"),
        pytest.param("[bold]x[/y]", "[bold]x[/y]", id="rich_markup_is_not_plain_texts_business"),
    ],
)
def test_plain(text: str, shown: str) -> None:
    assert escape.plain(text) == shown


def test_plain_escapes_every_unsafe_character_of_this_unicode() -> None:
    missed = [f"U+{point:04X}" for point in range(sys.maxunicode + 1)
              if unicodedata.category(chr(point)) in UNSAFE_CATEGORIES
              and escape.plain(chr(point)) == chr(point)]
    assert missed == [], f"Unicode {unicodedata.unidata_version}: update escape._UNSAFE"


def test_plain_leaves_printable_characters_alone() -> None:
    kept = [chr(p) for p in range(0x20, 0x3000) if unicodedata.category(chr(p)) not in UNSAFE_CATEGORIES]
    assert escape.plain("".join(kept)) == "".join(kept)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        pytest.param("app/__init__.py", "app/\\_\\_init\\_\\_.py", id="emphasis"),
        pytest.param("[x](http://e) ![i](u)", "\\[x\\](http://e) !\\[i\\](u)", id="link_and_image"),
        pytest.param("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;", id="html"),
        pytest.param("&lt; & &amp;", "&amp;lt; &amp; &amp;amp;", id="entities_shown_as_written"),
        pytest.param("a | b", "a \\| b", id="table_cell_break"),
        pytest.param("# H ~x~ $m$ `c` *b*", "\\# H \\~x\\~ \\$m\\$ \\`c\\` \\*b\\*",
                     id="heading_strike_math_code"),
        pytest.param("a\n# Heading", "a\\\\n\\# Heading", id="newline_escaped_then_shown"),
        pytest.param("x\\y", "x\\\\y", id="backslash"),
        pytest.param("cc @org/team and @bob", "cc @&#8203;org/team and @&#8203;bob", id="mentions"),
        pytest.param("a@b.example, @ 1, @@", "a@&#8203;b.example, @ 1, @@", id="an_at_before_a_name_only"),
    ],
)
def test_markdown_inline(text: str, shown: str) -> None:
    assert escape.markdown_inline(text) == shown


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        pytest.param("see [docs](1)", "see \\[docs\\](1)", id="a_link_of_its_own"),
        pytest.param("a\\[x\\]", "a\\\\\\[x\\\\\\]", id="a_backslash_before_a_bracket_is_doubled"),
        pytest.param("a\\b (c)", "a\\b (c)", id="other_backslashes_and_parentheses_kept"),
        pytest.param("x\n[y](2)", "x\\n\\[y\\](2)", id="plain_first"),
    ],
)
def test_sarif_message(text: str, shown: str) -> None:
    assert escape.sarif_message(text) == shown


@pytest.mark.parametrize(
    ("text", "fenced"),
    [
        pytest.param("app.py:3", "`app.py:3`", id="plain"),
        pytest.param("a `b` c", "``a `b` c``", id="backticks_inside"),
        pytest.param("`x`", "`` `x` ``", id="backticks_at_the_ends"),
        pytest.param("a ``` b", "````a ``` b````", id="longest_run_plus_one"),
        pytest.param("", "` `", id="empty_is_a_span_of_a_space"),
        pytest.param(" x ", "`  x  `", id="spaces_around_kept"),
        pytest.param("   ", "`   `", id="only_spaces"),
        pytest.param("x\n```\n<b>", "````x\\n```\\n<b>````", id="no_line_break_inside"),
        pytest.param("FROM python:3.12\x1b]0;t\x07", "`FROM python:3.12\\x1b]0;t\\x07`", id="controls"),
    ],
)
def test_code_fences_any_backticks(text: str, fenced: str) -> None:
    assert escape.code(text) == fenced


@pytest.mark.parametrize(
    ("lines", "data"),
    [
        pytest.param(("plain",), "plain", id="nothing_to_escape"),
        pytest.param(("100% sure",), "100%25 sure", id="percent"),
        pytest.param(("one", "two"), "one%0Atwo", id="framefits_own_line_breaks"),
        pytest.param(("a\r\nb",), "a\\r\\nb", id="a_repo_line_break_is_shown_not_obeyed"),
        pytest.param(("FF101: a, b",), "FF101: a, b", id="colon_and_comma_kept"),
        pytest.param(("x\n::add-mask::s",), "x\\n::add-mask::s", id="no_command_from_data"),
    ],
)
def test_workflow_data(lines: tuple[str, ...], data: str) -> None:
    assert escape.workflow_data(*lines) == data


@pytest.mark.parametrize(
    ("text", "prop"),
    [
        pytest.param("FF101: a, b", "FF101%3A a%2C b", id="colon_and_comma"),
        pytest.param("a%b.py", "a%25b.py", id="percent"),
        pytest.param("x\n::error file=a::p", "x\\n%3A%3Aerror file=a%3A%3Ap", id="newline_and_command"),
        pytest.param(os.fsdecode(b"bad\xff.py"), "bad\\xff.py", id="undecodable"),
    ],
)
def test_workflow_property(text: str, prop: str) -> None:
    assert escape.workflow_property(text) == prop


def test_json_text_is_valid_utf8_and_reads_back_the_same_except_undecodable_bytes() -> None:
    value = {"path": os.fsdecode(b"bad\xff.py"), "detail": "a\x1b]0;t\x07 ##[add-mask]x", "n": [1, None]}
    text = escape.json_text(value, sort_keys=True)
    text.encode("utf-8")  # strict: no surrogate left
    assert "##[" not in text
    assert "\x1b" not in text
    assert json.loads(text) == {"detail": "a\x1b]0;t\x07 ##[add-mask]x", "n": [1, None],
                                "path": "bad\\xff.py"}
    assert text.endswith("}\n")
