"""setup.py: the dependencies of a setuptools/distutils `setup(...)` call, parsed, never run.

Only a call that resolves (through the module's imports) to `setuptools.setup` or
`distutils.core.setup` makes the file a manifest: a CLI module that happens to be called
`setup.py` declares nothing. Its `install_requires`, `extras_require`, `tests_require` and
`setup_requires` are evaluated statically by `_literals`; a requirements file the code reads is
followed through the requirements reader; anything else is an `unresolved` diagnostic.
"""

from __future__ import annotations

from pathlib import PurePosixPath

import libcst as cst
import libcst.matchers as m

from framefit.scanners import _literals
from framefit.scanners._cst import Parsed, dotted, parse, resolve, string_value
from framefit.scanners.base import Collector, ScanContext, Scanner, ScanResult, SourceFile
from framefit.scanners.requirements import named_group, pep508, read_file
from framefit.walk.reader import join

SETUP_FUNCTIONS = frozenset({"setuptools.setup", "distutils.core.setup"})
_SETUP_MODULES = frozenset({"setuptools", "distutils.core", "distutils"})
_LIST_KEYWORDS = {"install_requires": "runtime", "tests_require": "test", "setup_requires": "build"}


def matches(path: PurePosixPath) -> bool:
    return path.name == "setup.py"


def scan(source: SourceFile, ctx: ScanContext) -> ScanResult:
    """Dependencies of each setup() call; a `manifest` evidence at the call when there is one."""
    out = Collector(source.path)
    parsed = parse(source.path, source.data)
    if not isinstance(parsed, Parsed):
        out.diagnostics.append(parsed)
        return out.result()
    calls = setup_calls(parsed)
    if calls:  # a module without one (a CLI named setup.py) needs no evaluation at all
        evaluator = _literals.Evaluator(parsed)
        for call in calls:
            _call(call, evaluator, source, ctx, out)
        out.add(parsed.line_of(calls[0]), "manifest", f"{len(out.dependencies)} requirements")
    return out.result()


def setup_calls(parsed: Parsed) -> list[cst.Call]:
    """The calls of setuptools' or distutils' `setup`, in source order."""
    aliases = _aliases(parsed.module)
    if not any(resolve(local, aliases) in SETUP_FUNCTIONS | _SETUP_MODULES for local in aliases):
        return []
    return [call for call in m.findall(parsed.module, m.Call())
            if isinstance(call, cst.Call)
            and resolve(dotted(call.func), aliases) in SETUP_FUNCTIONS]


def _aliases(module: cst.Module) -> dict[str, str]:
    """Local name -> qualified name, for the absolute imports anywhere in `module`."""
    aliases: dict[str, str] = {}
    for node in m.findall(module, m.Import() | m.ImportFrom()):
        prefix, names = "", getattr(node, "names", ())
        if isinstance(node, cst.ImportFrom):
            if node.relative or node.module is None or isinstance(names, cst.ImportStar):
                continue
            prefix = f"{dotted(node.module)}."
        for alias in names:
            name = dotted(alias.name) or ""
            local = alias.evaluated_alias or (name if prefix else name.split(".")[0])
            aliases[local] = prefix + name if (prefix or alias.evaluated_alias) else local
    return aliases


def _call(call: cst.Call, evaluator: _literals.Evaluator, source: SourceFile, ctx: ScanContext,
          out: Collector) -> None:
    for arg in call.args:
        if arg.star:
            _unresolved(out, "setup", evaluator.unresolved(arg.value, "arguments passed with * or **"))
            continue
        keyword = arg.keyword.value if arg.keyword else ""
        if keyword in _LIST_KEYWORDS:
            found = evaluator.strings(arg.value)
            _items(keyword, found, _LIST_KEYWORDS[keyword], "", source, ctx, out)
        elif keyword == "extras_require":
            _extras(arg.value, evaluator, source, ctx, out)


def _extras(node: cst.BaseExpression, evaluator: _literals.Evaluator, source: SourceFile,
            ctx: ScanContext, out: Collector) -> None:
    """`extras_require`: a dict (literal or one bound name) of extra -> list of requirements."""
    env: _literals.Env = {}
    if isinstance(node, cst.Name):
        found = evaluator.binding(node)
        if isinstance(found, _literals.Unresolved):
            _unresolved(out, "extras_require", found)
            return
        node, env = found
    if not isinstance(node, cst.Dict):
        _unresolved(out, "extras_require", evaluator.unresolved(node, "not a dict literal"))
        return
    for element in node.elements:
        key = string_value(element.key) if isinstance(element, cst.DictElement) else None
        if key is None or not isinstance(element, cst.DictElement):
            _unresolved(out, "extras_require", evaluator.unresolved(node, "a key is not a string"))
            continue
        extra, _, marker = key.partition(":")
        group = named_group(extra, f"optional:{extra}") if extra else "runtime"
        items = evaluator.strings(element.value, env)
        _items(f"extras_require[{key!r}]", items, group, marker.strip(), source, ctx, out)


def _items(keyword: str, found: _literals.Found, group: str, marker: str, source: SourceFile,
           ctx: ScanContext, out: Collector) -> None:
    for missing in found.missing:
        _unresolved(out, keyword, missing)
    for item in found.items:
        if isinstance(item, _literals.FileLines):
            _file(item, group, source, ctx, out)
            continue
        text = item.value if not marker or ";" in item.value else f"{item.value}; {marker}"
        if text.strip() and not text.lstrip().startswith("#"):
            pep508(out, out.path, item.line, text, group, _line_text(source, item.line))


def _file(item: _literals.FileLines, group: str, source: SourceFile, ctx: ScanContext,
          out: Collector) -> None:
    target = join(source.directory, item.path)
    if target is None:
        out.problem(item.line, "link-outside-root", f"{item.path} is outside the repository")
        return
    read_file(target, group, ctx, out, (out.path, item.line))


def _line_text(source: SourceFile, line: int) -> str:
    parsed = parse(source.path, source.data)
    return parsed.text_of(line) if isinstance(parsed, Parsed) else ""


def _unresolved(out: Collector, keyword: str, found: _literals.Unresolved) -> None:
    out.problem(found.line, "unresolved",
                f"{keyword}: cannot resolve `{found.text}` statically ({found.why})")


SCANNER = Scanner("setup_py", matches, scan)
