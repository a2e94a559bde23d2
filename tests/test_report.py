"""The discrepancy report: gathering and the three renderers, on constructed data.

The registry, analyses and diagnostics are built by hand so each test states
exactly what the report is given; the tests at the bottom run the real CLI on a
real registry over the seeds.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import REPO, SEEDS, run_cli
from hypothesis import given, settings
from hypothesis import strategies as st

from linter import escape
from linter.diagnostics import Diagnostic, Location, Severity
from linter.errors import UsageError
from linter.facts.analysis import aliased_spellings
from linter.facts.model import AliasedSpellings, FactValue, NameVariant, TopicAnalysis, ValueGroup
from linter.facts.names import AliasIndex
from linter.model import Acknowledgement, Claim, Registry, SourceMeta, Topic
from linter.report import html as html_report
from linter.report import markdown as md_report
from linter.report.build import assemble, excerpt_of
from linter.report.json import render as render_json
from linter.report.model import Report, date_key

EARLY = "seeds/early.txt"
LATE = "seeds/late.txt"
UNDATED = "seeds/undated.txt"

TEXTS = {
    EARLY: (
        "Officials said on Monday that delegates from 11 countries bordering Afghanistan "
        "were invited to the talks in Moscow, which open next week in the Russian capital."
    ),
    LATE: (
        "Russia convened Taliban officials, Afghan government envoys and representatives\n"
        "from seven nations for talks | aimed at <b>catalyzing</b> an end & a 17-year war."
    ),
    UNDATED: "The conference drew 12 delegations, a source said.",
}


def _loc(line: int) -> Location:
    return Location("claims.yaml", line, 5)


def _claim(cid: str, source: str, quote: str, line: int, topic: str | None = None) -> Claim:
    return Claim(id=cid, source=source, quote=quote, location=_loc(line), topic=topic)


def _fact(cid: str, display: str, key: object) -> FactValue:
    return FactValue(claim_id=cid, kind="count", display=display, key=key)


def registry() -> Registry:
    claims = [
        _claim("early-11", EARLY, "delegates from 11 countries", 3, "countries"),
        _claim("late-7", LATE, "from seven nations", 8, "countries"),
        _claim("undated-12", UNDATED, "12 delegations", 13, "countries"),
        _claim("pipe", LATE, "talks | aimed at <b>catalyzing</b> an end & a", 18, "war"),
        _claim("war-early", EARLY, "which open next week", 23, "war"),
        _claim("lost", EARLY, "a sentence no source has", 28, "venue"),
    ]
    sources = {
        EARLY: SourceMeta(EARLY, _loc(40), "Russia Invites Taliban", "The Diplomat", "2018-09-01"),
        LATE: SourceMeta(LATE, _loc(44), "Talks in Moscow", "Wall Street Journal", "2018-11-09"),
        UNDATED: SourceMeta(UNDATED, _loc(48), None, None, None),
    }
    topics = {
        "countries": Topic("countries", "count", _loc(60), about="Countries invited"),
        "war": Topic(
            "war",
            "text",
            _loc(64),
            about="How the war is described",
            acknowledged=Acknowledgement(["17-year war"], "framing differs by outlet", _loc(66)),
        ),
        "venue": Topic("venue", "name", _loc(70), about="Where the talks were"),
    }
    return Registry(
        path=Path("claims.yaml"),
        display_path="claims.yaml",
        claims=claims,
        sources=sources,
        topics=topics,
    )


def analyses(reg: Registry) -> list[TopicAnalysis]:
    t = reg.topics
    return [
        TopicAnalysis(
            t["venue"],
            [ValueGroup(_fact("lost", "Moscow", "moscow"), ["lost"])],
            status="single",
        ),
        TopicAnalysis(
            t["war"],
            [
                ValueGroup(_fact("pipe", "a 17-year war", "a"), ["pipe"]),
                ValueGroup(_fact("war-early", "talks next week", "b"), ["war-early"]),
            ],
            status="acknowledged",
        ),
        TopicAnalysis(
            t["countries"],
            # Deliberately not in date order: the report orders them.
            [
                ValueGroup(_fact("undated-12", "12", 12), ["undated-12"]),
                ValueGroup(_fact("late-7", "7", 7), ["late-7"]),
                ValueGroup(_fact("early-11", "11", 11), ["early-11"]),
            ],
            status="conflicts",
            conflicts=[("early-11", "late-7"), ("early-11", "undated-12")],
        ),
    ]


def locate(claim: Claim):
    """Find the quote in the constructed sources, as ``check`` would for exact quotes."""
    text = TEXTS[claim.source]
    start = text.find(claim.quote)
    if start < 0:
        return None
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    return text, start, start + len(claim.quote), Location(claim.source, line, column)


def diagnostics() -> list[Diagnostic]:
    def diag(code: str, name: str, line: int, claim: str | None, message: str) -> Diagnostic:
        return Diagnostic(code, name, Severity.ERROR, message, _loc(line), claim=claim)

    return [
        diag("Q101", "quote-not-found", 28, "lost", "quote not found in 'seeds/early.txt'"),
        diag("F101", "fact-conflict", 3, "early-11", "sources disagree"),
        diag("S101", "source-missing", 2, None, "source 'x | y' does not exist"),
    ]


def report(**changes) -> Report:
    reg = registry()
    variants = [NameVariant("Sergey Lavrov", ("Sergei Lavrov", "Sergey Lavrov"), ("a", "b"))]
    return assemble(
        reg, changes.get("analyses", analyses(reg)), variants, diagnostics(), locate=locate
    )


# -- gathering ----------------------------------------------------------------------------------


def test_summary_counts():
    summary = report().summary
    assert (summary.claims, summary.sources, summary.topics) == (6, 3, 3)
    assert (summary.conflicts, summary.acknowledged) == (1, 1)
    assert (summary.name_variants, summary.quote_problems) == (1, 2)


def test_topics_disagreements_first_then_registry_order():
    assert [t.name for t in report().topics] == ["countries", "war", "venue"]


def test_values_and_citations_ordered_by_publication_date_undated_last():
    countries = report().topics[0]
    assert [v.display for v in countries.values] == ["11", "7", "12"]
    timeline = [(v.display, c.published) for v, c in countries.timeline()]
    assert timeline == [("11", "2018-09-01"), ("7", "2018-11-09"), ("12", None)]


def test_partial_dates_sort_at_the_end_of_their_period():
    dates = [None, "2018", "sometime", "2018-11-09", "2018-08", "2017-12-31", "2018-11"]
    assert sorted(dates, key=date_key) == [
        "2017-12-31",
        "2018-08",
        "2018-11-09",
        "2018-11",
        "2018",
        "sometime",
        None,
    ]


def test_citation_carries_source_metadata_context_and_position():
    cite = report().topics[0].values[1].citations[0]
    assert (cite.claim_id, cite.outlet, cite.title) == (
        "late-7",
        "Wall Street Journal",
        "Talks in Moscow",
    )
    assert cite.where == "seeds/late.txt:2"
    assert cite.excerpt.quote == "from seven nations"
    # the line break before the quote is folded into one space
    assert (
        cite.excerpt.before
        == "convened Taliban officials, Afghan government envoys and representatives "
    )
    assert cite.excerpt.clipped_before  # "Russia" precedes the 8 words
    assert cite.excerpt.after == " for talks | aimed at <b>catalyzing</b> an end"
    assert cite.excerpt.clipped_after
    assert cite.claim_location == _loc(8)


def test_acknowledged_topic_keeps_its_reason():
    war = report().topics[1]
    assert (war.status, war.reason) == ("acknowledged", "framing differs by outlet")


def test_quote_problems_are_q_and_s_codes_in_file_order_and_flag_their_claims():
    problems = report().quote_problems
    assert [p.code for p in problems] == ["S101", "Q101"]
    lost = report().topics[2].values[0].citations[0]
    assert lost.problems == ("Q101",)
    assert not lost.excerpt.found and lost.excerpt.quote == "a sentence no source has"
    assert lost.location is None and lost.where == EARLY


@pytest.mark.parametrize(
    ("text", "start", "end", "before", "after"),
    [
        ("one two three", 0, 3, "", " two three"),  # at the very start
        ("one two three", 8, 13, "one two ", ""),  # at the very end
        ("say unbelievable now", 6, 16, "say un", " now"),  # mid-word: stays glued
        ("a\u00a0b\n\nquoted\tc", 5, 11, "a b ", " c"),  # any whitespace folds to one space
    ],
)
def test_excerpt_context(text, start, end, before, after):
    excerpt = excerpt_of(text, start, end)
    assert (excerpt.before, excerpt.after) == (before, after)
    assert not excerpt.clipped_before and not excerpt.clipped_after


def test_excerpt_keeps_eight_words_each_side():
    words = [f"w{i}" for i in range(30)]
    text = " ".join(words)
    start = text.index("w15")
    excerpt = excerpt_of(text, start, start + 3)
    assert excerpt.before.split() == words[7:15]
    assert excerpt.after.split() == words[16:24]
    assert excerpt.clipped_before and excerpt.clipped_after


def test_excerpt_does_not_count_glued_punctuation_as_a_word():
    text = "(" + " ".join(f"w{i}" for i in range(20)) + ")."
    start, end = text.index("w10"), text.index("w10") + 3
    excerpt = excerpt_of(text[:end] + "," + text[end:], start, end)
    assert excerpt.after == ", w11 w12 w13 w14 w15 w16 w17 w18"
    excerpt = excerpt_of(text, 1, 3)  # "w0", glued to "(" before it
    assert excerpt.before == "(" and not excerpt.clipped_before


# -- spellings reconciled by aliases -------------------------------------------------------------


def spelled_registry() -> Registry:
    """Claims spelling aliased names in several ways, and near misses that are not spellings."""
    reg = registry()
    reg.aliases = {
        "Sergei Lavrov": ["Sergey Lavrov"],
        "United States": ["U.S.", "US"],
        "Iran": ["Persia"],
    }
    valued = _claim("valued", UNDATED, "They declined.", 90)
    valued.value = ["US", 12]  # a text value counts; a number is skipped
    reg.claims += [
        _claim("sergei", EARLY, "Foreign Minister Sergei Lavrov's speech", 80),
        _claim("sergey", LATE, "as sergey\n lavrov said", 82),  # case and line break aside
        _claim("sergei-again", UNDATED, "SERGEI LAVROV spoke", 84),
        _claim("sergeyev", LATE, "Sergeyev Lavrovich and Lavrov", 86),  # whole words only
        _claim("dotted", EARLY, "the U.S.-backed government and Iran", 88),
        valued,
        _claim("pronoun", LATE, "invited us, then Us, as a force", 92),  # not "US"
        _claim("usa", LATE, "the USA declined", 94),  # not "US"
    ]
    return reg


def test_aliased_spellings_lists_entries_with_two_spellings_in_use():
    reg = spelled_registry()
    found = aliased_spellings(reg, AliasIndex.build(reg.aliases))
    assert found == [
        AliasedSpellings(
            "Sergei Lavrov",
            (("Sergei Lavrov", ("sergei", "sergei-again")), ("Sergey Lavrov", ("sergey",))),
        ),
        AliasedSpellings("United States", (("U.S.", ("dotted",)), ("US", ("valued",)))),
    ]  # Iran: one spelling only, so nothing to reconcile


def test_aliased_spellings_needs_aliases_and_two_spellings():
    reg = spelled_registry()
    reg.claims = [c for c in reg.claims if c.id not in {"sergey", "valued"}]
    assert aliased_spellings(reg, AliasIndex.build(reg.aliases)) == []
    assert aliased_spellings(spelled_registry(), AliasIndex.build({})) == []


def spelled_report(reg: Registry | None = None) -> Report:
    reg = reg or spelled_registry()
    found = aliased_spellings(reg, AliasIndex.build(reg.aliases))
    return assemble(reg, analyses(reg), [], [], locate=locate, aliased=found)


def test_aliased_spellings_carry_each_claims_outlet():
    (lavrov, _) = spelled_report().aliased_spellings
    assert lavrov.canonical == "Sergei Lavrov"
    sergei, sergey = lavrov.spellings
    assert [(c.claim_id, c.outlet) for c in sergei.claims] == [
        ("sergei", "The Diplomat"),
        ("sergei-again", None),
    ]
    assert (sergey.spelling, sergey.claims[0].outlet) == ("Sergey Lavrov", "Wall Street Journal")


def test_aliased_spellings_in_every_format():
    data = json.loads(render_json(spelled_report()))["aliased_spellings"]
    assert data[1] == {
        "canonical": "United States",
        "spellings": [
            {
                "spelling": "U.S.",
                "claims": [{"claim": "dotted", "source": EARLY, "outlet": "The Diplomat"}],
            },
            {
                "spelling": "US",
                "claims": [{"claim": "valued", "source": UNDATED, "outlet": None}],
            },
        ],
    }
    text = md_report.render(spelled_report())
    part = text[text.index("### Spellings reconciled by aliases") : text.index("## Quote")]
    assert text.index("## Name variants") < text.index("### Spellings reconciled")
    rows = [_cells(r) for r in _table_rows(part)[2:]]
    assert rows[:2] == [
        ["Sergei Lavrov", "Sergei Lavrov", "sergei (The Diplomat); sergei-again (undated.txt)"],
        ["", "Sergey Lavrov", "sergey (Wall Street Journal)"],
    ]
    page = html_report.render(spelled_report())
    parsed = parse(page)
    shown = " ".join(" ".join(parsed.text).split())
    assert "Spellings reconciled by aliases" in shown
    assert "sergei , sergei-again" not in shown and "Sergey Lavrov sergey (Wall Street" in shown
    assert ("th", {"scope": "row", "rowspan": "2"}) in parsed.tags


def test_aliased_spellings_none_in_use_says_so():
    reg = spelled_registry()
    reg.aliases = {}
    assert "No aliased name is spelled in more than one way" in md_report.render(
        spelled_report(reg)
    )
    assert "No aliased name is spelled in more than one way" in html_report.render(
        spelled_report(reg)
    )
    assert json.loads(render_json(spelled_report(reg)))["aliased_spellings"] == []


def test_aliased_spellings_are_escaped():
    reg = spelled_registry()
    reg.aliases = {"A | <b>B</b> & $x$": ["Sergei Lavrov", "Sergey Lavrov"]}
    reg.sources[EARLY].outlet = "Pipe | <i>Press</i>\x07"
    text = md_report.render(spelled_report(reg))
    part = text[text.index("### Spellings reconciled by aliases") : text.index("## Quote")]
    first = _cells(_table_rows(part)[2])
    assert first[0] == r"A \| \<b\>B\</b\> \& \$x\$"
    assert len(first) == 3 and r"Pipe \| \<i\>Press\</i\>\\x07" in first[2]
    page = html_report.render(spelled_report(reg))
    parsed = parse(page)
    assert "b" not in [t for t, _ in parsed.tags] and "i" not in [t for t, _ in parsed.tags]
    assert "A | <b>B</b> & $x$" in "".join(parsed.text)
    assert "\x07" not in page


# -- JSON -----------------------------------------------------------------------------------------


def test_json_shape_and_stable_keys():
    data = json.loads(render_json(report()))
    assert list(data) == [
        "version",
        "summary",
        "topics",
        "name_variants",
        "aliased_spellings",
        "quote_problems",
        "unregistered",
    ]
    assert data["version"] == 1
    assert data["summary"] == {
        "registry": "claims.yaml",
        "claims": 6,
        "sources": 3,
        "topics": 3,
        "conflicts": 1,
        "acknowledged": 1,
        "name_variants": 1,
        "quote_problems": 2,
    }
    countries = data["topics"][0]
    assert countries["status"] == "conflicts"
    assert countries["conflicts"] == [["early-11", "late-7"], ["early-11", "undated-12"]]
    first = countries["values"][0]["citations"][0]
    assert list(first) == [
        "claim",
        "source",
        "title",
        "outlet",
        "published",
        "quote",
        "found",
        "context_before",
        "context_after",
        "location",
        "claim_location",
        "problems",
    ]
    assert first["location"] == {
        "path": EARLY,
        "line": 1,
        "column": 31,
        "page": None,  # a PDF's page, a Word file's paragraph, in words: not in a text file
        "paragraph": None,
        "place": None,
    }
    assert data["quote_problems"][0]["code"] == "S101"
    assert data["name_variants"][0]["spellings"] == ["Sergei Lavrov", "Sergey Lavrov"]
    assert render_json(report()) == render_json(report())  # deterministic


# -- Markdown -------------------------------------------------------------------------------------


def _cells(row: str) -> list[str]:
    """Split a Markdown table row on its unescaped pipes."""
    cells, current, escaped = [], "", False
    for char in row:
        if escaped:
            current += char
            escaped = False
        elif char == "\\":
            current += char
            escaped = True
        elif char == "|":
            cells.append(current)
            current = ""
        else:
            current += char
    cells.append(current)
    return [c.strip() for c in cells[1:-1]]


def _table_rows(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("|")]


def test_markdown_structure_counts_and_statuses():
    text = md_report.render(report())
    assert text.startswith("# Discrepancy report: claims.yaml\n")
    header, _, counts = _table_rows(text)[:3]
    assert _cells(header)[0] == "Claims" and _cells(counts) == ["6", "3", "3", "1", "1", "1", "2"]
    assert "**Status: ✗ Conflicts**" in text
    assert (
        "**Status: ! Acknowledged** — sources disagree; the disagreement is acknowledged." in text
    )
    assert "\n**Reason:** framing differs by outlet\n" in text
    assert (
        text.index("## Topics") < text.index("## Name variants") < text.index("## Quote problems")
    )
    assert "<" not in text.replace("\\<", "")  # no raw HTML at all


def test_markdown_rows_are_in_date_order_with_six_cells():
    text = md_report.render(report())
    section = text[text.index("### ✗") : text.index("### !")]
    rows = [_cells(r) for r in _table_rows(section)[2:]]
    assert [r[0] for r in rows] == ["2018-09-01", "2018-11-09", "undated"]
    assert [r[1] for r in rows] == ["The Diplomat", "Wall Street Journal", "undated.txt"]
    assert all(len(r) == 6 for r in rows)
    assert rows[1][4].startswith("…convened Taliban") and "**from seven nations**" in rows[1][4]
    assert rows[1][5] == "seeds/late.txt:2"


def test_markdown_escapes_pipes_html_and_emphasis_in_cells():
    text = md_report.render(report())
    row = next(r for r in _table_rows(text) if "pipe" in r)
    cells = _cells(row)
    assert len(cells) == 6
    assert r"**talks \| aimed at \<b\>catalyzing\</b\> an end \& a**" in cells[4]
    problem = next(r for r in _table_rows(text) if "S101" in r)
    assert len(_cells(problem)) == 5 and r"'x \| y'" in problem


def test_markdown_keeps_source_spacing_around_the_emphasised_quote():
    text = md_report.render(report())
    assert "The conference drew **12 delegations**, a source said." in text
    assert "the talks in Moscow, **which open next week** in the Russian capital." in text


@pytest.mark.parametrize(
    ("about", "shown"),
    [
        ("- a list?", r"\- a list?"),
        ("12. Not a list", r"12\. Not a list"),
        ("# not a heading", r"\# not a heading"),
        ("> not a quote", r"\> not a quote"),
        ("Plain", "Plain"),
    ],
)
def test_markdown_about_never_opens_a_block(about, shown):
    assert md_report.paragraph(about) == shown


def test_markdown_marks_unfound_quotes_and_flagged_claims():
    text = md_report.render(report())
    row = next(r for r in _table_rows(text) if "lost" in r)
    assert "lost ⚠ Q101" in row and "(not found in the source)" in row
    # the S101 in diagnostics() is on no claim; put one on "lost": its source is unreadable
    missing = Diagnostic("S101", "source-missing", Severity.ERROR, "gone", _loc(28), claim="lost")
    reg = registry()
    text = md_report.render(assemble(reg, analyses(reg), [], [missing], locate=locate))
    row = next(r for r in _table_rows(text) if "lost" in r and "Moscow" in r)
    assert "lost ⚠ S101" in row and "(source could not be read)" in row


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=40))
def test_markdown_cell_escaping_never_breaks_a_row(raw):
    cells = _cells(f"| {md_report.text(raw)} | x |")
    assert len(cells) == 2 and cells[1] == "x"
    assert "\n" not in md_report.text(raw)


# -- HTML -----------------------------------------------------------------------------------------


class _Page(HTMLParser):
    """Collects visible text and checks that every opened element is closed."""

    VOID = frozenset({"meta", "br", "col", "link", "img", "hr", "input"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []
        self.tags: list[tuple[str, dict]] = []
        self.in_style = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.stack.append(tag)
        self.in_style = tag == "style"

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()
        self.in_style = False

    def handle_data(self, data):
        if not self.in_style:
            self.text.append(data)


def parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    parser.close()
    assert parser.stack == []
    return parser


def test_html_is_well_formed_self_contained_and_accessible():
    page = html_report.render(report())
    parsed = parse(page)
    tags = [t for t, _ in parsed.tags]
    assert page.startswith("<!DOCTYPE html>")
    for banned in ("script", "link", "img", "iframe", "object", "embed"):
        assert banned not in tags
    assert "http:" not in page and "https:" not in page and "url(" not in page
    assert "@media print" in page
    assert tags.count("h1") == 1 and "h2" in tags and "h3" in tags
    assert all(a.get("scope") in {"col", "row"} for t, a in parsed.tags if t == "th")
    assert ("html", {"lang": "en"}) in parsed.tags


def test_html_shows_statuses_in_words_values_outlets_and_reason():
    text = " ".join(" ".join(parse(html_report.render(report())).text).split())
    for words in ("✗ Conflicts", "! Acknowledged", "· Single source", "Reason: framing differs"):
        assert words in text
    for outlet in ("The Diplomat", "Wall Street Journal"):
        assert outlet in text
    table = text[text.index("Sources on countries") :]
    assert table.index("2018-09-01") < table.index("2018-11-09") < table.index("undated")


def test_html_escapes_source_text_and_control_characters():
    page = html_report.render(report())
    assert "<b>catalyzing" not in page
    assert "&lt;b&gt;catalyzing&lt;/b&gt; an end &amp; a" in page

    reg = registry()
    hostile = "<script>alert('x')</script> \x07 \x1b[31m see https://example.org/?a=1&b=\"2\""
    reg.sources[EARLY].outlet = hostile
    page = html_report.render(assemble(reg, analyses(reg), [], [], locate=locate))
    parsed = parse(page)
    assert "script" not in [t for t, _ in parsed.tags]
    assert "\x07" not in page and "\x1b" not in page
    assert "https:" not in page  # the URL is still shown, with an escaped colon
    text = "".join(parsed.text)
    assert (
        "<script>alert('x')</script> \\x07 \\x1b[31m see https://example.org/?a=1&b=\"2\"" in text
    )


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=40))
def test_html_escaping_round_trips_visible_text(raw):
    parsed = parse(f"<p>{html_report.esc(raw)}</p>")
    assert parsed.tags == [("p", {})]
    shown = "".join(parsed.text)
    assert not re.search(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]", shown)
    assert not escape.UNSAFE.search(re.sub(r"[\t\n\r\x0b\x0c]", " ", shown))
    if not escape.UNSAFE.search(re.sub(r"[\t\n\x0b\x0c]", " ", raw)):
        assert shown == raw


def test_bidi_overrides_are_shown_escaped():
    assert escape.visible("abc\u202edef\u2066", keep_whitespace=True) == "abc\\u202edef\\u2066"


def test_html_anchors_are_unique_and_safe():
    reg = registry()
    reg.topics["venue"].name = "war"  # two topics with one name: still distinct anchors
    page = html_report.render(assemble(reg, analyses(reg), [], [], locate=locate))
    ids = re.findall(r'<section class="topic [a-z]+" id="([^"]+)"', page)
    assert len(ids) == len(set(ids)) == 3


def test_empty_registry_renders_in_every_format():
    empty = assemble(
        Registry(path=Path("claims.yaml"), display_path="claims.yaml"), [], [], [], None
    )
    assert "No topics are defined" in md_report.render(empty)
    assert "No topics are defined" in html_report.render(empty)
    assert json.loads(render_json(empty))["topics"] == []


def test_unknown_format_is_a_usage_error():
    from linter.report import render

    with pytest.raises(UsageError, match="unknown report format 'pdf'"):
        render(None, "pdf", [])


# -- end to end: the real CLI on a real registry --------------------------------------------------


# A registry over the real seeds with two conflicting topics, one acknowledged, one
# agreeing, a misquote, and metadata that needs escaping.
REGISTRY = """\
sources:
  seeds/001_3de99958f30674d8.txt:
    title: Moscow shows it's back in the great game
    outlet: The Washington Post
    published: "2018-11-09"
  seeds/003_f8f61fc48ebdb4ba.txt:
    title: Russia Invites Taliban to Talk Peace
    outlet: "Student <Essays> & Co"
    published: "2018-08"
  seeds/004_09030c89965f0637.txt:
    title: Russia Hosts Afghanistan Peace Talks in Bid to End 17-year War
    outlet: The Wall Street Journal
    published: "2018-11-09"
topics:
  countries-at-meeting:
    kind: count
    about: How many countries were represented at the Moscow meeting.
  meeting-date:
    kind: date
    about: When the Moscow talks took place.
  afghan-war-length:
    kind: quantity
    about: How long the war in Afghanistan had lasted, in years.
    acknowledged:
      values: [17, 16]
      reason: The speech was written a year earlier.
  host-foreign-minister:
    kind: name
    about: The Russian foreign minister who convened the meeting.
claims:
  - id: countries-wapo
    source: seeds/001_3de99958f30674d8.txt
    quote: the Moscow meeting, which was attended by representatives of 11 countries
    topic: countries-at-meeting
    value: 11
  - id: countries-wsj
    source: seeds/004_09030c89965f0637.txt
    quote: Afghan government envoys and representatives from seven nations
    topic: countries-at-meeting
    value: 7
  - id: date-planned
    source: seeds/003_f8f61fc48ebdb4ba.txt
    quote: to peace talks in early September
    topic: meeting-date
    value: 2018-09
  - id: date-held
    source: seeds/004_09030c89965f0637.txt
    quote: The meeting Friday appeared to yield no significant breakthroughs
    topic: meeting-date
    value: 2018-11-09
  - id: war-wapo
    source: seeds/001_3de99958f30674d8.txt
    quote: the diplomatic forefront of the 17-year war
    topic: afghan-war-length
    value: 17
  - id: war-speech
    source: seeds/002_9775b822335aef3f.txt
    quote: having America's 16-year-long so-called "War on Terror"
    topic: afghan-war-length
    value: 16
  - id: minister-wapo
    source: seeds/001_3de99958f30674d8.txt
    quote: Russian Foreign Minister Sergei Lavrov on Friday promised
    topic: host-foreign-minister
    value: Sergei Lavrov
  - id: minister-wsj
    source: seeds/004_09030c89965f0637.txt
    quote: Russian Foreign Minister Sergei Lavrov opened the meeting Friday
    topic: host-foreign-minister
    value: Sergei Lavrov
  - id: paraphrase
    source: seeds/004_09030c89965f0637.txt
    quote: Lavrov vowed to bring lasting peace and unity to every corner of Afghanistan
"""


def write_registry(root: Path) -> Path:
    """A real registry and the real seeds in ``root``; returns the registry's path."""
    shutil.copytree(SEEDS, root / "seeds")
    path = root / "claims.yaml"
    path.write_text(REGISTRY, encoding="utf-8")
    return path


def run_report(root: Path, *args: str) -> subprocess.CompletedProcess:
    return run_cli("report", "--no-cache", *args, cwd=root)


@pytest.fixture(scope="module")
def real(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("report")
    write_registry(root)
    return root


def test_cli_json_report_on_real_registry(real):
    done = run_report(real, "--format", "json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["summary"]["claims"] == 9 and data["summary"]["conflicts"] == 2
    status = {t["name"]: t["status"] for t in data["topics"]}
    assert status == {
        "countries-at-meeting": "conflicts",
        "meeting-date": "conflicts",
        "afghan-war-length": "acknowledged",
        "host-foreign-minister": "agrees",
    }
    dates = data["topics"][1]["values"]
    assert [v["citations"][0]["published"] for v in dates] == ["2018-08", "2018-11-09"]
    held = dates[1]["citations"][0]
    assert held["outlet"] == "The Wall Street Journal"
    assert held["location"]["path"] == "seeds/004_09030c89965f0637.txt"
    assert held["context_after"] == ", although participants agreed to gather again at an"
    assert [p["code"] for p in data["quote_problems"]] == ["Q101"]
    assert data["quote_problems"][0]["claim"] == "paraphrase"


def test_cli_markdown_report_to_file(real):
    done = run_report(real, "-o", "report.md")
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    text = (real / "report.md").read_text(encoding="utf-8")
    assert "### ✗ countries-at-meeting" in text
    assert "Student \\<Essays\\> \\& Co" in text
    assert "| paraphrase |" in text  # the misquote is listed under quote problems


def test_cli_report_on_this_repository_shows_aliased_spellings():
    """This repository's claims.yaml: sources spell Stanekzai/Stanikzai and Sergei/Sergey."""
    done = run_cli("report", "--no-cache", "--format", "json", cwd=REPO)
    assert done.returncode == 0, done.stderr
    entries = {e["canonical"]: e for e in json.loads(done.stdout)["aliased_spellings"]}
    stanekzai = entries["Sher Mohammed Abbas Stanekzai"]["spellings"]
    spelled = {s["spelling"]: s["claims"] for s in stanekzai}
    assert any("Stanikzai" in spelling for spelling in spelled)
    assert any("Stanekzai" in spelling for spelling in spelled)
    stanikzai = next(claims for spelling, claims in spelled.items() if "Stanikzai" in spelling)
    assert {c["outlet"] for c in stanikzai} == {"The Wall Street Journal"}
    lavrov = {s["spelling"]: s["claims"] for s in entries["Sergei Lavrov"]["spellings"]}
    assert set(lavrov) == {"Sergei Lavrov", "Sergey Lavrov"}
    assert {c["source"] for c in lavrov["Sergey Lavrov"]} == {"seeds/000_592aeca20ffb493b.txt"}


def test_cli_report_marks_the_latest_value_in_every_format(real):
    """A later publication's value is marked; two values published the same day are not."""
    data = json.loads(run_report(real, "--format", "json").stdout)
    topics = {t["name"]: t for t in data["topics"]}
    dates = topics["meeting-date"]
    assert dates["latest"] == "2018-11-09"
    assert [(v["value"], v["latest"]) for v in dates["values"]] == [
        ("2018-09", False),
        ("2018-11-09", True),
    ]
    assert topics["countries-at-meeting"]["latest"] is None  # both 2018-11-09
    markdown = run_report(real).stdout
    assert "**2018-11-09** (1 source, latest)" in markdown
    html = run_report(real, "--format", "html").stdout
    assert "<strong>2018-11-09</strong> — 1 source, latest" in html


def test_cli_report_never_says_agrees_while_a_value_is_unsupported(project):
    """Two claims give 11; one quote says seven: the topic reads 'Unsupported value'."""
    project(
        """
        topics:
          countries: {kind: count}
        claims:
          - id: wapo
            source: seeds/001_3de99958f30674d8.txt
            quote: which was attended by representatives of 11 countries
            topic: countries
            value: 11
          - id: wsj
            source: seeds/004_09030c89965f0637.txt
            quote: Afghan government envoys and representatives from seven nations
            topic: countries
            value: 11
        """
    )
    done = run_cli("report", "--no-cache", "--format", "json", cwd=project.root)
    (topic,) = json.loads(done.stdout)["topics"]
    assert (topic["status"], topic["unsupported"]) == ("unsupported", ["wsj"])
    markdown = run_cli("report", "--no-cache", cwd=project.root).stdout
    assert "Agrees" not in markdown and "Unsupported value" in markdown
    assert "Value not what its own quote says (F102): wsj." in markdown
