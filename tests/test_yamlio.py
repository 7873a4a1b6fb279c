"""The strict YAML reader: what it refuses, and where it says the problem is."""

from __future__ import annotations

import pytest

from kg.yamlio import parse_text, read_yaml


@pytest.mark.parametrize(("text", "expected"), [
    ("a: 1\na: 2\n", "f.yaml:2:1: error E104 duplicate key 'a' (first written on line 1); keep one of them"),
    ("a: &x 1\n", "f.yaml:1:4: error E105 anchor '&x' is not allowed; write the value out in full"),
    ("a: [1]\nb: *x\n", "f.yaml:2:4: error E105 alias '*x' is not allowed; write the value out in full"),
    ("a: !!str 1\n", "f.yaml:1:4: error E106 tag 'tag:yaml.org,2002:str' is not allowed; remove it and write a plain value"),
    ("%YAML 1.1\n---\na: 1\n", "f.yaml:1:1: error E107 YAML directives ('%YAML', '%TAG') are not allowed; remove them"),
    ("a: 1\n---\nb: 2\n", "f.yaml:2:1: error E108 a second YAML document ('---') is not allowed; put one record in each file"),
    ("a:\n\t- 1\n", "f.yaml:2:1: error E109 tab character; indent with spaces and write no tabs in values"),
    ("a: [1\n", "f.yaml:2:1: error E103 YAML syntax error: did not find expected ',' or ']'"),
])
def test_refused_yaml(text, expected):
    document = parse_text(text, "f.yaml")
    assert [str(f) for f in document.findings] == [expected]


def test_plain_scalars_resolve_only_to_null_bool_int_and_text():
    document = parse_text("a: 2024-08-09\nb: no\nc: 1e3\nd: 7\ne: ~\nf: true\ng: '7'\n", "f.yaml")
    assert document.data == {"a": "2024-08-09", "b": "no", "c": "1e3", "d": 7, "e": None,
                             "f": True, "g": "7"}


def test_every_value_keeps_its_line_and_column():
    document = parse_text("a:\n  - x: 1\n    y: [2, 3]\n", "f.yaml")
    assert str(document.locations.at(("a", 0, "y", 1))) == "f.yaml:3:12"
    assert str(document.locations.at(("a", 0, "x"), key=True)) == "f.yaml:2:5"
    assert str(document.locations.at(("a", 0, "missing"))) == "f.yaml:2:5"


def test_encoding_and_size_errors(tmp_path):
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("name: Bak\xfc\n".encode("latin-1"))
    bom = tmp_path / "bom.yaml"
    bom.write_bytes(b"\xef\xbb\xbfa: 1\n")
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a: " + b"x" * (1024 * 1024) + b"\n")
    assert [str(f) for f in read_yaml(latin, "latin.yaml").findings] == [
        "latin.yaml:1:10: error E101 file is not valid UTF-8 (byte 0xfc); save it as UTF-8"]
    assert [f.code for f in read_yaml(bom, "bom.yaml").findings] == ["E101"]
    assert [f.code for f in read_yaml(big, "big.yaml").findings] == ["E102"]
