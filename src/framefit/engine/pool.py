"""The process pool: each worker builds its own scan context and prefilters once (forked where
the platform can, else spawned)."""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

from framefit.catalog import load
from framefit.engine.file_scan import FileScan, file_signals, prefilters_for, scan_file
from framefit.scanners.base import Prefilter, ScanContext
from framefit.walk import WalkedFile
from framefit.walk.reader import RepoReader

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor


_WORKER_CTX: ScanContext | None = None
_WORKER_PREFILTERS: dict[str, Prefilter] = {}


def _init_worker(reader: RepoReader, local: frozenset[str]) -> None:
    global _WORKER_CTX, _WORKER_PREFILTERS
    _WORKER_CTX = ScanContext(reader, load(), local)
    _WORKER_PREFILTERS = prefilters_for(_WORKER_CTX.catalog, local, reader)


def scan_in_worker(walked: WalkedFile) -> FileScan:
    assert _WORKER_CTX is not None
    return scan_file(walked, _WORKER_CTX)


def signals_in_worker(walked: WalkedFile) -> frozenset[str] | None:
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
    method = "fork" if "fork" in _start_methods() else "spawn"
    return ProcessPoolExecutor(max_workers=jobs, mp_context=get_context(method),
                               initializer=_init_worker, initargs=(ctx.reader, ctx.local_modules))


def close_pool(pool: ProcessPoolExecutor) -> None:
    """Wait for the workers to end, and let the collector see this process's objects again."""
    pool.shutdown()
    gc.unfreeze()


def _start_methods() -> list[str]:
    from multiprocessing import get_all_start_methods

    return get_all_start_methods()
