"""`exclude` / `extend-exclude`: .gitignore-style patterns as ruff's users expect them, each
relative to where it was written; a pattern that leaves nothing out is a diagnostic."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from framefit import check
from framefit.config.layers import Config
from framefit.walk import walk
from framefit.walk.exclude import Exclude, excluder, normalized
from tests.conftest import FIXTURES, run_cli

TREE = ["app.py", "web/app.py", "services/web/app.py", "services/web/blog/models.py",
        "services/api/main.py", "docs/index.md", "docs", "legacy/old.py", "a/docs/b.md",
        "keep.py", "legacy/keep.py", "notes.bak"]


def tree(tmp_path: Path, names: list[str] = TREE) -> Path:
    root = tmp_path / "repo"
    for name in names:
        target = root / name
        if target.name == "docs" and name == "docs":
            continue  # "docs" the directory, made by docs/index.md
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("x\n")
    return root


@pytest.mark.parametrize(
    ("patterns", "left_out"),
    [
        pytest.param(["web"], ["services/web/app.py", "services/web/blog/models.py", "web/app.py"],
                     id="a_name_at_any_depth"),
        pytest.param(["./services/web"], ["services/web/app.py", "services/web/blog/models.py"],
                     id="dot_slash_is_anchored"),
        pytest.param(["services/web"], ["services/web/app.py", "services/web/blog/models.py"],
                     id="a_slash_anchors"),
        pytest.param(["/web"], ["web/app.py"], id="a_leading_slash_anchors"),
        pytest.param(["./web"], ["web/app.py"], id="dot_slash_a_name_is_the_roots"),
        pytest.param(["docs/"], ["a/docs/b.md", "docs/index.md"], id="directories_only"),
        pytest.param(["*.bak", "legacy/*"], ["legacy/keep.py", "legacy/old.py", "notes.bak"], id="globs"),
        pytest.param(["legacy/*", "!keep.py"], ["legacy/old.py"], id="negation_brings_a_file_back"),
        pytest.param(["legacy", "!keep.py"], ["legacy/keep.py", "legacy/old.py"],
                     id="nothing_comes_back_from_a_directory_left_out"),
        pytest.param(["**/blog/*.py"], ["services/web/blog/models.py"], id="double_star"),
        pytest.param(["services/*/app.py"], ["services/web/app.py"], id="star_in_a_segment"),
    ],
)
def test_patterns_as_in_a_gitignore(tmp_path: Path, patterns: list[str], left_out: list[str]) -> None:
    root = tree(tmp_path)
    everything = {f.path for f in walk(root).files}
    kept = {f.path for f in walk(root, patterns).files}
    assert sorted(everything - kept) == left_out


def test_a_pattern_from_a_file_above_path_is_matched_from_its_directory(tmp_path: Path) -> None:
    root = tree(tmp_path)
    below = root / "services"
    patterns = [Exclude("services/web/blog", "services"), Exclude("/app.py", "services")]
    walked = walk(below, patterns)
    assert [f.path for f in walked.files] == ["api/main.py", "web/app.py"]
    assert [d.message.split(" (")[0] for d in walked.diagnostics] == ['exclude pattern "/app.py"']


def test_path_itself_is_never_left_out(tmp_path: Path) -> None:
    root = tree(tmp_path)
    walked = walk(root / "services" / "web", [Exclude("services", ""), Exclude("web", "services")])
    assert [f.path for f in walked.files] == ["app.py", "blog/models.py"]


def test_a_pattern_that_leaves_nothing_out_is_a_diagnostic(tmp_path: Path) -> None:
    root = tree(tmp_path)
    walked = walk(root, ["web", Exclude("nothing", "", "--exclude"),
                         Exclude("docs/*", "sub", "../pyproject.toml", "../pyproject.toml", 7)])
    assert [(d.path, d.line, d.kind, d.message) for d in walked.diagnostics] == [
        (".", None, "unmatched-config", 'exclude pattern "nothing" (--exclude) matches nothing under PATH'),
        ("../pyproject.toml", 7, "unmatched-config", 'exclude pattern "docs/*" (../pyproject.toml) '
         "matches nothing under PATH; it is relative to the directory of ../pyproject.toml, and PATH "
         "is sub below it"),
    ]


def test_the_listings_diagnostics_of_what_is_left_out_go_with_it(tmp_path: Path) -> None:
    root = tree(tmp_path, ["app.py", "vendor/x.py"])
    (root / "vendor" / "out").symlink_to("/etc/passwd")
    assert [d.kind for d in walk(root).diagnostics] == ["link-outside-root"]
    assert walk(root, ["vendor/"]).diagnostics == ()


@pytest.mark.parametrize(("pattern", "normal"), [
    ("web", "web"), ("./web", "/web"), (" ./a/b/ ", "/a/b/"), ("././x", "/x"), (".//x", "/x"),
    ("./.hidden", "/.hidden"), ("./", ""), ("!x", "!x"),
])
def test_normalized(pattern: str, normal: str) -> None:
    assert normalized(pattern) == normal


def test_matching_is_linear_in_the_depth_of_the_tree(tmp_path: Path) -> None:
    chooser = excluder(["*a*a*a*b", "x/**/y", "deep"])
    assert chooser is not None
    path = "/".join(["a" * 200] * 400) + "/f.py"
    started = time.perf_counter()
    assert chooser.excluded(path) is False
    assert time.perf_counter() - started < 2.0  # ~0.05 s measured; a recursion would fail outright


def test_the_configuration_file_excludes_through_the_cli(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    for service in ("services/web", "services/api"):
        (root / service).mkdir(parents=True)
        (root / service / "requirements.txt").write_text("flask\n")
        (root / service / "app.py").write_text("from flask import Flask\napp = Flask(__name__)\n")
    (root / "pyproject.toml").write_text('[tool.framefit]\nexclude = ["web", "docs/*"]\n')
    data = json.loads(run_cli("check", "--format", "json", str(root)).stdout)
    assert [s["path"] for s in data["services"]] == ["services/api"]
    assert [(d["path"], d["line"], d["message"]) for d in data["diagnostics"]] == [
        ("pyproject.toml", 2, 'exclude pattern "docs/*" (pyproject.toml) matches nothing under PATH')]
    below = json.loads(run_cli("check", "--format", "json", str(root / "services")).stdout)
    assert [s["path"] for s in below["services"]] == ["api"]
    assert [(d["path"], d["message"]) for d in below["diagnostics"]] == [
        ("../pyproject.toml", 'exclude pattern "docs/*" (../pyproject.toml) matches nothing under PATH; '
         "it is relative to the directory of ../pyproject.toml, and PATH is services below it")]
    extended = json.loads(run_cli("check", "--format", "json", "--extend-exclude", "api", str(root)).stdout)
    assert extended["services"] == []
    replaced = json.loads(run_cli("check", "--format", "json", "--exclude", "./services/api",
                                  str(root)).stdout)
    assert ([s["path"] for s in replaced["services"]], replaced["diagnostics"]) == (["services/web"], [])


def test_the_api_takes_patterns_relative_to_path() -> None:
    report = check(FIXTURES / "monorepo_flask_django", Config(exclude=("web",)))
    assert [s.path for s in report.services] == ["services/api"]
