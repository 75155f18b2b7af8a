"""Wall time and peak memory of framefit against deptry on the same trees (run on demand).

    python benchmarks/perf.py [TREE ...] [--runs 5] [--json OUT]

Without TREE, the standard set: the largest PyPI corpus trees (../corpus/src, `fetch.sh`) and the
two largest public trees, saleor/saleor and getredash/redash, exported at the HEAD of the
snapshot that the search tool's fetch of `github:saleor/saleor` / `github:getredash/redash`
returns (`git -C GITDIR archive HEAD | tar -x -C ../bigtrees/saleor+saleor`). Trees not on disk
are named on stderr and skipped.

For each tree it times, as whole processes and interleaved run by run:
  - framefit cold: `framefit check --format json --no-cache TREE`
  - framefit warm: the same with a cache directory filled by a first, untimed run
  - deptry: `deptry TREE` (install it with `pip install deptry`; its exit code is ignored), run
    from a scratch folder holding a minimal pyproject.toml: deptry reads the dependency
    declarations of its working directory and exits at once, scanning nothing, when it finds
    none there (most of these trees have none it reads)
and prints medians, the framefit/deptry ratio, the warm/cold ratio and each command's peak
resident memory. The page cache is warm for every command alike (each tree is read once first).
framefit's own modules are byte-compiled first, as installing a wheel does: an editable install
where PYTHONDONTWRITEBYTECODE is set would otherwise compile every module on every run.
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def measure(command: list[str], env: dict[str, str], cwd: Path | None = None) -> tuple[float, int]:
    """(wall seconds, peak RSS in KiB) of one run of `command`."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
                               cwd=cwd)
    _, _, usage = os.wait4(process.pid, 0)
    return time.perf_counter() - started, usage.ru_maxrss


def count(tree: Path) -> tuple[int, int, int]:
    py = files = size = 0
    for path in tree.rglob("*"):
        if path.is_file() and not path.is_symlink():
            files += 1
            size += path.stat().st_size
            py += path.suffix == ".py"
    return py, files, size


def bench(tree: Path, runs: int, framefit: str, deptry: str | None) -> dict[str, object]:
    env = dict(os.environ)
    cache = Path(tempfile.mkdtemp(prefix="framefit-bench-"))
    commands = {
        "framefit cold": [framefit, "check", "--format", "json", "--no-cache", str(tree)],
        "framefit warm": [framefit, "check", "--format", "json", "--cache-dir", str(cache), str(tree)],
    }
    if deptry:
        commands["deptry"] = [deptry, str(tree)]
    scratch = Path(tempfile.mkdtemp(prefix="deptry-cwd-"))
    (scratch / "pyproject.toml").write_text('[project]\nname = "bench"\nversion = "0"\ndependencies = []\n')
    cwd = {"deptry": scratch}
    for name, command in commands.items():  # warm the page cache and framefit's cache, untimed
        measure(command, env, cwd.get(name))
    samples: dict[str, list[tuple[float, int]]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            samples[name].append(measure(command, env, cwd.get(name)))
    shutil.rmtree(cache, ignore_errors=True)
    shutil.rmtree(scratch, ignore_errors=True)
    py, files, size = count(tree)
    row: dict[str, object] = {"tree": tree.name, "py_files": py, "files": files, "mb": round(size / 1e6, 1)}
    for name, values in samples.items():
        row[name] = round(statistics.median(v[0] for v in values), 3)
        row[name + " rss_mb"] = round(max(v[1] for v in values) / 1024, 1)
    # Ratios are medians of the pairwise ratios: runs are interleaved, so a pair shares the
    # machine's state of the moment, and a ratio taken pair by pair stays meaningful when that
    # drifts (as it does on a shared machine).
    if deptry:
        row["cold/deptry"] = _paired(samples["framefit cold"], samples["deptry"])
    row["warm/cold"] = _paired(samples["framefit warm"], samples["framefit cold"])
    return row


def _paired(first: list[tuple[float, int]], second: list[tuple[float, int]]) -> float:
    return round(statistics.median(a[0] / b[0] for a, b in zip(first, second, strict=True)), 2)


HERE = Path(__file__).resolve().parent
WORK = HERE.parent.parent  # the folder that holds the checkout, ../corpus and ../bigtrees
STANDARD = (
    "corpus/src/httpbin-0.10.4", "corpus/src/weblate-2026.10.1", "corpus/src/pgadmin4-9.18",
    "corpus/src/indico-3.3.14", "corpus/src/moto-5.2.5", "corpus/src/mlflow-3.18.0",
    "bigtrees/saleor+saleor", "bigtrees/getredash+redash",
)


def standard_trees() -> list[Path]:
    found = []
    for name in STANDARD:
        tree = WORK / name
        if tree.is_dir():
            found.append(tree)
        else:
            print(f"missing {tree}: see the docstring to get it", file=sys.stderr)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("trees", nargs="*", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    framefit = shutil.which("framefit") or sys.exit("framefit is not on PATH")
    spec = importlib.util.find_spec("framefit")
    if spec is not None and spec.origin is not None:
        compileall.compile_dir(Path(spec.origin).parent, quiet=1)
    deptry = shutil.which("deptry")
    if deptry is None:
        print("deptry not found (pip install deptry): timing framefit alone", file=sys.stderr)
    trees = args.trees or standard_trees()
    if not trees:
        sys.exit("no tree to time: name some, or put the standard ones where the docstring says")
    rows = [bench(tree.resolve(), args.runs, framefit, deptry) for tree in trees]
    columns = list(rows[0])
    print(" | ".join(columns))
    for row in rows:
        print(" | ".join(str(row.get(c, "")) for c in columns))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
