"""The process pool: each worker builds its own scan context and prefilters once (forked on
Linux, else spawned), and ends when the run's process does, however that ends. `Workers` holds
one run's pool: made on first use, shared by the scans and the move, closed when the run ends."""

from __future__ import annotations

import gc
import os
import signal
import sys
import threading
import time
from collections.abc import Iterable
from itertools import repeat
from typing import TYPE_CHECKING, Literal

from framefit.catalog import load
from framefit.engine.collector import relax
from framefit.engine.file_scan import FileScan, confirmed_signals, file_signals, prefilters_for, scan_file
from framefit.model import CodeFact
from framefit.scanners.base import Foreseen, Prefilter, ScanContext, SourceFile
from framefit.scanners.python.profile import ImportHeads, ModuleLines, module_text
from framefit.walk import WalkedFile
from framefit.walk.reader import ReadError, RepoReader

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

    from framefit.scanners.python.move import MoveRead, MoveReader, UnitFacts


_WORKER_CTX: ScanContext | None = None
_WORKER_PREFILTERS: dict[str, Prefilter] = {}
_WORKER_MOVES: dict[frozenset[str], MoveReader] = {}  # per `units`, made on a worker's first move


# A process pool (forked) costs some 0.05 s to start and feed: below these (files, and bytes to
# scan, to prefilter or to read for a move) the work is done in-process. Measured on 2 cores:
# parsing costs some 20 times what prefiltering does per byte, a move's byte reader some tenth
# of parsing (redash's 0.9 MB of app modules: 0.89 times the wall time in the pool). A pool
# started for the prefilter works while this process scans the files that are not planned,
# and serves the rest of the run: from 0.7 MB of planned files on it gains (paired cold runs,
# pool / in-process: flaskbb 0.76 MB 0.94, redash 1.5 MB 0.92, calibre-web 1.4 MB 0.83,
# archivebox 2.5 MB 0.81), below it loses (graphite-web 0.65 MB 1.19). A pool once started
# takes any few files.
POOL_THRESHOLD = 4
POOL_PARSE_BYTES = 1_500_000
POOL_PREFILTER_BYTES = 700_000
POOL_MOVE_BYTES = 700_000
POOL_CONFIRM_BYTES = POOL_PREFILTER_BYTES  # a confirmation reads what the module imports

PR_SET_PDEATHSIG = 1  # linux/prctl.h
PARENT_CHECK_SECONDS = 0.5


def _init_spawned(reader: RepoReader, local: frozenset[str], modules: frozenset[str] | None,
                  parent: int) -> None:
    """A spawned worker starts empty: it builds the run's scan context and prefilters again."""
    global _WORKER_CTX, _WORKER_PREFILTERS
    end_with_parent(parent)
    relax()  # a forked worker has the run's thresholds already
    _WORKER_CTX = ScanContext(reader, load(), local, modules)
    _WORKER_PREFILTERS = prefilters_for(_WORKER_CTX)


def _init_forked(parent: int) -> None:
    """A forked worker starts with the parent's memory: the context and prefilters are there."""
    end_with_parent(parent)


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


def confirm_in_worker(item: tuple[WalkedFile, Foreseen]) -> frozenset[str]:
    assert _WORKER_CTX is not None
    return confirmed_signals(item[0], _WORKER_CTX.reader, _WORKER_PREFILTERS, item[1])


def move_in_worker(walked: WalkedFile, wanted: ImportHeads) -> MoveRead | None:
    """`move_read` of one module, read here (sending its bytes through the pool's pipe costs
    more than reading them again), with the worker's move reader (made on its first move)."""
    return move_read(_worker_moves(frozenset()), walked, wanted)


def unit_move_in_worker(walked: WalkedFile, own: frozenset[str], units: frozenset[str]) -> UnitFacts | None:
    """`unit_move_read` of one module, read here."""
    return unit_move_read(_worker_moves(units), walked, own)


def _worker_moves(units: frozenset[str]) -> MoveReader:
    assert _WORKER_CTX is not None
    if units not in _WORKER_MOVES:
        from framefit.scanners.python.move import MoveReader

        _WORKER_MOVES[units] = MoveReader(_WORKER_CTX, units)
    return _WORKER_MOVES[units]


def lines_in_worker(walked: WalkedFile, wanted: ImportHeads) -> ModuleLines | None:
    """`module_lines` of one module, read here."""
    assert _WORKER_CTX is not None
    return module_lines(_WORKER_CTX.reader, walked, wanted)


def move_read(moves: MoveReader, walked: WalkedFile, wanted: ImportHeads) -> MoveRead | None:
    """The code facts a move counts in one module and what its lines import of `wanted`
    modules (`MoveReader.read`); None when it cannot be read: its scan said why."""
    try:
        data = moves.ctx.reader.read_bytes(walked.path)
    except ReadError:
        return None
    return moves.read(SourceFile(walked.path, data, walked.role, walked.service), wanted)


def unit_move_read(moves: MoveReader, walked: WalkedFile, own: frozenset[str]) -> UnitFacts | None:
    """What reading one module again with the reader's units, less its `own`, gives
    (`MoveReader.unit_facts`); None when that adds nothing or it cannot be read."""
    try:
        data = moves.ctx.reader.read_bytes(walked.path)
    except ReadError:
        return None
    return moves.unit_facts(SourceFile(walked.path, data, walked.role, walked.service), own)


def module_lines(reader: RepoReader, walked: WalkedFile, wanted: ImportHeads) -> ModuleLines | None:
    """What one module's lines import of `wanted` modules (`profile.module_text`); None when it
    cannot be read."""
    try:
        return module_text(reader.read_bytes(walked.path), wanted)
    except ReadError:
        return None


class Workers:
    """One run's process pool over the tree of `ctx`: made when work is first big enough for
    it (`wanted`), kept till the run ends (with the run's prefilters, made once here)."""

    def __init__(self, ctx: ScanContext, jobs: int, debug: bool = False) -> None:
        self.ctx = ctx
        self.jobs = min(jobs, os.cpu_count() or 1)
        self.debug = debug
        self._pool: ProcessPoolExecutor | None = None
        self._prefilters: dict[str, Prefilter] | None = None

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            close_pool(self._pool)
            self._pool = None

    def prefilters(self) -> dict[str, Prefilter]:
        """The scanners' prefilters for this run, made on first use (in this process)."""
        if self._prefilters is None:
            self._prefilters = prefilters_for(self.ctx)
        return self._prefilters

    def wanted(self, files: int, size: int, work: Literal["parse", "prefilter", "confirm", "move"]) -> bool:
        """Whether `files` of `size` bytes go to the pool for `work`: enough bytes make it worth
        starting, and once started any few files go there."""
        if self.jobs <= 1 or files < POOL_THRESHOLD or self.debug:
            return False
        least = {"parse": POOL_PARSE_BYTES, "prefilter": POOL_PREFILTER_BYTES, "confirm": POOL_CONFIRM_BYTES,
                 "move": POOL_MOVE_BYTES}[work]
        return self._pool is not None or size >= least

    def move(self, files: list[WalkedFile],
             wanted: ImportHeads) -> tuple[list[CodeFact], dict[str, ModuleLines]]:
        """The code facts a move counts in these modules (scanners/python/move.py), and per
        module that can be read what its lines import of `wanted` modules: in the pool when
        there is much to read."""
        # Imported here (~7 ms, and a move is rare), before a pool is forked for it.
        from framefit.scanners.python.move import MAX_UNIT_CLASSES, MoveReader

        pooled = self._to_pool(files)
        if pooled:
            found: Iterable[MoveRead | None] = self.pool().map(move_in_worker, files, repeat(wanted),
                                                               chunksize=self._chunks(files))
        else:
            moves = MoveReader(self.ctx)
            found = (move_read(moves, f, wanted) for f in files)
        facts: dict[str, tuple[CodeFact, ...]] = {}
        lines: dict[str, ModuleLines] = {}
        own: dict[str, frozenset[str]] = {}  # per module, its classes that make blueprints
        for walked, read in zip(files, found, strict=True):
            if read is not None:
                facts[walked.path], lines[walked.path], own[walked.path] = read
        units = frozenset().union(*own.values())
        # The repo's own blueprint classes: the modules that call one of another module, read again.
        if 0 < len(units) <= MAX_UNIT_CLASSES:
            readable = [f for f in files if f.path in facts]
            mine = [own[f.path] for f in readable]
            if pooled:
                again: Iterable[UnitFacts | None] = self.pool().map(
                    unit_move_in_worker, readable, mine, repeat(units), chunksize=self._chunks(readable))
            else:
                moves = MoveReader(self.ctx, units)
                again = (unit_move_read(moves, f, m) for f, m in zip(readable, mine, strict=True))
            for walked, read_again in zip(readable, again, strict=True):
                if read_again is not None:
                    more, whole = read_again
                    facts[walked.path] = more if whole else facts[walked.path] + more
        return [fact for path in facts for fact in facts[path]], lines

    def lines(self, files: list[WalkedFile], wanted: ImportHeads) -> dict[str, ModuleLines]:
        """Per module that can be read, what its lines import of `wanted` modules (a move
        that wants other modules than `move` was asked for: a Django project's own apps)."""
        if self._to_pool(files):
            found: Iterable[ModuleLines | None] = self.pool().map(lines_in_worker, files, repeat(wanted),
                                                                 chunksize=self._chunks(files))
        else:
            found = (module_lines(self.ctx.reader, f, wanted) for f in files)
        return {walked.path: text for walked, text in zip(files, found, strict=True) if text is not None}

    def _to_pool(self, files: list[WalkedFile]) -> bool:
        return self.wanted(len(files), sum(f.size for f in files), "move")

    def _chunks(self, files: list[WalkedFile]) -> int:
        return max(1, len(files) // (self.jobs * 8))

    def pool(self) -> ProcessPoolExecutor:
        """The process pool, made on first use and kept for the run."""
        if self._pool is None:
            self._pool = make_pool(self.ctx, self.prefilters(), self.jobs)
        return self._pool


def make_pool(ctx: ScanContext, prefilters: dict[str, Prefilter], jobs: int) -> ProcessPoolExecutor:
    """A pool of `jobs` workers over the tree of `ctx` with the run's `prefilters`; they read
    with its reader (and the directories it has resolved)."""
    # Imported here: a run that needs no pool (most) does not pay for these imports.
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    global _WORKER_CTX, _WORKER_PREFILTERS
    assert ctx.reader.root is not None
    # Forked workers share the parent's memory until they write to it, and a garbage
    # collection writes to every object it visits: frozen objects are never visited (the
    # workers then copy less; pgadmin4 2 % faster). close_pool unfreezes them.
    gc.freeze()
    if start_method() == "fork":
        # What a forked worker needs is made before the fork, once: each worker then starts at
        # once (no catalog views, prefilters or ctypes import of its own).
        import ctypes  # noqa: F401  (end_with_parent's, imported once for every worker)

        _WORKER_CTX, _WORKER_PREFILTERS = ctx, prefilters
        return ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("fork"),
                                   initializer=_init_forked, initargs=(os.getpid(),))
    return ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("spawn"),
                               initializer=_init_spawned,
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
