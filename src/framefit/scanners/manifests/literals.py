"""Static evaluation of setup.py-style expressions on `ast`: nothing is ever executed.

`Evaluator(parsed).strings(node)` turns an expression into the strings it certainly stands for:
string literals, lists and tuples of them, module-level names bound exactly once to such values
and never changed, `+` concatenations, and the lines of a file read with `open(path)` (or
`Path(path).read_text()`), which come back as `FileLines` for the caller to read. Anything else is
`Unresolved`, naming the line and quoting the expression: never a guess.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import cached_property

from framefit.frozen import frozen
from framefit.scanners.base import WORK_BUDGET, Budget, clip
from framefit.scanners.python.syntax import Parsed, Visitor, dotted, string_value, visit_batched

MAX_DEPTH = 30  # names bound to names bound to names ...: beyond this, unresolved
_STEP = 2  # work budget units one evaluation step costs (twice a YAML event's time)
_OPENERS = frozenset({"open", "io.open", "codecs.open", "Path", "pathlib.Path"})
_READS = frozenset({"read", "read_text", "strip", "rstrip", "lstrip"})
_SPLITS = frozenset({"splitlines", "readlines", "split"})
_LINE_METHODS = frozenset({"strip", "rstrip", "lstrip", "startswith", "endswith", "isspace"})
_MUTATORS = frozenset({"append", "extend", "insert", "update", "setdefault", "pop", "remove",
                       "clear", "add", "discard"})
_NEWLINE = re.compile(r"\r\n|\r|\n")  # the line ends `ast` counts (str.splitlines knows more)


@frozen
class Literal:
    """A string written in the code, and its line."""

    value: str
    line: int


@frozen
class FileLines:
    """The lines of the file at `path` (as written, relative to the code's directory)."""

    path: str
    line: int


@frozen
class Unresolved:
    """An expression that cannot be evaluated statically: its line, its text and why."""

    line: int
    text: str
    why: str


Item = Literal | FileLines
Env = Mapping[str, ast.expr]  # `with open(...) as f` handles in scope


@frozen
class Found:
    """What an expression stands for: the items that are certain, and the parts that are not."""

    items: tuple[Item, ...] = ()
    missing: tuple[Unresolved, ...] = ()

    def __add__(self, other: Found) -> Found:
        return Found(self.items + other.items, self.missing + other.missing)


_Eval = Callable[[ast.expr, Env, int], Found]
_Binding = tuple[ast.expr | None, Env]  # None: bound by a loop or an unpacking


def arguments(call: ast.Call) -> list[ast.expr | ast.keyword]:
    """`call`'s arguments in source order: expressions (`ast.Starred` for *x) and keywords."""
    if not call.keywords:
        return list(call.args)
    return sorted([*call.args, *call.keywords], key=lambda a: (a.lineno, a.col_offset))


def argument_values(call: ast.Call) -> list[ast.expr]:
    """The value of each of `call`'s arguments, keyword, * and ** ones too, in source order."""
    return [a.value if isinstance(a, ast.Starred | ast.keyword) else a for a in arguments(call)]


def identifiers(node: ast.AST) -> Iterator[str]:
    """Every name written in the expression `node`: variables, attributes, keyword and lambda
    parameter names, and True/False/None."""
    for child in ast.walk(node):
        if isinstance(child, ast.Name):
            yield child.id
        elif isinstance(child, ast.Attribute):
            yield child.attr
        elif isinstance(child, ast.keyword | ast.arg) and child.arg:
            yield child.arg
        elif isinstance(child, ast.Constant) and (child.value is None or isinstance(child.value, bool)):
            yield repr(child.value)


class Bindings(Visitor):
    """Module-scope assignments (with the file handles open around them) and mutated names."""

    def __init__(self) -> None:
        self.bound: dict[str, list[_Binding]] = {}
        self.mutated: set[str] = set()
        self._withs: list[dict[str, ast.expr]] = []
        self._nested = 0  # inside a function or class: its names are its own

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._nested += 1

    def leave_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._nested -= 1

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> None:
        self._nested += 1

    def leave_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> None:
        self._nested -= 1

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self._nested += 1

    def leave_ClassDef(self, node: ast.ClassDef) -> None:
        self._nested -= 1

    def visit_With(self, node: ast.With | ast.AsyncWith) -> None:
        self._withs.append({item.optional_vars.id: item.context_expr for item in node.items
                            if isinstance(item.optional_vars, ast.Name)})

    def leave_With(self, node: ast.With | ast.AsyncWith) -> None:
        self._withs.pop()

    def visit_AsyncWith(self, node: ast.AsyncWith) -> None:
        self.visit_With(node)

    def leave_AsyncWith(self, node: ast.AsyncWith) -> None:
        self._withs.pop()

    def visit_Assign(self, node: ast.Assign) -> None:
        for target in node.targets:
            self._bind(target, node.value)
            if isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name):
                self.mutated.add(target.value.id)  # x[k] = ..., in any scope

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if node.value is not None:
            self._bind(node.target, node.value)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        if not self._nested:
            self._bind(node.target, node.value)
            self.mutated.update(identifiers(node.target))

    def visit_For(self, node: ast.For) -> None:
        self._bind(node.target, None)

    def visit_AsyncFor(self, node: ast.AsyncFor) -> None:
        self._bind(node.target, None)

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func  # x.append(...), in any scope
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.attr in _MUTATORS:
            self.mutated.add(func.value.id)

    def _bind(self, target: ast.expr, value: ast.expr | None) -> None:
        if self._nested:
            return
        if isinstance(target, ast.Name):
            env = {k: v for handles in self._withs for k, v in handles.items()}
            self.bound.setdefault(target.id, []).append((value, env))
        elif isinstance(target, ast.Tuple | ast.List):
            for element in target.elts:
                self._bind(element.value if isinstance(element, ast.Starred) else element, None)


class Evaluator:
    """Evaluates expressions of one parsed module against its module-level bindings."""

    def __init__(self, parsed: Parsed, bindings: Bindings | None = None) -> None:
        """`bindings`: the module's, when a traversal the caller makes anyway collected them."""
        if bindings is None:
            bindings = Bindings()
            visit_batched(parsed.module, [bindings])
        self.parsed = parsed
        self._bound = bindings.bound
        self._mutated = bindings.mutated
        # Steps and strings built, for the whole module: names bound to `a + a` double the
        # work per name, so an evaluation is cut off past the budget, never run to its end.
        self._budget = Budget()

    @cached_property
    def _lines(self) -> list[str]:
        return _NEWLINE.split(self.parsed.text)

    def source(self, node: ast.expr) -> str:
        """The exact text of `node` (its columns are UTF-8 offsets)."""
        lines = [line.encode() for line in self._lines[node.lineno - 1:node.end_lineno]]
        if not lines or node.end_col_offset is None:
            return ""
        lines[-1] = lines[-1][:node.end_col_offset]
        lines[0] = lines[0][node.col_offset:]
        return b"\n".join(lines).decode(errors="replace")

    def unresolved(self, node: ast.expr, why: str) -> Unresolved:
        """`node` cannot be evaluated, for reason `why`."""
        return Unresolved(self.parsed.line_of(node), clip(self.source(node)), why)

    def fail(self, node: ast.expr, why: str) -> Found:
        """Nothing certain: `node` is unresolved for reason `why`."""
        return Found((), (self.unresolved(node, why),))

    def strings(self, node: ast.expr, env: Env | None = None, depth: int = 0) -> Found:
        """The strings (or file lines) a list-valued expression certainly stands for."""
        if depth == 0:
            found = self._strings(node, env or {}, 0)
            if self._budget.left < 0:
                return self.fail(node, self._too_much())
            return Found(found.items, tuple(dict.fromkeys(found.missing)))  # each said once
        return self._strings(node, env or {}, depth)

    def _too_much(self) -> str:
        return f"too much to evaluate: the work budget of {WORK_BUDGET:,} is spent"

    def _strings(self, node: ast.expr, env: Env, depth: int) -> Found:
        if not self._budget.spend(_STEP):
            return Found()  # the evaluation at depth 0 says why
        if depth > MAX_DEPTH:
            return self.fail(node, "names nest too deeply")
        if isinstance(node, ast.List | ast.Tuple | ast.Set):
            return self._elements(node.elts, env, depth)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            return self._concatenated(node, env, depth)
        if isinstance(node, ast.Name):
            return self._name(node, env, depth, self._strings)
        if isinstance(node, ast.ListComp):
            return self._comprehension(node, env, depth)
        if isinstance(node, ast.Call):
            return self._called_strings(node, env, depth)
        return self.fail(node, "not a list of strings")

    def _concatenated(self, node: ast.BinOp, env: Env, depth: int) -> Found:
        found = self._strings(node.left, env, depth + 1) + self._strings(node.right, env, depth + 1)
        self._budget.spend(len(found.items))  # the values built count as much as the steps
        return found

    def _called_strings(self, node: ast.Call, env: Env, depth: int) -> Found:
        """`list(...)` or `tuple(...)` of strings, or the lines of a file read."""
        values = argument_values(node)
        if dotted(node.func) in ("list", "tuple") and len(values) == 1:
            return self._strings(values[0], env, depth + 1)
        return self._file_lines(node, env, depth)

    def string(self, node: ast.expr, env: Env | None = None, depth: int = 0) -> Found:
        """One string: a literal, or a name bound to one (as a one-item tuple)."""
        value = string_value(node)
        if value is not None:
            return Found((Literal(value, self.parsed.line_of(node)),))
        if isinstance(node, ast.Name) and depth <= MAX_DEPTH:
            return self._name(node, env or {}, depth, self.string)
        return self.fail(node, "not a string literal")

    def binding(self, node: ast.Name) -> tuple[ast.expr, Env] | Unresolved:
        """The one value the module-level name `node` is bound to, never changed afterwards."""
        bindings = self._bound.get(node.id, [])
        if node.id in self._mutated:
            return self.unresolved(node, f"{node.id} is changed after it is bound")
        if len(bindings) != 1:
            return self.unresolved(node, f"{node.id} is bound {len(bindings)} times")
        value, env = bindings[0]
        if value is None:
            return self.unresolved(node, f"{node.id} is bound by a loop or an unpacking")
        return value, env

    def _name(self, node: ast.Name, env: Env, depth: int, then: _Eval) -> Found:
        if node.id in env:
            return self._file_handle(env[node.id], node)
        found = self.binding(node)
        if isinstance(found, Unresolved):
            return Found((), (found,))
        value, bound_env = found
        return then(value, bound_env, depth + 1)

    def _elements(self, elements: Sequence[ast.expr], env: Env, depth: int) -> Found:
        items: list[Item] = []
        missing: list[Unresolved] = []
        for element in elements:
            if isinstance(element, ast.Starred):
                found = self._strings(element.value, env, depth + 1)
            else:
                found = self.string(element, env, depth + 1)
            items.extend(found.items)
            missing.extend(found.missing)
        return Found(tuple(items), tuple(missing))

    def _comprehension(self, node: ast.ListComp, env: Env, depth: int) -> Found:
        """`[line.strip() for line in <lines> if <a test on line>]`: the lines themselves."""
        loop = node.generators[0]
        if len(node.generators) > 1 or not isinstance(loop.target, ast.Name):
            return self.fail(node, "not a simple comprehension")
        var = loop.target.id
        if not all(_only_line_methods(part, var) for part in (node.elt, *loop.ifs)):
            return self.fail(node, "the comprehension changes the lines")
        if isinstance(loop.iter, ast.Name) and loop.iter.id in env:
            return self._file_handle(env[loop.iter.id], loop.iter)
        if _opened_path(loop.iter) is not None:
            return self._file_handle(loop.iter, loop.iter)
        return self._strings(loop.iter, env, depth + 1)

    def _file_lines(self, node: ast.Call, env: Env, depth: int) -> Found:
        """`<file>.read().splitlines()`, `<file>.readlines()`, `Path(p).read_text().split('\\n')`."""
        chain, base = _method_chain(node)
        problem = _not_lines_read(chain, node)
        if problem:
            return self.fail(node, problem)
        if isinstance(base, ast.Name) and base.id in env:
            return self._file_handle(env[base.id], node)
        if chain[-1] == "read_text" and _opened_path(base) is None:
            return self._path_lines(base, node)  # (HERE / "requirements.txt").read_text()
        return self._file_handle(base, node)

    def _file_handle(self, opened: ast.expr, at: ast.expr) -> Found:
        path = _opened_path(opened)
        if path is None:
            return self.fail(at, "not a file opened by a literal path")
        return self._path_lines(path, at)

    def _path_lines(self, path: ast.expr, at: ast.expr) -> Found:
        found = self.path(path)
        if isinstance(found, Unresolved):
            return Found((), (found,))
        return Found((FileLines(found, self.parsed.line_of(at)),))

    def path(self, node: ast.expr, depth: int = 0) -> str | Unresolved:
        """A path relative to the module's directory: a literal, or joined onto `__file__`'s."""
        value = string_value(node)
        if value is not None:
            return value
        if depth > MAX_DEPTH:
            return self.unresolved(node, "names nest too deeply")
        if isinstance(node, ast.Name):
            found = self.binding(node)
            return found if isinstance(found, Unresolved) else self.path(found[0], depth + 1)
        return self._joined_path(node, depth)

    def _joined_path(self, node: ast.expr, depth: int) -> str | Unresolved:
        """`os.path.join(here, "a", "b")` or `here / "a"`: the parts after the module's own
        directory, each a literal path."""
        parts = _joined(node)
        while parts and self._is_here(parts[0], depth):
            parts = parts[1:]
        found_parts = [self.path(p, depth + 1) for p in parts]
        if not parts or any(isinstance(p, Unresolved) for p in found_parts):
            return self.unresolved(node, "not a literal path")
        return "/".join(str(p) for p in found_parts)

    def _is_here(self, node: ast.expr, depth: int) -> bool:
        """Whether `node` is the module's own directory (derived from `__file__`)."""
        if "__file__" in identifiers(node):
            return True
        if isinstance(node, ast.Name) and depth <= MAX_DEPTH:
            found = self.binding(node)
            return not isinstance(found, Unresolved) and self._is_here(found[0], depth + 1)
        return False


def _joined(node: ast.expr) -> list[ast.expr]:
    """The parts of `os.path.join(a, b)` or `a / b`, else none."""
    if isinstance(node, ast.Call) and dotted(node.func) in ("os.path.join", "path.join", "join"):
        return argument_values(node)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
        return [node.left, node.right]
    return []


def _opened_path(node: ast.expr) -> ast.expr | None:
    """The path argument of `open(path, ...)` / `Path(path)`, or None."""
    if isinstance(node, ast.Call) and dotted(node.func) in _OPENERS:
        values = argument_values(node)
        return values[0] if values else None
    return None


def _only_line_methods(node: ast.expr, var: str) -> bool:
    """Whether `node` only tests or trims the loop variable `var` (blank and comment filters)."""
    if any(isinstance(a, ast.Attribute) and a.attr not in _LINE_METHODS for a in ast.walk(node)):
        return False
    return set(identifiers(node)) <= {var, *_LINE_METHODS, "len"}


def _method_chain(node: ast.Call) -> tuple[list[str], ast.expr]:
    """The methods called in turn on a value (the last first) up to an `open(...)` or another
    value, and that value: `f.read().splitlines()` is (["splitlines", "read"], f)."""
    chain: list[str] = []
    base: ast.expr = node
    while (isinstance(base, ast.Call) and isinstance(base.func, ast.Attribute)
           and _opened_path(base) is None):
        chain.append(base.func.attr)
        base = base.func.value
    return chain, base


def _not_lines_read(chain: list[str], node: ast.Call) -> str | None:
    """Why a method chain does not read a file's lines; None when it does."""
    if not chain or chain[0] not in _SPLITS or not set(chain[1:]) <= _READS:
        return "a call that is not a file read"
    if chain[0] == "split" and string_value((argument_values(node) or [node])[0]) != "\n":
        return "split on something other than newlines"
    return None
