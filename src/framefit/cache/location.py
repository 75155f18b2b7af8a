"""Where framefit's caches live and which code wrote them: all a cache needs before it knows
whether it can answer, so a warm run imports this and little else."""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path

from framefit import __version__

ENV_DIR = "FRAMEFIT_CACHE_DIR"
REPORTS = "reports"  # the report cache's folder in the cache directory


def default_dir() -> Path:
    """$FRAMEFIT_CACHE_DIR, else the platform's cache folder for framefit (platformdirs):
    $XDG_CACHE_HOME/framefit or ~/.cache/framefit on Linux and the BSDs, ~/Library/Caches/framefit
    on macOS, %LOCALAPPDATA%\\framefit\\Cache on Windows."""
    if os.environ.get(ENV_DIR):
        return Path(os.environ[ENV_DIR])
    from platformdirs import user_cache_dir  # only when no folder is given: a few ms

    return Path(user_cache_dir("framefit", appauthor=False))


def usable(directory: Path, root: Path) -> Path | None:
    """`directory` (its real path) when framefit may keep its caches there for a run on `root`;
    None, logged, when it is inside the scanned tree, or the tree is inside a folder the caches
    write to: nothing is written into the repo (or pruned from it), and nothing the repo
    planted there (a link, a crafted entry) is used."""
    real = Path(os.path.realpath(directory))
    if real == root or root in real.parents:
        _not_used(directory, "is inside the scanned repository")
        return None
    if real / REPORTS == root or real / REPORTS in root.parents:
        _not_used(directory, "holds the scanned repository where it prunes")
        return None
    return real


def _not_used(directory: Path, why: str) -> None:
    import logging  # only then: a warm run does not import it

    logging.getLogger(__name__).info("cache %s %s: not used", directory, why)


@lru_cache(maxsize=1)
def code_version() -> str:
    """framefit's version plus a stamp of its own source files (code and catalog), so an edited
    scanner (a development checkout) never reads results its previous code wrote."""
    return __version__ + ":" + hashlib.sha256("\n".join(source_stamps()).encode()).hexdigest()[:16]


def source_stamps() -> list[str]:
    """`path:size:mtime` of every source file of the framefit package (this module's is one
    folder down: the whole package, scanners and catalog included, not only the caches)."""
    package = Path(__file__).resolve().parent.parent
    stamps = []
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".toml"):
            info = path.stat()
            stamps.append(f"{path.relative_to(package).as_posix()}:{info.st_size}:{info.st_mtime_ns}")
    return stamps
