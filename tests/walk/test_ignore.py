"""Ignore rules read from the tree alone, as git applies them: each `.gitignore` for its own
directory, `.git/info/exclude` at the root, negations, directory-only patterns, ignored
directories never entered; a bad ignore file is a diagnostic, never a stall."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framefit.walk.files import list_files
from framefit.walk.ignore import MAX_IGNORE_BYTES, MAX_PATTERNS

TREE = ("app.py", "app.pyc", "notes.txt", "src/a.py", "src/a.txt", "src/deep/b.py", "src/deep/b.log",
        "logs/x.log", "logs/keep.log", "docs/_site/page.html", "docs/index.md", "out/gen.py")


def make(root: Path, files: tuple[str, ...] = TREE, **ignores: str) -> Path:
    """A git work tree (it has `.git`) of empty files, with ignore files given as path=text
    (`__` for `/`)."""
    (root / ".git").mkdir(parents=True, exist_ok=True)
    for name in files:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("")
    for where, text in ignores.items():
        path = root / where.replace("__", "/")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def listed(root: Path) -> list[str]:
    files, _, _ = list_files(root.resolve())
    return [f.path for f in files if not f.path.endswith(".gitignore")]


def kept(*ignored: str) -> list[str]:
    return sorted(set(TREE) - set(ignored))


@pytest.mark.parametrize(("ignores", "ignored"), [
    pytest.param({".gitignore": "*.pyc\n*.log\n"}, ("app.pyc", "src/deep/b.log", "logs/x.log",
                                                     "logs/keep.log"), id="basename_at_any_depth"),
    pytest.param({".gitignore": "*.log\n!keep.log\n"}, ("src/deep/b.log", "logs/x.log"), id="negation"),
    pytest.param({".gitignore": "/app.py\n"}, ("app.py",), id="anchored_to_its_directory"),
    pytest.param({".gitignore": "_site/\nout\n"}, ("docs/_site/page.html", "out/gen.py"),
                 id="directory_patterns"),
    pytest.param({".gitignore": "notes.txt/\n"}, (), id="directory_only_never_a_file"),
    pytest.param({".gitignore": "logs/\n!logs/keep.log\n"}, ("logs/x.log", "logs/keep.log"),
                 id="nothing_comes_back_from_an_ignored_directory"),
    pytest.param({".gitignore": "*\n!*/\n!*.py\n"}, ("app.pyc", "notes.txt", "src/a.txt", "src/deep/b.log",
                                                    "logs/x.log", "logs/keep.log", "docs/_site/page.html",
                                                    "docs/index.md"), id="whitelist_of_py"),
    pytest.param({"src__.gitignore": "*.txt\n/deep/\n"}, ("src/a.txt", "src/deep/b.py", "src/deep/b.log"),
                 id="nested_file_relative_to_its_directory"),
    pytest.param({".gitignore": "*.py\n", "src__.gitignore": "!a.py\n"},
                 ("app.py", "src/deep/b.py", "out/gen.py"), id="inner_file_decides"),
    pytest.param({".gitignore": "src/**/*.log\ndocs/**\n"}, ("src/deep/b.log", "docs/_site/page.html",
                                                            "docs/index.md"), id="double_star"),
    pytest.param({".git__info__exclude": "*.txt\n"}, ("notes.txt", "src/a.txt"), id="info_exclude"),
    pytest.param({".git__info__exclude": "*.py\n", ".gitignore": "!app.py\n"},
                 ("src/a.py", "src/deep/b.py", "out/gen.py"), id="gitignore_over_info_exclude"),
    pytest.param({".gitignore": "# *.py\n\\#x\n\n  \n*.txt\r\n"}, ("notes.txt", "src/a.txt"),
                 id="comments_blank_lines_crlf"),
    pytest.param({".gitignore": "\ufeff*.md\n"}, ("docs/index.md",), id="byte_order_mark"),
    pytest.param({".gitignore": "[z-a]\n[\n*.md\n"}, ("docs/index.md",), id="patterns_git_discards"),
])
def test_rules_as_git_applies_them(tmp_path: Path, ignores: dict[str, str], ignored: tuple[str, ...]) -> None:
    root = make(tmp_path / "repo", **ignores)
    assert listed(root) == kept(*ignored)


def test_outside_a_work_tree_ignore_files_do_not_count(tmp_path: Path) -> None:
    # An unpacked source distribution keeps its repository's .gitignore; a build tool's `*`
    # would hide every file its author chose to ship.
    root = make(tmp_path / "sdist", **{".gitignore": "*\n"})
    (root / ".git").rmdir()
    assert listed(root) == kept()
    assert listed(make(tmp_path / "checkout", **{".gitignore": "*\n"})) == []


def test_a_worktree_or_submodule_git_file_makes_a_work_tree(tmp_path: Path) -> None:
    root = make(tmp_path / "repo", **{".gitignore": "*.log\n"})
    (root / ".git").rmdir()
    (root / ".git").write_text("gitdir: /elsewhere/.git/worktrees/repo\n")
    assert "logs/x.log" not in listed(root)


def test_the_users_global_excludes_and_git_config_do_not_count(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    (home / ".config" / "git").mkdir(parents=True)
    (home / ".config" / "git" / "ignore").write_text("*.py\n")
    (home / ".gitconfig").write_text("[core]\n\texcludesFile = ~/.config/git/ignore\n")
    monkeypatch.setenv("HOME", str(home))
    root = make(tmp_path / "repo", **{".git__config": "[core]\n\texcludesFile = /etc/passwd\n"
                                      "\tworktree = /\n"})
    assert listed(root) == kept()


@pytest.mark.parametrize("hazard", ["fifo", "link_out", "link_in", "directory", "huge", "many"])
def test_a_bad_ignore_file_is_a_diagnostic_not_a_stall(tmp_path: Path, hazard: str) -> None:
    root = make(tmp_path / "repo")
    ignore = root / "src" / ".gitignore"
    outside = tmp_path / "outside"
    outside.write_text("*.py\n")
    if hazard == "fifo":
        os.mkfifo(ignore)
    elif hazard == "link_out":
        ignore.symlink_to(outside)
    elif hazard == "link_in":
        (root / "rules.txt").write_text("*.py\n")
        ignore.symlink_to(root / "rules.txt")
    elif hazard == "directory":
        ignore.mkdir()
    elif hazard == "huge":
        ignore.write_bytes(b"*.py\n" + b"#" * MAX_IGNORE_BYTES)
    else:
        ignore.write_text("*.py\n" + "".join(f"x{i}\n" for i in range(MAX_PATTERNS)))
    started = time.monotonic()
    files, diagnostics, _ = list_files(root.resolve())
    assert time.monotonic() - started < 5
    assert [f.path for f in files if f.path.startswith("src/") and f.path.endswith(".py")] == [
        "src/a.py", "src/deep/b.py"]  # not applied
    expected = ["too-large"] if hazard in ("huge", "many") else ["unreadable"]
    if hazard == "link_out":  # and, like any file, a link out of the root is named
        expected.insert(0, "link-outside-root")
    assert sorted((d.path, d.kind) for d in diagnostics) == [("src/.gitignore", k) for k in expected]


def test_info_exclude_through_a_link_is_not_read(tmp_path: Path) -> None:
    outside = make(tmp_path / "outside", (), **{"info__exclude": "*.py\n"})
    root = make(tmp_path / "repo")
    (root / ".git").rmdir()
    (root / ".git").symlink_to(outside, target_is_directory=True)
    assert listed(root) == kept()


def test_patterns_cost_time_linear_in_the_name(tmp_path: Path) -> None:
    # Four stars before the last: some 10 s per name when each star backtracks.
    names = tuple(f"{'a' * 250}{i:03}" for i in range(200))
    root = make(tmp_path / "repo", names, **{".gitignore": "*a*a*a*a*a*a*b\n*a*a*a*a*0\n"})
    started = time.monotonic()
    assert listed(root) == sorted(n for n in names if not n.endswith("0"))
    assert time.monotonic() - started < 5


def test_a_pattern_quadratic_in_the_depth_is_not_applied(tmp_path: Path) -> None:
    root = make(tmp_path / "repo", **{".gitignore": "*.txt\n**/src/**/b.py\n"})
    files, diagnostics, _ = list_files(root.resolve())
    assert [(d.path, d.line, d.kind) for d in diagnostics] == [(".gitignore", 2, "too-complex")]
    assert "src/deep/b.py" in [f.path for f in files]


# Against git itself, on trees and patterns drawn at random (git is run in our own temporary
# directory, never in a scanned one).
_NAMES = st.sampled_from(["a", "b", "a.py", "b.log", "x y", "#c", "!d", "e[1]", "f\\g"])
_PATTERNS = st.sampled_from([
    "a", "/a", "a/", "*.py", "!*.py", "*.log", "!b.log", "b/", "!b/", "a/*", "a/**", "**/b",
    "a/**/b.log", "*", "!*/", "?.py", "[ab]", "[!a]*", "\\#c", "\\!d", "x\\ y", "x y ", "e\\[1]", "*/",
])
_GIT_ENV = {"GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull, "HOME": os.devnull,
            "PATH": os.environ.get("PATH", "")}


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git to compare with")
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(files=st.lists(st.lists(_NAMES, min_size=1, max_size=3).map("/".join), min_size=1, max_size=8),
       top=st.lists(_PATTERNS, max_size=5), inner=st.lists(_PATTERNS, max_size=3))
def test_the_same_files_as_git(tmp_path_factory: pytest.TempPathFactory, files: list[str],
                               top: list[str], inner: list[str]) -> None:
    root = tmp_path_factory.mktemp("repo")
    paths = [f for f in dict.fromkeys(files) if not any(f.startswith(g + "/") for g in files)]
    for path in paths:
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text("")
    (root / ".gitignore").write_text("\n".join(top) + "\n")
    if (root / "a").is_dir():
        (root / "a" / ".gitignore").write_text("\n".join(inner) + "\n")
    subprocess.run(["git", "init", "-q", str(root)], check=True, env=_GIT_ENV)
    done = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=root,
                          capture_output=True, check=True, env=_GIT_ENV)
    gits = sorted(n for n in done.stdout.decode().split("\0") if n)
    ours, _, _ = list_files(root.resolve())
    assert [f.path for f in ours] == gits
