"""The report cache: a run's whole report, used again while nothing it depends on has changed.

Even when the per-file cache (module `cache.scans`) has every file, a run still imports the scanners,
walks, weighs and answers. When nothing changed, none of that is needed: the report is stored
with what it depended on, and a later run that finds all of it the same returns it at once.

- The key: framefit's code and catalog (`cache.location.code_version`), Python's version, the root,
  the resolved Config (but its format and fail-on, which do not change the report) and whether
  the run was exhaustive.
- The listing: the stamps (module `cache.stamps`) of every directory the walk listed (an added,
  removed or renamed entry changes its directory's mtime) and of every ignore file it read or
  looked for (`.gitignore`, `.git/info/exclude`).
- The inputs: the stamp of every file a scanner matched, read or looked for (a lstat's, and the
  target's for a link), those that did not exist included.

A report is not stored when a file the scanners read changed while the run read it (its stamp
before and after differ), or when an input's mtime is within `RACY_NS` of the run's start: it
may change again within its timestamp's resolution (git's "racily clean" case). A corrupt or
foreign entry is ignored, never trusted. Entries are read and written without following links
(module `cache.safe_io`), and pruning deletes only files named as entries.
"""

from __future__ import annotations

import hashlib
import re
import sys
import time
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, TypeGuard

from framefit.cache import codec, safe_io
from framefit.cache.location import REPORTS, code_version
from framefit.cache.stamps import RACY_NS, entry_stamp
from framefit.config.layers import Config
from framefit.model import Report
from framefit.walk.files import in_work_tree

if TYPE_CHECKING:
    from framefit.walk.files import Origin

SCHEMA = 2  # 2: the native walk's origin (directories and ignore files)
# An entry no run has written for this long is deleted when another is stored: each framefit
# version, configuration and checkout has its own, and old ones would pile up.
STALE_SECONDS = 30 * 24 * 3600
ENTRY = re.compile(r"[0-9a-f]{32}\.json")
MAX_ENTRY_BYTES = 256_000_000
_DEFAULT = Config()
Stamps = list[tuple[str, str, str, int]]  # (kind, path, stamp, mtime)


class ReportCache:
    """The cached report for one root, configuration and mode, in `directory/reports`."""

    def __init__(self, directory: Path, root: Path, config: Config, exhaustive: bool) -> None:
        self.root = str(root)
        # How the report is shown and when it fails the run do not change it: one entry serves
        # every format.
        shown = replace(config, format=_DEFAULT.format, fail_on=_DEFAULT.fail_on)
        # Whether ignore files apply (walk/files.py) is decided above the root too: in the key.
        parts = (SCHEMA, code_version(), sys.version, self.root, repr(shown), exhaustive,
                 in_work_tree(root))
        self.key = hashlib.sha256(repr(parts).encode("utf-8", "surrogateescape")).hexdigest()
        self.directory = directory
        self.name = f"{self.key[:32]}.json"
        self._before: dict[str, str] = {}  # stamps of the files taken before they were read

    def before_reading(self, paths: list[str]) -> None:
        """Stamp `paths` now, before the run reads them: `store` keeps nothing if one changed."""
        self._before = {path: entry_stamp(self._full(path))[0] for path in paths}

    def lookup(self) -> Report | None:
        """The stored report, when everything it depended on is as it was; else None."""
        entry = self._entry()
        if entry is None or not self._unchanged(entry):
            return None
        try:
            return codec.decode(entry.get("report"))
        except ValueError:
            return None

    def _entry(self) -> dict[str, object] | None:
        """The stored entry of this key, or None (none stored, unreadable, another key's)."""
        try:
            with safe_io.own_directory(self.directory) as top, \
                    safe_io.own_directory(Path(REPORTS), top) as folder:
                data = safe_io.read_file(folder, self.name, MAX_ENTRY_BYTES)
            entry = codec.loads(data) if data is not None else None
        except (OSError, ValueError):
            return None
        if not isinstance(entry, dict) or entry.get("key") != self.key:
            return None
        return entry

    def _unchanged(self, entry: dict[str, object]) -> bool:
        """Whether the listing and inputs the entry stamped are as they were."""
        directories, ignore_files = entry.get("directories"), entry.get("ignore_files")
        inputs = entry.get("inputs")
        if not (_strings(directories) and _strings(ignore_files) and _strings(inputs)):
            return False
        return _digest(self._stamp_all(directories, ignore_files, inputs)) == entry.get("stamps")

    def store(self, report: Report, origin: Origin, inputs: Iterable[str], started_ns: int) -> None:
        """Keep `report` with the stamps of `inputs` and of the listing, unless one is racy."""
        directories, ignore_files = list(origin.directories), list(origin.ignore_files)
        files = sorted(inputs)
        stamps = self._stamp_all(directories, ignore_files, files)
        if any(self._before.get(path, text) != text for kind, path, text, _ in stamps if kind == "f"):
            return  # changed while the run read it
        if max((mtime for *_, mtime in stamps), default=0) >= started_ns - RACY_NS:
            return
        entry = {"key": self.key, "directories": directories, "ignore_files": ignore_files,
                 "inputs": files, "stamps": _digest(stamps), "report": codec.encode(report)}
        try:
            with safe_io.own_directory(self.directory) as top, \
                    safe_io.own_directory(Path(REPORTS), top) as folder:
                safe_io.write_file(folder, self.name, codec.dumps(entry).encode("ascii"))
                safe_io.prune(folder, ENTRY, time.time() - STALE_SECONDS)
        except OSError:
            return  # not stored: the next run does the work again

    def _stamp_all(self, directories: list[str], ignore_files: list[str], inputs: list[str]) -> Stamps:
        """(kind, path, stamp, mtime) of every directory ("d"), ignore file ("i") and input ("f")."""
        return [(kind, path, *entry_stamp(self._full(path)))
                for kind, paths in (("d", directories), ("i", ignore_files), ("f", inputs))
                for path in paths]

    def _full(self, path: str) -> str:
        # Strings, not pathlib: this runs once per input of the tree.
        return f"{self.root}/{path}" if path else self.root


def _digest(stamps: Stamps) -> str:
    joined = "\n".join(f"{kind}:{path}\0{text}" for kind, path, text, _ in stamps)
    return hashlib.sha256(joined.encode("utf-8", "surrogateescape")).hexdigest()


def _strings(value: object) -> TypeGuard[list[str]]:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)
