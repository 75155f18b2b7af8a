"""compiled.json is the catalog's TOML files parsed, and is used only when compiled from them."""

from __future__ import annotations

from importlib import resources

import pytest

import framefit.catalog as catalog_module
from framefit.catalog import COMPILED, compiled_text


def test_compiled_json_is_up_to_date() -> None:
    shipped = resources.files("framefit.catalog").joinpath(COMPILED).read_text(encoding="utf-8")
    assert shipped == compiled_text(), "catalog edited: run `python -m framefit.catalog`"


def test_a_stale_compiled_file_is_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = catalog_module.load()
    real = catalog_module._data_files

    def edited() -> dict[str, bytes]:
        files = real()
        files["signals.toml"] += b'\n[edited-signal]\nuser_login = "strong"\n'
        return files

    catalog_module.load.cache_clear()
    monkeypatch.setattr(catalog_module, "_data_files", edited)
    try:
        edited_catalog = catalog_module.load()
    finally:
        catalog_module.load.cache_clear()
    assert "edited-signal" in edited_catalog.signals
    assert edited_catalog.version != fresh.version
    assert {k: v for k, v in edited_catalog.signals.items() if k != "edited-signal"} == fresh.signals
