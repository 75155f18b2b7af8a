"""setup.py: the dependencies of a setuptools/distutils `setup(...)` call, parsed, never run.

Only a call that resolves (through the module's imports) to `setuptools.setup` or
`distutils.core.setup` makes the file a manifest: a CLI module that happens to be called
`setup.py` declares nothing. Its `install_requires`, `extras_require`, `tests_require` and
`setup_requires` are evaluated statically by `_literals`; a requirements file the code reads is
followed through the requirements reader; anything else is an `unresolved` diagnostic.
"""

from __future__ import annotations

import ast

from framefit.scanners.base import Collector, PathView, ScanContext, Scanner, ScanResult, SourceFile
from framefit.scanners.manifests import literals as _literals
from framefit.scanners.manifests.requirements import named_group, pep508, read_file
from framefit.scanners.python.syntax import (
    Parsed,
    Visitor,
    dotted,
    parse,
    resolve,
    string_value,
    visit_batched,
)
from framefit.walk.reader import join

SETUP_FUNCTIONS = frozenset({"setuptools.setup", "distutils.core.setup"})
_SETUP_MODULES = frozenset({"setuptools", "distutils.core", "distutils"})
_LIST_KEYWORDS = {"install_requires": "runtime", "tests_require": "test", "setup_requires": "build"}


def matches(path: PathView) -> bool:
    return path.name == "setup.py"


def scan(source: SourceFile, ctx: ScanContext) -> ScanResult:
    """Dependencies of each setup() call; a `manifest` evidence at the call when there is one."""
    out = Collector(source.path)
    parsed = parse(source.path, source.data)
    if not isinstance(parsed, Parsed):
        out.diagnostics.append(parsed)
        return out.result()
    facts, bindings = _Facts(), _literals.Bindings()
    visit_batched(parsed.module, [facts, bindings])  # the one traversal
    calls = facts.setup_calls()
    if calls:  # a module without one (a CLI named setup.py) needs no evaluation at all
        evaluator = _literals.Evaluator(parsed, bindings)
        for call in calls:
            _call(call, evaluator, source, ctx, out)
        out.add(parsed.line_of(calls[0]), "manifest", f"{len(out.dependencies)} requirements")
    return out.result()


class _Facts(Visitor):
    """A module's absolute imports (anywhere in it) and its calls."""

    def __init__(self) -> None:
        self.aliases: dict[str, str] = {}  # local name -> qualified name
        self.calls: list[ast.Call] = []

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            local = alias.asname or alias.name.split(".")[0]
            self.aliases[local] = alias.name if alias.asname else local

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level or node.module is None:
            return
        for alias in node.names:
            if alias.name != "*":
                self.aliases[alias.asname or alias.name] = f"{node.module}.{alias.name}"

    def visit_Call(self, node: ast.Call) -> None:
        self.calls.append(node)

    def setup_calls(self) -> list[ast.Call]:
        """The calls of setuptools' or distutils' `setup`, in source order."""
        aliases = self.aliases
        if not any(target in SETUP_FUNCTIONS | _SETUP_MODULES for target in aliases.values()):
            return []
        calls = [call for call in self.calls if resolve(dotted(call.func), aliases) in SETUP_FUNCTIONS]
        return sorted(calls, key=lambda call: (call.lineno, call.col_offset))


def _call(call: ast.Call, evaluator: _literals.Evaluator, source: SourceFile, ctx: ScanContext,
          out: Collector) -> None:
    for arg in _literals.arguments(call):
        if isinstance(arg, ast.Starred) or (isinstance(arg, ast.keyword) and arg.arg is None):
            _unresolved(out, "setup", evaluator.unresolved(arg.value, "arguments passed with * or **"))
        elif isinstance(arg, ast.keyword) and arg.arg in _LIST_KEYWORDS:
            found = evaluator.strings(arg.value)
            _items(arg.arg, found, _LIST_KEYWORDS[arg.arg], "", source, ctx, out)
        elif isinstance(arg, ast.keyword) and arg.arg == "extras_require":
            _extras(arg.value, evaluator, source, ctx, out)


def _extras(node: ast.expr, evaluator: _literals.Evaluator, source: SourceFile, ctx: ScanContext,
            out: Collector) -> None:
    """`extras_require`: a dict (literal or one bound name) of extra -> list of requirements."""
    env: _literals.Env = {}
    if isinstance(node, ast.Name):
        found = evaluator.binding(node)
        if isinstance(found, _literals.Unresolved):
            _unresolved(out, "extras_require", found)
            return
        node, env = found
    if not isinstance(node, ast.Dict):
        _unresolved(out, "extras_require", evaluator.unresolved(node, "not a dict literal"))
        return
    for key_node, value in zip(node.keys, node.values, strict=True):
        key = string_value(key_node)  # None for a **mapping too
        if key is None:
            _unresolved(out, "extras_require", evaluator.unresolved(node, "a key is not a string"))
            continue
        extra, _, marker = key.partition(":")
        group = named_group(extra, f"optional:{extra}") if extra else "runtime"
        items = evaluator.strings(value, env)
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
