"""What an evidence detail may hold: one line, at most DETAIL_LIMIT characters, URL passwords
redacted. Dependency-free, so the scanners and the configuration share it without importing
each other."""

from __future__ import annotations

import re
from functools import lru_cache

DETAIL_LIMIT = 120
# `scheme://user:password@`: the userinfo's password, up to the last `@` of the authority (an
# unescaped `@` in a password is common). Neither part crosses `/ ? #`, blanks or quotes, so the
# match stays in one URL and the scan is linear: each part stops at a `/` that every `://` has.
_URL_PASSWORD = re.compile(r"(://[^\s/?#@:\"'`<>]*):[^\s/?#\"'`<>]+@")
REDACTED = "***"


@lru_cache(maxsize=16)
def clip(text: str) -> str:
    """One line, stripped, at most DETAIL_LIMIT characters, with URL passwords redacted (before
    cutting, so a cut never leaves part of a password).

    Cached: the many values of one long line (a setup.py on one line, a RUN with a hundred
    packages) each cite that line, and clipping it again for each would cost its length.
    """
    line = " ".join(redact(text).split())
    return line if len(line) <= DETAIL_LIMIT else line[: DETAIL_LIMIT - 1] + "…"


def redact(text: str) -> str:
    """`text` with the password of every `scheme://user:password@host` URL shown as `***`:
    evidence quotes settings, compose and configuration files, and a report may become a
    pull-request comment."""
    return _URL_PASSWORD.sub(rf"\1:{REDACTED}@", text)
