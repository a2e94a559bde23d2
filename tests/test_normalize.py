"""Typographic normalization and its map back to original offsets."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.text.normalize import NormalizedDocument, normalize, normalize_text

SEEDS = sorted((Path(__file__).parent.parent / "seeds").glob("*.txt"))


@pytest.mark.parametrize(
    ("variant", "expected"),
    [
        ("Afghanistan’s council", "Afghanistan's council"),
        ("‘one’ ‚two‛ 5′", "'one' 'two' 5'"),
        ("“Russia” „stands‟ «here» 6″", '"Russia" "stands" "here" 6"'),
        ("Afghanistan—which", "Afghanistan-which"),
        ("Afghanistan -- which", "Afghanistan-which"),
        ("Afghanistan - which", "Afghanistan-which"),
        ("Afghanistan – which", "Afghanistan-which"),
        ("2018‒2019 −5 a‑b", "2018-2019-5 a-b"),
        ("five-man", "five-man"),
        ("a  b\tc\nd\r\ne", "a b c d e"),
        ("a\u00a0b\u2009c\u202fd\u3000e", "a b c d e"),
        ("Af\u00adghan\u200bistan\u200c\u200d\u2060\ufeff", "Afghanistan"),
        ("wait…", "wait..."),
        ("  padded \n", "padded"),
        ("Cafe\u0301", "Café"),
        ("Case Stays", "Case Stays"),
        ("", ""),
    ],
)
def test_normalize_text(variant: str, expected: str) -> None:
    assert normalize_text(variant) == expected
    assert normalize(variant).text == expected


def test_offsets_map_back_to_original() -> None:
    original = "MOSCOW \u2014 Sitting\u00a0between  Afghan\u200b envoys"
    n = normalize(original)
    assert n.text == "MOSCOW-Sitting between Afghan envoys"
    i = n.text.index("Sitting")
    j = n.text.index("envoys") + len("envoys")
    start, end = n.original_span(i, j)
    assert original[start:end] == "Sitting\u00a0between  Afghan\u200b envoys"
    assert n.original_span(0, len(n.text)) == (0, len(original))


def test_offsets_through_composition() -> None:
    original = "Cafe\u0301 society"
    n = normalize(original)
    assert n.text == "Café society"
    start, end = n.original_span(0, 4)
    assert original[start:end] == "Cafe\u0301"


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_document_blocks_agree_with_whole_text(path: Path) -> None:
    original = path.read_text(encoding="utf-8")
    doc = NormalizedDocument(original)
    whole = normalize(original)
    assert doc.text == normalize_text(original) == whole.text
    for i in range(0, len(doc.text) - 40, 97):
        assert doc.original_span(i, i + 40) == whole.original_span(i, i + 40)


_PIECES = st.sampled_from(
    [
        *"ab Z.'\"-",
        *("é", "e\u0301", "\u2014", "\u2013", "--", " - ", "\u00a0", "\u200b"),
        *("\u00ad", "\n", "\t", "’", "“", "”", "  "),
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=24).map("".join))
def test_fast_path_and_offset_map_agree(text: str) -> None:
    n = normalize(text)
    assert n.text == normalize_text(text)
    if any(unicodedata.combining(c) for c in n.text):
        return  # a span inside a composed cluster maps to the whole cluster
    for i in range(len(n.text)):
        for j in range(i + 1, len(n.text) + 1):
            start, end = n.original_span(i, j)
            assert normalize_text(text[start:end]) == n.text[i:j].strip(" ")


@settings(max_examples=50, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=12).map("".join), st.integers(1, 4))
def test_blocks_agree_on_long_text(paragraph: str, repeat: int) -> None:
    original = "\n".join(f"Line {k} {paragraph} end." for k in range(40 * repeat))
    doc = NormalizedDocument(original)
    whole = normalize(original)
    assert doc.text == whole.text
    for i in range(0, len(doc.text) - 30, 37):
        assert doc.original_span(i, i + 30) == whole.original_span(i, i + 30)
