"""The setup.cfg scanner: [options] requirement keys and [options.extras_require]."""

from __future__ import annotations

from pathlib import PurePosixPath

from framefit.model import Dependency, Evidence
from framefit.scanners.base import ScanResult
from framefit.scanners.manifests import setup_cfg
from tests.harness import diagnosed, listed, scan


def run(text: str | bytes) -> ScanResult:
    return scan(setup_cfg.SCANNER, "setup.cfg", text)


def test_matches() -> None:
    assert setup_cfg.matches(PurePosixPath("src/setup.cfg"))
    assert not setup_cfg.matches(PurePosixPath("setup.cfg.in"))


def test_multi_line_values_one_line_values_and_extras() -> None:
    result = run(
        "[metadata]\n"
        "name = x\n"
        "\n"
        "[options]\n"
        "install_requires =\n"
        "    Flask>=3  # the web part\n"
        "    # a comment line\n"
        "    gunicorn; sys_platform != 'win32'\n"
        "tests_require = pytest; coverage\n"
        "setup_requires = setuptools_scm\n"
        "\n"
        "[options.extras_require]\n"
        "postgres = psycopg2\n"
        "docs =\n"
        "    sphinx\n"
    )
    assert result.dependencies[0] == Dependency("setup.cfg", 6, "flask", "Flask", "runtime", "",
                                                "Flask>=3 # the web part")
    assert listed(result) == [
        "setup.cfg:6 flask runtime",
        "setup.cfg:8 gunicorn runtime [sys_platform != \"win32\"]",
        "setup.cfg:9 pytest test",
        "setup.cfg:9 coverage test",
        "setup.cfg:10 setuptools-scm build",
        "setup.cfg:13 psycopg2 optional:postgres",
        "setup.cfg:15 sphinx docs",
    ]
    assert result.evidence == (Evidence("setup.cfg", 5, "manifest", "7 requirements"),)
    assert result.diagnostics == ()


def test_a_tool_config_is_no_manifest() -> None:
    assert run("[flake8]\nmax-line-length = 100\n[options]\npackages = find:\n") == ScanResult()


def test_an_empty_extras_section_still_makes_a_manifest() -> None:
    result = run("[options]\ninstall_requires =\n[options.extras_require]\n")
    assert result.dependencies == ()
    assert result.evidence == (Evidence("setup.cfg", 2, "manifest", "0 requirements"),)


def test_a_bad_requirement_is_a_diagnostic_and_the_rest_is_read() -> None:
    result = run("[options]\ninstall_requires =\n    flask\n    not valid !!\n    redis\n")
    assert listed(result) == ["setup.cfg:3 flask runtime", "setup.cfg:5 redis runtime"]
    assert diagnosed(result) == ["setup.cfg:4 parse-error"]


def test_undecodable_is_a_diagnostic() -> None:
    assert diagnosed(run(b"[options]\ninstall_requires = caf\xe9\n")) == ["setup.cfg:2 decode-error"]
