"""RepoReader reads inside the root only: through directory links that stay inside, never out."""

from __future__ import annotations

from pathlib import Path

import pytest

from framefit.walk.reader import ReadError, RepoReader


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "pkg" / "sub").mkdir(parents=True)
    (root / "pkg" / "sub" / "a.txt").write_text("inside\n")
    outside = tmp_path / "outside"
    (outside / "sub").mkdir(parents=True)
    (outside / "sub" / "a.txt").write_text("secret\n")
    (root / "alias").symlink_to(root / "pkg", target_is_directory=True)
    (root / "out").symlink_to(outside, target_is_directory=True)
    (root / "pkg" / "up").symlink_to(tmp_path, target_is_directory=True)
    (root / "pkg" / "file-as-dir").write_text("x\n")
    return root.resolve()


@pytest.mark.parametrize("path", ["pkg/sub/a.txt", "alias/sub/a.txt", "pkg/../pkg/sub/a.txt"])
def test_reads_inside_the_root(tree: Path, path: str) -> None:
    assert RepoReader(tree).read_bytes(path) == b"inside\n"


@pytest.mark.parametrize("path", ["out/sub/a.txt", "pkg/up/outside/sub/a.txt", "../outside/sub/a.txt",
                                  "pkg/file-as-dir/a.txt", "pkg/missing/a.txt"])
def test_never_reads_out_of_the_root_or_through_a_non_directory(tree: Path, path: str) -> None:
    reader = RepoReader(tree)
    with pytest.raises(ReadError):
        reader.read_bytes(path)
    assert not reader.exists(path)


def test_a_directory_asked_about_twice_gives_the_same_answer(tree: Path) -> None:
    reader = RepoReader(tree)
    assert [reader.exists("out/sub/a.txt"), reader.exists("alias/sub/a.txt")] == [False, True]
    assert [reader.exists("out/sub/a.txt"), reader.exists("alias/sub/a.txt")] == [False, True]
