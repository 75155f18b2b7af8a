"""Where reports go: stdout as UTF-8 whatever the locale, files with their folders made first,
and the colour and width of the terminal the text report is shown on."""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

from framefit.errors import UsageError


def echo(text: str, *, err: bool = False) -> None:
    """Write `text` to stdout (or stderr) as UTF-8, whatever the stream's own encoding says.

    Reports are UTF-8 like the files --output writes (JSON must be), and a locale that cannot
    hold a character (`PYTHONIOENCODING=latin-1`, a strict ASCII pipe) never fails the run; a
    lone surrogate, which no reporter lets through, would be written backslash-escaped.
    """
    stream = sys.stderr if err else sys.stdout
    data = text.encode("utf-8", "backslashreplace")
    buffer = getattr(stream, "buffer", None)
    if buffer is None:  # a text-only stream (an embedding program's)
        stream.write(data.decode("utf-8"))
        return
    stream.flush()
    buffer.write(data)
    buffer.flush()


def colored(choice: str) -> bool:
    """Whether the text report on stdout gets colour: `always`, `never`, or (`auto`) what rich
    detects for stdout: a terminal that is not TERM=dumb, unless NO_COLOR is set and not empty;
    FORCE_COLOR (not empty) colours a pipe too."""
    if choice != "auto":
        return choice == "always"
    from rich.console import Console

    console = Console(file=sys.stdout)
    return console.is_terminal and console.color_system is not None and not console.no_color


def terminal_width() -> int:
    """The width the text report wraps to: $COLUMNS, else the terminal's (stdout's), else 80."""
    from framefit.reporters.text import WIDTH

    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    if sys.stdout.isatty():
        with contextlib.suppress(OSError, ValueError):
            return os.get_terminal_size(sys.stdout.fileno()).columns or WIDTH  # 0: a pty unsized
    return WIDTH


def write(path: Path, text: str, mode: str) -> None:
    """`text` into the file at `path`, its missing folders made first (as ruff's --output-file)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open(mode, encoding="utf-8", errors="backslashreplace") as stream:
            stream.write(text)
    except OSError as exc:
        raise UsageError(f"{path}: cannot write the report: {exc.strerror}") from exc
