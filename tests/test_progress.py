"""The progress bar: silent on short runs and non-terminals, drawn on stderr once a run is slow."""

from __future__ import annotations

from io import StringIO

from rich.console import Console

from framefit import check
from framefit.progress import ProgressBar
from tests.conftest import FIXTURES


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def _terminal() -> tuple[Console, StringIO]:
    buffer = StringIO()
    return Console(file=buffer, force_terminal=True, width=80), buffer


def test_nothing_is_drawn_before_the_delay() -> None:
    console, buffer = _terminal()
    clock = Clock()
    with ProgressBar(enabled=True, console=console, clock=clock) as bar:
        clock.now += 0.5
        bar(10, 100)
    assert buffer.getvalue() == ""
    assert (bar.done, bar.total) == (10, 100)


def test_a_slow_run_draws_the_bar_and_removes_it_at_the_end() -> None:
    console, buffer = _terminal()
    clock = Clock()
    with ProgressBar(enabled=True, console=console, clock=clock) as bar:
        bar(0, 40)
        clock.now += 1.5
        bar(20, 40)
        bar(40, 40)
    drawn = buffer.getvalue()
    assert "framefit: scanning" in drawn
    assert "40/40" in drawn
    assert bar.elapsed() == 1.5


def test_disabled_never_draws() -> None:
    console, buffer = _terminal()
    clock = Clock()
    with ProgressBar(enabled=False, console=console, clock=clock) as bar:
        clock.now += 5
        bar(1, 2)
    assert buffer.getvalue() == ""
    assert (bar.done, bar.total) == (1, 2)


def test_check_reports_progress_from_zero_to_every_file() -> None:
    calls: list[tuple[int, int]] = []
    check(FIXTURES / "flask_sqlalchemy_login", progress=lambda done, total: calls.append((done, total)))
    assert calls[0] == (0, 4)  # app/__init__.py, app/models.py, app/views.py, requirements.txt
    assert calls[-1] == (4, 4)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
    assert {total for _, total in calls} == {4}
