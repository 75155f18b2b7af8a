"""One file: its scan (every scanner that matches it, behind the one `except` boundary) and
its triage groups. Used in the run's process and in the pool's workers alike."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace

from framefit.answers.weigh import ROLE_WEIGHT
from framefit.cache.scans import content_hash
from framefit.engine.triage import STRUCTURE, Planner
from framefit.model import Diagnostic
from framefit.scanners import scanners_for
from framefit.scanners.base import ScanContext, ScanResult, SourceFile
from framefit.walk import WalkedFile
from framefit.walk.reader import Probe, ReadError, RepoReader

log = logging.getLogger("framefit.engine.scan")


@dataclass(frozen=True, slots=True)
class FileScan:
    """A file's scan result, its content hash and the other files its scan read or looked for."""

    result: ScanResult
    digest: str | None  # None when the file could not be read (then nothing is cached)
    reads: tuple[str, ...] = ()
    probes: tuple[Probe, ...] = ()  # what the scan asked the reader, with the answers it got


def module_groups(walked: WalkedFile, reader: RepoReader, planner: Planner) -> frozenset[str]:
    """A module's triage groups from its bytes; one that cannot be read, or is not text, is
    in STRUCTURE (never settled), so that its scan diagnoses it."""
    try:
        data = reader.read_bytes(walked.path)
    except ReadError:
        return frozenset({STRUCTURE})
    found = planner.groups(data, ROLE_WEIGHT[walked.role], walked.path)
    return found | {STRUCTURE} if _diagnosable(data) else found


def _diagnosable(data: bytes) -> bool:
    """Bytes that are not Python text: scanned whatever their words, for the diagnostic."""
    if b"\0" in data:
        return True
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def scan_file(walked: WalkedFile, ctx: ScanContext, debug: bool = False) -> FileScan:
    """Read one file and run every scanner that matches it; a scanner's bug is a diagnostic."""
    reader = ctx.reader.recording()
    try:
        data = ctx.reader.read_bytes(walked.path)
    except ReadError as exc:
        return FileScan(ScanResult(diagnostics=(Diagnostic(walked.path, None, exc.kind, exc.message),)),
                        None)
    source = SourceFile(walked.path, data, walked.role, walked.service)
    scan_ctx = replace(ctx, reader=reader)
    result = ScanResult()
    for scanner in scanners_for(walked.path):
        try:
            result = result + scanner.scan(source, scan_ctx)
        except Exception as exc:  # the one boundary: a scanner bug must not end the run
            if debug:
                raise
            log.debug("scanner %s failed on %s", scanner.name, walked.path, exc_info=True)
            message = f"scanner {scanner.name} failed: {type(exc).__name__}: {exc}"
            result = result + ScanResult(diagnostics=(
                Diagnostic(walked.path, None, "internal-error", message[:300]),))
    probes = tuple(dict.fromkeys(reader.record or ()))
    return FileScan(result, content_hash(data), tuple(dict.fromkeys(p.path for p in probes)), probes)
