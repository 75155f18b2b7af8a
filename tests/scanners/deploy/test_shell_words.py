"""Shell text as commands of words: quotes before separators, comments, expansion, bounds."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from framefit.scanners.deploy.shell_words import EXPANSION_LIMIT, split


def known(values: dict[str, str]) -> Callable[[str], str | None]:
    def expand(written: str) -> str | None:
        name = written.strip("${}").split(":")[0]
        return values.get(name)
    return expand


NOTHING = known({})


@pytest.mark.parametrize(
    ("text", "commands"),
    [
        pytest.param('echo "a && b; c" && pip install x', [["echo", "a && b; c"], ["pip", "install", "x"]],
                     id="separators_inside_double_quotes"),
        pytest.param("python -c 'import a; print(1|2)' || pip install y",
                     [["python", "-c", "import a; print(1|2)"], ["pip", "install", "y"]],
                     id="separators_inside_single_quotes"),
        pytest.param("a 'b c'd\"e f\"\\ g", [["a", "b cde f g"]], id="quoted_parts_join_a_word"),
        pytest.param("pip install flask # 'not closed\npip install django",
                     [["pip", "install", "flask"], ["pip", "install", "django"]],
                     id="comment_to_the_end_of_its_line"),
        pytest.param("x#y", [["x#y"]], id="hash_inside_a_word_is_no_comment"),
        pytest.param("(cd app; make) & wait", [["cd", "app"], ["make"], ["wait"]], id="subshell"),
        pytest.param("pip \\\ninstall z", [["pip", "install", "z"]], id="continued_line"),
        pytest.param("a; ;; b", [["a"], ["b"]], id="empty_commands_dropped"),
    ],
)
def test_commands(text: str, commands: list[list[str]]) -> None:
    result = split(text, NOTHING)
    assert result.commands == commands
    assert result.broken == []


def test_known_variables_expand_outside_single_quotes() -> None:
    result = split("""pip install $PKGS "v${V}" '$V' $UNKNOWN""", known({"PKGS": " a  b ", "V": "1"}))
    assert result.commands == [["pip", "install", "a", "b", "v1", "$V", "$UNKNOWN"]]


def test_an_escaped_dollar_in_double_quotes_is_literal() -> None:
    assert split('echo "\\$V \\"q\\""', known({"V": "1"})).commands == [["echo", '$V "q"']]


def test_a_quote_that_does_not_close_breaks_the_rest() -> None:
    result = split("pip install a && pip install 'b && pip install c", NOTHING)
    assert result.commands == [["pip", "install", "a"]]
    assert result.broken == ["pip install 'b && pip install c"]


def test_expansion_stops_at_its_limit() -> None:
    value = "x" * (EXPANSION_LIMIT // 3 + 1)
    result = split("echo $V $V $V $V", known({"V": value}))
    assert result.too_long
    assert result.commands == [["echo", value, value, "$V", "$V"]]
