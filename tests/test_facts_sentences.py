"""Values read from whole real sentences: which number counts what, relative dates, names.

The regression sentences are the issue's (short real news sentences); the labeled
set is ``benchmarks/data/facts_labeled.yaml`` (real sentences from the news corpus,
kept in the repository, so this test needs no corpus beside it).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.eval_facts import load_labeled, read_labeled, rewritten
from linter.diagnostics import Location
from linter.facts.analysis import analyze
from linter.facts.compare import conflicting
from linter.facts.dates import find_dates
from linter.facts.model import AGREES
from linter.facts.values import Unreadable, read_given, read_quote
from linter.model import Claim, Registry, Topic

AT = Location("claims.yaml", 1, 1)


def read(kind: str, quote: str, about: str, published: str | None = "2018-11-10") -> str:
    try:
        return read_quote(kind, quote, topic_about=about, published=published).display
    except Unreadable:
        return "F105"


@pytest.mark.parametrize(
    ("kind", "quote", "about", "expected"),
    [
        # an age is the number between commas after a name
        (
            "count",
            "Neely Gardner, 19, was booked after two people were hurt",
            "age of the suspect",
            "19",
        ),
        ("count", "Neely Gardner, 19, was booked after two people were hurt", "people hurt", "2"),
        # times, addresses, phone numbers and charges count nothing
        (
            "count",
            "The shooting happened about 9 p.m. and two people were killed",
            "people killed",
            "2",
        ),
        ("count", "At 1:05 a.m. police found three men wounded", "people wounded", "3"),
        ("count", "Three people were shot in the 7200 block of Main Street", "people shot", "3"),
        ("count", "He was charged with one count of murder after four people died", "deaths", "4"),
        ("count", "Call (316) 555-1234 about the two men", "men sought", "2"),
        # place and outlet names in `about` or the quote are no topic words
        (
            "count",
            "One dead, six hurt in Wichita's Old Town shooting",
            "people killed in the Old Town shooting in Wichita",
            "1",
        ),
        ("count", "WMC Action News 5 reported that two people were killed", "people killed", "2"),
        ("count", "Three Rivers police said two people were injured", "people injured", "2"),
        # which number belongs to which noun and verb
        ("count", "Four people died and 40 were injured in the blast", "people injured", "40"),
        ("count", "Four people died and 40 were injured in the blast", "people killed", "4"),
        ("count", "One miner was killed and 56 others were trapped", "miners trapped", "56"),
        # the named count too
        ("count", "Nathaniel Conley and seven others were killed", "people killed", "8"),
        ("count", "She and eight others were killed on the plane", "people killed", "9"),
        # fractions of a scale, and vague amounts
        ("quantity", "half a million people marched", "marchers", "500,000"),
        ("quantity", "a quarter of a million people", "people", "250,000"),
        ("quantity", "almost half a million people", "people", "almost 500,000"),
        ("quantity", "three-quarters of the workers", "workers", "F105"),
        ("count", "several dozen people were arrested", "people arrested", "several dozen"),
        ("count", "hundreds of workers had been on strike", "workers on strike", "hundreds"),
        # dates relative to the source's published date
        ("date", "last December the plant closed", "closure", "2017-12"),
        ("date", "the plant closed last year", "closure", "2017"),
        ("date", "a port worker died yesterday", "death", "2018-11-09"),
        ("date", "LTV filed Chapter 11 bankruptcy last July 17.", "filing", "2018-07-17"),
        # hyphenated names are one name; titles and plural nouns are none
        (
            "name",
            "Police said Dwright Boone-Doty, 20, was arrested",
            "suspect",
            "Dwright Boone-Doty",
        ),
        (
            "name",
            "Frank-Juergen Weise, head of the agency, said",
            "agency head",
            "Frank-Juergen Weise",
        ),
        ("name", "Detectives said Neely Gardner was booked", "suspect", "Neely Gardner"),
        ("name", "Deputies said Lavrov and Sergei Lavrov", "minister", "Sergei Lavrov"),
        ("name", "However, Sergei Lavrov said", "minister", "Sergei Lavrov"),
        ("name", "Lavrov said, sitting between delegations", "minister", "Lavrov"),
    ],
)
def test_issue_sentences(kind, quote, about, expected):
    assert read(kind, quote, about) == expected


def test_vague_amounts_are_intervals_not_exact():
    dozen = read_given("count", "several dozen")
    assert (dozen.low, dozen.high) == (24, 108)
    assert not conflicting(dozen, read_given("count", 30))
    assert conflicting(dozen, read_given("count", 12))


def test_relative_dates_need_a_published_date():
    assert [t.display for t in find_dates("last December", "2018-11-10")] == ["2017-12"]
    assert [t.display for t in find_dates("next March", "2018-11-10")] == ["2019-03"]
    assert [(t.display, t.low) for t in find_dates("last December")] == [("December", None)]
    assert find_dates("yesterday", "2018-11") == []  # the day is unknown: never guessed
    assert read("date", "last December the plant closed", "closure", published=None) == "F105"
    # before year 1 or after 9999 there is no date, and no traceback
    early = find_dates("yesterday, last year and next year", "0001-01-01")
    assert [t.display for t in early] == ["0002"]
    assert [t.display for t in find_dates("next year", "9999-06-01")] == []  # past year 9999


def _agree(*quotes: str) -> str:
    reg = Registry(path=Path("claims.yaml"), display_path="claims.yaml")
    reg.topics = {"killed": Topic("killed", "count", AT, about="people killed")}
    reg.claims = [
        Claim(id=f"c{i}", source="s.txt", quote=q, location=AT, topic="killed")
        for i, q in enumerate(quotes)
    ]
    (analysis,) = analyze(reg).topics
    return analysis.status


@pytest.mark.parametrize(
    "quotes",
    [
        ("two people were killed", "2 people were killed"),
        ("2 dead", "Two people were killed"),
        ("One dead, six hurt in Wichita", "A man was killed and six people were hurt", "1 killed"),
        ("Nathaniel Conley and seven others were killed", "Eight people were killed"),
    ],
)
def test_agreeing_reports_never_conflict(quotes):
    assert _agree(*quotes) == AGREES


def test_labeled_real_sentences_are_read_right_at_least_nine_times_in_ten():
    labeled = load_labeled()
    assert len(labeled) >= 40
    right = [entry["doc"] for entry in labeled if read_labeled(entry)[0]]
    assert len(right) / len(labeled) >= 0.9


def test_a_number_written_as_a_word_or_as_digits_reads_alike_in_every_labeled_sentence():
    checked = 0
    for entry in load_labeled():
        other = rewritten(entry["text"]) if entry["kind"] in ("count", "quantity") else None
        ok, _, fact = read_labeled(entry)
        if ok and fact is not None and other:
            _, _, again = read_labeled(entry, other)
            assert again is None or not conflicting(fact, again), (entry["doc"], other)
            checked += again is not None
    assert checked >= 10
