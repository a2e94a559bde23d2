"""Numbers and negations found in prose, as Q103 and fact values rely on them."""

from __future__ import annotations

import pytest

from linter.text.numbers import find_negations, find_numbers, parse_number, parse_number_words


def found(text: str) -> list[tuple[str, float, str]]:
    return [(t.text, t.value, t.kind) for t in find_numbers(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a five-man Taliban delegation", [("five-man", 5, "cardinal")]),
        ("the 17-year war", [("17-year", 17, "cardinal")]),
        ("a 16-year-long conflict", [("16-year-long", 16, "cardinal")]),
        ("the nine-year war", [("nine-year", 9, "cardinal")]),
        ("a decade-long war", [("decade-long", 10, "cardinal")]),
        ("representatives of 11 countries", [("11", 11, "cardinal")]),
        ("eleven countries", [("eleven", 11, "cardinal")]),
        ("14,000 troops", [("14,000", 14000, "cardinal")]),
        ("1.5 million people", [("1.5 million", 1_500_000, "cardinal")]),
        ("two hundred soldiers", [("two hundred", 200, "cardinal")]),
        ("two hundred and fifty", [("two hundred and fifty", 250, "cardinal")]),
        ("three thousand five hundred", [("three thousand five hundred", 3500, "cardinal")]),
        ("a dozen envoys", [("a dozen", 12, "cardinal")]),
        ("twenty-one guns", [("twenty-one", 21, "cardinal")]),
        ("the twenty-first century", [("twenty-first", 21, "ordinal")]),
        ("the first meeting", [("first", 1, "ordinal")]),
        ("the 11th hour", [("11th", 11, "ordinal")]),
        ("sales doubled", [("doubled", 2, "multiplier")]),
        (
            "tripled, quadrupled, halved",
            [
                ("tripled", 3, "multiplier"),
                ("quadrupled", 4, "multiplier"),
                ("halved", 0.5, "multiplier"),
            ],
        ),
        ("twice and thrice", [("twice", 2, "multiplier"), ("thrice", 3, "multiplier")]),
        ("in November 2018.", [("2018", 2018, "year")]),
        ("in the 1980s", [("1980s", 1980, "year")]),
        ("version 1.5.", [("1.5", 1.5, "decimal")]),
        ("40% of voters", [("40%", 40, "cardinal")]),
        ("a $1.5bn deal", [("1.5bn", 1_500_000_000, "decimal")]),
        ("40m people", [("40m", 40_000_000, "cardinal")]),
        ("a 5km road", [("5km", 5, "cardinal")]),
        ("version 1.5.3", []),
        ("one man", [("one", 1, "cardinal")]),
        ("one of the main players", []),
        ("the one and undivided Afghanistan", []),
        ("a great game", []),
        ("Sergei Lavrov", []),
    ],
)
def test_find_numbers(text: str, expected: list[tuple[str, float, str]]) -> None:
    assert found(text) == expected


def test_offsets_point_at_the_text() -> None:
    text = "sitting between a five-man Taliban delegation and four members"
    for token in find_numbers(text):
        assert text[token.start : token.end] == token.text
    assert [t.value for t in find_numbers(text)] == [5, 4]


def test_separate_numbers_stay_separate() -> None:
    assert [t.value for t in find_numbers("five four")] == [5, 4]
    assert [t.value for t in find_numbers("11 countries and 5 delegates")] == [11, 5]


def test_parse_number_words() -> None:
    assert parse_number_words(["two", "hundred", "and", "five"]) == 205
    assert parse_number_words(["1.5", "million"]) == 1_500_000
    assert parse_number_words(["a", "dozen"]) == 12
    assert parse_number_words(["twenty-one"]) == 21
    assert parse_number_words(["banana"]) is None
    assert parse_number_words([]) is None


def test_parse_number() -> None:
    assert parse_number("eleven") == 11
    assert parse_number("11-nation") == 11
    assert parse_number("14,000") == 14000
    assert parse_number("eleven nations") is None


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("They do not agree", ["not"]),
        ("They don't agree", ["not"]),
        ("They don’t agree", ["not"]),
        ("We cannot", ["not"]),
        ("no deal, never, neither, nor", ["no", "never", "neither", "nor"]),
        (
            "without none nothing nobody nowhere",
            ["without", "none", "nothing", "nobody", "nowhere"],
        ),
        ("Not now", ["not"]),
        ("knot, nothingness, notable, Nordic", []),
    ],
)
def test_find_negations(text: str, kinds: list[str]) -> None:
    tokens = find_negations(text)
    assert [t.kind for t in tokens] == kinds
    for token in tokens:
        assert text[token.start : token.end] == token.text


# --- what a quote and its source compare (issue 9) -------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the Dream4Justice rally", [("4", 4, "Dream4Justice")]),
        ("an M1 and a 9K38", [("1", 1, "M1"), ("9", 9, "9K38"), ("38", 38, "9K38")]),
        ("a .925 save percentage", [(".925", 0.925, "")]),
        ("shirt No.310 for his 30thseason", [("310", 310, "No.310"), ("30", 30, "30thseason")]),
        ("a two-for-one offer", [("two", 2, "two-for-one"), ("one", 1, "two-for-one")]),
        ("the now-one-year-old boy", [("one", 1, "now-one-year-old")]),
        ("a billion-dollar deal", [("billion", 1e9, "billion-dollar")]),
        ("new charges-first in May", [("first", 1, "charges-first")]),
        ("a five-man team", [("five-man", 5, "")]),
        ("twenty-one thousand fans", [("twenty-one thousand", 21000, "")]),
        ("won 3-2", [("3", 3, "3-2"), ("2", 2, "3-2")]),
    ],
)
def test_compared_numbers_leave_no_digit_or_number_word_out(text: str, expected: list) -> None:
    from linter.text.numbers import compared_numbers

    assert [(t.text, t.value, t.word) for t in compared_numbers(text)] == expected


def test_negations_know_their_word() -> None:
    assert [(t.text, t.word) for t in find_negations("they weren't, not here")] == [
        ("n't", "weren't"),
        ("not", ""),
    ]
