"""One question answered from weighted evidence: yes / no / unknown, with for and against."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from framefit.answers.weigh import HIGH_AT, YES_AT
from framefit.catalog import Catalog, Polarity
from framefit.model import Answer, AnswerValue, Confidence, Evidence, Question, evidence_order

MAX_LISTED = 20  # evidence kept per list: the strongest, then by place
CONFIDENCE_AT = 0.2  # a no is of high confidence only while the evidence for stays under this


def answer(question: Question, evidence: Iterable[Evidence], catalog: Catalog,
           absence_means_no: bool = True) -> Answer:
    """Weigh every observation that bears on `question` (catalog effects decide which do)."""
    pro: list[Evidence] = []
    con: list[Evidence] = []
    looked: list[Evidence] = []
    for item in evidence:
        for effect in catalog.effects(item.signal):
            if effect.question is not question:
                continue
            scored = replace(item, weight=round(item.weight * effect.strength, 3))
            if effect.polarity is Polarity.FOR:
                pro.append(scored)
            elif effect.polarity is Polarity.AGAINST:
                con.append(scored)
            else:
                looked.append(item)
    (pro, pro_out), (con, con_out) = _top(pro), _top(con)
    best_for = pro[0].weight if pro else 0.0
    best_against = con[0].weight if con else 0.0
    if best_for >= YES_AT:
        confidence = Confidence.HIGH if best_for >= HIGH_AT else Confidence.MEDIUM
        return Answer(AnswerValue.YES, confidence, tuple(pro), tuple(con),
                      _reason("yes", pro[0], catalog),
                      evidence_left_out=pro_out, against_left_out=con_out)
    if best_against >= YES_AT:
        confidence = Confidence.HIGH if best_for < CONFIDENCE_AT else Confidence.MEDIUM
        return Answer(AnswerValue.NO, confidence, tuple(pro), tuple(con),
                      _reason("no", con[0], catalog, weak=pro),
                      evidence_left_out=pro_out, against_left_out=con_out)
    if looked and absence_means_no:
        # A manifest was read and nothing (strong enough) turned up: no, with what was read.
        read, read_out = _top(looked)
        against = tuple(con) + tuple(read)
        return Answer(AnswerValue.NO, Confidence.MEDIUM if not pro else Confidence.LOW,
                      tuple(pro), against, _absence_reason(pro, against, catalog),
                      evidence_left_out=pro_out, against_left_out=con_out + read_out)
    return Answer(AnswerValue.UNKNOWN, Confidence.LOW, tuple(pro), tuple(con),
                  "nothing in the repo says" if not pro else
                  f"only weak evidence: {catalog.title(pro[0].signal)}",
                  evidence_left_out=pro_out, against_left_out=con_out)


def _top(items: list[Evidence]) -> tuple[list[Evidence], int]:
    """The strongest MAX_LISTED observations (one per place and signal), and how many are left out."""
    unique = {(e.path, e.line, e.signal): e for e in sorted(items, key=evidence_order, reverse=True)}
    return sorted(unique.values(), key=evidence_order)[:MAX_LISTED], max(len(unique) - MAX_LISTED, 0)


def _reason(value: str, strongest: Evidence, catalog: Catalog,
            weak: list[Evidence] | None = None) -> str:
    text = catalog.title(strongest.signal)
    if weak:
        text += f"; weak evidence for: {catalog.title(weak[0].signal)} ({weak[0].location})"
    return text


def _absence_reason(pro: list[Evidence], against: tuple[Evidence, ...], catalog: Catalog) -> str:
    paths = sorted({e.path for e in against})
    where = ", ".join(paths[:3]) + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")
    text = f"nothing in {where} or the code shows one"
    if pro:
        text += f"; weak evidence only: {catalog.title(pro[0].signal)} ({pro[0].location})"
    return text
