"""`scanners_for` keeps a matcher's answer by file name only where the name decided it: whatever
order paths come in, it gives what asking every scanner's `matches` about the path gives."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath

import pytest
from hypothesis import given
from hypothesis import strategies as st

from framefit.scanners import registry
from framefit.scanners.registry import SCANNERS, scanners_for

# Names some matcher reads the folders for (requirements/, manifests folders, .dist-info...),
# and names the name alone decides.
NAMES = ["base.txt", "requirements.txt", "prod.in", "web.yaml", "values.yaml", "Chart.yaml",
         "main.json", "azuredeploy.json", "METADATA", "requires.txt", "PKG-INFO", "app.py",
         "Dockerfile", "README.md", "notes.txt", "schema.sql", "app.yaml", "config.json"]
FOLDERS = ["requirements", "k8s", "templates", "infra", "x.dist-info", "y.egg-info", "src",
           ".do", ".chalice", "deploy"]


def _asked(path: str) -> tuple[str, ...]:
    return tuple(s.name for s in SCANNERS if s.matches(PurePosixPath(path)))


def _given(path: str) -> tuple[str, ...]:
    return tuple(s.name for s in scanners_for(path))


@pytest.fixture(autouse=True)
def _fresh() -> Iterator[None]:
    registry.forget()
    yield
    registry.forget()


def test_a_name_read_with_its_folders_is_asked_for_each_path() -> None:
    assert _given("requirements/base.txt") == ("requirements",)
    assert _given("docs/base.txt") == ()
    assert _given("k8s/web.yaml") == ("kubernetes",)
    assert _given("web.yaml") == ()
    assert _given("a/x.dist-info/METADATA") == ("pkg_metadata",)
    assert _given("METADATA") == ()


def test_a_name_that_decides_is_answered_from_what_is_kept() -> None:
    assert _given("app.py") == ("python",)
    assert registry._BY_NAME["app.py"] == scanners_for("app.py")
    assert _given("deep/down/app.py") == ("python",)


@given(st.lists(st.tuples(st.lists(st.sampled_from(FOLDERS), max_size=3), st.sampled_from(NAMES)),
                min_size=1, max_size=12))
def test_any_order_of_paths_gives_what_the_matchers_say(paths: list[tuple[list[str], str]]) -> None:
    registry.forget()
    for folders, name in paths:
        path = "/".join([*folders, name])
        assert _given(path) == _asked(path), path


def test_past_the_names_kept_each_path_is_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "NAMES_KEPT", 1)
    for path in ["app.py", "requirements/base.txt", "base.txt", "k8s/web.yaml", "web.yaml"]:
        assert _given(path) == _asked(path)
    assert len(registry._BY_NAME) == 1
