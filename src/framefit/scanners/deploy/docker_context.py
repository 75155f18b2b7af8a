"""Which directory of the repo a Dockerfile ships, from what its COPY and ADD lines take from the
build context (taken to be the Dockerfile's folder, where `docker build .` beside it starts).

A Dockerfile at the top of a monorepo often builds one service below it (`COPY backend/pyproject.toml
/app/`, `COPY backend/src/ /app/`). Its evidence is about that service, not the folder it sits in:
- a source that is the whole context (`COPY . /app`) ships the Dockerfile's own folder;
- else the manifests it copies (walk/services.py's names) name the service, when they are all in
  one folder;
- else the folder its copied folders share (loose files at the top, `gunicorn.conf.py`, left
  aside); that folder belongs to the innermost service holding it (answers/repo.py).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator

from framefit.scanners.deploy.docker_syntax import Instruction, Stage
from framefit.walk.reader import RepoReader, join
from framefit.walk.services import candidate_of

_FLAGS = re.compile(r"^(?:\s*--[\w-]+(?:=\S*)?)*\s*")  # COPY --from=… --chown=… --link
_GLOB = re.compile(r"[*?\[]")


def shipped(stages: Iterable[Stage], directory: str, reader: RepoReader) -> str:
    """The repo directory the build ships when it is not `directory` (the Dockerfile's, "" at
    the root), else ""."""
    sources = list(_sources(stages, directory))
    own = directory or "."
    if not sources or own in sources:
        return ""
    manifests = {found for path in sources if (found := candidate_of(path)) is not None}
    if manifests:
        (only, *others) = sorted(manifests)
        return only if not others and only != own else ""
    return _common_folder(sources, directory, reader)


def _common_folder(sources: list[str], directory: str, reader: RepoReader) -> str:
    """The folder every copied source is in (files beside the Dockerfile aside), when it is
    not the Dockerfile's own."""
    folders = [p for p in sources if p.rpartition("/")[0] != directory or not reader.exists(p)]
    common = _common(folders)
    return common if common and common != (directory or ".") else ""


def _sources(stages: Iterable[Stage], directory: str) -> Iterator[str]:
    """The repo path of every source copied from the build context, in every stage."""
    for stage in stages:
        for item in stage.body:
            if item.keyword in ("COPY", "ADD"):
                yield from _paths(item, directory)


def _paths(item: Instruction, directory: str) -> Iterator[str]:
    flags = _FLAGS.match(item.args)
    assert flags is not None  # the pattern matches the empty string
    if "--from" in flags.group():
        return
    for word in _words(item.args[flags.end():])[:-1]:  # the last is the target
        if _not_from_context(word):
            continue
        kept = "/".join(_before_glob(word.split("/")))
        path = join(directory, kept) if kept else directory
        if path is not None:
            yield path or "."


def _not_from_context(word: str) -> bool:
    """A source that is no file of the context: a heredoc, a URL, a git remote."""
    return word.startswith("<<") or "://" in word or word.startswith("git@")


def _before_glob(parts: list[str]) -> Iterator[str]:
    """The folders of a source up to its first glob (`src/*.py` -> `src`)."""
    for part in parts:
        if _GLOB.search(part):
            return
        if part and part != ".":
            yield part


def _words(args: str) -> list[str]:
    """COPY's arguments: its JSON form or blank-separated words."""
    if args.lstrip().startswith("["):
        try:
            found = json.loads(args)
        except (ValueError, RecursionError):
            found = None
        if isinstance(found, list) and all(isinstance(w, str) for w in found):
            return found
    return args.split()


def _common(paths: list[str]) -> str:
    """The deepest folder that holds every path ("" when they share none)."""
    if not paths:
        return ""
    split = [p.split("/") for p in paths]
    shared: list[str] = []
    for parts in zip(*split, strict=False):
        if len(set(parts)) != 1:
            break
        shared.append(parts[0])
    return "/".join(shared)
