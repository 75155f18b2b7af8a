"""One file: its scan (every scanner that matches it, behind the one `except` boundary) and, for
a planned file, the signals its scanners may give there. Used in the run's process and in the
pool's workers alike."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from framefit.frozen import frozen
from framefit.model import Diagnostic
from framefit.scanners.base import Foreseen, Prefilter, ScanContext, ScanResult, SourceFile
from framefit.scanners.registry import SCANNERS, scanners_for
from framefit.walk import WalkedFile
from framefit.walk.reader import Probe, ReadError, RepoReader, content_hash


@frozen
class FileScan:
    """A file's scan result, its content hash and the other files its scan read or looked for."""

    result: ScanResult
    digest: str | None  # None when the file could not be read (then nothing is cached)
    reads: tuple[str, ...] = ()
    probes: tuple[Probe, ...] = ()  # what the scan asked the reader, with the answers it got


def prefilters_for(ctx: ScanContext) -> dict[str, Prefilter]:
    """The prefilter of every scanner that has one, made for this run."""
    return {s.name: s.prefilter(ctx) for s in SCANNERS if s.prefilter is not None}


def file_signals(walked: WalkedFile, reader: RepoReader,
                 prefilters: Mapping[str, Prefilter]) -> Foreseen | None:
    """What the planned scanners of `walked` may give in it (their fixed signals, or what their
    prefilters find in its bytes); None when its bytes cannot be read or are not text, so that
    its scan diagnoses it in every mode."""
    found = Foreseen()
    data: bytes | None = None
    for scanner in scanners_for(walked.path):
        if scanner.signals:
            found = found | Foreseen(frozenset(scanner.signals))
            continue
        if data is None:
            data = _text(walked, reader)
            if data is None:
                return None
        found = found | prefilters[scanner.name](walked.path, data)
    return found


def confirmed_signals(walked: WalkedFile, reader: RepoReader, prefilters: Mapping[str, Prefilter],
                      foreseen: Foreseen) -> frozenset[str]:
    """Which of the file's waiting signals its prefilters confirm (module `engine.plan`)."""
    data = _text(walked, reader)
    found: set[str] = set()
    for scanner in scanners_for(walked.path):
        if scanner.prefilter is not None and data is not None:
            found |= prefilters[scanner.name].confirm(walked.path, data, foreseen)
    return frozenset(found)


def _text(walked: WalkedFile, reader: RepoReader) -> bytes | None:
    try:
        data = reader.read_bytes(walked.path)
    except ReadError:
        return None
    return None if _undiagnosable(data) else data


def _undiagnosable(data: bytes) -> bool:
    """Bytes that are not text: scanned whatever their words, for the diagnostic."""
    if b"\0" in data:
        return True
    if data.isascii():
        return False
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
            import logging  # here: a run without a scanner failure does not import it

            logging.getLogger("framefit.engine.scan").debug(
                "scanner %s failed on %s", scanner.name, walked.path, exc_info=True)
            message = f"scanner {scanner.name} failed: {type(exc).__name__}: {exc}"
            result = result + ScanResult(diagnostics=(
                Diagnostic(walked.path, None, "internal-error", message[:300]),))
    probes = tuple(dict.fromkeys(reader.record or ()))
    return FileScan(result, content_hash(data), tuple(dict.fromkeys(p.path for p in probes)), probes)
