"""The bounds on reading one file of the scanned repository, whatever it holds: how much work,
how long a line, how deep a path. Dependency-free, so the scanners and the configuration share
them without importing each other."""

from __future__ import annotations

from dataclasses import dataclass

# Steps of work one file's scan may take over the file's structure (YAML events, merged keys,
# nodes unfolded, values a setup.py evaluation builds): past it, the file is a `too-complex`
# (or `too-large`) diagnostic. At most about 0.8 s of the slowest of these steps (YAML events)
# on a 2-core 2026 machine.
WORK_BUDGET = 500_000
# Characters in one line that a line-oriented scanner reads: a longer line is a `too-large`
# diagnostic (no hand-written file of ours has one; a generated one is not ours to read).
LINE_LIMIT = 20_000
# Folders in a path that one file names for another to be read (an include, a COPY source): no
# repository is deeper, and a longer one is not looked for.
PATH_PARTS = 64


@dataclass(slots=True)
class Budget:
    """The work one file's scan has left (WORK_BUDGET steps); `spend` is False once it is gone."""

    left: int = WORK_BUDGET

    def spend(self, steps: int = 1) -> bool:
        self.left -= steps
        return self.left >= 0
