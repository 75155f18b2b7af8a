"""The collector runs less often during a run, and as before after it."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from framefit import check
from framefit.engine import collector, pipeline
from tests.conftest import FIXTURES


@pytest.fixture
def thresholds() -> Iterator[tuple[int, int, int]]:
    before = gc.get_threshold()
    yield before
    gc.set_threshold(*before)


def _seen_during_run(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int, int]]:
    seen: list[tuple[int, int, int]] = []
    real = pipeline.walk

    def walk(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(gc.get_threshold())
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "walk", walk)
    return seen


def test_a_run_collects_less_often_and_restores_the_thresholds(
        thresholds: tuple[int, int, int], monkeypatch: pytest.MonkeyPatch) -> None:
    gc.set_threshold(700, 10, 10)
    seen = _seen_during_run(monkeypatch)
    check(FIXTURES / "flask_sqlalchemy_login")
    assert seen == [(collector.YOUNG_THRESHOLD, 10, 10)]
    assert gc.get_threshold() == (700, 10, 10)


def test_a_collector_turned_off_stays_off(thresholds: tuple[int, int, int],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    gc.set_threshold(0, 10, 10)
    seen = _seen_during_run(monkeypatch)
    check(FIXTURES / "flask_sqlalchemy_login")
    assert seen == [(0, 10, 10)]
    assert gc.get_threshold() == (0, 10, 10)
