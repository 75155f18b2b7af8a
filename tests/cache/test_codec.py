"""The one codec of both caches loses nothing: every value type survives JSON text and back,
names that are not UTF-8 included, and what it did not write is refused."""

from __future__ import annotations

import os

import pytest
from hypothesis import given
from hypothesis import strategies as st

from framefit.cache import codec
from framefit.model import (
    Answer,
    AnswerValue,
    Confidence,
    Dependency,
    Diagnostic,
    Evidence,
    Finding,
    FrameworkUse,
    Question,
    Report,
    ServiceAnswers,
    Severity,
    frozen_answers,
)
from framefit.scanners.base import ScanResult
from framefit.walk.reader import EXISTS, READ, Probe

# Any text, and names os.fsdecode makes of bytes that are not UTF-8 (lone surrogates).
TEXT = st.one_of(st.text(max_size=20), st.binary(max_size=12).map(os.fsdecode))
LINES = st.one_of(st.none(), st.integers(min_value=-(2**63), max_value=2**63))
WEIGHTS = st.floats(allow_nan=False)

EVIDENCE = st.builds(Evidence, TEXT, LINES, TEXT, TEXT, WEIGHTS, TEXT)
DIAGNOSTICS = st.builds(Diagnostic, TEXT, LINES, TEXT, TEXT)
DEPENDENCIES = st.builds(Dependency, TEXT, LINES, TEXT, TEXT, TEXT, TEXT, TEXT)
PROBES = st.builds(Probe, st.sampled_from([READ, EXISTS]), TEXT, TEXT)
SCANS = st.builds(ScanResult, st.lists(EVIDENCE, max_size=3).map(tuple),
                  st.lists(DIAGNOSTICS, max_size=3).map(tuple), st.lists(DEPENDENCIES, max_size=3).map(tuple))
ANSWERS = st.builds(Answer, st.sampled_from(AnswerValue), st.sampled_from(Confidence),
                    st.lists(EVIDENCE, max_size=2).map(tuple), st.lists(EVIDENCE, max_size=2).map(tuple),
                    TEXT, st.one_of(st.none(), EVIDENCE))
SERVICES = st.builds(
    ServiceAnswers, TEXT, st.one_of(st.none(), TEXT),
    st.lists(st.builds(FrameworkUse, TEXT, st.lists(EVIDENCE, max_size=2).map(tuple)), max_size=2).map(tuple),
    st.dictionaries(st.sampled_from(Question), ANSWERS).map(frozen_answers),
    st.one_of(st.none(), TEXT), st.one_of(st.none(), st.booleans()), st.lists(TEXT, max_size=2).map(tuple))
FINDINGS = st.builds(Finding, TEXT, st.sampled_from(Severity), TEXT, TEXT, TEXT, st.one_of(st.none(), TEXT),
                     LINES, st.lists(EVIDENCE, max_size=2).map(tuple), TEXT)
REPORTS = st.builds(Report, TEXT, st.lists(SERVICES, max_size=2).map(tuple),
                    st.lists(FINDINGS, max_size=2).map(tuple), st.lists(DIAGNOSTICS, max_size=2).map(tuple),
                    TEXT, st.lists(FINDINGS, max_size=2).map(tuple))


def _through_text(value: object) -> object:
    text = codec.dumps(value)
    assert text.isascii()  # survives any strict UTF-8 store (SQLite, a file)
    return codec.loads(text.encode("ascii"))


@given(REPORTS)
def test_a_report_survives(report: Report) -> None:
    assert codec.decode(_through_text(codec.encode(report))) == report


@given(SCANS, st.lists(PROBES, max_size=4).map(tuple))
def test_a_scan_and_its_probes_survive(result: ScanResult, probes: tuple[Probe, ...]) -> None:
    assert codec.scan_from(_through_text(codec.scan_value(result, probes))) == (result, probes)


@given(st.one_of(EVIDENCE, DIAGNOSTICS, DEPENDENCIES, PROBES))
def test_each_value_survives(value: Evidence | Diagnostic | Dependency | Probe) -> None:
    encode, decode = {
        Evidence: (codec.evidence_value, codec.evidence_from),
        Diagnostic: (codec.diagnostic_value, codec.diagnostic_from),
        Dependency: (codec.dependency_value, codec.dependency_from),
        Probe: (lambda p: [p.kind, p.path, p.outcome], codec.probe_from),
    }[type(value)]
    assert decode(_through_text(encode(value))) == value  # type: ignore[operator]


@pytest.mark.parametrize("garbage", [
    None, [], {}, {"evidence": [], "diagnostics": [], "dependencies": []},
    {"evidence": [], "diagnostics": [], "dependencies": [], "probes": [["stat", "a", "yes"]]},
    {"evidence": [], "diagnostics": [], "dependencies": [["a", 1, "x"]], "probes": []},
    {"evidence": [["a", "1", "s", "d", 1.0, ""]], "diagnostics": [], "dependencies": [], "probes": []},
])
def test_a_scan_it_did_not_write_is_refused(garbage: object) -> None:
    with pytest.raises(ValueError, match="not an encoded scan"):
        codec.scan_from(garbage)
