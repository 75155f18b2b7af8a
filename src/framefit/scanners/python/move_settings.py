"""What a move touches in a Django settings module: its installed apps and template folders.

Read from the real settings module only (`settings_module.settings_weight` says which): each
`INSTALLED_APPS` entry is one of the project's own apps (its top-level package is the repo's:
an `app` fact, with the app's `templates/` folder when `APP_DIRS` is not False) or a contrib or
third-party app (an `installed` fact). `TEMPLATES[...]["DIRS"]` entries are evaluated as paths
(`BASE_DIR / "templates"`, `os.path.join(BASE_DIR, "templates")`, `BASE_DIR` being
`Path(__file__).resolve().parent.parent` or `os.path.dirname(...)` of it); what cannot be
evaluated to a folder inside the repo is left out, never guessed.
"""

from __future__ import annotations

import ast
import posixpath
from collections.abc import Iterator

from framefit.model import FactKind
from framefit.scanners.python.analysis import Module
from framefit.scanners.python.django_settings import assignments, dict_items, string_elements
from framefit.scanners.python.imports import ImportFacts, locate
from framefit.scanners.python.settings_module import settings_weight
from framefit.scanners.python.syntax import dotted, resolve, string_value

DJANGO = "django"
INSTALLED_APPS, TEMPLATES = "INSTALLED_APPS", "TEMPLATES"
_SAME = frozenset({"os.path.abspath", "os.path.realpath", "os.path.normpath", "pathlib.Path",
                   "str", "os.fspath"})
_SAME_METHODS = frozenset({"resolve", "absolute", "expanduser"})
_PARENT, _JOIN = "os.path.dirname", "os.path.join"


def settings_facts(module: Module) -> None:
    """The installed apps and template folders of a settings module (after the traversal)."""
    statements = [(t, v) for s in module.parsed.module.body for t, v in assignments(s)]
    if not any(t in (INSTALLED_APPS, TEMPLATES) for t, _ in statements):
        return
    if settings_weight(module.source, module.ctx) < 1.0:
        return  # a copy the project's pointers pass over (docs, CI)
    root = locate(module.source, module.ctx)[1]
    paths = _Paths(module, root)
    paths.bind(statements)
    app_dirs = _templates(module, statements, paths)
    for target, value in statements:
        if target == INSTALLED_APPS:
            _installed(module, value, root, app_dirs)


def _templates(module: Module, statements: list[tuple[str, ast.expr]], paths: _Paths) -> bool:
    """Template folder facts of every TEMPLATES assignment; whether APP_DIRS is never False."""
    app_dirs = True
    for target, value in statements:
        if target == TEMPLATES:
            app_dirs = _template_dirs(module, value, paths) and app_dirs
    return app_dirs


def _installed(module: Module, value: ast.expr, root: str, app_dirs: bool) -> None:
    moves = module.ctx.catalog.views.moves[DJANGO]
    for node in string_elements(value) if isinstance(value, (ast.List, ast.Tuple, ast.BinOp)) else ():
        name = string_value(node)
        if not name:
            continue
        app, line = name.split(".apps.")[0], module.parsed.line_of(node)
        text = module.parsed.text_of(line)
        if app.split(".")[0] not in module.ctx.local_modules:
            module.out.fact(line, DJANGO, FactKind.INSTALLED, app, text)
            continue
        module.out.fact(line, DJANGO, FactKind.APP, app, text)
        if app_dirs:
            folder = posixpath.join(root, *app.split("."), moves.templates)
            module.out.fact(line, DJANGO, FactKind.TEMPLATES, folder, text)


def _template_dirs(module: Module, value: ast.expr, paths: _Paths) -> bool:
    """Template folder facts for every DIRS entry; whether APP_DIRS is not False."""
    app_dirs = True
    for _, key, item in _backend_items(value):
        if key == "APP_DIRS" and isinstance(item, ast.Constant) and item.value is False:
            app_dirs = False
        if key == "DIRS" and isinstance(item, (ast.List, ast.Tuple)):
            _dirs(module, item, paths)
    return app_dirs


def _backend_items(value: ast.expr) -> Iterator[tuple[ast.AST, str, ast.expr]]:
    """The items of each backend dict of a TEMPLATES value (a list of them, or one)."""
    backends = value.elts if isinstance(value, (ast.List, ast.Tuple)) else [value]
    for backend in backends:
        yield from dict_items(backend)


def _dirs(module: Module, item: ast.List | ast.Tuple, paths: _Paths) -> None:
    """A template folder fact for each DIRS entry that evaluates to a folder of the repo."""
    for entry in item.elts:
        folder = paths.of(entry)
        if folder is not None:
            line = module.parsed.line_of(entry)
            module.out.fact(line, DJANGO, FactKind.TEMPLATES, folder, module.parsed.text_of(line))


class _Paths:
    """Evaluates expressions of a settings module to repo-relative paths ("" is the root)."""

    def __init__(self, module: Module, root: str) -> None:
        self.here, self.root = module.source.path, root
        self.aliases = module.result("imports", ImportFacts).aliases
        self.env: dict[str, str] = {}

    def bind(self, statements: list[tuple[str, ast.expr]]) -> None:
        """The module's top-level names bound to a path inside the repo, in order."""
        for target, value in statements:
            found = self.of(value)
            if found is not None:
                self.env[target] = found
            else:
                self.env.pop(target, None)

    def of(self, node: ast.expr) -> str | None:
        """The folder or file `node` evaluates to, or None."""
        if isinstance(node, ast.Name):
            return self._named(node.id)
        if isinstance(node, ast.Constant):
            return self._relative(node)
        if isinstance(node, ast.Attribute) and node.attr == "parent":
            return _parent(self.of(node.value))
        if isinstance(node, ast.Subscript):
            return self._parents(node)
        if isinstance(node, ast.BinOp):
            return self.join(self.of(node.left), [node.right]) if isinstance(node.op, ast.Div) else None
        return self._called(node) if isinstance(node, ast.Call) else None

    def _named(self, name: str) -> str | None:
        """`__file__` is the module itself; another name, the path it was bound to, if any."""
        return self.here if name == "__file__" else self.env.get(name)

    def _relative(self, node: ast.Constant) -> str | None:
        """A relative path string, from the import root (an absolute one is outside the repo)."""
        text = string_value(node)
        return self.join(self.root, [node]) if text and not text.startswith("/") else None

    def _parents(self, node: ast.Subscript) -> str | None:
        """`path.parents[n]`: the folder n + 1 levels above `path`."""
        if isinstance(node.value, ast.Attribute) and node.value.attr == "parents" \
                and isinstance(node.slice, ast.Constant) and type(node.slice.value) is int:
            found = self.of(node.value.value)
            for _ in range(node.slice.value + 1):
                found = _parent(found)
            return found
        return None

    def _called(self, node: ast.Call) -> str | None:
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr in _SAME_METHODS and not node.args:
            return self.of(func.value)
        if isinstance(func, ast.Attribute) and func.attr == "joinpath":
            return self.join(self.of(func.value), node.args)
        return self._function_called(node) if node.args else None

    def _function_called(self, node: ast.Call) -> str | None:
        """`Path(p)`, `os.path.abspath(p)`, `os.path.dirname(p)`, `os.path.join(p, "x")`."""
        name = dotted(node.func)
        qualified = name if name == "str" else resolve(name, self.aliases)
        if qualified in _SAME and len(node.args) == 1:
            return self.of(node.args[0])
        if qualified == _PARENT and len(node.args) == 1:
            return _parent(self.of(node.args[0]))
        if qualified == _JOIN:
            return self.join(self.of(node.args[0]), node.args[1:])
        return None

    @staticmethod
    def join(base: str | None, parts: list[ast.expr]) -> str | None:
        """`base` joined with string literals, inside the repo, or None."""
        if base is None:
            return None
        for part in parts:
            text = string_value(part)
            if text is None or text.startswith("/"):
                return None
            base = posixpath.join(base, text)
        return _inside(base)


def _parent(path: str | None) -> str | None:
    """The folder holding `path` ("" for a file at the root); None above the root."""
    if not path:
        return None
    return posixpath.dirname(path)


def _inside(path: str) -> str | None:
    """`path` normalised, or None when it climbs out of the repo."""
    normal = posixpath.normpath(path) if path else ""
    if normal == ".":
        return ""
    return None if normal == ".." or normal.startswith("../") else normal
