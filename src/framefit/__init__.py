"""framefit: does the web framework a Python repository uses fit what the repository does?"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["Report", "__version__", "check", "record"]


def __getattr__(name: str) -> object:
    # The API is imported lazily so `framefit --version` does not load the pipeline.
    if name == "check":
        from framefit.api import check

        return check
    if name == "record":
        from framefit.api import record

        return record
    if name == "Report":
        from framefit.model import Report

        return Report
    raise AttributeError(name)
