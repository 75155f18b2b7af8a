"""Where framefit's caches live and which code wrote them: all a cache needs before it knows
whether it can answer, so a warm run imports this and little else."""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path

from framefit import __version__

ENV_DIR = "FRAMEFIT_CACHE_DIR"


def default_dir() -> Path:
    """$FRAMEFIT_CACHE_DIR, else $XDG_CACHE_HOME/framefit, else ~/.cache/framefit."""
    if os.environ.get(ENV_DIR):
        return Path(os.environ[ENV_DIR])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "framefit"


@lru_cache(maxsize=1)
def code_version() -> str:
    """framefit's version plus a stamp of its own source files (code and catalog), so an edited
    scanner (a development checkout) never reads results its previous code wrote."""
    package = Path(__file__).resolve().parent
    stamps = []
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".toml"):
            info = path.stat()
            stamps.append(f"{path.relative_to(package)}:{info.st_size}:{info.st_mtime_ns}")
    return __version__ + ":" + hashlib.sha256("\n".join(stamps).encode()).hexdigest()[:16]
