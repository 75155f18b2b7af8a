"""The report cache: a run's whole report, used again while nothing it depends on has changed.

Even when the per-file cache (module `cache.scans`) has every file, a run still imports the scanners,
walks, weighs and answers. When nothing changed, none of that is needed: the report is stored
with what it depended on, and a later run that finds all of it the same returns it at once.

- The key: framefit's code and catalog (`cache_home.code_version`), Python's version, the root,
  the resolved Config (but its format and fail-on, which do not change the report) and whether
  the run was exhaustive.
- The listing: the digest of git's file list, or, outside git, the stamps of the directories the
  walk scanned (an added, removed or renamed entry changes its directory's mtime).
- The inputs: the stamp (lstat's type, size, mtime, ctime and inode, and the target's for a
  link) of every file a scanner matched or read, and of those that did not exist.

A report is not stored when a file the scanners read changed while the run read it (its stamp
before and after differ), or when an input's mtime is within `RACY_NS` of the run's start: it
may change again within its timestamp's resolution (git's "racily clean" case). A corrupt or
foreign entry is ignored, never trusted.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import sys
import time
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import TypeGuard

from framefit.cache import codec as report_codec
from framefit.cache.location import code_version
from framefit.config.layers import Config
from framefit.model import Report
from framefit.walk.files import Origin, git_listing, in_git, listing_digest

SCHEMA = 1
RACY_NS = 2_000_000_000  # two seconds: the coarsest mtime resolution of a common file system
# An entry no run has written for this long is deleted when another is stored: each framefit
# version, configuration and checkout has its own, and old ones would pile up.
STALE_SECONDS = 30 * 24 * 3600
_MISSING = "-"
_DEFAULT = Config()


class ReportCache:
    """The cached report for one root, configuration and mode, in `directory/reports`."""

    def __init__(self, directory: Path, root: Path, config: Config, exhaustive: bool) -> None:
        self.root = str(root)
        # How the report is shown and when it fails the run do not change it: one entry serves
        # every format.
        shown = replace(config, format=_DEFAULT.format, fail_on=_DEFAULT.fail_on)
        parts = (SCHEMA, code_version(), sys.version, self.root, repr(shown), exhaustive)
        self.key = hashlib.sha256(repr(parts).encode("utf-8", "surrogateescape")).hexdigest()
        self.file = directory / "reports" / f"{self.key[:32]}.json"
        self._before: dict[str, str] = {}  # stamps of the files taken before they were read

    def before_reading(self, paths: list[str]) -> None:
        """Stamp `paths` now, before the run reads them: `store` keeps nothing if one changed."""
        self._before = {path: _stamp(self._full(path))[0] for path in paths}

    def lookup(self) -> Report | None:
        """The stored report, when everything it depended on is as it was; else None."""
        try:
            entry = json.loads(self.file.read_bytes())
        except (OSError, ValueError):
            return None
        if not isinstance(entry, dict) or entry.get("key") != self.key:
            return None
        directories, inputs = entry.get("directories"), entry.get("inputs")
        if not _strings(directories) or not _strings(inputs):
            return None
        git = entry.get("git")
        if git is None:
            root = Path(self.root)
            if in_git(root) and git_listing(root) is not None:
                return None  # listed by scanning then, by git now
        elif not isinstance(git, str) or not self._git_unchanged(git):
            return None
        if _digest(self._stamp_all(directories, inputs)) != entry.get("stamps"):
            return None
        try:
            return report_codec.decode(entry.get("report"))
        except ValueError:
            return None

    def store(self, report: Report, origin: Origin, inputs: Iterable[str], started_ns: int) -> None:
        """Keep `report` with the stamps of `inputs` and of the listing, unless one is racy."""
        directories, files = list(origin.directories), sorted(inputs)
        stamps = self._stamp_all(directories, files)
        if any(self._before.get(path, text) != text for kind, path, text, _ in stamps if kind == "f"):
            return  # changed while the run read it
        if max((mtime for *_, mtime in stamps), default=0) >= started_ns - RACY_NS:
            return
        entry = {"key": self.key, "git": origin.git, "directories": directories,
                 "inputs": files, "stamps": _digest(stamps), "report": report_codec.encode(report)}
        import tempfile  # only when storing: a warm run never does

        with contextlib.suppress(OSError):
            self.file.parent.mkdir(parents=True, exist_ok=True)
            # Written whole and renamed into place: a reader never sees half an entry.
            with tempfile.NamedTemporaryFile("w", dir=self.file.parent, suffix=".tmp",
                                             delete=False, encoding="utf-8") as out:
                json.dump(entry, out, separators=(",", ":"))
            Path(out.name).replace(self.file)
            _prune(self.file.parent, time.time() - STALE_SECONDS)

    def _git_unchanged(self, digest: str) -> bool:
        listing = git_listing(Path(self.root))
        return listing is not None and listing_digest(listing) == digest

    def _stamp_all(self, directories: list[str], inputs: list[str]) -> list[tuple[str, str, str, int]]:
        """(kind, path, stamp, mtime) of every directory ("d") and input ("f")."""
        return [(kind, path, *_stamp(self._full(path)))
                for kind, paths in (("d", directories), ("f", inputs)) for path in paths]

    def _full(self, path: str) -> str:
        # Strings, not pathlib: this runs once per input of the tree.
        return os.path.join(self.root, path)  # noqa: PTH118


def _digest(stamps: list[tuple[str, str, str, int]]) -> str:
    joined = "\n".join(f"{kind}:{path}\0{text}" for kind, path, text, _ in stamps)
    return hashlib.sha256(joined.encode("utf-8", "surrogateescape")).hexdigest()


def _stamp(path: str) -> tuple[str, int]:
    """What the file system says of `path` without reading it, and its mtime (0: missing)."""
    try:
        info = os.lstat(path)
    except OSError:
        return _MISSING, 0
    text = f"{info.st_mode}:{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}:{info.st_ino}"
    mtime = info.st_mtime_ns
    if stat.S_ISLNK(info.st_mode):
        try:
            target = os.stat(path)  # noqa: PTH116
        except OSError:
            return text + ">" + _MISSING, mtime
        text += f">{target.st_size}:{target.st_mtime_ns}:{target.st_ctime_ns}:{target.st_ino}"
        mtime = max(mtime, target.st_mtime_ns)
    return text, mtime


def _prune(folder: Path, before: float) -> None:
    """Delete the entries (and leftover temporary files) last written before `before`."""
    for path in folder.iterdir():
        with contextlib.suppress(OSError):
            if path.suffix in (".json", ".tmp") and path.stat().st_mtime < before:
                path.unlink()


def _strings(value: object) -> TypeGuard[list[str]]:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)
