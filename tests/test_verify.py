"""Quote verdicts on the real seed articles."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from linter.text.normalize import normalize_text
from linter.text.quote import find_piece
from linter.text.verdict import Outcome, Span
from linter.text.verify import QuoteMatcher

ROOT = Path(__file__).parent.parent
S000 = "seeds/000_592aeca20ffb493b.txt"
S001 = "seeds/001_3de99958f30674d8.txt"
S002 = "seeds/002_9775b822335aef3f.txt"
S004 = "seeds/004_09030c89965f0637.txt"
DELEGATION = (
    "sitting between a five-man Taliban delegation and four members of "
    "Afghanistan's High Peace Council"
)
PROMISE = (
    "Russian Foreign Minister Sergei Lavrov on Friday promised to work for a united and "
    "peaceful Afghanistan"
)


@pytest.fixture(scope="module")
def corpus() -> dict[str, str]:
    return {
        str(p.relative_to(ROOT)): p.read_text(encoding="utf-8")
        for p in sorted((ROOT / "seeds").glob("*.txt"))
    }


@pytest.fixture(scope="module")
def matcher(corpus: dict[str, str]) -> QuoteMatcher:
    return QuoteMatcher(corpus)


def spanned(corpus: dict[str, str], span: Span | None) -> str:
    assert span is not None
    return corpus[span.doc][span.start : span.end]


def test_verbatim_with_straight_apostrophe(matcher: QuoteMatcher, corpus: dict[str, str]) -> None:
    verdict = matcher.verify(DELEGATION, S001)
    assert verdict.outcome is Outcome.VERBATIM
    assert verdict.score == 1.0
    assert verdict.span is not None and verdict.span.doc == S001
    assert spanned(corpus, verdict.span) == DELEGATION.replace("'", "’")
    assert verdict.changes == () and verdict.holders == () and verdict.diff is None


@pytest.mark.parametrize(
    "variant",
    [
        DELEGATION.replace("'", "’"),
        DELEGATION.replace(" ", "\u00a0"),
        DELEGATION.replace(" and ", "\nand\t "),
        DELEGATION.replace("Taliban", "Tal\u200biban"),
        "Sitting" + DELEGATION[len("sitting") :],
        "MOSCOW - Sitting between Afghan envoys",
        "MOSCOW--Sitting between Afghan envoys",
        "MOSCOW\u2013Sitting between Afghan envoys",
        "“Russia stands for preserving the one and undivided Afghanistan",
        '"Russia stands for preserving the one and undivided Afghanistan',
    ],
)
def test_typographic_variants_are_verbatim(matcher: QuoteMatcher, variant: str) -> None:
    assert matcher.verify(variant, S001).outcome is Outcome.VERBATIM


def test_changed_number_is_meaning_changed(matcher: QuoteMatcher, corpus: dict[str, str]) -> None:
    verdict = matcher.verify(DELEGATION.replace("five-man", "four-man"), S001)
    assert verdict.outcome is Outcome.MEANING_CHANGED
    assert verdict.changes == ('number "five-man" (5) became "four-man" (4)',)
    assert verdict.diff is not None and "[-five-man-] {+four-man+}" in verdict.diff
    assert 0.8 <= (verdict.score or 0) < 1
    assert "five-man Taliban delegation" in spanned(corpus, verdict.span)


def test_swapped_numbers_are_meaning_changed(matcher: QuoteMatcher) -> None:
    swapped = DELEGATION.replace("five-man", "X").replace("four members", "five members")
    verdict = matcher.verify(swapped.replace("X", "four-man"), S001)
    assert verdict.outcome is Outcome.MEANING_CHANGED
    assert len(verdict.changes) == 2


def test_same_value_in_words_is_not_a_number_change(matcher: QuoteMatcher) -> None:
    quote = "which was attended by representatives of eleven countries, including"
    verdict = matcher.verify(quote, S001)
    assert verdict.outcome is Outcome.INEXACT
    assert verdict.changes == ()


def test_added_negation_is_meaning_changed(matcher: QuoteMatcher) -> None:
    verdict = matcher.verify(PROMISE.replace("promised", "did not promise"), S001)
    assert verdict.outcome is Outcome.MEANING_CHANGED
    assert 'negation "not" added' in verdict.changes


def test_removed_negation_is_meaning_changed(matcher: QuoteMatcher) -> None:
    quote = "It was a peace process, and neither the United States nor the Afghan government"
    verdict = matcher.verify(quote, S000)
    assert verdict.outcome is Outcome.MEANING_CHANGED
    assert verdict.changes == ('negation "not" removed',)


def test_one_changed_word_is_inexact(matcher: QuoteMatcher) -> None:
    verdict = matcher.verify(DELEGATION.replace("High", "Higher"), S001)
    assert verdict.outcome is Outcome.INEXACT
    assert verdict.diff is not None and "[-High-] {+Higher+}" in verdict.diff
    assert verdict.changes == ()


def test_case_change_inside_quote_is_inexact(matcher: QuoteMatcher) -> None:
    verdict = matcher.verify(DELEGATION.replace("Taliban", "taliban"), S001)
    assert verdict.outcome is Outcome.INEXACT


def test_lookalike_letter_is_inexact_and_named(matcher: QuoteMatcher) -> None:
    verdict = matcher.verify(PROMISE.replace("Sergei", "Serge\u0456"), S001)
    assert verdict.outcome is Outcome.INEXACT
    assert verdict.suspects == (
        'U+0456 CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I in "Serge\u0456" '
        '(looks like Latin "i")',
    )


def test_paraphrase_is_not_found(matcher: QuoteMatcher, corpus: dict[str, str]) -> None:
    quote = "Lavrov vowed to strive toward an Afghanistan that is unified and at peace"
    verdict = matcher.verify(quote, S001)
    assert verdict.outcome is Outcome.NOT_FOUND
    assert verdict.score is None or verdict.score < 0.8


def test_quote_cited_to_wrong_seed_is_misattributed(matcher: QuoteMatcher) -> None:
    verdict = matcher.verify(DELEGATION, S004)
    assert verdict.outcome is Outcome.MISATTRIBUTED
    assert verdict.holders == (S001,)
    assert verdict.span is not None and verdict.span.doc == S001


def test_near_match_in_wrong_seed_is_misattributed(matcher: QuoteMatcher) -> None:
    verdict = matcher.verify(DELEGATION.replace("High", "Higher"), S004)
    assert verdict.outcome is Outcome.MISATTRIBUTED
    assert verdict.holders == (S001,)


def test_exact_elsewhere_beats_near_match_where_cited() -> None:
    docs = {
        "a.txt": "He said the five delegates met on Friday in the big hall.",
        "b.txt": "He said the four delegates met on Friday in the big hall.",
    }
    verdict = QuoteMatcher(docs).verify("the four delegates met on Friday in the big hall", "a.txt")
    assert verdict.outcome is Outcome.MISATTRIBUTED
    assert verdict.holders == ("b.txt",)


def test_holders_list_every_document() -> None:
    docs = {"c.txt": "x quoted words here y", "a.txt": "quoted words here", "b.txt": "no"}
    verdict = QuoteMatcher(docs).verify("quoted words here", "b.txt")
    assert verdict.outcome is Outcome.MISATTRIBUTED
    assert verdict.holders == ("a.txt", "c.txt")


def test_unknown_cited_document(matcher: QuoteMatcher) -> None:
    assert matcher.verify(DELEGATION, "seeds/missing.txt").outcome is Outcome.MISATTRIBUTED
    assert matcher.verify("nothing like this anywhere", "x").outcome is Outcome.NOT_FOUND


def test_empty_quote_is_not_found(matcher: QuoteMatcher) -> None:
    assert matcher.verify("", S001).outcome is Outcome.NOT_FOUND
    assert matcher.verify(" ... ", S001).outcome is Outcome.NOT_FOUND


def test_ellipsis_pieces_in_order(matcher: QuoteMatcher, corpus: dict[str, str]) -> None:
    quote = "Russia stands for preserving the one and undivided Afghanistan ... live side by side"
    verdict = matcher.verify(quote, S001)
    assert verdict.outcome is Outcome.VERBATIM
    text = spanned(corpus, verdict.span)
    assert text.startswith("Russia stands") and text.endswith("side by side")
    assert matcher.verify(quote.replace("...", "…"), S001).outcome is Outcome.VERBATIM
    backwards = "live side by side ... Russia stands for preserving the one"
    assert matcher.verify(backwards, S001).outcome is not Outcome.VERBATIM


def test_piece_after_ellipsis_may_change_case(matcher: QuoteMatcher) -> None:
    quote = "Russia stands for preserving ... All of the ethnic groups that inhabit this country"
    assert matcher.verify(quote, S001).outcome is Outcome.VERBATIM


def test_literal_brackets_in_source(matcher: QuoteMatcher) -> None:
    assert matcher.verify("what they [Russia] are trying to do", S004).outcome is Outcome.VERBATIM


@pytest.mark.parametrize(
    "quote",
    [
        "[T]hey are pursuing a strategy which is to compete with us",
        "what [Moscow is] trying to do is they are pursuing a strategy",
        "Last year, [Donald] Trump roughly doubled the number of troops in Afghanistan",
        "[Trump] roughly doubled the number of troops in Afghanistan",
        "which was attended by representatives of [eleven] countries",
    ],
)
def test_editorial_brackets(matcher: QuoteMatcher, quote: str) -> None:
    source = S001 if "Trump" in quote or "attended" in quote else S004
    assert matcher.verify(quote, source).outcome is Outcome.VERBATIM


def test_bracket_changing_a_number_is_meaning_changed(matcher: QuoteMatcher) -> None:
    verdict = matcher.verify("which was attended by representatives of [12] countries", S001)
    assert verdict.outcome is Outcome.MEANING_CHANGED
    assert verdict.changes == ('number "11" (11) became "12" (12)',)


def test_quote_cut_mid_word_is_not_verbatim(matcher: QuoteMatcher) -> None:
    verdict = matcher.verify("ussian Foreign Minister Sergei Lavrov on Friday promised", S001)
    assert verdict.outcome is not Outcome.VERBATIM


def test_threshold_is_configurable(corpus: dict[str, str]) -> None:
    strict = QuoteMatcher(corpus, threshold=0.999)
    assert strict.verify(DELEGATION.replace("High", "Higher"), S001).outcome is Outcome.NOT_FOUND


def test_verify_many_matches_verify(matcher: QuoteMatcher, corpus: dict[str, str]) -> None:
    items = [
        (DELEGATION, S001),
        (DELEGATION, S004),
        (DELEGATION.replace("five", "four"), S001),
        ("Lavrov vowed to strive toward an Afghanistan that is unified", S002),
    ]
    fresh = QuoteMatcher(corpus)
    assert fresh.verify_many(items) == [matcher.verify(q, c) for q, c in items]


def test_span_text_normalizes_to_the_quote(matcher: QuoteMatcher, corpus: dict[str, str]) -> None:
    quote = "MOSCOW - Sitting between Afghan envoys and their fierce rivals"
    verdict = matcher.verify(quote, S001)
    assert normalize_text(spanned(corpus, verdict.span)) == normalize_text(quote)


@pytest.mark.parametrize(
    ("quote", "source"),
    [
        (
            "Russia has sought deeper ties with both the Afghan government and the Taliban. "
            "[...] According to Afghan security officials, it has also supplied small arms",
            S004,
        ),
        ("“Russia stands for preserving the one and undivided Afghanistan.”", S001),
        ("Russia stands for preserving the one and undivided Afghanistan, … live side", S001),
        ("Russia stands for preserving . . . live side by side", S001),
    ],
)
def test_quoting_conventions_are_verbatim(matcher: QuoteMatcher, quote: str, source: str) -> None:
    assert matcher.verify(quote, source).outcome is Outcome.VERBATIM


def test_quote_in_capitals_is_inexact(matcher: QuoteMatcher) -> None:
    verdict = matcher.verify(PROMISE.upper(), S001)
    assert verdict.outcome is Outcome.INEXACT
    assert verdict.changes == ()


def _synthetic(docs: int, seed: int = 7) -> dict[str, str]:
    """Distinct documents of random sentences (a corpus big enough to fan out)."""
    rng = random.Random(seed)
    words = [
        "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(3, 9)))
        for _ in range(3000)
    ]
    out = {}
    for k in range(docs):
        sentences = [
            " ".join(rng.choice(words) for _ in range(rng.randint(8, 16))).capitalize()
            + f" in {rng.randint(1990, 2024)}."
            for _ in range(25)
        ]
        out[f"docs/{k:03d}.txt"] = "\n".join(sentences)
    return out


def test_parallel_and_sequential_verdicts_agree() -> None:
    docs = _synthetic(220)
    paths = sorted(docs)
    rng = random.Random(3)
    items = []
    for _ in range(400):
        path = rng.choice(paths)
        sentence = rng.choice(docs[path].splitlines())
        kind = rng.randrange(4)
        if kind == 0:  # one word changed
            words = sentence.split(" ")
            words[2] = "zzzz"
            items.append((" ".join(words), path))
        elif kind == 1:  # cited to the wrong document
            items.append((sentence, rng.choice(paths)))
        elif kind == 2:  # a year changed
            items.append((sentence[:-5] + "1899.", path))
        else:
            items.append((sentence, path))
    sequential = QuoteMatcher(docs, workers=1).verify_many(items)
    parallel = QuoteMatcher(docs, workers=2).verify_many(items)
    assert parallel == sequential
    outcomes = {v.outcome for v in sequential}
    assert outcomes >= {Outcome.VERBATIM, Outcome.INEXACT, Outcome.MEANING_CHANGED}
    # Enough unresolved quotes that the parallel matcher really forks.
    assert sum(v.outcome is not Outcome.VERBATIM for v in sequential) >= 200
    for (_, cited), verdict in zip(items, sequential, strict=True):
        if verdict.outcome is Outcome.MISATTRIBUTED:
            assert cited not in verdict.holders and verdict.holders


def test_bracket_hiding_a_negation_is_meaning_changed() -> None:
    docs = {"a.txt": "The envoys said they do not want peace talks in Moscow this year."}
    verdict = QuoteMatcher(docs).verify("the envoys said they [do] want peace talks", "a.txt")
    assert verdict.outcome is Outcome.MEANING_CHANGED
    assert verdict.changes == ('negation "not" removed',)


def test_ellipsis_hiding_a_negation_is_meaning_changed() -> None:
    docs = {"a.txt": "The envoys said they do not want peace talks in Moscow this year."}
    matcher = QuoteMatcher(docs)
    verdict = matcher.verify("The envoys said they do ... want peace talks", "a.txt")
    assert verdict.outcome is Outcome.MEANING_CHANGED
    assert verdict.changes == ('negation "not" left out by an ellipsis',)
    long_gap = matcher.verify("The envoys said ... peace talks in Moscow", "a.txt")
    assert long_gap.outcome is Outcome.VERBATIM


def test_spliced_halves_are_not_found(matcher: QuoteMatcher) -> None:
    quote = (
        "Ahead of the talks, the Taliban drank cups of green tea, while their Russian "
        "minders were willing puppets of an American-led occupation."
    )
    assert matcher.verify(quote, S001).outcome is Outcome.NOT_FOUND


def test_short_quote_with_changed_number(matcher: QuoteMatcher) -> None:
    verdict = matcher.verify("attended by representatives of 12 countries", S001)
    assert verdict.outcome is Outcome.MEANING_CHANGED
    assert verdict.changes == ('number "11" (11) became "12" (12)',)


@pytest.mark.parametrize(
    ("piece", "found"),
    [
        ("i think", (8, 15)),  # the first letter's case is free
        ("I Think", None),  # ... but only the first letter's
        ("said: i", (2, 9)),
        ("hink", None),  # never inside a word
        ('"I agree"', (33, 42)),
        ("i", (0, 1)),
    ],
)
def test_find_piece(piece: str, found: tuple[int, int] | None) -> None:
    text = 'I said: i think A is a bad idea. "I agree" Tiny.'
    match = find_piece(text, piece)
    assert (match.start, match.end) == found if found else match is None


def test_a_changed_number_does_not_lead_the_search_astray():
    """In a document that reuses one sentence pattern, the quote's (changed) number
    stands elsewhere; the near match must still be found where the words agree.

    Both cases were wrong verdicts in the 8,000-source benchmark (claims c44853 and
    c57278): the changed number voted for the wrong place in the cited document.
    """
    from benchmarks.generate import make_document, seed_sentences
    from linter.text.verdict import Outcome
    from linter.text.verify import QuoteMatcher

    seeds = seed_sentences()
    cases = [
        (
            4236,
            "Officials in Quetta confirmed that 37,202 bridges were damaged during the"
            " fighting of March 2000, and the health directorate promised to rebuild them.",
            "39,530",
        ),
        (
            1093,
            "Officials in Tashkent confirmed that 63,620 observers were damaged during the"
            " fighting of October 2014, and the mining ministry promised to rebuild them.",
            "61,687",
        ),
    ]
    for index, quote, original in cases:
        text = make_document(index, 1, seeds).text
        verdict = QuoteMatcher({"doc.txt": text}).verify(quote, "doc.txt")
        assert verdict.outcome is Outcome.MEANING_CHANGED, (index, verdict)
        assert original in text[verdict.span.start : verdict.span.end]


def test_unchanged_numbers_still_help_find_a_near_match():
    """The other side: with only words voting, a pattern's template words are too
    common, and the quote's unchanged numbers are what find its sentence (claims
    c47020, c64500 and c75888 of the 8,000-source benchmark)."""
    from benchmarks.generate import make_document, seed_sentences
    from linter.text.verdict import Outcome
    from linter.text.verify import QuoteMatcher

    seeds = seed_sentences()
    cases = [
        (
            6545,
            "Fewer formally 95,570 of the two wells inspected in Moscow in 2005 met the"
            " standard set by the chamber of commerce, the inspectors' report concluded.",
        ),
        (
            7489,
            "Fewer than five of the eight convoys inspected in Kandahar in 2021 met the"
            " standard set by the purportedly ministry, the inspectors' report concluded.",
        ),
        (
            6470,
            "Fewer than 573 of the 95,384 bitterly inspected in Oslo in 2003 met the"
            " standard set by the mining ministry, the inspectors' report concluded.",
        ),
    ]
    for index, quote in cases:
        text = make_document(index, 1, seeds).text
        verdict = QuoteMatcher({"doc.txt": text}).verify(quote, "doc.txt")
        assert verdict.outcome is Outcome.INEXACT, (index, verdict)


def test_a_long_documents_word_index_gives_what_a_scan_gives() -> None:
    """Once a long document is indexed (after _INDEX_AFTER scans) every word's places are
    the scan's: the index changes the cost of alignment, never a place it finds."""
    from linter.text.align import _INDEX_AFTER, _INDEX_FROM, _MAX_HITS, Aligned, _occurrences

    words = [
        "talks",
        "moscow",
        "kabul",
        "taliban",
        "delegation",
        "o'brien",
        "can't",
        "11",
        "countries",
        "u.s.",
        "the",
    ]
    text = " ".join(words[i * 7 % len(words)] + ("," if i % 5 == 0 else "") for i in range(9000))
    text = text.replace("the the", "The the")
    assert len(text) >= _INDEX_FROM
    doc = Aligned(text)
    asked = [*words, "tal", "Moscow".lower(), "absent"] * (_INDEX_AFTER // 10 + 2)
    for word in asked:
        assert doc.occurrences(word) == _occurrences(text.lower(), word, _MAX_HITS), word
    assert doc._index is not None  # the later answers came from the index
