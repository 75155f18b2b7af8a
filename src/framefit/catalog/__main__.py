"""`python -m framefit.catalog`: write compiled.json from the catalog's TOML files."""

from __future__ import annotations

from pathlib import Path

from framefit.catalog import COMPILED, compiled_text

if __name__ == "__main__":
    target = Path(__file__).with_name(COMPILED)
    target.write_text(compiled_text(), encoding="utf-8")
    print(f"wrote {target}")
