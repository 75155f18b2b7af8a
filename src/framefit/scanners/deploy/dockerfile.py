"""Dockerfiles: every stage, the final image's family, multi-stage builds and `pip install` lines.

Only the final stage ships, so only its base image (followed through `FROM <stage>`), its
`COPY --from` lines and its hygiene flags say anything about size. `pip install` lines of every
stage are runtime dependencies (a builder stage usually installs what the final stage copies).
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from framefit.scanners.base import (
    Collector,
    PathView,
    ScanContext,
    Scanner,
    ScanResult,
    SourceFile,
    clip,
    text_or_problem,
)
from framefit.scanners.deploy import docker_syntax as _docker
from framefit.scanners.deploy.docker_syntax import Instruction, Stage
from framefit.scanners.formats.db_urls import scheme_signal
from framefit.scanners.manifests import pip_commands as _pip
from framefit.scanners.manifests import requirements
from framefit.walk.reader import join

_COPY_FROM = re.compile(r"--from=(\S+)")
_APT_HYGIENE = re.compile(r"--no-install-recommends|apk\s+add\b.*--no-cache")


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
    for stage in stages:
        for item in stage.body:
            if item.keyword == "RUN":
                _pip_lines(item, source, ctx, out)
    return out.result()


def _final_stage(stages: list[Stage], ctx: ScanContext, out: Collector) -> None:
    final = stages[-1]
    signal = base_signal(_base_image(final, stages), ctx)
    if signal is not None:
        out.add(final.origin.line, signal, final.origin.lines[0][1])
    names = {s.name for s in stages[:-1] if s.name} | {str(s.index) for s in stages[:-1]}
    for item in final.body:
        _final_item(item, names, ctx, out)


def _final_item(item: Instruction, stage_names: set[str], ctx: ScanContext, out: Collector) -> None:
    copied = _COPY_FROM.search(item.args) if item.keyword in ("COPY", "ADD") else None
    if copied:
        origin = copied.group(1).lower()
        signal = "docker-multistage" if origin in stage_names else _match("copy_from", origin, ctx)
        if signal is not None:
            out.add(item.line, signal, item.lines[0][1])
    elif item.keyword == "ENV":
        for name, value in _docker.assignments(item.args).items():
            url_signal = scheme_signal(value, ctx.catalog)
            if url_signal is not None:
                out.add(item.line_of(name), url_signal, item.lines[0][1])
    elif item.keyword == "RUN" and _hygienic(item.args) and not _said(out, "docker-size-hygiene"):
        number = next((n for n, t in item.lines if _hygienic(t)), item.line)
        out.add(number, "docker-size-hygiene", dict(item.lines)[number])


def _said(out: Collector, signal: str) -> bool:
    return any(e.signal == signal for e in out.evidence)


def _hygienic(text: str) -> bool:
    return any(flag in text for flag in _pip.HYGIENE_FLAGS) or bool(_APT_HYGIENE.search(text))


def _base_image(stage: Stage, stages: list[Stage]) -> str:
    """The image a stage really starts from: `FROM builder` follows builder's FROM."""
    by_name = {s.name: s for s in stages[: stage.index] if s.name}
    seen = 0
    while stage.image in by_name and seen < len(stages):
        stage, seen = by_name[stage.image], seen + 1
        by_name = {s.name: s for s in stages[: stage.index] if s.name}
    return stage.image


def base_signal(image: str, ctx: ScanContext) -> str | None:
    """The signal of a base image's family (catalog images.toml `base`), if it has one."""
    return _match("base", image, ctx)


def _match(table: str, image: str, ctx: ScanContext) -> str | None:
    """The signal of the first `table` entry in images.toml whose regex is found in `image`."""
    entries = ctx.catalog.table("images").get(table, [])
    for entry in entries if isinstance(entries, list) else []:
        if re.search(str(entry["match"]), image):
            return str(entry["signal"])
    return None


def _pip_lines(item: Instruction, source: SourceFile, ctx: ScanContext, out: Collector) -> None:
    found, broken = _pip.installs(item.args)
    for command in broken:
        out.problem(item.line, "parse-error", f"cannot split shell words: {clip(command)}")
    start = item.line
    for install in found:
        for argument in install.packages:
            if not _pip.is_named(argument):
                continue
            start = item.line_of(argument, start)
            requirements.pep508(out, source.path, start, argument, "runtime", dict(item.lines)[start])
        for target in install.requirement_files:
            _follow(target, item.line_of(target, item.line), source, ctx, out)


def _follow(target: str, line: int, source: SourceFile, ctx: ScanContext, out: Collector) -> None:
    """`pip install -r target`: read the file from the build context unless a scanner reads it."""
    found = next((p for p in _candidates(target, source.directory) if ctx.reader.exists(p)), None)
    if found is None:
        out.problem(line, "unresolved", f"pip install -r {target}: no such file in the repository")
        return
    if requirements.matches(PurePosixPath(found)):
        return  # the requirements scanner reads it as a manifest of its own
    requirements.read_file(found, "runtime", ctx, out, (source.path, line))


def _candidates(target: str, directory: str) -> list[str]:
    """Where a path inside the image may come from: the Dockerfile's folder, then the root.

    An absolute image path (/srv/app/requirements.txt) is tried with fewer and fewer leading
    folders, since COPY put it there from somewhere in the build context.
    """
    parts = [p for p in target.split("/") if p]
    tails = ["/".join(parts[i:]) for i in range(len(parts))] if target.startswith("/") else [target]
    found = []
    for tail in tails:
        for base in (directory, ""):
            path = join(base, tail)
            if path is not None and path not in found:
                found.append(path)
    return found


SCANNER = Scanner("dockerfile", matches, scan)
