"""Configuration: discovery, precedence (defaults < file < environment < command line), the
known answers and their lines, and every error message, exactly."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framefit.config.discovery import key_line
from framefit.config.known_answers import KnownAnswer, KnownAnswers
from framefit.config.layers import KEYS, Config, RuleLayer, load, resolve
from framefit.errors import ConfigError
from framefit.model import CONFIGURED_SIGNAL, AnswerValue, Evidence, Question, Severity
from framefit.walk.exclude import Exclude
from tests.conftest import FIXTURES, report_json, run_cli

TOML_KEY = {field: key for key, field in KEYS.items()}


def repo(tmp_path: Path, files: dict[str, str]) -> Path:
    """A git work tree (so discovery stops here) holding `files`."""
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


def framefit_table(body: str) -> dict[str, str]:
    return {"pyproject.toml": f'[project]\nname = "x"\n\n[tool.framefit]\n{body}\n'}


# field, file value (TOML), FRAMEFIT_* value, command-line value, expected Config value
PRECEDENCE = [
    pytest.param("fail_on", None, None, None, Severity.ERROR, id="fail_on__default"),
    pytest.param("fail_on", '"warning"', None, None, Severity.WARNING, id="fail_on__file"),
    pytest.param("fail_on", '"warning"', "note", None, Severity.NOTE, id="fail_on__env_over_file"),
    pytest.param("fail_on", '"warning"', "note", "error", Severity.ERROR, id="fail_on__cli_over_env"),
    pytest.param("fail_on", None, None, "note", Severity.NOTE, id="fail_on__cli_over_default"),
    pytest.param("exclude", '["docs"]', None, None, ("docs",), id="exclude__file"),
    pytest.param("exclude", '["docs"]', "build/*, legacy", None, ("build/*", "legacy"), id="exclude__env"),
    pytest.param("exclude", '["docs"]', "legacy", ("vendor",), ("vendor",), id="exclude__cli"),
    pytest.param("extend_exclude", '["docs"]', "build/*", ("a,b",), ("docs", "build/*", "a", "b"),
                 id="extend_exclude__every_layer_adds"),
    pytest.param("format", None, None, None, "text", id="format__default"),
    pytest.param("format", '"json"', None, None, "json", id="format__file"),
    pytest.param("format", '"json"', "text", None, "text", id="format__env"),
    pytest.param("format", '"json"', "text", "json", "json", id="format__cli"),
]


def _value(config: Config, field: str) -> object:
    value = getattr(config, field)
    return tuple(p.pattern for p in value) if field.endswith("exclude") else value


@pytest.mark.parametrize(("field", "file", "env", "cli", "expected"), PRECEDENCE)
def test_precedence(tmp_path: Path, field: str, file: str | None, env: str | None,
                    cli: object, expected: object) -> None:
    root = repo(tmp_path, framefit_table(f"{TOML_KEY[field]} = {file}" if file else ""))
    environ = {f"FRAMEFIT_{field.upper()}": env} if env else {}
    config = resolve(root, environ=environ, options={field: cli})
    assert _value(config, field) == expected


def test_rule_selections_are_layered_not_replaced(tmp_path: Path) -> None:
    root = repo(tmp_path, framefit_table('select = ["ff1"]\nignore = ["FF101"]'))
    config = resolve(root, environ={"FRAMEFIT_SELECT": "FF2, FF301", "FRAMEFIT_IGNORE": "FF201"},
                     options={"ignore": ("FF104,FF105", "FF106"), "extend_select": ("FF3",)})
    assert (config.select, config.ignore, config.extend_select) == (("FF1",), ("FF101",), ())
    assert config.rule_layers == (
        RuleLayer(("FF2", "FF301"), (), ("FF201",), "environment"),
        RuleLayer(None, ("FF3",), ("FF104", "FF105", "FF106"), "command line"),
    )


def test_layers_only_replace_the_keys_they_set(tmp_path: Path) -> None:
    root = repo(tmp_path, framefit_table('select = ["FF1"]\nfail-on = "warning"'))
    config = resolve(root, environ={"FRAMEFIT_IGNORE": "FF104"}, options={"format": "json"})
    assert config == Config(select=("FF1",), fail_on=Severity.WARNING, format="json",
                            source=str(root / "pyproject.toml"),
                            rule_layers=(RuleLayer(ignore=("FF104",), source="environment"),))


def test_empty_environment_values_and_options_are_unset(tmp_path: Path) -> None:
    root = repo(tmp_path, framefit_table('select = ["FF1"]'))
    config = resolve(root, environ={"FRAMEFIT_SELECT": " ", "FRAMEFIT_OTHER": "x"},
                     options={"select": (), "fail_on": None})
    assert (config.select, config.fail_on, config.rule_layers) == (("FF1",), Severity.ERROR, ())


# --- discovery ---------------------------------------------------------------------------------

def test_nearest_pyproject_with_the_table_wins(tmp_path: Path) -> None:
    root = repo(tmp_path, {
        **framefit_table('select = ["FF1"]'),
        "services/api/pyproject.toml": '[project]\nname = "api"\n',  # no table: keep looking
    })
    config = load(root / "services" / "api")
    assert (config.select, config.source) == (("FF1",), str(root / "pyproject.toml"))


def test_a_nearer_framefit_toml_wins(tmp_path: Path) -> None:
    root = repo(tmp_path, {**framefit_table('select = ["FF1"]'), "sub/framefit.toml": 'select = ["FF2"]\n'})
    assert load(root / "sub").select == ("FF2",)


def test_framefit_toml_beats_pyproject_in_one_directory(tmp_path: Path) -> None:
    root = repo(tmp_path, {**framefit_table('select = ["FF1"]'), "framefit.toml": 'select = ["FF3"]\n'})
    assert load(root).select == ("FF3",)


def test_nothing_above_the_git_root_is_read(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.framefit]\nselect = ["FF1"]\n')
    root = repo(tmp_path, {})
    assert load(root) == Config()


def test_outside_a_git_tree_only_path_itself_is_read(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.framefit]\nselect = ["FF1"]\n')
    (tmp_path / "app").mkdir()
    assert load(tmp_path / "app") == Config()
    assert load(tmp_path).select == ("FF1",)


def test_a_link_out_of_the_repo_is_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.toml"
    outside.write_text('[tool.framefit]\nselect = ["FF1"]\n')
    root = repo(tmp_path, {})
    (root / "pyproject.toml").symlink_to(outside)
    assert load(root) == Config()


def test_invalid_pyproject_without_the_table_holds_no_configuration(tmp_path: Path) -> None:
    root = repo(tmp_path, {"pyproject.toml": "[project\nname = 1\n"})
    assert load(root) == Config()


@pytest.mark.parametrize("text", [
    pytest.param('[tool.framefit]\nselect = ["FF1"\n', id="the_table"),
    pytest.param("[tool.framefit\nselect = 1\n", id="its_header_unclosed"),
    pytest.param('[project]\nname = \n[[ tool . "framefit" . services ]]\n', id="a_table_under_it"),
])
def test_invalid_pyproject_with_the_table_is_an_error(tmp_path: Path, text: str) -> None:
    root = repo(tmp_path, {"pyproject.toml": text})
    with pytest.raises(ConfigError, match=r"pyproject\.toml:\d+:\d+: not valid TOML: "):
        load(root)


def test_explicit_config_with_the_table_whatever_its_name(tmp_path: Path) -> None:
    root = repo(tmp_path, {})
    other = tmp_path / "ci" / "lint.toml"
    other.parent.mkdir()
    other.write_text('[tool.other]\nx = 1\n\n[tool.framefit]\nselect = ["FF2"]\n')
    assert resolve(root, config_file=other).select == ("FF2",)
    other.write_text('select = ["FF3"]\n')
    assert resolve(root, config_file=other).select == ("FF3",)


def test_explicit_config_overrides_discovery(tmp_path: Path) -> None:
    root = repo(tmp_path, framefit_table('select = ["FF1"]'))
    other = tmp_path / "ci.toml"
    other.write_text('select = ["FF2"]\n')
    assert resolve(root, config_file=other).select == ("FF2",)


def test_exclude_patterns_keep_the_config_directory(tmp_path: Path) -> None:
    root = repo(tmp_path, framefit_table('exclude = ["services/api/scripts", "docs", "*.bak"]'))
    (root / "services" / "api").mkdir(parents=True)
    assert load(root / "services" / "api").exclude == tuple(
        Exclude(p, "services/api", "../../pyproject.toml", "../../pyproject.toml", 5)
        for p in ("services/api/scripts", "docs", "*.bak"))


# --- known answers -----------------------------------------------------------------------------

ANSWERS = '''[tool.framefit]
select = ["FF"]

[tool.framefit.answers]
relational_database = "yes"
user-login = { answer = "no", reason = "tokens  only" }

[[tool.framefit.services]]
path = "services/api"
answers = { container_size = "yes" }
reason = "Lambda"

[[tool.framefit.services]]
path = "services/web/"

[tool.framefit.services.answers]
user_login = "yes"
'''


def _known(path: str, line: int, detail: str, question: Question, value: AnswerValue,
           reason: str = "") -> KnownAnswer:
    return KnownAnswer(question, value, reason, Evidence(path, line, CONFIGURED_SIGNAL, detail))


def test_known_answers_cite_the_line_of_their_key(tmp_path: Path) -> None:
    root = repo(tmp_path, {"pyproject.toml": ANSWERS})
    assert load(root).answers == (
        KnownAnswers(None, (
            _known("pyproject.toml", 5, 'relational_database = "yes"', Question.RELATIONAL_DATABASE,
                   AnswerValue.YES),
            _known("pyproject.toml", 6, 'user-login = { answer = "no", reason = "tokens only" }',
                   Question.USER_LOGIN, AnswerValue.NO, "tokens only"),  # clipped as scanners' details
        ), Evidence("pyproject.toml", 4, CONFIGURED_SIGNAL, "[tool.framefit.answers]")),
        KnownAnswers("services/api", (
            _known("pyproject.toml", 10, 'answers = { container_size = "yes" }',
                   Question.CONTAINER_SIZE, AnswerValue.YES, "Lambda"),
        ), Evidence("pyproject.toml", 8, CONFIGURED_SIGNAL, "[[tool.framefit.services]]")),
        KnownAnswers("services/web", (
            _known("pyproject.toml", 17, 'user_login = "yes"', Question.USER_LOGIN, AnswerValue.YES),
        ), Evidence("pyproject.toml", 13, CONFIGURED_SIGNAL, "[[tool.framefit.services]]")),
    )


def test_service_paths_are_rebased_and_config_paths_made_relative(tmp_path: Path) -> None:
    root = repo(tmp_path, {"pyproject.toml": ANSWERS})
    (root / "services" / "api").mkdir(parents=True)
    found = load(root / "services" / "api").answers
    assert [(k.service, [a.source.location for a in k.answers]) for k in found] == [
        (None, ["../../pyproject.toml:5", "../../pyproject.toml:6"]),
        (".", ["../../pyproject.toml:10"]),
    ]


def test_framefit_toml_answers_and_dotted_keys(tmp_path: Path) -> None:
    root = repo(tmp_path, {"framefit.toml": 'fail-on = "note"\nanswers.user_login = "no"\n'})
    (known,) = load(root).answers
    assert known.answers == (_known("framefit.toml", 2, 'answers.user_login = "no"',
                                    Question.USER_LOGIN, AnswerValue.NO),)


# --- every error message -----------------------------------------------------------------------

RULE_IDS = "FF101, FF102, FF103, FF104, FF105, FF106, FF201, FF301, FF302, FF303"
ERRORS = [
    pytest.param('selct = ["FF1"]', 'tool.framefit.selct: unknown key; allowed: select, '
                 "extend-select, ignore, fail-on, exclude, extend-exclude, format, answers, services, "
                 "decisions",
                 id="unknown_key"),
    pytest.param('select = "FF1"', "tool.framefit.select: expected a list of strings, got str; "
                 'allowed: a list of rule ids or prefixes, e.g. ["FF1", "FF301"]', id="select_type"),
    pytest.param('ignore = ["FF1", 3]', "tool.framefit.ignore: expected a list of strings, got a list "
                 'with a non-string; allowed: a list of rule ids or prefixes, e.g. ["FF1", "FF301"]',
                 id="ignore_item_type"),
    pytest.param('extend-select = ["FF999"]', 'tool.framefit.extend-select: unknown rule id or prefix '
                 f'"FF999"; allowed: ALL, a rule id ({RULE_IDS}) or a prefix of one (FF, FF1, FF2, FF3)',
                 id="unknown_rule"),
    pytest.param('exclude = "docs"', "tool.framefit.exclude: expected a list of strings, got str; "
                 'allowed: a list of .gitignore-style patterns, e.g. ["docs/", "legacy"]', id="exclude_type"),
    pytest.param('exclude = ["a/**/b/**/c"]', 'tool.framefit.exclude: "a/**/b/**/c": pattern '
                 "'a/**/b/**/c' has two `**` that match at any depth: not applied; allowed: a .gitignore-"
                 'style pattern, e.g. "docs/", "legacy" or "/scripts/*.py"', id="exclude_quadratic"),
    pytest.param('exclude = [" "]', 'tool.framefit.exclude: " ": not a pattern; allowed: a .gitignore-'
                 'style pattern, e.g. "docs/", "legacy" or "/scripts/*.py"', id="exclude_empty"),
    pytest.param('select = ["F"]', 'tool.framefit.select: unknown rule id or prefix "F"; allowed: ALL, '
                 f"a rule id ({RULE_IDS}) or a prefix of one (FF, FF1, FF2, FF3)", id="select_one_letter"),
    pytest.param('fail-on = "fatal"', 'tool.framefit.fail-on: "fatal" is not allowed; allowed: error, '
                 "warning, note", id="fail_on_value"),
    pytest.param("fail-on = 2", "tool.framefit.fail-on: expected a string, got int; allowed: error, "
                 "warning, note", id="fail_on_type"),
    pytest.param('format = "yaml"', 'tool.framefit.format: "yaml" is not allowed; allowed: FORMATS',
                 id="format_value"),
    pytest.param('answers = "no"', "tool.framefit.answers: expected a table, got str; allowed: a table "
                 "of questions (relational_database, user_login, container_size) to \"yes\", \"no\" or "
                 '{ answer = "yes", reason = "..." }', id="answers_type"),
    pytest.param('answers = { login = "no" }', "tool.framefit.answers.login: unknown question; allowed: "
                 "relational_database, user_login, container_size", id="unknown_question"),
    pytest.param('answers = { user_login = "maybe" }', 'tool.framefit.answers.user_login: "maybe" is '
                 'not an answer; allowed: "yes", "no" or { answer = "yes", reason = "..." }',
                 id="answer_value"),
    pytest.param("answers = { user_login = true }", "tool.framefit.answers.user_login: expected a "
                 'string or a table, got bool; allowed: "yes", "no" or { answer = "yes", reason = '
                 '"..." }', id="answer_type"),
    pytest.param('answers = { user_login = "no", user-login = "no" }', "tool.framefit.answers."
                 "user-login: given twice (also as user_login); allowed: one spelling per question",
                 id="answer_twice"),
    pytest.param('answers = { user_login = { answer = "no", why = "x" } }', "tool.framefit.answers."
                 "user_login.why: unknown key; allowed: answer, reason", id="answer_table_key"),
    pytest.param('answers = { user_login = { answer = "no", reason = 1 } }', "tool.framefit.answers."
                 "user_login.reason: expected a string, got int; allowed: a one-line reason",
                 id="answer_reason_type"),
    pytest.param('services = "api"', "tool.framefit.services: expected an array of tables; allowed: "
                 '[[tool.framefit.services]] entries with path = "..." and answers', id="services_type"),
    pytest.param('[[tool.framefit.services]]\nanswers = {}', "tool.framefit.services[0].path: missing; "
                 'allowed: a directory relative to the config file, e.g. "services/api"',
                 id="service_path_missing"),
    pytest.param('[[tool.framefit.services]]\npath = 3', "tool.framefit.services[0].path: expected a "
                 'string, got int; allowed: a directory relative to the config file, e.g. '
                 '"services/api"', id="service_path_type"),
    pytest.param('[[tool.framefit.services]]\npath = "../other"', 'tool.framefit.services[0].path: '
                 '"../other" is not a relative path inside the repository; allowed: a directory '
                 'relative to the config file, e.g. "services/api"', id="service_path_outside"),
    pytest.param('[[tool.framefit.services]]\npath = "a"\nanswer = {}', "tool.framefit.services[0]."
                 "answer: unknown key; allowed: path, answers, reason", id="service_key"),
    pytest.param('[[tool.framefit.services]]\npath = "a"\nreason = ["x"]', "tool.framefit.services[0]."
                 "reason: expected a string, got list; allowed: a one-line reason", id="service_reason"),
    pytest.param('[[tool.framefit.services]]\npath = "a"\nanswers = { size = "yes" }', "tool.framefit."
                 "services[0].answers.size: unknown question; allowed: relational_database, user_login, "
                 "container_size", id="service_question"),
]


@pytest.mark.parametrize(("body", "message"), ERRORS)
def test_error_messages(tmp_path: Path, body: str, message: str) -> None:
    from framefit.reporters import REPORTERS

    root = repo(tmp_path, framefit_table(body))
    with pytest.raises(ConfigError) as error:
        load(root)
    expected = message.replace("FORMATS", ", ".join(sorted(REPORTERS)))
    assert str(error.value) == f"{root / 'pyproject.toml'}: {expected}"


def test_table_that_is_not_a_table(tmp_path: Path) -> None:
    root = repo(tmp_path, {"pyproject.toml": "[tool]\nframefit = 1\n"})
    with pytest.raises(ConfigError) as error:
        load(root)
    assert str(error.value) == (f"{root / 'pyproject.toml'}: tool.framefit: expected a table, got int; "
                                "allowed: a [tool.framefit] table")


def test_framefit_toml_errors_name_bare_keys(tmp_path: Path) -> None:
    root = repo(tmp_path, {"framefit.toml": 'select = ["XX"]\n'})
    with pytest.raises(ConfigError) as error:
        load(root)
    assert str(error.value) == (f'{root / "framefit.toml"}: select: unknown rule id or prefix "XX"; '
                                f"allowed: ALL, a rule id ({RULE_IDS}) or a prefix of one "
                                "(FF, FF1, FF2, FF3)")


def test_invalid_framefit_toml_is_an_error(tmp_path: Path) -> None:
    root = repo(tmp_path, {"framefit.toml": "select = [\n"})
    with pytest.raises(ConfigError) as error:
        load(root)
    # At the end of the document: its last line, past its end.
    assert str(error.value) == f"{root / 'framefit.toml'}:1:11: not valid TOML: Invalid value"
    assert error.value.excerpt == (" 1 | select = [", "   |           ^")


def test_explicit_pyproject_without_the_table(tmp_path: Path) -> None:
    other = tmp_path / "pyproject.toml"
    other.write_text('[project]\nname = "x"\n')
    with pytest.raises(ConfigError) as error:
        resolve(tmp_path, config_file=other)
    assert str(error.value) == f"{other}: tool.framefit: missing; allowed: a [tool.framefit] table"


def test_explicit_config_that_does_not_exist(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as error:
        resolve(tmp_path, config_file=tmp_path / "nope.toml")
    assert str(error.value).startswith(f"{tmp_path / 'nope.toml'}: cannot be read: ")


@pytest.mark.parametrize(
    ("environ", "options", "message"),
    [
        pytest.param({"FRAMEFIT_FAIL_ON": "fatal"}, {}, 'environment: FRAMEFIT_FAIL_ON: "fatal" is not '
                     "allowed; allowed: error, warning, note", id="env_fail_on"),
        pytest.param({"FRAMEFIT_SELECT": "FF1,XX9"}, {}, 'environment: FRAMEFIT_SELECT: unknown rule id '
                     f'or prefix "XX9"; allowed: ALL, a rule id ({RULE_IDS}) or a prefix of one (FF, FF1, '
                     "FF2, FF3)", id="env_select"),
        pytest.param({}, {"ignore": ("FF7",)}, 'command line: --ignore: unknown rule id or prefix "FF7"; '
                     f"allowed: ALL, a rule id ({RULE_IDS}) or a prefix of one (FF, FF1, FF2, FF3)",
                     id="cli_ignore"),
    ],
)
def test_environment_and_command_line_errors(tmp_path: Path, environ: dict[str, str],
                                             options: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError) as error:
        resolve(tmp_path, environ=environ, options=options)
    assert str(error.value) == message


# --- through the command line ------------------------------------------------------------------

FLASK_APP = {"requirements.txt": "flask\n", "app.py": "from flask import Flask\napp = Flask(__name__)\n"}


def _leave_unknown(root: Path) -> None:
    """No manifest, and a module that is not text: the answers stay unknown (FF201 notes)."""
    (root / "requirements.txt").unlink()
    (root / "blob.py").write_bytes(b"\x00\xff")


def test_configured_answers_in_the_json_report() -> None:
    data = report_json(FIXTURES / "configured_answers")
    (svc,) = data["services"]
    login = svc["questions"]["user_login"]
    assert (login["answer"], login["configured"], login["reason"]) == (
        "no", True, "machine clients only: flask-login loads API tokens")
    assert login["against"] == [{"path": "pyproject.toml", "line": 13, "signal": "configured",
                                 "detail": 'user_login = { answer = "no", reason = "machine clients '
                                           'only: flask-login loads API tokens" }', "weight": 1.0}]
    assert (svc["recommendation"], svc["fits"], data["findings"]) == ("flask", True, [])


def test_command_line_beats_environment_beats_file(tmp_path: Path) -> None:
    # Without a manifest, and with a module that cannot be read (so the code was not read in
    # full), both deciding answers stay unknown: two FF201 notes, and which layer set fail-on
    # decides whether they fail the run.
    root = repo(tmp_path, {**FLASK_APP, **framefit_table('fail-on = "error"\nformat = "json"')})
    _leave_unknown(root)
    assert run_cli("check", str(root)).exit_code == 0  # file: fail on errors only; json format
    assert run_cli("check", str(root), env={"FRAMEFIT_FAIL_ON": "note"}).exit_code == 1
    assert run_cli("check", "--fail-on", "error", str(root),
                   env={"FRAMEFIT_FAIL_ON": "note"}).exit_code == 0
    assert json.loads(run_cli("check", str(root)).stdout)["version"] == 1


def test_config_option_names_the_file(tmp_path: Path) -> None:
    root = repo(tmp_path, FLASK_APP)
    _leave_unknown(root)
    other = tmp_path / "strict.toml"
    other.write_text('fail-on = "note"\n')
    assert run_cli("check", str(root)).exit_code == 0
    assert run_cli("check", "--config", str(other), str(root)).exit_code == 1


def test_config_error_is_exit_2_with_one_line(tmp_path: Path) -> None:
    root = repo(tmp_path, {**FLASK_APP, **framefit_table('ignore = ["FF9"]')})
    done = subprocess.run([sys.executable, "-m", "framefit", "check", str(root)],
                          capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (f'framefit: error: {root / "pyproject.toml"}: tool.framefit.ignore: unknown '
                           f'rule id or prefix "FF9"; allowed: ALL, a rule id ({RULE_IDS}) or a prefix of '
                           "one (FF, FF1, FF2, FF3)\n")


def test_invalid_pyproject_is_a_diagnostic_not_a_config_error(tmp_path: Path) -> None:
    root = repo(tmp_path, {**FLASK_APP, "pyproject.toml": "[project\nname = 1\n"})
    result = run_cli("check", "--format", "json", str(root))
    assert result.exit_code == 0
    diagnostics = json.loads(result.stdout)["diagnostics"]
    assert [(d["path"], d["kind"]) for d in diagnostics] == [("pyproject.toml", "parse-error")]


def test_invalid_pyproject_with_the_table_is_exit_2_with_a_caret(tmp_path: Path) -> None:
    root = repo(tmp_path, {**FLASK_APP, "pyproject.toml": '[tool.framefit]\nignore = ["FF1" "\x1b]0;t"]\n'})
    done = subprocess.run([sys.executable, "-m", "framefit", "check", str(root)],
                          capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (f"framefit: error: {root / 'pyproject.toml'}:2:17: not valid TOML: "
                           "Unclosed array\n"
                           ' 2 | ignore = ["FF1" "\\x1b]0;t"]\n'
                           "   |                 ^\n")


def test_exclude_from_the_file_reaches_the_walk() -> None:
    # configured_answers excludes scripts/, whose sqlalchemy engine would make the database yes.
    data = report_json(FIXTURES / "configured_answers", "--exclude", "nothing-here")
    assert data["services"][0]["questions"]["relational_database"]["answer"] == "yes"
    assert report_json(FIXTURES / "configured_answers")["services"][0]["questions"][
        "relational_database"]["answer"] == "no"


# --- key lines: a light scan that never fails --------------------------------------------------

@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet='[]."=ab_\n #{},\'', max_size=200),
       table=st.lists(st.sampled_from(["a", "b", "tool"]), max_size=3), key=st.sampled_from(["a", "b_"]))
def test_key_line_is_none_or_a_line_of_the_text(text: str, table: list[str], key: str) -> None:
    found = key_line(text, tuple(table), key)
    assert found is None or 1 <= found <= len(text.splitlines())


def test_an_explicit_config_elsewhere_is_cited_as_given(tmp_path: Path) -> None:
    root = repo(tmp_path, {})
    other = tmp_path / "ci" / "framefit.toml"
    other.parent.mkdir()
    other.write_text('[answers]\nuser_login = "no"\n')
    (known,) = resolve(root, config_file=other).answers
    assert [a.source.location for a in known.answers] == [f"{other}:2"]
