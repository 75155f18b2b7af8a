"""One question answered from weighted evidence: yes / no / unknown, with for and against.

Evidence is of two kinds (catalog `Effect.specific`): *specific* evidence is the use that decides
the question (`login_user()`, a Django model, a secret from the environment compared with a
request); *generic* evidence is something often there for other reasons (a JWT library, a
Redis client beside a database). The weighing, in order:

1. specific evidence for of at least YES_AT answers yes, of high confidence from HIGH_AT:
   what stands against it does not lower it (a service with users who log in may also take
   machine tokens: both are specific, about different callers);
2. generic evidence for of at least YES_AT answers yes (medium) only together with specific
   evidence for of at least CORROBORATE_AT, and only while no specific evidence against
   reaches YES_AT: specific counter-evidence defeats generic evidence for;
3. evidence against of at least YES_AT answers no; of high confidence while all evidence for
   stays under CONFIDENCE_AT;
4. a manifest read and nothing that decides: no (medium, or low with evidence for);
5. otherwise unknown.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from framefit.answers.weigh import HIGH_AT, YES_AT
from framefit.catalog import Catalog, Polarity
from framefit.model import Answer, AnswerValue, Confidence, Evidence, Question, evidence_order

MAX_LISTED = 20  # evidence kept per list: the strongest, then by place
CONFIDENCE_AT = 0.2  # a no is of high confidence only while the evidence for stays under this
CORROBORATE_AT = CONFIDENCE_AT  # specific evidence for that lets generic evidence for count


@dataclass(slots=True)
class _Side:
    """One side's evidence, and the strongest of each kind."""

    items: list[Evidence] = field(default_factory=list)
    specific: list[Evidence] = field(default_factory=list)
    generic: list[Evidence] = field(default_factory=list)

    def add(self, item: Evidence, specific: bool) -> None:
        self.items.append(item)
        (self.specific if specific else self.generic).append(item)

    @staticmethod
    def best(items: list[Evidence]) -> Evidence | None:
        return min(items, key=evidence_order) if items else None

    @staticmethod
    def weight(item: Evidence | None) -> float:
        return item.weight if item is not None else 0.0


def answer(question: Question, evidence: Iterable[Evidence], catalog: Catalog,
           absence_means_no: bool = True) -> Answer:
    """Weigh every observation that bears on `question` (catalog effects decide which do)."""
    pro, con, looked = _sides(question, evidence, catalog)
    (listed_for, for_out), (listed_against, against_out) = _top(pro.items), _top(con.items)
    against, against_out_more = tuple(listed_against), 0
    decided = _decide(pro, con, catalog)
    if decided is not None:
        value, confidence, reason = decided
        if value is AnswerValue.NO:
            reason += _uncounted(listed_for, catalog)
    elif looked and absence_means_no:
        # A manifest was read and nothing (strong enough) turned up: no, with what was read.
        read, against_out_more = _top(looked)
        against = tuple(sorted(against + tuple(read), key=evidence_order))
        value, reason = AnswerValue.NO, _absence_reason(listed_for, against, catalog)
        confidence = Confidence.MEDIUM if not listed_for else Confidence.LOW
    else:
        value, confidence = AnswerValue.UNKNOWN, Confidence.LOW
        reason = ("nothing in the repo says" if not listed_for else
                  f"only {_kind(listed_for[0])} evidence: {catalog.title(listed_for[0].signal)}")
    return Answer(value, confidence, tuple(listed_for), against, reason,
                  evidence_left_out=for_out, against_left_out=against_out + against_out_more)


def _sides(question: Question, evidence: Iterable[Evidence],
           catalog: Catalog) -> tuple[_Side, _Side, list[Evidence]]:
    """The evidence for and against `question`, scored by each effect's strength, and the
    observations that only show it was looked at (a manifest read)."""
    pro, con, looked = _Side(), _Side(), []
    for item in evidence:
        for effect in catalog.effects(item.signal):
            if effect.question is not question:
                continue
            scored = replace(item, weight=round(item.weight * effect.strength, 3))
            if effect.polarity is Polarity.FOR:
                pro.add(scored, effect.specific)
            elif effect.polarity is Polarity.AGAINST:
                con.add(scored, effect.specific)
            else:
                looked.append(item)
    return pro, con, looked


_Decision = tuple[AnswerValue, Confidence, str]


def _decide(pro: _Side, con: _Side, catalog: Catalog) -> _Decision | None:
    """Rules 1 to 3 of the module's docstring; None when none of them decides."""
    specific_for = _Side.best(pro.specific)
    if specific_for is not None and specific_for.weight >= YES_AT:
        high = specific_for.weight >= HIGH_AT
        return (AnswerValue.YES, Confidence.HIGH if high else Confidence.MEDIUM,
                catalog.title(specific_for.signal))
    return _corroborated(pro, con, specific_for, catalog) or _against(pro, con, catalog)


def _corroborated(pro: _Side, con: _Side, specific_for: Evidence | None,
                  catalog: Catalog) -> _Decision | None:
    """Rule 2: generic evidence for, with specific evidence for and no specific against."""
    generic_for = _Side.best(pro.generic)
    contested = _Side.weight(_Side.best(con.specific)) >= YES_AT
    if (generic_for is not None and generic_for.weight >= YES_AT and specific_for is not None
            and specific_for.weight >= CORROBORATE_AT and not contested):
        return (AnswerValue.YES, Confidence.MEDIUM,
                f"{catalog.title(generic_for.signal)}, with {_cite(specific_for, catalog)}")
    return None


def _against(pro: _Side, con: _Side, catalog: Catalog) -> _Decision | None:
    """Rule 3: evidence against answers no."""
    strongest_against = _Side.best(con.items)
    if strongest_against is None or strongest_against.weight < YES_AT:
        return None
    high = _Side.weight(_Side.best(pro.items)) < CONFIDENCE_AT
    return (AnswerValue.NO, Confidence.HIGH if high else Confidence.MEDIUM,
            catalog.title(strongest_against.signal))


def _top(items: list[Evidence]) -> tuple[list[Evidence], int]:
    """The strongest MAX_LISTED observations (one per place and signal), and how many are left out."""
    unique = {(e.path, e.line, e.signal): e for e in sorted(items, key=evidence_order, reverse=True)}
    return sorted(unique.values(), key=evidence_order)[:MAX_LISTED], max(len(unique) - MAX_LISTED, 0)


def _kind(item: Evidence) -> str:
    """How evidence for that did not decide is named: generic when it was strong enough alone."""
    return "generic" if item.weight >= YES_AT else "weak"


def _cite(item: Evidence, catalog: Catalog) -> str:
    return f"{catalog.title(item.signal)} ({item.location})"


def _uncounted(pro: list[Evidence], catalog: Catalog) -> str:
    """A no's reason names the strongest evidence for that did not count."""
    return f"; {_kind(pro[0])} evidence for: {_cite(pro[0], catalog)}" if pro else ""


def _absence_reason(pro: list[Evidence], against: tuple[Evidence, ...], catalog: Catalog) -> str:
    paths = sorted({e.path for e in against})
    where = ", ".join(paths[:3]) + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")
    text = f"nothing in {where} or the code shows one"
    if pro:
        text += f"; {_kind(pro[0])} evidence only: {_cite(pro[0], catalog)}"
    return text
