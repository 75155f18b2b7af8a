"""The Dockerfile scanner: stages, ARG defaults, base families, multi-stage, pip install lines."""

from __future__ import annotations

from pathlib import PurePosixPath

import pytest

from framefit.model import Dependency, Diagnostic, Evidence
from framefit.scanners.base import ScanResult
from framefit.scanners.deploy import dockerfile
from tests import harness


def scan(text: str, path: str = "Dockerfile", **others: str) -> ScanResult:
    return harness.scan(dockerfile, path, text, others)


signals = harness.cited


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        pytest.param("Dockerfile", True, id="plain"),
        pytest.param("deploy/Containerfile", True, id="containerfile"),
        pytest.param("Dockerfile.prod", True, id="suffix"),
        pytest.param("api.Dockerfile", True, id="prefix"),
        pytest.param("Dockerfile-notes.md", False, id="markdown__no"),
        pytest.param("dockerfile.py", False, id="python__no"),
    ],
)
def test_matches(path: str, expected: bool) -> None:
    assert dockerfile.matches(PurePosixPath(path)) is expected


@pytest.mark.parametrize(
    ("image", "signal"),
    [
        pytest.param("python:3.12", "docker-base-full", id="full"),
        pytest.param("ubuntu:24.04", "docker-base-full", id="ubuntu__full"),
        pytest.param("python:3.12-slim-bookworm", "docker-base-slim", id="slim"),
        pytest.param("python:3.12-alpine3.20", "docker-base-alpine", id="alpine"),
        pytest.param("gcr.io/distroless/python3-debian12", "docker-base-distroless", id="distroless"),
        pytest.param("cgr.dev/chainguard/python:latest", "docker-base-chainguard", id="chainguard"),
        pytest.param("scratch", "docker-base-scratch", id="scratch"),
        pytest.param("public.ecr.aws/lambda/python:3.12", "docker-base-lambda", id="lambda"),
        pytest.param("mcr.microsoft.com/azure-functions/python:4-python3.11",
                     "docker-base-azure-functions", id="azure"),
    ],
)
def test_final_base_family(image: str, signal: str) -> None:
    result = scan(f"FROM {image}\nCMD [\"app\"]\n")
    assert result.evidence == (Evidence("Dockerfile", 1, signal, f"FROM {image}"),)
    assert result.diagnostics == ()


def test_unknown_image_says_nothing() -> None:
    assert scan("FROM mycorp/base:1\n") == ScanResult()


def test_arg_defaults_are_substituted_in_from() -> None:
    text = "ARG PY=3.12\nARG VARIANT\nFROM python:${PY}-${VARIANT:-alpine} AS run\n"
    result = scan(text)
    assert result.evidence == (
        Evidence("Dockerfile", 3, "docker-base-alpine", "FROM python:${PY}-${VARIANT:-alpine} AS run"),
    )


def test_arg_without_default_is_unresolved() -> None:
    result = scan("ARG BASE\nFROM $BASE\n")
    assert result.evidence == ()
    assert result.diagnostics == (
        Diagnostic("Dockerfile", 2, "unresolved", "FROM uses BASE with no ARG default"),
    )


MULTISTAGE = """\
FROM python:3.12 AS build
RUN pip wheel --wheel-dir /w -r requirements.txt
FROM gcr.io/distroless/python3-debian12
COPY --from=build /w /w
COPY app /app
"""


def test_multistage_only_the_final_stage_ships() -> None:
    result = scan(MULTISTAGE, **{"requirements.txt": "flask\n"})
    assert signals(result) == ["3 docker-base-distroless", "4 docker-multistage"]
    assert result.evidence[1].detail == "COPY --from=build /w /w"


def test_final_stage_from_an_earlier_stage_follows_it() -> None:
    text = "FROM python:3.12-slim AS base\nRUN true\nFROM base AS final\nCMD [\"x\"]\n"
    assert signals(scan(text)) == ["3 docker-base-slim"]


def test_copy_from_a_stage_index_counts_and_an_adapter_image_is_its_own_signal() -> None:
    text = (
        "FROM python:3.12 AS b\nFROM python:3.12-slim\nCOPY --from=0 /x /x\n"
        "COPY --from=public.ecr.aws/awsguru/aws-lambda-adapter:0.8.4 /lambda-adapter "
        "/opt/extensions/lambda-adapter\n"
    )
    assert signals(scan(text)) == ["2 docker-base-slim", "3 docker-multistage", "4 docker-lambda-adapter"]


PIP = """\
FROM python:3.12-slim
ENV DATABASE_URL=postgresql://db/app
RUN apt-get update \\
    && apt-get install -y --no-install-recommends libpq5 \\
    && pip install --no-cache-dir -i https://pypi.org/simple \\
        flask 'psycopg[binary]>=3' ./local.whl $EXTRA \\
    && python -m pip install -r deps.lst
"""


def test_pip_install_packages_are_runtime_dependencies_at_their_line() -> None:
    result = scan(PIP, **{"deps.lst": "gunicorn==23.0\n"})
    assert result.dependencies == (
        Dependency("Dockerfile", 6, "flask", "flask", "runtime", "",
                   "flask 'psycopg[binary]>=3' ./local.whl $EXTRA \\"),
        Dependency("Dockerfile", 6, "psycopg", "psycopg", "runtime", "",
                   "flask 'psycopg[binary]>=3' ./local.whl $EXTRA \\"),
        Dependency("deps.lst", 1, "gunicorn", "gunicorn", "runtime", "", "gunicorn==23.0"),
    )
    assert signals(result) == ["1 docker-base-slim", "2 database-url-relational", "4 docker-size-hygiene"]
    assert result.diagnostics == ()


def test_requirements_file_read_by_its_own_scanner_is_not_read_twice() -> None:
    text = "FROM python:3.12\nCOPY requirements.txt /srv/app/requirements.txt\n" \
           "RUN pip install -r /srv/app/requirements.txt\n"
    result = scan(text, **{"requirements.txt": "flask\n"})
    assert result.dependencies == ()
    assert result.diagnostics == ()


def test_missing_requirements_file_is_unresolved() -> None:
    result = scan("FROM python:3.12\nRUN pip install -r reqs/prod.txt\n")
    assert result.diagnostics == (
        Diagnostic("Dockerfile", 2, "unresolved",
                   "pip install -r reqs/prod.txt: no such file in the repository"),
    )


def test_requirements_in_a_subfolder_build_context() -> None:
    text = "FROM python:3.12\nRUN pip install -r build.deps\n"
    result = scan(text, path="docker/Dockerfile", **{"docker/build.deps": "django\n"})
    assert [(d.path, d.name) for d in result.dependencies] == [("docker/build.deps", "django")]


def test_bad_input_is_a_diagnostic_and_the_rest_still_counts() -> None:
    text = "FROM python:3.12-alpine\nFROB the knob\nRUN pip install 'flask\nRUN pip install gunicorn\n"
    result = scan(text)
    assert signals(result) == ["1 docker-base-alpine"]
    assert [d.name for d in result.dependencies] == ["gunicorn"]
    assert result.diagnostics == (
        Diagnostic("Dockerfile", 2, "parse-error", "unknown instruction FROB the knob"),
        Diagnostic("Dockerfile", 3, "parse-error", "a quote does not close: pip install 'flask"),
    )


def test_no_from_and_undecodable() -> None:
    assert scan("# nothing\nRUN true\n").diagnostics == (
        Diagnostic("Dockerfile", None, "parse-error", "no FROM instruction"),
    )
    result = harness.scan(dockerfile, "Dockerfile", b"FROM \xff\n")
    assert [d.kind for d in result.diagnostics] == ["decode-error"]


def test_heredoc_and_comments_inside_continuations() -> None:
    text = ("FROM python:3.12-slim\nRUN <<EOF\npip install flask\nEOF\n"
            "RUN pip install \\\n# a comment\n    django\n")
    result = scan(text)
    assert [(d.line, d.name) for d in result.dependencies] == [(3, "flask"), (7, "django")]


HEREDOC = """\
# syntax=docker/dockerfile:1
FROM python:3.12-slim
RUN --mount=type=cache,target=/root/.cache <<EOF
set -eux
# don't cache the index
apt-get update && apt-get install -y --no-install-recommends libpq5
pip install "psycopg2-binary==2.9.9" gunicorn
EOF
RUN python3 <<EOF
print("pip install not-a-package")
EOF
COPY <<EOF /app/requirements.txt
flask
EOF
"""


def test_a_shell_heredoc_is_a_script_and_other_heredocs_are_data() -> None:
    result = scan(HEREDOC)
    assert [(d.line, d.name) for d in result.dependencies] == [(7, "psycopg2-binary"), (7, "gunicorn")]
    assert signals(result) == ["2 docker-base-slim", "6 docker-size-hygiene"]
    assert result.diagnostics == ()


STAGE_VARIABLES = """\
ARG DRIVER=psycopg2-binary
ARG UNSEEN=flask
FROM python:3.12 AS base
ARG DRIVER
ARG EXTRAS="gunicorn  whitenoise"
ENV REQ=deps/prod.lst
RUN pip install $DRIVER ${EXTRAS} $UNSEEN
FROM base
RUN pip install -r ${REQ}
"""


def test_arg_and_env_values_are_expanded_in_run_as_docker_scopes_them() -> None:
    result = scan(STAGE_VARIABLES, **{"deps/prod.lst": "django\n"})
    assert [(d.path, d.line, d.name) for d in result.dependencies] == [
        ("Dockerfile", 7, "psycopg2-binary"), ("Dockerfile", 7, "gunicorn"),
        ("Dockerfile", 7, "whitenoise"), ("deps/prod.lst", 1, "django"),
    ]
    assert result.diagnostics == ()


def test_quoted_separators_and_exec_form_split_as_a_shell_splits_them() -> None:
    text = ("FROM python:3.12\n"
            "RUN sed -i \"s|a|b|\" /etc/x && echo 'a; b' && pip install flask\n"
            'RUN ["pip", "install", "django"]\n'
            'RUN ["/bin/sh", "-c", "pip install gunicorn && echo \'done; ok\'"]\n')
    result = scan(text)
    assert [(d.line, d.name) for d in result.dependencies] == [(2, "flask"), (3, "django"), (4, "gunicorn")]
    assert result.diagnostics == ()


@pytest.mark.parametrize(
    ("path", "copies", "about"),
    [
        pytest.param("Dockerfile", ["backend/pyproject.toml /app/", "backend/src/ /app/"], "backend",
                     id="the_manifest_it_copies"),
        pytest.param("Dockerfile", ["gunicorn.conf.py /app/", "services/api/ /app/"], "services/api",
                     id="the_folder_it_copies_loose_files_aside"),
        pytest.param("Dockerfile", ["--chown=app [\"svc/a/*.py\", \"svc/a/static\", \"/app/\"]"], "svc/a",
                     id="flags_json_form_and_globs"),
        pytest.param("Dockerfile", ["requirements.txt /app/", "src/ /app/"], "", id="its_own_manifest"),
        pytest.param("Dockerfile", ["api/requirements.txt /a/", "web/requirements.txt /w/"], "",
                     id="two_services__none"),
        pytest.param("Dockerfile", ["backend/pyproject.toml /app/", ". /app"], "", id="the_whole_context"),
        pytest.param("docker/Dockerfile", ["app/ /app/"], "docker/app", id="below_its_folder"),
        pytest.param("Dockerfile", ["--from=build /w /w", "https://x.org/a.tgz /a"], "",
                     id="stages_and_urls__none"),
    ],
)
def test_evidence_is_about_the_directory_the_build_ships(path: str, copies: list[str],
                                                          about: str) -> None:
    text = "FROM python:3.12-slim\n" + "".join(f"COPY {c}\n" for c in copies)
    result = scan(text, path=path, **{"gunicorn.conf.py": "", "requirements.txt": ""})
    assert [(e.signal, e.about) for e in result.evidence] == [("docker-base-slim", about)]
