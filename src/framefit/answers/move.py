"""How big the move is: for a service that does not fit, the framework-bound code a move to the
recommended framework touches, counted over its app modules only (tests, docs, examples,
migrations, scripts and vendored code never count).

A pure function of what the scan found and the walk listed: the code facts of the service's app
modules (routes, blueprints or own apps, model and form classes, template folders, installed
apps: scanners/python/move.py), what each app module's lines show (its lines, and the
framework's and extensions' modules it imports: `profile.module_text`, read as the prefilter
reads imports, so that a module that only imports Flask is never parsed for its move; the
pipeline reads them beside the facts, in the run's pool, for the modules `import_heads` names),
and the service's app files (the templates are the files in its template folders). Extensions
and their counterparts are catalog data (moves.toml).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping

from framefit.catalog import Catalog
from framefit.catalog.views import MoveSide, Replaced
from framefit.frozen import frozen
from framefit.model import CodeFact, Evidence, Extension, FactKind, Move, MovedFile, ServiceAnswers
from framefit.scanners.base import clip
from framefit.scanners.python.profile import ImportHeads, ModuleLines

SHOWN_EVIDENCE = 5  # per extension: where it is imported or installed, first by place
USES = "uses:"  # the signal of an extension's evidence: `uses:flask-login`
_FRAMEWORK = ""  # what the framework's own imports match, in `_Imports`
_NOT_TEMPLATES = (".py", ".pyc")


@frozen
class ServiceCode:
    """What the move of one service is counted from."""

    modules: frozenset[str]  # every app module of the service that can be read
    facts: tuple[CodeFact, ...]  # the code facts of its modules
    files: tuple[str, ...]  # every app file of the service (its templates among them)
    # Per module of `modules`, what its lines import of the modules whose top-level names are
    # given (`profile.module_text`).
    lines: Callable[[ImportHeads], Mapping[str, ModuleLines]]

    def facts_of(self, framework: str) -> list[CodeFact]:
        """The facts of `framework` in the service's app modules."""
        return [f for f in self.facts if f.framework == framework and f.path in self.modules]


def import_heads(service: ServiceAnswers, catalog: Catalog) -> ImportHeads | None:
    """The imports a move of the service reads from its modules' lines before it knows which
    apps a Django project installs (those add their own: `move_of` asks again); None when the
    service has no move."""
    moving = _moving(service, catalog)
    return _Imports(*moving, catalog, []).wanted if moving is not None else None


def move_of(service: ServiceAnswers, code: ServiceCode, catalog: Catalog) -> Move | None:
    """The move of a judged service that does not fit; None for any other."""
    moving = _moving(service, catalog)
    if moving is None:
        return None
    framework, side = moving
    facts = code.facts_of(framework)
    installed = [f for f in facts if f.kind is FactKind.INSTALLED]
    imports = _Imports(framework, side, catalog, installed)
    texts = code.lines(imports.wanted)
    uses = _Uses(texts, imports, installed)
    folders = _templates(facts, code.files)
    kinds = Counter(f.kind for f in facts)
    templates = set[str]().union(*folders.values())
    return Move(side.to, kinds[FactKind.ROUTE], _units(facts, kinds), kinds[FactKind.MODEL],
                len(templates), kinds[FactKind.FORM], uses.extensions(imports),
                sum(texts[p].lines for p in uses.bound), sum(t.lines for t in texts.values()),
                _files(facts, texts, uses.bound),
                tuple((folder, len(found)) for folder, found in sorted(folders.items())))


def _moving(service: ServiceAnswers, catalog: Catalog) -> tuple[str, MoveSide] | None:
    """(framework, its move side) of a judged service that does not fit and whose
    recommendation is the move's target; None for any other."""
    framework = service.framework or ""
    side = catalog.views.moves.get(framework)
    if service.fits is not False or side is None or service.recommendation != side.to:
        return None
    return framework, side


class _Uses:
    """Where the framework and its extensions are used: per extension the app modules whose
    lines import it (`used`) and where it is imported or installed (`seen`), and every module
    importing either (`bound`)."""

    def __init__(self, texts: Mapping[str, ModuleLines], imports: _Imports,
                 installed: list[CodeFact]) -> None:
        self.used: dict[str, set[str]] = defaultdict(set)
        self.seen: dict[str, list[Evidence]] = defaultdict(list)
        self.bound: set[str] = set()
        for path, text in sorted(texts.items()):
            for line, module, detail in text.imports:
                name = imports.match(module)
                if name is not None:
                    self._imported(path, line, name, detail)
        for fact in installed:
            self.seen[imports.group(fact.name)].append(
                Evidence(fact.path, fact.line, USES + fact.name, fact.detail))

    def _imported(self, path: str, line: int, name: str, detail: str) -> None:
        self.bound.add(path)
        if name != _FRAMEWORK:
            self.used[name].add(path)
            self.seen[name].append(Evidence(path, line, USES + name, clip(detail)))

    def extensions(self, imports: _Imports) -> tuple[Extension, ...]:
        """Every extension seen, by name."""
        return tuple(_extension(name, imports.replaced(name), self.used[name], self.seen[name])
                     for name in sorted(self.seen))


def _units(facts: list[CodeFact], kinds: Counter[FactKind]) -> int:
    """Blueprints made (Flask) or the project's own apps (Django): a service has one of them."""
    return kinds[FactKind.BLUEPRINT] + len({f.name for f in facts if f.kind is FactKind.APP})


class _Imports:
    """Which extension (or the framework itself, `_FRAMEWORK`) an imported module belongs to:
    the longest import name that holds it, else the framework's extension prefix."""

    def __init__(self, framework: str, side: MoveSide, catalog: Catalog,
                 installed: list[CodeFact]) -> None:
        self.side = side
        own = catalog.distributions.get(framework)
        self.names: dict[str, str] = {}
        for dist in catalog.distributions.values():
            if dist.framework == framework and dist is not own:
                self.names.update(dict.fromkeys(dist.imports, dist.id))
        for name, entry in side.extensions.items():
            self.names.update(dict.fromkeys(entry.imports, name))
        for fact in installed:
            self.names[fact.name] = self.group(fact.name)
        self.names.update(dict.fromkeys(own.imports if own else (framework,), _FRAMEWORK))
        # A module of these top-level names may be the framework's or an extension's.
        self.wanted = ImportHeads(frozenset(name.split(".")[0] for name in self.names),
                                  side.extension_prefix or "")

    def match(self, module: str) -> str | None:
        parts = module.split(".")
        for end in range(len(parts), 0, -1):
            found = self.names.get(".".join(parts[:end]))
            if found is not None:
                return found
        prefix = self.side.extension_prefix
        return parts[0] if prefix and parts[0].startswith(prefix) else None

    def group(self, app: str) -> str:
        """The catalog entry an installed app falls under (`allauth.account`: allauth)."""
        parts = app.split(".")
        return next((".".join(parts[:end]) for end in range(len(parts), 0, -1)
                     if ".".join(parts[:end]) in self.side.extensions), app)

    def replaced(self, name: str) -> Replaced | None:
        return self.side.extensions.get(name)


def _extension(name: str, entry: Replaced | None, files: set[str], seen: list[Evidence]) -> Extension:
    evidence = tuple(sorted(set(seen))[:SHOWN_EVIDENCE])
    if entry is None:
        return Extension(name, "", "", len(files), evidence)
    return Extension(name, entry.counterpart, entry.note, len(files), evidence)


def _templates(facts: Iterable[CodeFact], files: tuple[str, ...]) -> dict[str, set[str]]:
    """Per template folder, the template files in it (not Python, not hidden)."""
    folders = {f.name for f in facts if f.kind is FactKind.TEMPLATES and f.name}
    found: dict[str, set[str]] = {folder: set() for folder in folders}
    for path in filter(_is_template, files):
        for folder in folders:
            if path.startswith(folder + "/"):
                found[folder].add(path)
    return found


def _is_template(path: str) -> bool:
    """Whether a file in a template folder may be a template: not Python, not hidden."""
    name = path.rsplit("/", 1)[-1]
    return not (name.startswith(".") or name.endswith(_NOT_TEMPLATES))


def _files(facts: list[CodeFact], modules: Mapping[str, ModuleLines],
           bound: set[str]) -> tuple[MovedFile, ...]:
    """Every app module holding a route, model, form or blueprint, or importing the framework."""
    counts: dict[str, Counter[FactKind]] = defaultdict(Counter)
    for fact in facts:
        counts[fact.path][fact.kind] += 1
    touched = {p for p, c in counts.items() if c[FactKind.ROUTE] or c[FactKind.MODEL]
               or c[FactKind.FORM] or c[FactKind.BLUEPRINT]} | bound
    return tuple(MovedFile(p, modules[p].lines, counts[p][FactKind.ROUTE], counts[p][FactKind.MODEL],
                           counts[p][FactKind.FORM], counts[p][FactKind.BLUEPRINT], p in bound)
                 for p in sorted(touched))
