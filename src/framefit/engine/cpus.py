"""How many CPUs this process may use: the ones its affinity allows, at most the CPU quota of
the container (cgroup) it runs in, which `os.cpu_count()` knows nothing of."""

from __future__ import annotations

import math
import os
from pathlib import Path

CGROUP = Path("/sys/fs/cgroup")
_READ = 64  # bytes: "max 100000", "150000 100000", "-1"


def usable_cpus(cgroup: Path = CGROUP) -> int:
    """The CPUs this process may run on (`os.sched_getaffinity`, else `os.cpu_count()`),
    bounded by the cgroup's CPU quota rounded up; at least 1."""
    try:
        count = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        count = os.cpu_count() or 1
    quota = cpu_quota(cgroup)
    return max(1, min(count, quota) if quota else count)


def cpu_quota(cgroup: Path = CGROUP) -> int | None:
    """The cgroup's CPU quota in whole CPUs (rounded up), or None when there is none or it
    cannot be read: cgroup v2's `cpu.max` ("QUOTA PERIOD", "max" for none), else v1's
    `cpu.cfs_quota_us` and `cpu.cfs_period_us` (-1 for none)."""
    v2 = _numbers(cgroup / "cpu.max")
    if v2 is not None:
        return _whole(v2)
    for folder in ("cpu", "cpu,cpuacct"):
        quota = _numbers(cgroup / folder / "cpu.cfs_quota_us")
        period = _numbers(cgroup / folder / "cpu.cfs_period_us")
        if quota is not None and period is not None and len(quota) == len(period) == 1:
            return _whole([quota[0], period[0]])
    return None


def _numbers(path: Path) -> list[int] | None:
    """The integers of a small kernel file ("max" as -1); None when it is absent or unreadable."""
    try:
        with path.open("rb") as stream:
            words = stream.read(_READ).decode("ascii").split()
        return [-1 if word == "max" else int(word) for word in words] or None
    except (OSError, UnicodeDecodeError, ValueError):
        return None


def _whole(numbers: list[int]) -> int | None:
    if len(numbers) != 2 or numbers[0] <= 0 or numbers[1] <= 0:
        return None
    return math.ceil(numbers[0] / numbers[1])
