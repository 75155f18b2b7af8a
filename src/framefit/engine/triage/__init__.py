"""Which Python modules are worth parsing, and when parsing more cannot change an answer.

Parsing is framefit's one costly step, and in a Django or Flask app almost every module imports
the framework. So the scan is planned from the bytes:

1. Every evidence the python scanner can give needs certain words in the module's text: an
   import of `django.contrib.auth` needs "django", "contrib" and "auth"; an idiom keyed
   `django.db.models.Model` needs its last segment, "Model" (however the name is imported, that
   segment is written somewhere in the module); a settings or config key needs the key. The
   catalog is compiled once into such requirements, each with the *groups* its signals bear on:
   a question ("relational_database", "user_login", "container_size"), a framework
   ("framework:flask") or the project's structure.
2. A module's groups are those of every requirement its words meet. A module meeting none is
   never parsed; it cannot produce evidence.
3. Modules are parsed in rounds (8, 16, 32... modules, those bearing on more groups first, then
   by path). After each round, a group is *settled* for a candidate service when no further
   evidence can change what it decides: a question already answered yes with high confidence
   (a yes only grows stronger), or the serving framework when every module naming another
   framework has been parsed. Modules whose groups are all settled are left unparsed.

This plans the scan; it decides no verdict: the answers are computed afterwards from the
evidence, as always. The plan depends only on the files' bytes and paths, so a run with or
without the cache, with one job or many, parses the same modules and gives the same report.
What it changes is how many observations the evidence lists show (`--exhaustive` parses every
module that can produce evidence).

The package: `requirements` compiles the catalog into requirements, `planner` reads a module's
bytes into words and groups, `reexports` follows names through first-party modules, and this
module orders the rounds, says what is settled and resolves the groups over the tree.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping

from framefit.answers.question import CONFIDENCE_AT
from framefit.answers.weigh import YES_AT
from framefit.catalog import Catalog, Polarity
from framefit.engine.triage import reexports
from framefit.engine.triage.planner import Planner
from framefit.engine.triage.reexports import qualified
from framefit.engine.triage.requirements import AGAINST, FRAMEWORK, STRONG, STRUCTURE, SURE, VIA, WEAK
from framefit.model import Answer, AnswerValue, Confidence, Evidence, Question, ServiceAnswers

__all__ = ["FIRST_ROUND", "STRUCTURE", "Planner", "frameworks_in", "order", "resolve", "settled"]

FIRST_ROUND = 8
_SETTLING = (Question.RELATIONAL_DATABASE, Question.USER_LOGIN, Question.CONTAINER_SIZE)


def order(paths: Iterable[str], groups: Mapping[str, frozenset[str]],
          service: Mapping[str, str], size: Mapping[str, int],
          settled_groups: Mapping[str, frozenset[str]] | None = None) -> list[str]:
    """Parse order: first the modules that can show a framework other than the one most of
    their service's modules can (the serving framework settles once those are parsed), then
    those whose imports alone bear on more unsettled questions (SURE groups: an import is
    evidence for certain, a word only may be), then the smaller, then by path."""
    paths = list(paths)
    settled_groups = settled_groups or {}

    def sure(path: str) -> int:
        done = settled_groups.get(service[path], frozenset())
        return sum(1 for g in groups[path] if g.endswith(SURE) and g not in done)

    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for path in paths:
        counts[service[path]].update(frameworks_in(groups[path]))
    main = {s: min(c, key=lambda name: (-c[name], name)) for s, c in counts.items() if c}

    def minor(path: str) -> bool:
        return bool(frameworks_in(groups[path]) - {main.get(service[path], "")})

    return sorted(paths, key=lambda p: (not minor(p), -sure(p), size.get(p, 0), p))


def settled(answers: ServiceAnswers, unparsed_frameworks: frozenset[str],
            catalog: Catalog) -> frozenset[str]:
    """Groups that no further evidence can change for this candidate service.

    Per question (answers/question.py decides from the strongest evidence for and against):
    `+` once yes with high confidence; `~` (weak, never yes alone) once yes, or once some
    evidence for of at least CONFIDENCE_AT is known; `-` once yes, or once no from a strong
    sign against. `unparsed_frameworks` names the frameworks some not-yet-parsed module can
    show: the serving framework is settled only when no other framework is among them.
    """
    done: set[str] = set()
    for question in _SETTLING:
        tags = _settled_tags(answers.answers[question], question, catalog)
        done.update(question.value + tag for tag in tags)
    leader = answers.framework
    if leader is not None and not unparsed_frameworks - {leader}:
        done.add(FRAMEWORK + leader)
    return frozenset(done | {g + SURE for g in done})


def _settled_tags(answer: Answer, question: Question, catalog: Catalog) -> Iterator[str]:
    best_for = max((e.weight for e in answer.evidence), default=0.0)
    best_against = max((e.weight for e in answer.against if _is_against(e, question, catalog)),
                       default=0.0)
    yes = answer.value is AnswerValue.YES
    if yes and answer.confidence is Confidence.HIGH:
        yield STRONG
    if yes or best_for >= CONFIDENCE_AT:
        yield WEAK
    if yes or best_against >= YES_AT:
        yield AGAINST


def _is_against(item: Evidence, question: Question, catalog: Catalog) -> bool:
    """Evidence against, not a manifest read without finding anything (also listed there)."""
    return any(e.question is question and e.polarity is Polarity.AGAINST
               for e in catalog.effects(item.signal))


def frameworks_in(groups: Iterable[str]) -> frozenset[str]:
    """The framework names among `groups`."""
    return frozenset(g.removeprefix(FRAMEWORK) for g in groups if g.startswith(FRAMEWORK))


def resolve(groups: Mapping[str, frozenset[str]],
            others: Mapping[str, Iterable[str]] | None = None) -> dict[str, frozenset[str]]:
    """Every module's groups once the tree is known: a conditional group is kept when the
    module sees every library it waits on through first-party modules (module `reexports`,
    over these modules' marks and those of `others`, modules scanned whatever the plan); the
    marks themselves go."""
    waiting = [path for path, found in groups.items()
               if any(VIA in g and not g.startswith(reexports.BOUND) for g in found)]
    seen = qualified({**(others or {}), **groups}, waiting)

    def kept(path: str, group: str) -> str | None:
        if group.startswith((reexports.BOUND, reexports.FROM)):
            return None
        base, conditional, heads = group.partition(VIA)
        if not conditional:
            return group
        return base if seen[path].issuperset(heads.split(",")) else None

    return {path: frozenset(g for g in (kept(path, x) for x in found) if g)
            for path, found in groups.items()}
