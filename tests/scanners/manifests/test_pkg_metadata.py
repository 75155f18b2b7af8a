"""The packaging-metadata scanner: PKG-INFO / METADATA Requires-Dist and egg-info requires.txt."""

from __future__ import annotations

from pathlib import PurePosixPath

import pytest

from framefit.model import Dependency, Evidence
from framefit.scanners.base import ScanResult
from framefit.scanners.manifests import pkg_metadata
from tests.harness import diagnosed, listed, scan


def run(text: str | bytes, path: str = "PKG-INFO") -> ScanResult:
    return scan(pkg_metadata.SCANNER, path, text)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        pytest.param("PKG-INFO", True, id="sdist"),
        pytest.param("x.egg-info/PKG-INFO", True, id="egg_info"),
        pytest.param("x-1.0.dist-info/METADATA", True, id="wheel"),
        pytest.param("x.egg-info/requires.txt", True, id="requires_txt"),
        pytest.param("docs/METADATA", False, id="metadata_elsewhere__no"),
        pytest.param("requires.txt", False, id="requires_txt_elsewhere__no"),
    ],
)
def test_matches(path: str, expected: bool) -> None:
    assert pkg_metadata.matches(PurePosixPath(path)) is expected


def test_requires_dist_with_extras_and_folded_headers() -> None:
    result = run(
        "Metadata-Version: 2.1\n"
        "Name: x\n"
        "Description: a long\n"
        "        folded description\n"
        "Requires-Dist: Flask>=3\n"
        "Requires-Dist: psycopg2; extra == 'pg'\n"
        "Requires-Dist: pywin32; sys_platform == 'win32' and\n"
        "  extra == \"test\"\n"
        "\n"
        "Requires-Dist: in-the-body-is-not-a-header\n"
    )
    assert result.dependencies[0] == Dependency("PKG-INFO", 5, "flask", "Flask", "runtime", "",
                                                "Requires-Dist: Flask>=3")
    assert listed(result) == [
        "PKG-INFO:5 flask runtime",
        'PKG-INFO:6 psycopg2 optional:pg [extra == "pg"]',
        'PKG-INFO:7 pywin32 test [sys_platform == "win32" and extra == "test"]',
    ]
    assert result.evidence == (Evidence("PKG-INFO", None, "manifest", "3 requirements"),)


def test_metadata_without_requirements_is_no_manifest() -> None:
    assert run("Metadata-Version: 1.0\nName: x\n") == ScanResult()


def test_requires_txt_sections() -> None:
    result = run(
        "Django>=4\n"
        "\n"
        "[:python_version < \"3.11\"]\n"
        "tomli\n"
        "\n"
        "[mysql]\n"
        "mysqlclient\n"
        "\n"
        "[docs:sys_platform != \"win32\"]\n"
        "sphinx\n",
        path="x.egg-info/requires.txt",
    )
    assert listed(result) == [
        "x.egg-info/requires.txt:1 django runtime",
        'x.egg-info/requires.txt:4 tomli runtime [python_version < "3.11"]',
        "x.egg-info/requires.txt:7 mysqlclient optional:mysql",
        'x.egg-info/requires.txt:10 sphinx docs [sys_platform != "win32"]',
    ]


def test_bad_lines_are_diagnostics_and_the_rest_is_read() -> None:
    result = run("Requires-Dist: !!\nRequires-Dist: redis\n")
    assert listed(result) == ["PKG-INFO:2 redis runtime"]
    assert diagnosed(result) == ["PKG-INFO:1 parse-error"]
    assert diagnosed(run(b"Requires-Dist: caf\xe9\n")) == ["PKG-INFO:1 decode-error"]
