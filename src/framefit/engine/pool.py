"""The process pool: each worker builds its own scan context and prefilters once (forked on
Linux, else spawned), and ends when the run's process does, however that ends."""

from __future__ import annotations

import gc
import os
import signal
import sys
import threading
import time
from typing import TYPE_CHECKING

from framefit.catalog import load
from framefit.engine.file_scan import FileScan, file_signals, prefilters_for, scan_file
from framefit.scanners.base import Foreseen, Prefilter, ScanContext
from framefit.walk import WalkedFile
from framefit.walk.reader import RepoReader

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor


_WORKER_CTX: ScanContext | None = None
_WORKER_PREFILTERS: dict[str, Prefilter] = {}


PR_SET_PDEATHSIG = 1  # linux/prctl.h
PARENT_CHECK_SECONDS = 0.5


def _init_worker(reader: RepoReader, local: frozenset[str], modules: frozenset[str] | None,
                 parent: int) -> None:
    global _WORKER_CTX, _WORKER_PREFILTERS
    end_with_parent(parent)
    _WORKER_CTX = ScanContext(reader, load(), local, modules)
    _WORKER_PREFILTERS = prefilters_for(_WORKER_CTX)


def end_with_parent(parent: int) -> None:
    """End this process when the process `parent` ends, even by SIGKILL: a worker left behind
    would hold the run's stdout and stderr open (`framefit … | cat` would never end).

    On Linux the kernel sends SIGKILL at once (PR_SET_PDEATHSIG); everywhere a thread also
    checks twice a second that the parent is still this process's parent.
    """
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass  # no prctl: the thread below still ends the worker
    if os.getppid() != parent:  # it ended before the line above took effect
        os._exit(1)
    threading.Thread(target=_watch, args=(parent,), name="framefit-parent-watch", daemon=True).start()


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


def scan_in_worker(walked: WalkedFile) -> FileScan:
    assert _WORKER_CTX is not None
    return scan_file(walked, _WORKER_CTX)


def signals_in_worker(walked: WalkedFile) -> Foreseen | None:
    assert _WORKER_CTX is not None
    return file_signals(walked, _WORKER_CTX.reader, _WORKER_PREFILTERS)


def make_pool(ctx: ScanContext, jobs: int) -> ProcessPoolExecutor:
    """A pool of `jobs` workers over the tree of `ctx`; they read with its reader (and the
    directories it has resolved)."""
    # Imported here: a run that needs no pool (most) does not pay for these imports.
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    assert ctx.reader.root is not None
    # Forked workers share the parent's memory until they write to it, and a garbage
    # collection writes to every object it visits: frozen objects are never visited (the
    # workers then copy less; pgadmin4 2 % faster). close_pool unfreezes them.
    gc.freeze()
    return ProcessPoolExecutor(max_workers=jobs, mp_context=get_context(start_method()),
                               initializer=_init_worker,
                               initargs=(ctx.reader, ctx.local_modules, ctx.modules, os.getpid()))


def close_pool(pool: ProcessPoolExecutor) -> None:
    """Wait for the workers to end, and let the collector see this process's objects again."""
    pool.shutdown()
    gc.unfreeze()


def start_method(platform: str | None = None) -> str:
    """How workers start: forked on Linux (they share the parent's memory, and start at once),
    spawned elsewhere. macOS offers fork, but its system libraries are not fork-safe (Python's
    own default there is spawn since 3.8), and Windows has only spawn. `platform`: sys.platform."""
    return "fork" if (platform or sys.platform).startswith("linux") else "spawn"
