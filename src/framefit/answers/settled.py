"""What more evidence cannot change: the groups a piece of evidence bears on, and the groups a
service's answers have settled. The engine's plan skips a file whose groups are all settled;
the pipeline reports a file's diagnostics only while one of its groups is open. Both read this
module, which reads the thresholds of the answers it reasons about from where they live.

A group is a question and the way evidence can move its answer, or a framework:
- `<question>+`: evidence for, strong enough to answer yes (weighing at least YES_AT);
- `<question>~`: weak evidence for, which can only lower a no's confidence;
- `<question>*`: weak specific evidence for, which can also let generic evidence for count
  (answers/question.py; it bears on `~` too);
- `<question>-`: evidence against, strong enough to answer no;
- `<question>!`: specific evidence against, strong enough to answer no, which also defeats
  generic evidence for (it bears on `-` too);
- `framework:<name>@<weight>`: evidence that the framework is in use, saying so with at most
  that weight (answers/framework.py `framework_weight`): settled for the serving framework
  once no other can show up, and for any framework in use once its strongest evidence is
  heavier, and the serving one's heavier still (the serving framework, the frameworks in use
  and the line each is shown at stay as they are);
- `structure`: evidence of no question (a project's entry point, an app object): never settled,
  so every file that can show one is read in every mode.
What a move touches is no group: it is read from the app modules' bytes once the answers are
final (scanners/python/move.py), so the plan never reads a file for it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from framefit.answers.framework import IN_CODE_AT, framework_weight
from framefit.answers.question import CONFIDENCE_AT
from framefit.answers.weigh import YES_AT
from framefit.catalog import Catalog, Effect, Polarity
from framefit.model import (
    Answer,
    AnswerValue,
    Confidence,
    Evidence,
    Question,
    ServiceAnswers,
)

STRONG, WEAK, AGAINST = "+", "~", "-"
CORROBORATING, SPECIFIC_AGAINST = "*", "!"
FRAMEWORK = "framework:"
STRUCTURE = "structure"
_QUESTIONS = (Question.RELATIONAL_DATABASE, Question.USER_LOGIN, Question.CONTAINER_SIZE)


def bearing(signal: str, weight: float, catalog: Catalog) -> frozenset[str]:
    """The groups evidence `signal` bears on when its file's role weighs `weight` (the most the
    evidence can weigh: other weighing only lowers it)."""
    entry = catalog.lookup(signal)
    if entry is not None and entry.any_role:
        weight = 1.0
    groups = {tag for effect in catalog.effects(signal) for tag in _tags(effect, weight)}
    framework = entry.framework if entry is not None else None
    if framework:
        groups.update(_framework_groups(signal, framework, weight, catalog))
    elif not groups and not catalog.effects(signal):
        return frozenset({STRUCTURE})  # a signal of no question (django-project): kept
    return frozenset(groups)


def _framework_groups(signal: str, framework: str, weight: float, catalog: Catalog) -> tuple[str, ...]:
    """The framework's group, when the evidence shows it in use; an app object's structure too."""
    if weight < IN_CODE_AT:
        return ()
    group = framework_group(framework, framework_weight(signal, weight, catalog))
    if signal.startswith(("import:", "dep:")):
        return (group,)
    return group, STRUCTURE  # an app object: where findings are shown, in every mode


def framework_group(framework: str, weight: float) -> str:
    """The group of evidence that `framework` is in use, weighing at most `weight`."""
    return f"{FRAMEWORK}{framework}@{weight:.3f}"


def _framework_of(group: str) -> tuple[str, float]:
    name, _, weight = group.removeprefix(FRAMEWORK).rpartition("@")
    return name, float(weight)


def _tags(effect: Effect, weight: float) -> Iterator[str]:
    question, strength = effect.question.value, effect.strength * weight
    if effect.polarity is Polarity.ABSENCE:
        yield question + AGAINST  # a manifest read, at any weight, makes an unknown a no
    elif effect.polarity is Polarity.AGAINST:
        if strength >= YES_AT:
            yield question + AGAINST
            if effect.specific:
                yield question + SPECIFIC_AGAINST
    elif strength >= YES_AT:
        yield question + STRONG
    elif effect.question is not Question.CONTAINER_SIZE:
        # Weak evidence for moves a no's confidence (and, specific, lets generic evidence for
        # count); the size question has no "no" by absence, so there weak evidence alone is as
        # unknown as none.
        yield question + WEAK
        if effect.specific:
            yield question + CORROBORATING


def settled(service: ServiceAnswers, showing: frozenset[str], catalog: Catalog,
            asked: frozenset[str] = frozenset()) -> frozenset[str]:
    """Groups that no further evidence can change for this service.

    Per question (answers/question.py decides from the strongest evidence of each kind):
    `+` once yes with high confidence; `~` once yes, or once some evidence for of at least
    CONFIDENCE_AT is known; `*` once `~` is and no generic evidence for of at least YES_AT waits
    to be corroborated; `-` once yes, or once there is evidence against of at least YES_AT; `!`
    once `-` is, unless the answer is a yes resting on generic evidence for.
    `showing` holds the framework groups of the files still to read; those and the framework
    groups `asked` about are settled as the module's docstring says.
    """
    done: set[str] = set()
    for question in _QUESTIONS:
        tags = _settled_tags(service.answer(question), question, catalog)
        done.update(question.value + tag for tag in tags)
    others = frameworks_in(showing) - {service.framework}
    done.update(g for g in showing | asked
                if g.startswith(FRAMEWORK) and _framework_settled(service, g, others))
    return frozenset(done)


def _framework_settled(service: ServiceAnswers, group: str, others: frozenset[str]) -> bool:
    """Whether evidence of `group` can change neither the serving framework, nor which are in
    use, nor the line each is shown at (its strongest evidence, `rules.base.pin`)."""
    name, weight = _framework_of(group)
    leader = service.framework
    if leader is None:
        return False
    if name == leader and not others:
        return True  # no other framework can show up: the serving one stays
    use, serving = service.framework_use(name), service.framework_use(leader)
    if use is None or not use.evidence or serving is None or not serving.evidence:
        return False  # not in use yet: this evidence may put it in use
    strongest, lead = use.evidence[0].weight, serving.evidence[0].weight
    return weight < strongest and (name == leader or strongest < lead)


def _settled_tags(answer: Answer, question: Question, catalog: Catalog) -> Iterator[str]:
    best_for, specific_for, generic_for = _strongest_for(answer, question, catalog)
    best_against = max((e.weight for e in answer.against if _is_against(e, question, catalog)),
                       default=0.0)
    yes = answer.value is AnswerValue.YES
    if yes and answer.confidence is Confidence.HIGH:
        yield STRONG
    yield from _weak_tags(yes, best_for, generic_for)
    yield from _against_tags(yes, best_against, specific_for)


def _weak_tags(yes: bool, best_for: float, generic_for: float) -> Iterator[str]:
    if yes or best_for >= CONFIDENCE_AT:
        yield WEAK
        if yes or generic_for < YES_AT:  # no generic evidence for waits to be corroborated
            yield CORROBORATING


def _against_tags(yes: bool, best_against: float, specific_for: float) -> Iterator[str]:
    if yes or best_against >= YES_AT:
        yield AGAINST
        if not yes or specific_for >= YES_AT:  # a yes on generic evidence a specific against defeats
            yield SPECIFIC_AGAINST


def _strongest_for(answer: Answer, question: Question, catalog: Catalog) -> tuple[float, float, float]:
    """The strongest evidence for: of any kind, specific, generic."""
    specific, generic = [0.0], [0.0]
    for item in answer.evidence:
        (specific if _specific(item, question, catalog) else generic).append(item.weight)
    return max(*specific, *generic), max(specific), max(generic)


def _specific(item: Evidence, question: Question, catalog: Catalog) -> bool:
    """Specific evidence for `question` (catalog `Effect.specific`)."""
    return any(e.question is question and e.polarity is Polarity.FOR and e.specific
               for e in catalog.effects(item.signal))


def _is_against(item: Evidence, question: Question, catalog: Catalog) -> bool:
    """Evidence against, not a manifest read without finding anything (also listed there)."""
    return any(e.question is question and e.polarity is Polarity.AGAINST
               for e in catalog.effects(item.signal))


def frameworks_in(groups: Iterable[str]) -> frozenset[str]:
    """The framework names among `groups`."""
    return frozenset(_framework_of(g)[0] for g in groups if g.startswith(FRAMEWORK))
