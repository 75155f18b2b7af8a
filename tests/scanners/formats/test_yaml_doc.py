"""YAML documents as nodes: lines, merge keys resolved once (first wins), aliases shared, limits."""

from __future__ import annotations

from framefit.model import Diagnostic
from framefit.scanners.formats import yaml_doc as _yaml


def docs(text: str) -> list[_yaml.Node]:
    found, problem = _yaml.documents("f.yml", text.encode())
    assert problem is None
    return found


def test_nodes_keep_their_lines_and_tags_are_labels() -> None:
    (doc,) = docs("a: 1\nb:\n  - x\n  - !Ref y\nc: {d: e}\n")
    assert [(key, _yaml.line(value)) for key, value in _yaml.pairs(doc)] == [("a", 1), ("b", 3), ("c", 5)]
    assert [_yaml.text(item) for item in _yaml.items(_yaml.get(doc, "b"))] == ["x", "y"]
    assert _yaml.key_line(doc, "c") == 5
    assert _yaml.text(_yaml.at(doc, "c", "d")) == "e"


def test_merge_keys_own_keys_first_then_each_merged_mapping_in_order() -> None:
    (doc,) = docs("x: &x {k: 1, only_x: 2}\ny: &y {k: 3, only_y: 4}\n"
                  "m:\n  <<: [*x, *y]\n  k: 0\n  k: 9\n")
    merged = _yaml.get(doc, "m")
    assert [(key, _yaml.text(value)) for key, value in _yaml.pairs(merged)] == [
        ("k", "0"), ("only_x", "2"), ("only_y", "4")]
    assert _yaml.key_line(merged, "only_y") == 2  # where the key is written: in the anchor


def test_an_alias_is_the_node_it_names() -> None:
    (doc,) = docs("a: &a [1, 2]\nb: *a\n")
    assert _yaml.get(doc, "b") is _yaml.get(doc, "a")


def test_documents_each_have_their_anchors() -> None:
    found, problem = _yaml.documents("f.yml", b"a: &x 1\n---\nb: *x\n")
    assert [_yaml.text(_yaml.get(d, "a")) for d in found] == ["1"]
    assert problem == Diagnostic("f.yml", 3, "parse-error", "not valid YAML: alias *x names no anchor")


def test_complex_keys_and_empty_documents() -> None:
    found = docs("? [a, b]\n: c\nd: e\n---\n")
    assert [list(_yaml.pairs(d)) for d in found[:1]] == [[("d", _yaml.Scalar(3, "e"))]]
    assert found[1] == _yaml.Scalar(5, "")  # an empty document is an empty scalar after it


def test_a_sequence_inside_its_own_anchor_is_a_parse_error() -> None:
    assert _yaml.documents("f.yml", b"a: &a [*a]\n") == ([], Diagnostic(
        "f.yml", 1, "parse-error", "not valid YAML: alias *a is inside its own anchor"))
