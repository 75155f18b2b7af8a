"""The pool's workers end with the process that made them, even when it is killed: none is left
holding the run's stdout (`framefit … | cat` must end)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

# Makes a pool through engine.pool.make_pool, has every worker start, prints their pids, waits.
CHILD = textwrap.dedent("""
    import os, sys, time
    from pathlib import Path
    from framefit.catalog import load
    from framefit.engine.pool import make_pool
    from framefit.scanners.base import ScanContext
    from framefit.walk.reader import RepoReader

    def pid(_: int) -> int:
        time.sleep(0.3)
        return os.getpid()

    if __name__ == "__main__":
        pool = make_pool(ScanContext(RepoReader(Path(sys.argv[1])), load(), frozenset()), 2)
        print(" ".join(str(p) for p in set(pool.map(pid, range(8)))), flush=True)
        time.sleep(120)
""")


def _alive(pid: int) -> bool:
    """Whether `pid` runs (a zombie that init has yet to reap has ended)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state not in ("Z", "X")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
def test_workers_end_when_the_run_is_killed(tmp_path: Path, how: signal.Signals) -> None:
    script = tmp_path / "child.py"
    script.write_text(CHILD)
    child = subprocess.Popen([sys.executable, str(script), str(tmp_path)], stdout=subprocess.PIPE,
                             text=True)
    try:
        assert child.stdout is not None
        workers = [int(p) for p in child.stdout.readline().split()]
        assert workers
        assert all(_alive(p) for p in workers)
        os.kill(child.pid, how)
        child.wait(timeout=10)
        deadline = time.monotonic() + 5
        while any(_alive(p) for p in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        left = [p for p in workers if _alive(p)]
    finally:
        child.kill()
        child.wait()
    for pid in left:  # do not leave them to the next test either
        os.kill(pid, signal.SIGKILL)
    assert left == []


@pytest.mark.parametrize(("platform", "method"), [
    ("linux", "fork"), ("darwin", "spawn"), ("win32", "spawn"), ("freebsd14", "spawn"),
])
def test_workers_fork_on_linux_only(platform: str, method: str) -> None:
    from framefit.engine.pool import start_method

    assert start_method(platform) == method
