"""RepoReader reads a file whole, however its size compares with what fstat said and with the
reader's limit (the reads ask for the file's size, not for the limit)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from framefit.walk import reader as reader_module
from framefit.walk.reader import READ_CHUNK, ReadError, RepoReader, _read_all


@pytest.mark.parametrize("size", [0, 1, 4095, 4096, READ_CHUNK + 7, 3 * READ_CHUNK + 1])
def test_a_file_is_read_whole(tmp_path: Path, size: int) -> None:
    data = bytes(range(256)) * (size // 256) + b"x" * (size % 256)
    (tmp_path / "m.py").write_bytes(data)
    assert RepoReader(tmp_path).read_bytes("m.py") == data


@pytest.mark.parametrize("expected", [0, 10, 99_999])
def test_a_file_larger_than_fstat_said_is_read_to_its_end_or_the_limit(tmp_path: Path, expected: int) -> None:
    """A file that grew after it was looked at: read on in chunks, never past the limit."""
    data = os.urandom(3 * READ_CHUNK + 5)
    (tmp_path / "m.py").write_bytes(data)
    fd = os.open(tmp_path / "m.py", os.O_RDONLY)
    try:
        assert _read_all(fd, len(data) + 1, expected) == data
        os.lseek(fd, 0, os.SEEK_SET)
        assert _read_all(fd, READ_CHUNK + 3, expected) == data[:READ_CHUNK + 3]
    finally:
        os.close(fd)


def test_a_file_over_the_limit_is_too_large(tmp_path: Path) -> None:
    (tmp_path / "m.py").write_bytes(b"x" * 101)
    with pytest.raises(ReadError) as raised:
        RepoReader(tmp_path, max_bytes=100).read_bytes("m.py")
    assert raised.value.kind == "too-large"
    assert RepoReader(tmp_path, max_bytes=101).read_bytes("m.py") == b"x" * 101


def test_reads_ask_for_the_size_not_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[int] = []
    real = os.read

    def read(fd: int, n: int) -> bytes:
        asked.append(n)
        return real(fd, n)

    (tmp_path / "m.py").write_bytes(b"import os\n")
    monkeypatch.setattr(reader_module.os, "read", read)
    assert RepoReader(tmp_path).read_bytes("m.py") == b"import os\n"
    assert asked
    assert max(asked) <= 11  # its 10 bytes and one more, never the 2 MB limit
