"""Static evaluation of setup.py-style expressions with libcst: nothing is ever executed.

`Evaluator(parsed).strings(node)` turns an expression into the strings it certainly stands for:
string literals, lists and tuples of them, module-level names bound exactly once to such values
and never changed, `+` concatenations, and the lines of a file read with `open(path)` (or
`Path(path).read_text()`), which come back as `FileLines` for the caller to read. Anything else is
`Unresolved`, naming the line and quoting the expression: never a guess.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import libcst as cst
import libcst.matchers as m

from framefit.scanners._cst import Parsed, dotted, string_value
from framefit.scanners.base import clip

MAX_DEPTH = 30  # names bound to names bound to names ...: beyond this, unresolved
_OPENERS = frozenset({"open", "io.open", "codecs.open", "Path", "pathlib.Path"})
_READS = frozenset({"read", "read_text", "strip", "rstrip", "lstrip"})
_SPLITS = frozenset({"splitlines", "readlines", "split"})
_LINE_METHODS = frozenset({"strip", "rstrip", "lstrip", "startswith", "endswith", "isspace"})
_MUTATORS = frozenset({"append", "extend", "insert", "update", "setdefault", "pop", "remove",
                       "clear", "add", "discard"})


@dataclass(frozen=True, slots=True)
class Literal:
    """A string written in the code, and its line."""

    value: str
    line: int


@dataclass(frozen=True, slots=True)
class FileLines:
    """The lines of the file at `path` (as written, relative to the code's directory)."""

    path: str
    line: int


@dataclass(frozen=True, slots=True)
class Unresolved:
    """An expression that cannot be evaluated statically: its line, its text and why."""

    line: int
    text: str
    why: str


Item = Literal | FileLines
Env = Mapping[str, cst.BaseExpression]  # `with open(...) as f` handles in scope


@dataclass(frozen=True, slots=True)
class Found:
    """What an expression stands for: the items that are certain, and the parts that are not."""

    items: tuple[Item, ...] = ()
    missing: tuple[Unresolved, ...] = ()

    def __add__(self, other: Found) -> Found:
        return Found(self.items + other.items, self.missing + other.missing)


_Eval = Callable[[cst.BaseExpression, Env, int], Found]
_Binding = tuple[cst.BaseExpression | None, Env]  # None: bound by a loop or an unpacking


class _Bindings(cst.CSTVisitor):
    """Module-scope assignments (with the file handles open around them) and mutated names."""

    def __init__(self) -> None:
        self.bound: dict[str, list[_Binding]] = {}
        self.mutated: set[str] = set()
        self._withs: list[dict[str, cst.BaseExpression]] = []

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return False  # a function's names are its own

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        return False

    def visit_With(self, node: cst.With) -> None:
        handles = {item.asname.name.value: item.item for item in node.items
                   if item.asname is not None and isinstance(item.asname.name, cst.Name)}
        self._withs.append(handles)

    def leave_With(self, original_node: cst.With) -> None:
        self._withs.pop()

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            self._bind(target.target, node.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if node.value is not None:
            self._bind(node.target, node.value)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._bind(node.target, node.value)
        self.mutated.update(n.value for n in m.findall(node.target, m.Name()) if isinstance(n, cst.Name))

    def visit_For(self, node: cst.For) -> None:
        self._bind(node.target, None)

    def _bind(self, target: cst.BaseExpression, value: cst.BaseExpression | None) -> None:
        if isinstance(target, cst.Name):
            env = {k: v for handles in self._withs for k, v in handles.items()}
            self.bound.setdefault(target.value, []).append((value, env))
        elif isinstance(target, cst.Tuple | cst.List):
            for element in target.elements:
                self._bind(element.value, None)

    def mutations(self, node: cst.CSTNode) -> None:
        """Names changed in place anywhere in `node` (`x.append(...)`, `x[k] = ...`)."""
        for call in m.findall(node, m.Call(func=m.Attribute(value=m.Name(), attr=m.Name()))):
            func = call.func  # type: ignore[attr-defined]
            if func.attr.value in _MUTATORS:
                self.mutated.add(func.value.value)
        for target in m.findall(node, m.AssignTarget(target=m.Subscript(value=m.Name()))):
            self.mutated.add(target.target.value.value)  # type: ignore[attr-defined]


class Evaluator:
    """Evaluates expressions of one parsed module against its module-level bindings."""

    def __init__(self, parsed: Parsed) -> None:
        self.parsed = parsed
        visitor = _Bindings()
        parsed.module.visit(visitor)
        visitor.mutations(parsed.module)
        self._bound = visitor.bound
        self._mutated = visitor.mutated

    def unresolved(self, node: cst.CSTNode, why: str) -> Unresolved:
        """`node` cannot be evaluated, for reason `why`."""
        where = self.parsed.positions.get(node)
        text = clip(self.parsed.module.code_for_node(node))
        return Unresolved(where.start.line if where else 0, text, why)

    def fail(self, node: cst.CSTNode, why: str) -> Found:
        """Nothing certain: `node` is unresolved for reason `why`."""
        return Found((), (self.unresolved(node, why),))

    def strings(self, node: cst.BaseExpression, env: Env | None = None, depth: int = 0) -> Found:
        """The strings (or file lines) a list-valued expression certainly stands for."""
        env = env or {}
        if depth > MAX_DEPTH:
            return self.fail(node, "names nest too deeply")
        if isinstance(node, cst.List | cst.Tuple | cst.Set):
            return self._elements(node.elements, env, depth)
        if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Add):
            return self.strings(node.left, env, depth + 1) + self.strings(node.right, env, depth + 1)
        if isinstance(node, cst.Name):
            return self._name(node, env, depth, self.strings)
        if isinstance(node, cst.ListComp):
            return self._comprehension(node, env, depth)
        if isinstance(node, cst.Call) and dotted(node.func) in ("list", "tuple") and len(node.args) == 1:
            return self.strings(node.args[0].value, env, depth + 1)
        if isinstance(node, cst.Call):
            return self._file_lines(node, env, depth)
        return self.fail(node, "not a list of strings")

    def string(self, node: cst.BaseExpression, env: Env | None = None, depth: int = 0) -> Found:
        """One string: a literal, or a name bound to one (as a one-item tuple)."""
        value = string_value(node)
        if value is not None:
            return Found((Literal(value, self.parsed.line_of(node)),))
        if isinstance(node, cst.Name) and depth <= MAX_DEPTH:
            return self._name(node, env or {}, depth, self.string)
        return self.fail(node, "not a string literal")

    def binding(self, node: cst.Name) -> tuple[cst.BaseExpression, Env] | Unresolved:
        """The one value the module-level name `node` is bound to, never changed afterwards."""
        bindings = self._bound.get(node.value, [])
        if node.value in self._mutated:
            return self.unresolved(node, f"{node.value} is changed after it is bound")
        if len(bindings) != 1:
            return self.unresolved(node, f"{node.value} is bound {len(bindings)} times")
        value, env = bindings[0]
        if value is None:
            return self.unresolved(node, f"{node.value} is bound by a loop or an unpacking")
        return value, env

    def _name(self, node: cst.Name, env: Env, depth: int, then: _Eval) -> Found:
        if node.value in env:
            return self._file_handle(env[node.value], node)
        found = self.binding(node)
        if isinstance(found, Unresolved):
            return Found((), (found,))
        value, bound_env = found
        return then(value, bound_env, depth + 1)

    def _elements(self, elements: Sequence[cst.BaseElement], env: Env, depth: int) -> Found:
        found = Found()
        for element in elements:
            if isinstance(element, cst.StarredElement):
                found += self.strings(element.value, env, depth + 1)
            else:
                found += self.string(element.value, env, depth + 1)
        return found

    def _comprehension(self, node: cst.ListComp, env: Env, depth: int) -> Found:
        """`[line.strip() for line in <lines> if <a test on line>]`: the lines themselves."""
        loop = node.for_in
        if loop.inner_for_in is not None or not isinstance(loop.target, cst.Name):
            return self.fail(node, "not a simple comprehension")
        var = loop.target.value
        parts = [node.elt, *(c.test for c in loop.ifs)]
        if not all(_only_line_methods(part, var) for part in parts):
            return self.fail(node, "the comprehension changes the lines")
        if isinstance(loop.iter, cst.Name) and loop.iter.value in env:
            return self._file_handle(env[loop.iter.value], loop.iter)
        if _opened_path(loop.iter) is not None:
            return self._file_handle(loop.iter, loop.iter)
        return self.strings(loop.iter, env, depth + 1)

    def _file_lines(self, node: cst.Call, env: Env, depth: int) -> Found:
        """`<file>.read().splitlines()`, `<file>.readlines()`, `Path(p).read_text().split('\\n')`."""
        chain: list[str] = []
        base: cst.BaseExpression = node
        while (isinstance(base, cst.Call) and isinstance(base.func, cst.Attribute)
               and _opened_path(base) is None):
            chain.append(base.func.attr.value)
            base = base.func.value
        if not chain or chain[0] not in _SPLITS or not set(chain[1:]) <= _READS:
            return self.fail(node, "a call that is not a file read")
        if chain[0] == "split" and string_value(node.args[0].value if node.args else node) != "\n":
            return self.fail(node, "split on something other than newlines")
        if isinstance(base, cst.Name) and base.value in env:
            return self._file_handle(env[base.value], node)
        if chain[-1] == "read_text" and _opened_path(base) is None:
            return self._path_lines(base, node)  # (HERE / "requirements.txt").read_text()
        return self._file_handle(base, node)

    def _file_handle(self, opened: cst.BaseExpression, at: cst.CSTNode) -> Found:
        path = _opened_path(opened)
        if path is None:
            return self.fail(at, "not a file opened by a literal path")
        return self._path_lines(path, at)

    def _path_lines(self, path: cst.BaseExpression, at: cst.CSTNode) -> Found:
        found = self.path(path)
        if isinstance(found, Unresolved):
            return Found((), (found,))
        return Found((FileLines(found, self.parsed.line_of(at)),))

    def path(self, node: cst.BaseExpression, depth: int = 0) -> str | Unresolved:
        """A path relative to the module's directory: a literal, or joined onto `__file__`'s."""
        value = string_value(node)
        if value is not None:
            return value
        if depth > MAX_DEPTH:
            return self.unresolved(node, "names nest too deeply")
        if isinstance(node, cst.Name):
            found = self.binding(node)
            return found if isinstance(found, Unresolved) else self.path(found[0], depth + 1)
        parts: list[cst.BaseExpression] = []
        if isinstance(node, cst.Call) and dotted(node.func) in ("os.path.join", "path.join", "join"):
            parts = [a.value for a in node.args]
        elif isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Divide):
            parts = [node.left, node.right]
        while parts and self._is_here(parts[0], depth):
            parts = parts[1:]
        found_parts = [self.path(p, depth + 1) for p in parts]
        if not parts or any(isinstance(p, Unresolved) for p in found_parts):
            return self.unresolved(node, "not a literal path")
        return "/".join(str(p) for p in found_parts)

    def _is_here(self, node: cst.BaseExpression, depth: int) -> bool:
        """Whether `node` is the module's own directory (derived from `__file__`)."""
        if m.findall(node, m.Name("__file__")):
            return True
        if isinstance(node, cst.Name) and depth <= MAX_DEPTH:
            found = self.binding(node)
            return not isinstance(found, Unresolved) and self._is_here(found[0], depth + 1)
        return False


def _opened_path(node: cst.BaseExpression) -> cst.BaseExpression | None:
    """The path argument of `open(path, ...)` / `Path(path)`, or None."""
    if isinstance(node, cst.Call) and dotted(node.func) in _OPENERS and node.args:
        return node.args[0].value
    return None


def _only_line_methods(node: cst.BaseExpression, var: str) -> bool:
    """Whether `node` only tests or trims the loop variable `var` (blank and comment filters)."""
    names = {n.value for n in m.findall(node, m.Name()) if isinstance(n, cst.Name)}
    attributes = {a.attr.value for a in m.findall(node, m.Attribute()) if isinstance(a, cst.Attribute)}
    return names <= {var, *_LINE_METHODS, "len"} and attributes <= _LINE_METHODS
