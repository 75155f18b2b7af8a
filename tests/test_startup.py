"""What a run imports (issue 16's fixed cost): a module that only some runs need is imported by
those runs alone — PyYAML when a YAML file is read, packaging when a PEP 508 string is parsed,
sqlite3 when the per-file cache is used, the process pool when it is started, rich for the text
report — and a run the report cache answers loads no scanner. Each run is a fresh interpreter, which
lists the modules it imported as it ends, and prints what the API reports."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from framefit import check
from tests.conftest import FIXTURES, aged_copy

LEAN = FIXTURES / "flask_poetry_lean"  # no YAML file, no PEP 508 string
# Needed on some runs only, and each a few milliseconds or more of a run that imports it.
OPTIONAL = ("yaml", "packaging", "sqlite3", "concurrent.futures", "multiprocessing", "rich",
            "logging", "tomlkit")
SCANNING = ("framefit.engine.pipeline", "framefit.scanners.registry")
# A run the report cache answers scans nothing, and a JSON report of it loads no catalog either
# (some 5 ms): the answers' evidence lists are in their order already (model.Answer). The CLI
# alone loads neither.
CATALOG = ("framefit.catalog",)


# Runs the CLI as `python -m framefit` does, and lists sys.modules when it ends (at os._exit).
PROBE = """
import os, sys
def _exit(code, _end=os._exit):
    sys.stderr.write("\\nMODULES " + " ".join(sorted(sys.modules)) + "\\n")
    sys.stderr.flush()
    _end(code)
os._exit = _exit
sys.argv[0] = "framefit"
from framefit.cli import main
main()
"""


def imported(*args: str) -> tuple[set[str], str]:
    """The modules a fresh interpreter running `framefit ARGS` has imported, and its stdout."""
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100"}
    done = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True,
                          env=env, timeout=120, check=False)
    assert done.returncode in (0, 1), done.stderr[-2000:]
    listed = done.stderr.rpartition("\nMODULES ")[2]
    return set(listed.split()), done.stdout


def check_json(tree: Path, *options: str) -> tuple[set[str], dict[str, object]]:
    modules, out = imported("check", "--format", "json", *options, str(tree))
    return modules, json.loads(out)


def test_the_cli_alone_loads_no_optional_module_and_no_scanner() -> None:
    modules, _ = imported("--version")
    assert "click" in modules  # the parse is read: a module the CLI needs is listed
    assert modules.isdisjoint(CATALOG), sorted(modules.intersection(CATALOG))
    assert modules.isdisjoint(OPTIONAL + SCANNING), sorted(modules.intersection(OPTIONAL + SCANNING))


def test_a_run_without_yaml_or_pep508_strings_imports_none_of_their_parsers() -> None:
    modules, report = check_json(LEAN, "--no-cache")
    assert "framefit.scanners.registry" in modules
    assert modules.isdisjoint(OPTIONAL), sorted(modules.intersection(OPTIONAL))
    assert report == check(LEAN).to_dict()


def test_a_run_without_a_cache_or_a_move_imports_neither() -> None:
    modules, report = check_json(LEAN, "--no-cache")
    services = report["services"]
    assert isinstance(services, list)
    assert [s["fits"] for s in services] == [True]  # no move to size
    assert "framefit.answers.move" not in modules
    caches = {m for m in modules if m.startswith("framefit.cache.")}
    assert caches == {"framefit.cache.scan_lookup", "framefit.cache.stamps"}  # files' sizes only
    unfit, _ = check_json(FIXTURES / "flask_sqlalchemy_login", "--no-cache")
    assert "framefit.answers.move" in unfit


def test_a_run_reading_yaml_and_requirements_imports_their_parsers() -> None:
    tree = FIXTURES / "compose_postgres_redis"  # docker-compose.yml, requirements.txt
    modules, report = check_json(tree, "--no-cache")
    assert {"yaml", "packaging.requirements"} <= modules
    assert modules.isdisjoint({"sqlite3", "concurrent.futures", "rich"})
    assert report == check(tree).to_dict()


def test_a_run_imports_the_reporter_of_its_format_only() -> None:
    text, _ = imported("check", "--no-cache", "--color", "never", str(LEAN))
    as_json, _report = check_json(LEAN, "--no-cache")
    assert {"framefit.reporters.text", "rich"} <= text  # the text report is laid out with rich
    assert "framefit.reporters.json" not in text
    assert "framefit.reporters.json" in as_json
    assert as_json.isdisjoint({"framefit.reporters.text", "rich"})


@pytest.mark.parametrize("tree", [LEAN, FIXTURES / "compose_postgres_redis"], ids=["lean", "compose"])
def test_a_run_the_report_cache_answers_loads_no_scanner(tree: Path, tmp_path: Path) -> None:
    copy = aged_copy(tree, tmp_path / "repo")
    cache = ["--cache-dir", str(tmp_path / "cache")]
    first_modules, first = check_json(copy, *cache)
    modules, again = check_json(copy, *cache)
    assert "sqlite3" in first_modules  # the first run scanned, with the per-file cache
    assert again == first
    assert modules.isdisjoint(OPTIONAL + SCANNING), sorted(modules.intersection(OPTIONAL + SCANNING))
    assert modules.isdisjoint(CATALOG), sorted(modules.intersection(CATALOG))
    assert "framefit.reporters.text" not in modules


def test_the_command_keeps_the_runs_collector_pace_to_its_end() -> None:
    probe = PROBE.replace('" ".join(sorted(sys.modules))', 'str(__import__("gc").get_threshold()[0])')
    done = subprocess.run([sys.executable, "-c", probe, "check", "--format", "json", "--no-cache",
                           str(LEAN)], capture_output=True, text=True, timeout=120, check=False)
    from framefit.engine.collector import YOUNG_THRESHOLD

    assert int(done.stderr.rpartition("\nMODULES ")[2]) == YOUNG_THRESHOLD, done.stderr[-2000:]
