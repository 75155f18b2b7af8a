"""--jobs by default: the CPUs this process may use, within its container's CPU quota."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from framefit.engine.cpus import cpu_quota, usable_cpus


def cgroup(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    return tmp_path


@pytest.mark.parametrize(
    ("files", "quota"),
    [
        pytest.param({"cpu.max": "max 100000\n"}, None, id="v2_no_limit"),
        pytest.param({"cpu.max": "200000 100000\n"}, 2, id="v2_two_cpus"),
        pytest.param({"cpu.max": "150000 100000\n"}, 2, id="v2_rounded_up"),
        pytest.param({"cpu.max": "50000 100000\n"}, 1, id="v2_half_a_cpu"),
        pytest.param({"cpu/cpu.cfs_quota_us": "300000\n", "cpu/cpu.cfs_period_us": "100000\n"}, 3, id="v1"),
        pytest.param({"cpu,cpuacct/cpu.cfs_quota_us": "-1\n", "cpu,cpuacct/cpu.cfs_period_us": "100000\n"},
                     None, id="v1_no_limit"),
        pytest.param({"cpu/cpu.cfs_quota_us": "100000\n"}, None, id="v1_without_a_period"),
        pytest.param({"cpu.max": "garbage\n"}, None, id="unreadable_text"),
        pytest.param({"cpu.max": "0 100000\n"}, None, id="a_zero_quota_is_no_quota"),
        pytest.param({"cpu.max": "\xff\xfe"}, None, id="not_ascii"),
        pytest.param({}, None, id="no_cgroup"),
    ],
)
def test_cpu_quota(tmp_path: Path, files: dict[str, str], quota: int | None) -> None:
    assert cpu_quota(cgroup(tmp_path, files)) == quota


def test_usable_cpus_are_bounded_by_the_quota_and_the_affinity(tmp_path: Path) -> None:
    allowed = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    assert usable_cpus(cgroup(tmp_path / "none", {})) == allowed
    assert usable_cpus(cgroup(tmp_path / "one", {"cpu.max": "100000 100000\n"})) == 1
    assert usable_cpus(cgroup(tmp_path / "many", {"cpu.max": "6400000 100000\n"})) == allowed
