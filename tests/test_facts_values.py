"""Values read from claims and quotes, names and their variants, and how values compare."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.facts.compare import conflicting, covers
from linter.facts.names import AliasIndex, listed_names, norm
from linter.facts.spelling import is_variant
from linter.facts.values import (
    Unreadable,
    read_given,
    read_numbers,
    read_quote,
    unsupported,
)
from linter.model import Kind

ALIASES = AliasIndex.build({"United States": ["U.S.", "US", "America"]})


def interval(text: str, kind: str = "quantity") -> list[tuple[float | None, float | None]]:
    return [(r.low, r.high) for r in read_numbers(text, kind)]


# --- numbers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a five-man Taliban delegation", [(5, 5)]),
        ("representatives of 11 countries", [(11, 11)]),
        ("eleven countries", [(11, 11)]),
        ("14,000 troops", [(14_000, 14_000)]),
        ("1.5 million Afghans", [(1_500_000, 1_500_000)]),
        ("between 600,000 and 1.5 million Afghans dead", [(600_000, 1_500_000)]),
        ("between 1 and 2 million", [(1_000_000, 2_000_000)]),
        ("from 10 to 15 envoys", [(10, 15)]),
        ("10-15 envoys", [(10, 15)]),
        ("almost 30 years", [(27, 30)]),
        ("nearly 40 years", [(36, 40)]),
        ("about 100 fighters", [(90, 110)]),
        ("at least 5 envoys", [(5, None)]),
        ("up to 20 envoys", [(0, 20)]),
        ("more than a dozen envoys", [(12, None)]),
        ("15,000 Soviet soldiers and 9 envoys", [(15_000, 15_000), (9, 9)]),
    ],
)
def test_numbers_with_qualifiers_and_ranges(text, expected):
    assert interval(text) == expected


def test_counts_are_strict_where_words_are():
    assert interval("more than 10 countries", "count") == [(11, None)]
    assert interval("fewer than 10 countries", "count") == [(0, 9)]


def test_years_ordinals_and_dates_are_not_counts():
    assert interval("On November 9, 2018, the second round began", "count") == []
    assert interval("departed in 1989 after a nine-year occupation", "count") == [(9, 9)]


def test_equal_counts_written_differently_share_a_key():
    keys = {
        read_quote("count", "sitting between a five-man Taliban delegation").key,
        read_quote("count", "the group's five-person delegation").key,
        read_given("count", 5).key,
        read_given("count", "five").key,
        read_given("count", 5.0).key,
    }
    assert len(keys) == 1


@pytest.mark.parametrize("raw", [1.5, True, "lots", ["5"], "5 or 6 or 7"])
def test_a_given_count_that_is_no_whole_number_is_unreadable(raw):
    with pytest.raises(Unreadable):
        read_given("count", raw)


def test_a_quote_with_several_numbers_needs_a_value():
    quote = "representatives from seven nations for talks aimed at ending a 17-year war"
    with pytest.raises(Unreadable, match=r"several values \(7, 17\)"):
        read_quote("count", quote)


def test_topic_words_pick_the_number_that_counts_them():
    quote = "sitting between a five-man Taliban delegation and four members of the Council"
    fact = read_quote("count", quote, topic_words="taliban-delegation-size")
    assert (fact.low, fact.origin) == (5, "quote")


def test_a_quote_without_a_number_is_unreadable():
    with pytest.raises(Unreadable, match="holds no number"):
        read_quote("count", "The U.S. and India sent observers.")


@settings(max_examples=50, deadline=None)
@given(st.integers(min_value=0, max_value=10**9))
def test_digits_with_and_without_separators_agree(n):
    assert read_given("count", n).key == read_given("count", f"{n:,}").key


# --- dates -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    ["November 9, 2018", "9 November 2018", "2018-11-09", dt.date(2018, 11, 9), "Nov. 9, 2018"],
)
def test_one_day_written_many_ways(raw):
    fact = read_given("date", raw)
    assert (fact.display, fact.low, fact.high) == (
        "2018-11-09",
        *[dt.date(2018, 11, 9).toordinal()] * 2,
    )


def test_dates_keep_their_granularity():
    month = read_given("date", "2018-11")
    year = read_given("date", 2018)
    early = read_given("date", "early September 2018")
    assert month.display == "2018-11"
    assert (month.high - month.low, year.high - year.low) == (29, 364)
    assert early.display == "early September 2018"
    assert (dt.date.fromordinal(early.low).day, dt.date.fromordinal(early.high).day) == (1, 10)


def test_a_missing_year_comes_from_published_and_is_never_guessed():
    fact = read_quote("date", "to peace talks in early September", published="2018-08")
    assert fact.display == "early September 2018"
    with pytest.raises(Unreadable, match=r"without a year.*published"):
        read_quote("date", "to peace talks in early September")


def test_an_impossible_date_is_unreadable():
    with pytest.raises(Unreadable):
        read_given("date", "November 31, 2018")
    with pytest.raises(Unreadable):
        read_given("date", "soon")


# --- sets and names --------------------------------------------------------------------


def test_a_quote_lists_names():
    quote = "delegates from 11 countries bordering Afghanistan—including China, Iran, and Pakistan"
    assert listed_names(quote, ALIASES) == ["China", "Iran", "Pakistan"]
    sentence = "Seeing Russia, Iran, China, Pakistan and the Central Asian states all attend"
    assert listed_names(sentence, ALIASES) == ["Russia", "Iran", "China", "Pakistan"]


def test_set_members_resolve_through_aliases():
    given_list = read_given("set", ["U.S.", "China"], complete=True, aliases=ALIASES)
    other = read_given("set", "United States and China", complete=True, aliases=ALIASES)
    assert given_list.key == other.key
    assert given_list.members == frozenset({"United States", "China"})
    assert read_given("set", ["China"], aliases=ALIASES).display == "China (partial)"


def test_names_compare_without_case_or_punctuation():
    assert norm("U.S.") == norm("us") == "us"
    assert (
        read_given("name", "U.S.", aliases=ALIASES).key
        == read_given("name", "the United States".removeprefix("the "), aliases=ALIASES).key
    )


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Stanekzai", "Stanikzai"),
        ("Sergey", "Sergei"),
        ("Mohammad", "Muhammad"),
        ("Mohammed", "Mohammad"),
        ("Taliban", "Taleban"),
    ],
)
def test_spelling_variants(a, b):
    assert is_variant(a, b) and is_variant(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Iran", "Iraq"),
        ("Austria", "Australia"),
        ("Slovakia", "Slovenia"),
        ("Sweden", "Switzerland"),
        ("Russia", "Russian"),
        ("Gambia", "Zambia"),
        ("Mali", "Malta"),
        ("Sergey", "Sergey"),
        ("Lavrov", "LAVROV"),
    ],
)
def test_different_names_are_never_variants(a, b):
    assert not is_variant(a, b)


# --- comparison ------------------------------------------------------------------------


def fact(kind: str, raw, **kw):
    return read_given(kind, raw, aliases=ALIASES, **kw)


@pytest.mark.parametrize(
    ("kind", "a", "b", "conflict"),
    [
        ("count", 11, "eleven", False),
        ("count", 11, 7, True),
        ("count", "almost 30", 29, False),
        ("count", "more than 10", 10, True),
        ("quantity", "between 600,000 and 1.5 million", "1 million", False),
        ("quantity", "between 600,000 and 1.5 million", 15_000, True),
        ("date", "2018-11", "November 9, 2018", False),
        ("date", "early September 2018", "2018-11-09", True),
        ("date", "early September 2018", "2018-09", False),
        ("name", "U.S.", "United States", False),
        ("name", "Sergei Lavrov", "Lavrov", False),
        ("name", "Zabiullah Mujahid", "Robert Palladino", True),
        ("text", "observer", "Observers", False),
        ("text", "observer", "not attending", True),
    ],
)
def test_conflicts_by_kind(kind, a, b, conflict):
    x, y = fact(kind, a), fact(kind, b)
    assert conflicting(x, y) is conflict
    assert conflicting(y, x) is conflict


def test_sets_conflict_only_where_a_list_is_complete():
    whole = fact("set", ["China", "Iran", "Pakistan"], complete=True)
    part = fact("set", ["Iran", "U.S."])
    inside = fact("set", ["Iran"])
    other_whole = fact("set", ["China", "Iran"], complete=True)
    assert conflicting(whole, part) and conflicting(part, whole)
    assert not conflicting(whole, inside)
    assert not conflicting(part, inside)
    assert conflicting(whole, other_whole)


def test_tolerance_widens_quantities_only():
    nine, ten = fact("quantity", 9), fact("quantity", "decade-long")
    assert conflicting(nine, ten)
    assert not conflicting(nine, ten, tolerance=0.15)
    assert conflicting(fact("count", 9), fact("count", 10), tolerance=0.15)


def test_acknowledged_values_cover_the_same_or_narrower_values():
    assert covers(fact("count", 11), fact("count", "eleven"))
    assert not covers(fact("count", 11), fact("count", 12))
    assert covers(fact("date", "2018-09"), fact("date", "early September 2018"))
    assert not covers(fact("date", "early September 2018"), fact("date", "2018-09"))


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10_000), st.integers(0, 10_000))
def test_count_conflict_is_inequality(a, b):
    assert conflicting(fact("count", a), fact("count", b)) is (a != b)


# --- support (F102) --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "raw", "quote", "why"),
    [
        ("count", 12, "representatives of 11 countries", "the quote says 11"),
        ("count", 11, "representatives of eleven countries", None),
        ("count", 7, "seven nations to end a 17-year war", None),
        ("count", 5, "The U.S. and India sent observers.", "the quote gives no number"),
        ("date", "2018-11-09", "On November 9, 2018, Lavrov convened", None),
        ("date", "2018-11-09", "on Friday", "the quote gives no date"),
        ("date", "2018-09", "in early September", None),
        ("date", "2018-11", "in early September", "the quote says early September"),
        ("set", ["China", "India"], "including China, Iran and Pakistan", "never names 'India'"),
        ("set", ["China", "US"], "China and the U.S.", None),
        ("name", "Stanekzai", "Sher Mohammed Abbas Stanekzai sat", None),
        ("name", "Stanikzai", "Sher Mohammed Abbas Stanekzai sat", "never says 'Stanikzai'"),
        ("text", "observer", "The U.S. and India sent observers.", None),
        ("text", "boycott", "The U.S. and India sent observers.", "never says 'boycott'"),
    ],
)
def test_a_value_must_be_what_its_quote_says(kind, raw, quote, why):
    found = unsupported(fact(kind, raw), quote, aliases=ALIASES)
    if why is None:
        assert found is None
    else:
        assert found is not None and why in found


# --- robustness ------------------------------------------------------------------------

KINDS = [kind.value for kind in Kind]
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.dates(),
)


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(KINDS), st.one_of(SCALARS, st.lists(SCALARS, max_size=4)), st.text())
def test_any_value_or_quote_is_read_or_unreadable_never_a_crash(kind, raw, quote):
    for read in (
        lambda: read_given(kind, raw, aliases=ALIASES, published="2018-08"),
        lambda: read_quote(kind, quote, aliases=ALIASES),
    ):
        try:
            value = read()
        except Unreadable as problem:
            assert str(problem)
        else:
            assert value.display is not None
            unsupported(value, quote, aliases=ALIASES)


def test_long_runs_of_capitalized_words_stay_fast():
    import time

    quote = " ".join(["Alpha Beta Gamma Delta"] * 300) + ", Iran and"
    start = time.perf_counter()
    assert listed_names(quote, ALIASES) == []
    with pytest.raises(Unreadable):
        read_quote("name", quote * 3, aliases=ALIASES)
    assert time.perf_counter() - start < 2


def test_a_capitals_alias_does_not_match_the_pronoun():
    from linter.facts.names import AliasIndex

    index = AliasIndex.build({"United States": ["U.S.", "US", "Washington"]})
    found = index.find("They invited us as a separate force; the US and the U.S. came.")
    assert [canonical for _, _, canonical in found] == ["United States", "United States"]
