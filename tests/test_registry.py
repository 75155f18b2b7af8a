"""The explicit registries are complete: every module's RULE / SCANNER is registered and usable."""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import PurePosixPath

import framefit.reporters
import framefit.rules
import framefit.scanners
from framefit.catalog import load
from framefit.cli import FORMATS
from framefit.reporters import REPORTERS
from framefit.rules import RULES
from framefit.scanners.registry import SCANNERS
from tests.conftest import FIXTURES


def _modules(package: object) -> list[object]:
    """Every module of `package`, its subpackages' included."""
    path = package.__path__  # type: ignore[attr-defined]
    name = package.__name__  # type: ignore[attr-defined]
    return [importlib.import_module(m.name) for m in pkgutil.walk_packages(path, f"{name}.")]


def test_every_rule_module_is_registered() -> None:
    defined = [m.RULE for m in _modules(framefit.rules) if hasattr(m, "RULE")]
    assert sorted(r.id for r in defined) == sorted(r.id for r in RULES)


def test_rules_are_well_formed() -> None:
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
    for rule in RULES:
        assert re.fullmatch(r"FF\d{3}", rule.id)
        module = rule.check.__module__.rsplit(".", 1)[-1]
        assert module == f"{rule.id.lower()}_{rule.name.replace('-', '_')}"
        assert 0 < len(rule.title) < 80
        assert "\n" not in rule.title
        assert rule.rationale
        assert rule.hint
        assert rule.example
        assert "\n" not in rule.hint


def test_every_scanner_module_is_registered() -> None:
    defined = [m.SCANNER for m in _modules(framefit.scanners) if hasattr(m, "SCANNER")]
    assert sorted(s.name for s in defined) == sorted(s.name for s in SCANNERS)


def test_every_scanner_reads_some_fixture() -> None:
    files = [PurePosixPath(p.relative_to(FIXTURES).as_posix()) for p in FIXTURES.rglob("*")
             if p.is_file()]
    for scanner in SCANNERS:
        assert any(scanner.matches(f) for f in files), f"no fixture exercises {scanner.name}"


def test_reporters_are_the_format_choices() -> None:
    assert sorted(REPORTERS) == sorted(FORMATS)


def test_every_reporter_module_is_registered_and_renders() -> None:
    defined = sorted(m.__name__.rsplit(".", 1)[-1] for m in _modules(framefit.reporters)
                     if hasattr(m, "render"))
    assert defined == sorted(REPORTERS.values())


def test_every_signal_in_code_tables_exists() -> None:
    catalog = load()
    for table in ("calls", "bases", "decorators"):
        entries = catalog.table("code").get(table, {})
        assert isinstance(entries, dict)
        for signal in entries.values():
            assert signal in catalog.signals, signal


def test_every_catalog_entry_has_an_effect() -> None:
    catalog = load()
    for entry in list(catalog.distributions.values()) + list(catalog.signals.values()):
        assert entry.effects or entry.framework, f"{entry.id} tells nothing: dead knowledge"
