"""Dockerfiles: every stage, the final image's family, multi-stage builds and `pip install` lines;
the evidence is about the directory the build ships (docker_context.py) when that is not its own.

Only the final stage ships, so only its base image (followed through `FROM <stage>`), its
`COPY --from` lines and its hygiene flags say anything about size. `pip install` lines of every
stage are runtime dependencies (a builder stage usually installs what the final stage copies).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import PurePosixPath

from framefit.scanners.base import (
    PATH_PARTS,
    Collector,
    PathView,
    ScanContext,
    Scanner,
    ScanResult,
    SourceFile,
    clip,
    path_problem,
    text_or_problem,
)
from framefit.scanners.deploy import docker_syntax as _docker
from framefit.scanners.deploy.docker_context import shipped
from framefit.scanners.deploy.docker_syntax import Instruction, Stage
from framefit.scanners.deploy.shell_words import EXPANSION_LIMIT
from framefit.scanners.formats.db_urls import scheme_signal
from framefit.scanners.manifests import pip_commands as _pip
from framefit.scanners.manifests import requirements
from framefit.walk.reader import join

_COPY_FROM = re.compile(r"--from=(\S+)")
_APK_ADD = re.compile(r"apk\s+add\b")
_APT_HYGIENE = "--no-install-recommends"
# Words of one instruction not found as written (shell quotes and escapes are gone from them)
# before the rest are cited at the last line found: each miss reads the instruction to its end.
MISSES = 16


def matches(path: PathView) -> bool:
    """Dockerfile, Containerfile, Dockerfile.<x> and <x>.Dockerfile."""
    name = path.name
    return (
        name in ("Dockerfile", "Containerfile")
        or name.startswith(("Dockerfile.", "Containerfile."))
        or name.endswith((".Dockerfile", ".Containerfile"))
    )


def scan(source: SourceFile, ctx: ScanContext) -> ScanResult:
    """Size evidence of the final stage, dependencies of every stage, diagnostics for the rest."""
    out = Collector(source.path)
    text = text_or_problem(source, out)
    if text is None:
        return out.result()
    items = _docker.instructions(text)
    for item in items:
        if item.keyword not in _docker.INSTRUCTIONS:
            out.problem(item.line, "parse-error", f"unknown instruction {clip(item.lines[0][1])}")
    stages, unresolved = _docker.stages(items)
    for item, names in unresolved:
        out.problem(item.line, "unresolved", f"FROM uses {', '.join(names)} with no ARG default")
    if not stages:
        out.problem(None, "parse-error", "no FROM instruction")
        return out.result()
    _final_stage(stages, ctx, out)
    _runs(stages, _docker.global_args(items), source, ctx, out)
    ships = shipped(stages, source.directory, ctx.reader)
    if ships:
        out.evidence = [replace(e, about=ships) for e in out.evidence]
        out.dependencies = [replace(d, about=ships) for d in out.dependencies]
    return out.result()


def _runs(stages: list[Stage], global_args: dict[str, str], source: SourceFile, ctx: ScanContext,
          out: Collector) -> None:
    """The pip installs of every stage's RUNs, with the ARG and ENV values each one sees."""
    env_of: dict[str, dict[str, str]] = {}  # stage name -> its ENV, for `FROM <stage>`
    for stage in stages:
        scope = _docker.Scope(global_args, {}, dict(env_of.get(stage.image, {})))
        for item in stage.body:
            if item.keyword in ("ARG", "ENV"):
                scope.declare(item)
            elif item.keyword == "RUN":
                _pip_lines(item, scope.values, source, ctx, out)
        if stage.name:
            env_of[stage.name] = scope.env


def _final_stage(stages: list[Stage], ctx: ScanContext, out: Collector) -> None:
    final = stages[-1]
    signal = base_signal(_base_image(final, stages), ctx)
    if signal is not None:
        out.add(final.origin.line, signal, final.origin.lines[0][1])
    names = {s.name for s in stages[:-1] if s.name} | {str(s.index) for s in stages[:-1]}
    hygiene = False  # said once, at the first RUN that shows it
    for item in final.body:
        if item.keyword == "RUN" and not hygiene and _hygienic(item.text):
            _hygiene(item, out)
            hygiene = True
        _final_item(item, names, ctx, out)


def _hygiene(item: Instruction, out: Collector) -> None:
    """Size hygiene, cited at the first line of the RUN that shows it."""
    number = next((n for n, t in item.lines if _hygienic(t)), item.line)
    out.add(number, "docker-size-hygiene", item.text_at(number))


def _final_item(item: Instruction, stage_names: set[str], ctx: ScanContext, out: Collector) -> None:
    copied = _COPY_FROM.search(item.args) if item.keyword in ("COPY", "ADD") else None
    if copied:
        origin = copied.group(1).lower()
        signal = "docker-multistage" if origin in stage_names else _match("copy_from", origin, ctx)
        if signal is not None:
            out.add(item.line, signal, item.lines[0][1])
    elif item.keyword == "ENV":
        places = _Places(item, 0)
        for name, value in _docker.assignments(item.args).items():
            url_signal = scheme_signal(value, ctx.catalog)
            if url_signal is not None:
                out.add(places.line(name), url_signal, item.lines[0][1])


class _Places:
    """Cites the words of one instruction, in order, each at the first line at or after the
    last one's that holds it (MISSES words not found, and the rest keep the last line)."""

    def __init__(self, item: Instruction, start: int) -> None:
        self.item, self.at, self.misses = item, start, 0

    def line(self, word: str) -> int:
        found = self.item.find(word, self.at) if self.misses < MISSES else None
        self.misses += found is None
        self.at = found or self.at
        return found or max(self.at, self.item.line)


def _hygienic(text: str) -> bool:
    if any(flag in text for flag in _pip.HYGIENE_FLAGS) or _APT_HYGIENE in text:
        return True
    apk = _APK_ADD.search(text)  # `apk add ... --no-cache`, in one command line
    return apk is not None and "--no-cache" in text[apk.end():]


def _base_image(stage: Stage, stages: list[Stage]) -> str:
    """The image a stage really starts from: `FROM builder` follows builder's FROM (the latest
    stage of that name before it), worked out for every stage in one pass."""
    origin: list[str] = []
    by_name: dict[str, int] = {}  # name -> index of the latest stage so named
    for each in stages[: stage.index + 1]:
        earlier = by_name.get(each.image)
        origin.append(origin[earlier] if earlier is not None else each.image)
        if each.name:
            by_name[each.name] = each.index
    return origin[stage.index]


def base_signal(image: str, ctx: ScanContext) -> str | None:
    """The signal of a base image's family (catalog images.toml `base`), if it has one."""
    return _match("base", image, ctx)


def _match(table: str, image: str, ctx: ScanContext) -> str | None:
    """The signal of the first `table` entry in images.toml whose regex is found in `image`."""
    images = ctx.catalog.views.images
    return images.first(getattr(images, table), image)


def _pip_lines(item: Instruction, values: dict[str, str], source: SourceFile, ctx: ScanContext,
               out: Collector) -> None:
    run = _docker.run_commands(item, values)
    for command in run.broken:
        out.problem(item.line, "parse-error", f"a quote does not close: {clip(command)}")
    if run.too_long:
        out.problem(item.line, "too-complex",
                    f"build variables expand past {EXPANSION_LIMIT:,} characters: left as written")
    packages, files = _Places(item, item.line), _Places(item, item.line)
    for install in _pip.installs(run.commands):
        packages.line(install.program)  # a package not found as written is cited here
        for argument in install.packages:
            if not _pip.is_named(argument):
                continue
            line = packages.line(argument)
            requirements.pep508(out, source.path, line, argument, "runtime", item.text_at(line))
        for target in install.requirement_files:
            _follow(target, files.line(target), source, ctx, out)


def _follow(target: str, line: int, source: SourceFile, ctx: ScanContext, out: Collector) -> None:
    """`pip install -r target`: read the file from the build context unless a scanner reads it."""
    problem = path_problem(_kept(target))
    if problem is not None:
        out.problem(line, "parse-error", f"pip install -r {clip(target)}: the path {problem}")
        return
    found = next((p for p in _candidates(target, source.directory) if ctx.reader.exists(p)), None)
    if found is None:
        out.problem(line, "unresolved", f"pip install -r {target}: no such file in the repository")
        return
    if requirements.matches(PurePosixPath(found)):
        return  # the requirements scanner reads it as a manifest of its own
    requirements.read_file(found, "runtime", ctx, out, (source.path, line))


def _candidates(target: str, directory: str) -> Iterator[str]:
    """Where a path inside the image may come from: the Dockerfile's folder, then the root.

    An absolute image path (/srv/app/requirements.txt) is tried with fewer and fewer leading
    folders (from its last PATH_PARTS ones), since COPY put it there from somewhere in the build
    context. Made one at a time: the first that exists ends the search.
    """
    parts = [p for p in _kept(target).split("/") if p]
    tails = ("/".join(parts[i:]) for i in range(len(parts))) if target.startswith("/") else (target,)
    found: set[str] = set()
    for tail in tails:
        for base in (directory, ""):
            path = join(base, tail)
            if path is not None and path not in found:
                found.add(path)
                yield path


def _kept(target: str) -> str:
    """An absolute image path's last PATH_PARTS folders (no repository is deeper, and trying
    every tail of a longer one would cost its square); a relative path as it is."""
    return "/".join(target.split("/")[-PATH_PARTS:]) if target.startswith("/") else target


SCANNER = Scanner("dockerfile", matches, scan)
