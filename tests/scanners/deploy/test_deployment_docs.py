"""Documentation that says which image the app ships in: Dockerfiles in text, changelog lines."""

from __future__ import annotations

from pathlib import PurePosixPath

import pytest

from framefit.scanners.deploy import deployment_docs
from tests import harness


def cited(text: str | bytes, path: str = "README.md") -> list[str]:
    result = harness.scan(deployment_docs, path, text)
    assert result.diagnostics == ()
    return harness.cited(result)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        pytest.param("README.md", True, id="readme"),
        pytest.param("docs/deploy/index.rst", True, id="docs"),
        pytest.param("NEWS.txt", True, id="news_txt"),
        pytest.param("guide.adoc", True, id="asciidoc"),
        pytest.param("requirements.txt", False, id="requirements__no"),
        pytest.param("notes.txt", False, id="other_text__no"),
        pytest.param("Dockerfile", False, id="dockerfile__no"),
    ],
)
def test_matches(path: str, expected: bool) -> None:
    assert deployment_docs.matches(PurePosixPath(path)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("```\nFROM python:3.12-slim\nRUN pip install app\n```\n", ["2 docs-image-small"],
                     id="slim_dockerfile"),
        pytest.param("    FROM gcr.io/distroless/python3\n    COPY . /app\n", ["1 docs-image-small"],
                     id="indented_block"),
        pytest.param("FROM python:3.12\nCOPY . /app\n", ["1 docs-image-full"], id="full_image"),
        pytest.param("FROM python:3.12-slim\n", [], id="from_alone_is_prose"),
        pytest.param("FROM nicolargo/glances\nCOPY a b\n", [], id="unknown_family"),
        pytest.param("FROM postgres:16-alpine\nCOPY init.sql /docker-entrypoint-initdb.d/\n", [],
                     id="database_image"),
        pytest.param("* The Docker image is now based on Alpine 3.20.\n", ["1 docs-image-small"],
                     id="changelog"),
        pytest.param("Update the container base image to python:3.12-slim\n", ["1 docs-image-small"],
                     id="slim_tag_in_prose"),
        pytest.param("Alpine stays the default Docker image.\n", ["1 docs-image-small"], id="any_order"),
        pytest.param("Run `docker run redis:7-alpine` to start the Redis image.\n", [],
                     id="service_image"),
        pytest.param("The page uses Alpine.js inside the Docker image.\n", [], id="alpine_js"),
        pytest.param("Update alpine Docker tag to v3.21\n", [], id="no_image_named"),
        pytest.param("We slimmed the image down; see Docker docs.\n", [], id="slim_verb"),
        pytest.param("Alpine image\nand Docker on another line\n", [], id="one_line_says_it"),
    ],
)
def test_statements(text: str, expected: list[str]) -> None:
    assert cited(text) == expected


def test_one_observation_per_signal_and_the_dockerfile_first() -> None:
    text = ("The Docker image is built on Alpine.\n\n```\nFROM python:3.12-alpine\nCMD app\n```\n"
            "Later: the Docker image moved to Alpine 3.21.\n")
    assert cited(text) == ["4 docs-image-small"]


def test_documentation_in_another_encoding_is_still_read() -> None:
    assert cited("Caf\xe9: the Docker image is based on Alpine.\n".encode("latin-1")) == [
        "1 docs-image-small"]


def test_lines_are_counted_as_editors_count_them() -> None:
    # A form feed or a vertical tab does not end a line for an editor (str.splitlines thinks so).
    assert cited("Intro\x0c page\n\nThe Docker image\x0b is Alpine.\n") == ["3 docs-image-small"]
