"""Ignore rules as git applies them, read from the tree alone: each `.gitignore` for its own
directory and `.git/info/exclude` at the root, patterns translated by pathspec; git never runs.

Nothing else counts: not the user's global excludes, not git's config, not its index (a tracked
file that matches a pattern is left out too), so the same tree gets the same answer on every
machine. The walk asks about each entry once, before it descends, as git does: a directory
that is ignored is never entered, and nothing under it can be brought back.

pathspec's expressions match a path *or anything under it*; the walk needs "this path itself",
so each is anchored at its end (`_anchored`). The expressions are also made linear: a segment
with several `*` (`*a*a*b`) backtracks polynomially on a long name (four stars on a 255-byte
name: 10 s per name), so every star but a segment's last matches the shortest way, atomically
(`_linear`); a pattern with two `**` that can each match anywhere is quadratic in the path's
depth and is not applied (a `too-complex` diagnostic).
"""

from __future__ import annotations

import os
import re
import stat
import warnings
from collections.abc import Callable
from typing import TYPE_CHECKING

from framefit.frozen import frozen
from framefit.model import Diagnostic

if TYPE_CHECKING:
    from pathspec.patterns.gitignore.spec import GitIgnoreSpecPattern

IGNORE_FILE = ".gitignore"
EXCLUDE_FILE = ".git/info/exclude"
MAX_IGNORE_BYTES = 100_000  # the largest common templates are under 10 kB
MAX_PATTERNS = 2_000

_TAIL_ANY = "(?:(?P<ps_d>/)|$)"  # the path, or a directory of that name and what is under it
_TAIL_DIR = "(?P<ps_d>/)"  # a directory of that name (a pattern ending in "/") and what is under it
_STAR = "[^/]*"
_ANYWHERE = ("(?:.+/)?", "(?:/.+)?")  # a `**` the engine tries at every depth
_TOKEN = re.compile(r"\[\^/\][*+]?|\\.|\[\^?\]?[^\]]*\]|.", re.DOTALL)
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(
    os, "O_CLOEXEC", 0)


class _TooComplexError(ValueError):
    """A pattern whose matching time would grow faster than the path it is matched against."""


@frozen
class Rules:
    """The patterns of one ignore file, for the paths under `base` ("" the root), in order.

    Most patterns name no directory (`*.pyc`, `build/`): they are matched against the last
    segment alone, as git does, which spares trying them at every depth.
    """

    base: str
    patterns: tuple[tuple[re.Pattern[str], bool, bool], ...]  # (expression, of the name, ignores)
    names: re.Pattern[str] | None  # matches a last segment when some name pattern does
    paths: re.Pattern[str] | None  # matches a path when some other pattern does

    def verdict(self, rel: str, name: str) -> bool | None:
        """Whether the last pattern that matches `rel` (its last segment `name`; a directory's
        both with a trailing "/") ignores it; None when none matches."""
        if self.base:
            rel = rel[len(self.base) + 1:]
        if (self.names is None or self.names.match(name) is None) and (
                self.paths is None or self.paths.match(rel) is None):
            return None
        for expression, of_name, ignores in reversed(self.patterns):
            if expression.match(name if of_name else rel) is not None:
                return ignores
        return None


Chain = tuple[Rules, ...]  # the rules that apply in a directory, outermost first


def ignored(chain: Chain, rel: str, name: str) -> bool:
    """Whether `rel` (last segment `name`; a directory's both with a trailing "/") is ignored:
    the innermost file with a pattern that matches decides, as in git."""
    for rules in reversed(chain):
        found = rules.verdict(rel, name)
        if found is not None:
            return found
    return False


def rules_from(data: bytes, base: str, shown: str) -> tuple[Rules | None, list[Diagnostic]]:
    """The rules of an ignore file's bytes; a pattern that cannot be applied is a diagnostic."""
    if data.startswith(b"\xef\xbb\xbf"):  # git skips a UTF-8 byte-order mark
        data = data[3:]
    lines = data.split(b"\n")
    count = sum(1 for line in lines if line.strip() and not line.startswith(b"#"))
    if count > MAX_PATTERNS:
        return None, [Diagnostic(shown, None, "too-large",
                                 f"{count:,} patterns, over {MAX_PATTERNS:,}: not applied")]
    # Imported when a tree has an ignore file (some 15 ms): not by a run the report cache answers.
    from pathspec.patterns.gitignore.spec import GitIgnoreSpecPattern

    patterns, diagnostics = _patterns(lines, shown, GitIgnoreSpecPattern)
    if not patterns:
        return None, diagnostics
    return Rules(base, tuple(patterns), _union(patterns, True), _union(patterns, False)), diagnostics


def _patterns(lines: list[bytes], shown: str, translate: Callable[[str], GitIgnoreSpecPattern]
              ) -> tuple[list[tuple[re.Pattern[str], bool, bool]], list[Diagnostic]]:
    """Each line's compiled pattern (blank lines and comments have none); a pattern too
    complex to compile is a diagnostic."""
    patterns: list[tuple[re.Pattern[str], bool, bool]] = []
    diagnostics: list[Diagnostic] = []
    for number, raw in enumerate(lines, 1):
        line = raw.removesuffix(b"\r").decode("utf-8", "surrogateescape")
        try:
            compiled = _compiled(line, translate)
        except ValueError as exc:
            diagnostics.append(Diagnostic(shown, number, "too-complex", str(exc)))
            continue
        if compiled is not None:
            patterns.append(compiled)
    return patterns, diagnostics


def _union(patterns: list[tuple[re.Pattern[str], bool, bool]], of_name: bool) -> re.Pattern[str] | None:
    sources = [f"(?:{p.pattern})" for p, name, _ in patterns if name == of_name]
    return re.compile("|".join(sources), re.DOTALL) if sources else None


def _compiled(line: str, translate: Callable[[str], GitIgnoreSpecPattern]
              ) -> tuple[re.Pattern[str], bool, bool] | None:
    """One line's anchored, linear expression (to match from the start), whether it is matched
    against the last segment alone, and whether it ignores (False: a `!` pattern), from
    pathspec's translation; None for a blank line, a comment or a pattern git discards.
    ValueError: not applied."""
    with warnings.catch_warnings():  # a bracket such as `[[a]` is a regex FutureWarning
        warnings.simplefilter("ignore")
        try:
            pattern = translate(line)
            if pattern.include is None or pattern.regex is None:
                return None
            source = _anchored(pattern.regex.pattern)
            if sum(source.count(s) for s in _ANYWHERE) > 1:
                raise _TooComplexError(f"pattern {line.strip()!r} has two `**` that match at any "
                                  "depth: not applied")
            source, of_name = _from_start(_linear(source))
            return re.compile(source, re.DOTALL), of_name, pattern.include
        except _TooComplexError:
            raise
        except (ValueError, re.error):
            return None  # git discards a pattern it cannot parse (or that matches nothing)


def _anchored(source: str) -> str:
    """pathspec's expression for "this path or anything under it" made "this path itself"
    (searched in a path whose directories end in "/")."""
    if source.endswith(_TAIL_ANY):
        source = source[: -len(_TAIL_ANY)] + r"/?\Z"
    elif source.endswith(_TAIL_DIR):
        source = source[: -len(_TAIL_DIR)] + r"/\Z"
    elif source.endswith("/"):  # `dir/**`: everything under dir, not dir itself
        source += r".+\Z"
    # Else `*` or `**`: every path. No named group may stay: the patterns are joined in one.
    return source.replace("(?P<ps_d>", "(?:")


def _from_start(source: str) -> tuple[str, bool]:
    """`source` (searched) as an expression matched from the start, and whether it is matched
    against the last segment alone (a pattern that names no directory)."""
    leading = "^" + _ANYWHERE[0]
    if source.startswith(leading):
        rest = source[len(leading):]
        if not any("/" in t and not t.startswith("[") for t in _TOKEN.findall(rest.removesuffix(
                r"/?\Z").removesuffix(r"/\Z"))):
            return rest, True
    if source.startswith("^"):
        return source[1:], False
    return ".*?" + source, False


def _linear(source: str) -> str:
    """`source` with every `*` but the last of its segment matching the shortest way, once:
    the same paths match (each star's fixed-length rest is best taken where it first fits),
    in time linear in a segment's length."""
    tokens = _TOKEN.findall(source)
    out: list[str] = []
    for index, token in enumerate(tokens):
        if token == _STAR and _star_follows(tokens, index + 1):
            rest = _segment_rest(tokens, index + 1)
            out.append(f"(?>[^/]*?{''.join(rest)})")
            tokens[index + 1: index + 1 + len(rest)] = [""] * len(rest)
        else:
            out.append(token)
    return "".join(out)


def _segment_rest(tokens: list[str], start: int) -> list[str]:
    """The tokens from `start` up to the next star of the same segment."""
    end = start
    while end < len(tokens) and tokens[end] != _STAR:
        end += 1
    return tokens[start:end]


def _star_follows(tokens: list[str], start: int) -> bool:
    """Whether another star comes later in the same segment (before a "/" or the end)."""
    for token in tokens[start:]:
        if token == _STAR:
            return True
        if "/" in token and not token.startswith("["):
            return False
    return False


def read_ignore_file(directory: str, name: str, size: int) -> tuple[bytes | None, str | None]:
    """The bytes of the ignore file `name` in `directory`, already found to be a regular file
    of `size` bytes by lstat; else None and why. Opened without following a link and without
    blocking, checked again once open: a FIFO or a device never stalls the walk."""
    if size > MAX_IGNORE_BYTES:
        return None, f"{size:,} bytes, over {MAX_IGNORE_BYTES:,}: not applied"
    try:
        fd = os.open(os.path.join(directory, name), _READ_FLAGS)  # noqa: PTH118
    except OSError as exc:
        return None, f"cannot open: {exc.strerror or exc}"
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return None, "not a regular file: not read"
        if info.st_size > MAX_IGNORE_BYTES:
            return None, f"{info.st_size:,} bytes, over {MAX_IGNORE_BYTES:,}: not applied"
        return os.read(fd, MAX_IGNORE_BYTES + 1)[:MAX_IGNORE_BYTES], None
    except OSError as exc:
        return None, f"cannot read: {exc.strerror or exc}"
    finally:
        os.close(fd)
