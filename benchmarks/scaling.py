"""How framefit's cold time grows with the tree: K copies of one tree, side by side (run on demand).

    python benchmarks/scaling.py TREE [--copies 1 2 4 8] [--runs 5]

For each K it builds, in a temporary folder, a tree holding K copies of TREE (`copy0/`,
`copy1/`...; files are hard links, so nothing is copied on disk), each copy a service of its
own, and times `framefit check --format json --no-cache` on it as a whole process (the median
of --runs runs, the page cache warm). It prints K, the files, the MB, the median seconds and the
seconds per copy: a flat last column means the time grows linearly with the bytes that matter
(and the first row shows what every run costs whatever the tree).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def build(tree: Path, copies: int, into: Path) -> tuple[int, int]:
    """K hard-linked copies of `tree` under `into`; (files, bytes) of the result."""
    files = size = 0
    for index in range(copies):
        for source in tree.rglob("*"):
            if not source.is_file() or source.is_symlink():
                continue
            target = into / f"copy{index}" / source.relative_to(tree)
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(source, target)
            except OSError:
                shutil.copy2(source, target)
            files += 1
            size += source.stat().st_size
    return files, size


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tree", type=Path)
    parser.add_argument("--copies", type=int, nargs="+", default=[1, 2, 4, 8])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    framefit = shutil.which("framefit") or sys.exit("framefit is not on PATH")
    print("copies | files | mb | seconds | seconds per copy")
    for copies in args.copies:
        with tempfile.TemporaryDirectory(prefix="framefit-scaling-") as folder:
            root = Path(folder)
            files, size = build(args.tree.resolve(), copies, root)
            command = [framefit, "check", "--format", "json", "--no-cache", str(root)]
            timed(command)  # warm the page cache, untimed
            seconds = statistics.median(timed(command) for _ in range(args.runs))
            print(f"{copies} | {files} | {size / 1e6:.1f} | {seconds:.2f} | {seconds / copies:.3f}",
                  flush=True)


if __name__ == "__main__":
    main()
