"""Measure what each framework stack adds to an image: run on demand, writes catalog/footprint.toml.

    python benchmarks/footprint.py [--out PATH]

For every stack a fresh venv (``python -m venv``, pip as bundled, nothing upgraded) gets
``pip install <stack>`` from PyPI, as a Dockerfile ``RUN pip install`` would (pip's default
compiles .pyc). What the install added to site-packages, compared with an empty venv, is measured
as an image layer holds it:

- file bytes: the sum of the regular files' sizes (.pyc included), not ``du`` blocks;
- layer bytes: a tar estimate, a 512-byte header per file and directory plus each file's content
  rounded up to 512 bytes (what an uncompressed layer of those files takes);
- wheel bytes: the sum of the files ``pip download --only-binary=:all:`` fetches for the stack.

Every installed distribution is also measured on its own (the files its RECORD lists, its wheel,
its runtime requirements), so the answers stage can estimate a stack nobody measured as the
dependency closure of what a service declares. Needs network access; never run from tests.
"""

from __future__ import annotations

import argparse
import datetime
import json
import platform
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from email.parser import Parser
from pathlib import Path
from typing import Any

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

OUT = Path(__file__).resolve().parent.parent / "src/framefit/catalog/footprint.toml"
BLOCK = 512

STACKS: dict[str, tuple[str, ...]] = {
    "flask": ("flask",),
    "django": ("django",),
    "fastapi": ("fastapi",),
    "flask-sqlalchemy-psycopg2": ("flask", "flask-sqlalchemy", "psycopg2-binary"),
    "flask-sqlalchemy-login-psycopg2": ("flask", "flask-sqlalchemy", "flask-login",
                                        "psycopg2-binary"),
    "django-psycopg2": ("django", "psycopg2-binary"),
    "django-drf": ("django", "djangorestframework"),
}
# Measured for the distribution table only (drivers and servers a service may declare).
EXTRAS = ("psycopg[binary]", "pymysql", "mysql-connector-python", "asyncpg", "gunicorn", "uvicorn")


@dataclass
class Tally:
    """Files and directories, summed as file bytes and as a tar layer."""

    files: int = 0
    file_bytes: int = 0
    layer_bytes: int = 0
    dirs: set[str] = field(default_factory=set)

    def add(self, relpath: str, size: int) -> None:
        self.files += 1
        self.file_bytes += size
        self.layer_bytes += BLOCK + -(-size // BLOCK) * BLOCK
        parts = relpath.split("/")[:-1]
        self.dirs.update("/".join(parts[: i + 1]) for i in range(len(parts)))

    @property
    def layer_total(self) -> int:
        return self.layer_bytes + BLOCK * len(self.dirs)


def run(*args: str | Path) -> str:
    """Run a command, fail loudly, return its stdout."""
    done = subprocess.run([str(a) for a in args], check=True, capture_output=True, text=True)
    return done.stdout


def make_venv(where: Path) -> tuple[Path, Path]:
    """A fresh venv: its python and its site-packages."""
    run(sys.executable, "-m", "venv", where)
    python = where / "bin/python"
    site = Path(run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").strip())
    return python, site


def tree(site: Path) -> dict[str, int]:
    """Every regular file under site-packages, relative path -> size."""
    return {p.relative_to(site).as_posix(): p.stat().st_size
            for p in site.rglob("*") if p.is_file() and not p.is_symlink()}


def added(before: dict[str, int], after: dict[str, int]) -> Tally:
    """What an install added (new files, and growth of files that were there)."""
    tally = Tally()
    for path, size in sorted(after.items()):
        if path not in before:
            tally.add(path, size)
    return tally


def wheels(python: Path, requirements: tuple[str, ...], where: Path) -> dict[str, int]:
    """Downloaded wheel bytes per canonical distribution name."""
    run(python, "-m", "pip", "download", "-q", "--only-binary=:all:", "-d", where, *requirements)
    return {canonicalize_name(p.name.split("-")[0]): p.stat().st_size for p in where.iterdir()}


def distributions(site: Path, base: dict[str, int]) -> dict[str, Row]:
    """Per installed distribution (not in the empty venv): version, sizes and requirements."""
    found: dict[str, Row] = {}
    for info in sorted(site.glob("*.dist-info")):
        meta = Parser().parsestr((info / "METADATA").read_text(encoding="utf-8"))
        name = canonicalize_name(meta["Name"])
        tally = Tally()
        for row in (info / "RECORD").read_text(encoding="utf-8").splitlines():
            rel = (site / row.split(",")[0]).resolve()
            if rel.is_file() and rel.is_relative_to(site):
                tally.add(rel.relative_to(site).as_posix(), rel.stat().st_size)
        if any(p.startswith(info.name) for p in base):
            continue  # pip and setuptools of the empty venv
        found[name] = {"version": meta["Version"], "file_bytes": tally.file_bytes,
                       "layer_bytes": tally.layer_total, "files": tally.files,
                       "requires": runtime_requires(meta.get_all("Requires-Dist") or [])}
    return found


def runtime_requires(lines: list[str]) -> list[str]:
    """Requirement names that apply here without any extra."""
    names = set()
    for line in lines:
        req = Requirement(line)
        if req.marker is None or req.marker.evaluate({"extra": ""}):
            names.add(canonicalize_name(req.name))
    return sorted(names)


Row = dict[str, Any]


def measure(name: str, requirements: tuple[str, ...], work: Path) -> tuple[Row, dict[str, Row]]:
    """One stack in its own venv: the stack's row and its distributions' rows."""
    python, site = make_venv(work / name)
    before = tree(site)
    run(python, "-m", "pip", "install", "-q", "--disable-pip-version-check", *requirements)
    after = tree(site)
    tally = added(before, after)
    dists = distributions(site, before)
    wheel = wheels(python, requirements, work / f"{name}-wheels")
    for dist, row in dists.items():
        row["wheel_bytes"] = wheel.get(dist, 0)
    row = {"requirements": list(requirements), "file_bytes": tally.file_bytes,
           "layer_bytes": tally.layer_total, "files": tally.files,
           "wheel_bytes": sum(wheel.values()),
           "versions": {d: str(r["version"]) for d, r in sorted(dists.items())}}
    return row, dists


def toml_value(value: object) -> str:
    """A TOML literal for the values this file holds (str, int, list, flat dict)."""
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{toml_key(k)} = {toml_value(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, int):
        return str(value)
    return json.dumps(str(value))


def toml_key(key: str) -> str:
    return key if key.replace("-", "").replace("_", "").isalnum() else json.dumps(key)


def render(meta: Row, stacks: dict[str, Row], dists: dict[str, Row]) -> str:
    """The data file: meta, one table per stack, one per distribution."""
    lines = ["# Measured by benchmarks/footprint.py (python benchmarks/footprint.py); do not edit.",
             "# Sizes in bytes. See the README section 'Footprint, measured'.", "", "[meta]"]
    lines += [f"{k} = {toml_value(v)}" for k, v in meta.items()]
    for group, rows in (("stacks", stacks), ("distributions", dists)):
        for key, row in rows.items():
            lines += ["", f"[{group}.{toml_key(key)}]"]
            lines += [f"{k} = {toml_value(v)}" for k, v in row.items()]
    return "\n".join(lines) + "\n"


def main() -> None:
    """Measure every stack and write the data file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    stacks: dict[str, Row] = {}
    dists: dict[str, Row] = {}
    with tempfile.TemporaryDirectory(prefix="footprint-") as tmp:
        python, _ = make_venv(Path(tmp) / "empty")
        pip_version = run(python, "-m", "pip", "--version").split()[1]
        for name, requirements in [*STACKS.items(), ("extras", EXTRAS)]:
            print(f"measuring {name}: {' '.join(requirements)}", file=sys.stderr)
            stack, found = measure(name, requirements, Path(tmp))
            if name in STACKS:
                stacks[name] = stack
            for dist, measured in found.items():
                dists.setdefault(dist, measured)
    meta: Row = {"date": datetime.date.today().isoformat(), "python": platform.python_version(),
            "implementation": platform.python_implementation(), "pip": pip_version,
            "platform": f"{sys.platform}-{platform.machine()}",
            "method": ("fresh venv per stack, pip install (default: .pyc compiled); file_bytes = "
                       "sum of regular file sizes added to site-packages; layer_bytes = tar "
                       "estimate (512-byte header per file and directory, content rounded up to "
                       "512); wheel_bytes = files fetched by pip download --only-binary=:all:")}
    args.out.write_text(render(meta, stacks, dict(sorted(dists.items()))), encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
