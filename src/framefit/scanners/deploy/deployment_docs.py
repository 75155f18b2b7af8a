"""Documentation that says which image the app ships in: a Dockerfile shown in the README, a
changelog line such as "the Docker image is now based on Alpine".

Many projects publish their image from a repository other than their sdist, and say what it is
built on only in prose. Such a statement is about how the project ships, so the role of the file
it is in (docs weigh 0.15 for code) does not discount it (catalog `any_role`); it weighs less
than a Dockerfile does. Two readings, one observation each per file:

- a Dockerfile in the text (a `FROM` line with another instruction after it): its base image's
  family (catalog images.toml `base`) is `docs-image-small` or, for a full image,
  `docs-image-full`; not when it builds on a service image (a database's);
- a line that names a Docker or container image and a small family (Alpine, distroless, a
  `-slim` tag): `docs-image-small`, unless the line names a service image (a `redis:alpine`
  next to the app, images.toml `service`) or Alpine.js, a JavaScript library.
"""

from __future__ import annotations

import re

from framefit.scanners.base import Collector, PathView, ScanContext, Scanner, ScanResult, SourceFile
from framefit.scanners.deploy.compose import image_signal
from framefit.scanners.deploy.docker_syntax import FROM_LINE, INSTRUCTION
from framefit.scanners.deploy.dockerfile import base_signal

SMALL, FULL = "docs-image-small", "docs-image-full"
_SUFFIXES = frozenset({".md", ".markdown", ".rst", ".adoc", ".txt"})
_PROSE_NAMES = ("readme", "changelog", "changes", "news", "history", "release")
# A line that names both, in either order: two searches, not one pattern with `.*` between
# them (which is tried again from every occurrence of the first word).
_DOCKER_WORD = re.compile(r"\b(?:docker|container)\b", re.IGNORECASE)
_IMAGE_WORD = re.compile(r"\bimages?\b", re.IGNORECASE)
_SMALL_FAMILY = re.compile(r"\b(?:alpine|distroless)\b(?![.\-]?js\b)|[-:]slim\b|\bslim\s+(?:base\s+)?image",
                           re.IGNORECASE)
_TOKEN = re.compile(r"[\w./:-]+")


def matches(path: PathView) -> bool:
    """Markdown, reStructuredText and AsciiDoc files; `.txt` only for a README, a changelog,
    news or release notes (not requirements)."""
    suffix = path.suffix.lower()
    if suffix not in _SUFFIXES:
        return False
    return suffix != ".txt" or path.name.lower().startswith(_PROSE_NAMES)


def scan(source: SourceFile, ctx: ScanContext) -> ScanResult:
    out = Collector(source.path)
    lower = source.data.lower()
    snippet = b"FROM" in source.data
    statement = (b"docker" in lower or b"container" in lower) and any(
        word in lower for word in (b"alpine", b"distroless", b"slim"))
    if not (snippet or statement):
        return out.result()
    # Documentation in another encoding is still documentation: read it as best we can.
    text = source.data.decode("utf-8", errors="replace")
    found: dict[str, tuple[int, str]] = {}
    if snippet:
        _snippets(text, ctx, found)
    if statement:
        _statements(text, ctx, found)
    for signal, (line, detail) in sorted(found.items()):
        out.add(line, signal, detail)
    return out.result()


def _snippets(text: str, ctx: ScanContext, found: dict[str, tuple[int, str]]) -> None:
    lines = _Lines(text)
    after = -1  # where the first instruction after the last FROM looked at starts
    for match in FROM_LINE.finditer(text):
        if after < match.end():
            instruction = INSTRUCTION.search(text, match.end())
            if instruction is None:
                return
            after = instruction.start()
        image = match.group(1)
        family = base_signal(image, ctx)
        if family is None or image_signal(image, ctx):
            continue  # no family known, or a database's image (`FROM postgres:16-alpine`)
        signal = FULL if family == "docker-base-full" else SMALL
        if signal not in found:
            found[signal] = lines.at(match.start(1))


class _Lines:
    """Line numbers of offsets met in order, counted from the last one (never from the top)."""

    def __init__(self, text: str) -> None:
        self.text, self.number, self.offset = text, 1, 0
        self._lines: list[str] | None = None

    def at(self, offset: int) -> tuple[int, str]:
        """The line number and text of the line `offset` is on (offsets given in order)."""
        self.number += self.text.count("\n", self.offset, offset)
        self.offset = offset
        if self._lines is None:
            self._lines = self.text.split("\n")
        return self.number, self._lines[self.number - 1]


def _statements(text: str, ctx: ScanContext, found: dict[str, tuple[int, str]]) -> None:
    if SMALL in found:
        return
    lines, checked = _Lines(text), 0
    for family in _SMALL_FAMILY.finditer(text):  # only the lines that name a small family
        number, line = lines.at(family.start())
        if number == checked:
            continue
        checked = number
        if not (_DOCKER_WORD.search(line) and _IMAGE_WORD.search(line)):
            continue
        if any(image_signal(token.strip(".:"), ctx) for token in _TOKEN.findall(line)):
            continue  # `redis:alpine`: an image next to the app, not the app's
        found[SMALL] = (number, line)
        return


# Not planned like Python modules (no `signals`): the size question seldom settles, so a plan
# would carry hundreds of documentation files from round to round, while reading them all up
# front costs a byte search each.
SCANNER = Scanner("deployment-docs", matches, scan)
