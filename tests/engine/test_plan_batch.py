"""plan.batch: which planned files a round takes, and how it asks for the confirmations it needs.

A batch confirms the files whose open groups are all unconfirmed when their turn comes; with a
`prepare`, it confirms many at once. What it takes never depends on how it asks, and where the
confirmations keep bearing out nothing (most files then drop out), it asks for twice as many
each time, so a long run of them costs a few round trips to the pool, not one per few files.
"""

from __future__ import annotations

import pytest

from framefit.engine.plan import Planned, Prepare, batch
from framefit.model import Role
from framefit.walk import WalkedFile

OPEN = frozenset({"user_login+"})


def _planned(count: int, borne_out: set[int]) -> list[Planned]:
    """`count` files whose only group is unconfirmed; the repo bears it out in `borne_out`."""
    items = []
    for number in range(count):
        confirmed = OPEN if number in borne_out else frozenset()
        items.append(Planned(WalkedFile(f"m{number:03}.py", 10, Role.APP, "."), frozenset(), 10,
                             OPEN, lambda confirmed=confirmed: confirmed))
    return items


def _prepare(asked: list[int]) -> Prepare:
    def prepare(items: list[Planned]) -> None:
        asked.append(len(items))
        for item in items:
            item.settle_unconfirmed()

    return prepare


@pytest.mark.parametrize(("count", "borne_out", "size"), [
    (200, set(), 8),
    (200, {3, 150, 199}, 8),
    (200, set(range(0, 200, 7)), 16),
    (40, set(range(40)), 8),
    (5, {4}, 8),
])
def test_what_a_batch_takes_does_not_depend_on_how_it_confirms(count: int, borne_out: set[int],
                                                               size: int) -> None:
    one_by_one = _planned(count, borne_out)
    together = _planned(count, borne_out)
    opened = {p.path: OPEN for p in one_by_one}
    chosen, pending = batch(one_by_one, opened, size)
    asked: list[int] = []
    chosen_together, pending_together = batch(together, opened, size, _prepare(asked))
    assert [p.path for p in chosen_together] == [p.path for p in chosen]
    assert [p.path for p in pending_together] == [p.path for p in pending]
    assert [p.groups for p in chosen_together] == [p.groups for p in chosen] == [OPEN] * len(chosen)
    assert len(chosen) == min(size, len(borne_out))


def test_confirmations_that_bear_out_nothing_are_asked_for_in_doubling_numbers() -> None:
    asked: list[int] = []
    chosen, pending = batch(_planned(300, {299}), {f"m{n:03}.py": OPEN for n in range(300)}, 8,
                            _prepare(asked))
    assert [p.path for p in chosen] == ["m299.py"]
    assert pending == []
    assert asked == [8, 16, 32, 64, 128, 52]  # the last: what is left
    assert sum(asked) == 300  # each file confirmed once


def test_a_batch_that_fills_asks_for_no_more_than_it_takes() -> None:
    asked: list[int] = []
    chosen, pending = batch(_planned(100, set(range(100))), {f"m{n:03}.py": OPEN for n in range(100)},
                            8, _prepare(asked))
    assert len(chosen) == 8
    assert len(pending) == 92
    assert asked == [8]
