"""The listing: any file name (bytes that are not UTF-8, newlines, control characters, long
names) is listed deterministically and named when undecodable; virtualenvs are known by their
structure; a directory that cannot be listed or entered is a diagnostic, never a silent skip."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framefit.model import shown_path
from framefit.walk import files as walk_files
from framefit.walk.files import SKIP_DIRS, list_files
from tests.walk.trees import unenterable_scandir

_NAME_BYTES = st.binary(min_size=1, max_size=255).filter(
    lambda b: b"/" not in b and b"\0" not in b and b not in (b".", b"..")
    and os.fsdecode(b) not in SKIP_DIRS | {".gitignore"})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(names=st.lists(_NAME_BYTES, min_size=1, max_size=6, unique=True),
       folder=st.one_of(st.none(), _NAME_BYTES))
def test_any_file_name_is_listed_deterministically(tmp_path_factory: pytest.TempPathFactory,
                                                  names: list[bytes], folder: bytes | None) -> None:
    root = tmp_path_factory.mktemp("repo")
    where = os.fsencode(root) + (b"/" + folder if folder is not None else b"")
    if folder is not None:
        os.mkdir(where)  # noqa: PTH102 (bytes paths)
    for name in names:
        with open(where + b"/" + name, "wb") as out:  # noqa: PTH123 (bytes paths)
            out.write(b"x")
    prefix = "" if folder is None else os.fsdecode(folder) + "/"
    first, diagnostics, origin = list_files(root)
    assert (first, diagnostics, origin) == list_files(root)
    assert [f.path for f in first] == sorted(prefix + os.fsdecode(n) for n in names)
    undecodable = sorted(p for p in {prefix + os.fsdecode(n) for n in names} | (
        {prefix[:-1]} if prefix else set()) if not _utf8(p.rpartition("/")[2]))
    assert sorted(d.path for d in diagnostics) == undecodable
    assert all(d.kind == "undecodable-name" and shown_path(d.path) in d.message for d in diagnostics)


def _utf8(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


@pytest.mark.parametrize(("name", "shown"), [
    (b"plain.py", "plain.py"), (b"bad\xff.py", "bad\\xff.py"), (b"new\nline.py", "new\\nline.py"),
    (b"\x1b[2J.py", "\\x1b[2J.py"), ("\u202etxt.py".encode(), "\\u202etxt.py"),
    (b"back\\slash", "back\\\\slash"), ("caf\u00e9.py".encode(), "caf\u00e9.py"),
    (b"\xc2\x85.py", "\\u0085.py"), (b"\x85.py", "\\x85.py"),
])
def test_shown_path_is_printable_and_one_to_one(name: bytes, shown: str) -> None:
    assert shown_path(os.fsdecode(name)) == shown
    assert shown.isprintable()


def _venv(root: Path, name: str, *, interpreter: bool = True, site: bool = True) -> None:
    (root / name).mkdir(parents=True)
    (root / name / "pyvenv.cfg").write_text("home = /usr/bin\n")
    if interpreter:
        (root / name / "bin").mkdir()
        (root / name / "bin" / "python3").write_text("")
    lib = root / name / "lib" / "python3.12"
    lib.mkdir(parents=True)
    (lib / "helper.py").write_text("import flask_login\n")
    if site:
        (lib / "site-packages").mkdir()


@pytest.mark.parametrize(("interpreter", "site", "hidden"), [
    pytest.param(True, True, True, id="whole_structure__left_out"),
    pytest.param(False, True, False, id="no_interpreter__kept"),
    pytest.param(True, False, False, id="no_site_packages__kept"),
])
def test_a_virtualenv_is_known_by_its_structure(tmp_path: Path, interpreter: bool, site: bool,
                                               hidden: bool) -> None:
    _venv(tmp_path, "env", interpreter=interpreter, site=site)
    (tmp_path / "app.py").write_text("")
    paths = [f.path for f in list_files(tmp_path)[0]]
    assert ("env/lib/python3.12/helper.py" not in paths) is hidden
    assert "app.py" in paths


def test_windows_virtualenv_layout(tmp_path: Path) -> None:
    (tmp_path / "env" / "Scripts").mkdir(parents=True)
    (tmp_path / "env" / "Lib" / "site-packages").mkdir(parents=True)
    for name in ("pyvenv.cfg", "Scripts/python.exe", "Lib/helper.py"):
        (tmp_path / "env" / name).write_text("")
    assert [f.path for f in list_files(tmp_path)[0]] == []


def test_the_root_is_never_a_virtualenv(tmp_path: Path) -> None:
    (tmp_path / "pyvenv.cfg").write_text("")
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "python").write_text("")
    (tmp_path / "lib" / "python3.12" / "site-packages").mkdir(parents=True)
    (tmp_path / "app.py").write_text("")
    assert [f.path for f in list_files(tmp_path)[0]] == ["app.py", "bin/python", "pyvenv.cfg"]


@pytest.mark.parametrize(("failure", "message"), [
    pytest.param("not_listable", "cannot list: Permission denied", id="cannot_list"),
    pytest.param("not_enterable", "can be listed but not entered: Permission denied", id="cannot_enter"),
])
def test_a_directory_it_cannot_read_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            failure: str, message: str) -> None:
    # Tests run as root, which enters any directory: the refusal is simulated at os.scandir.
    (tmp_path / "locked" / "inner").mkdir(parents=True)
    (tmp_path / "locked" / "x.py").write_text("")
    (tmp_path / "app.py").write_text("")
    monkeypatch.setattr(walk_files.os, "scandir", unenterable_scandir("locked", failure))
    files, diagnostics, origin = list_files(tmp_path)
    assert [f.path for f in files] == ["app.py"]
    assert [(d.path, d.kind, d.message) for d in diagnostics] == [("locked", "unreadable", message)]
    assert "locked" in origin.directories  # its stamp changes when it becomes readable


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root enters any directory")
def test_a_directory_listed_but_not_entered_is_named(tmp_path: Path) -> None:
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "x.py").write_text("")
    (tmp_path / "locked").chmod(0o644)
    try:
        files, diagnostics, _ = list_files(tmp_path)
    finally:
        (tmp_path / "locked").chmod(0o755)
    assert files == []
    assert [(d.path, d.kind) for d in diagnostics] == [("locked", "unreadable")]
