"""Topic analysis and the F-rules: ``analyze`` on built registries, then the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import CARNEGIE, WAPO, WSJ, run_cli

from linter.diagnostics import Location
from linter.facts.analysis import analyze
from linter.facts.model import ACKNOWLEDGED, AGREES, CONFLICTS, EMPTY, SINGLE
from linter.model import Acknowledgement, Claim, Registry, SourceMeta, Topic

HURLEY = "seeds/003_f8f61fc48ebdb4ba.txt"
AT = Location("claims.yaml", 1, 1)


def claim(ident: str, quote: str, topic: str | None = "t", source: str = WAPO, **kw) -> Claim:
    return Claim(id=ident, source=source, quote=quote, location=AT, topic=topic, **kw)


def registry(kind: str, *claims: Claim, **topic_kw) -> Registry:
    reg = Registry(path=Path("claims.yaml"), display_path="claims.yaml")
    reg.topics = {"t": Topic("t", kind, AT, **topic_kw)}
    reg.claims = list(claims)
    return reg


def only(reg: Registry):
    facts = analyze(reg)
    (analysis,), variants = facts.topics, facts.variants
    return analysis, variants


# --- analyze -----------------------------------------------------------------------------


def test_equal_values_written_differently_agree():
    analysis, _ = only(
        registry(
            "count",
            claim("a", "sitting between a five-man Taliban delegation"),
            claim("b", "the group's five-person delegation", source=WSJ),
            claim("c", "eleven, no: five", value=5),
        )
    )
    assert analysis.status == AGREES
    assert [(g.fact.display, g.claim_ids) for g in analysis.groups] == [("5", ["a", "b", "c"])]
    assert [g.fact.origin for g in analysis.groups] == ["quote"]


def test_conflicting_values_pair_every_claim():
    analysis, _ = only(
        registry(
            "count",
            claim("a", "attended by representatives of 11 countries"),
            claim("b", "representatives from seven nations", source=WSJ),
            claim("c", "delegates from 11 countries", source=HURLEY),
        )
    )
    assert analysis.status == CONFLICTS
    assert sorted(analysis.conflicts) == [("a", "b"), ("c", "b")]


def test_acknowledged_values_then_a_new_one():
    ack = Acknowledgement(values=[11, "seven"], reason="invited vs attending", location=AT)
    claims = [
        claim("a", "attended by representatives of 11 countries"),
        claim("b", "representatives from seven nations", source=WSJ),
    ]
    analysis, _ = only(registry("count", *claims, acknowledged=ack))
    assert analysis.status == ACKNOWLEDGED
    assert analysis.unacknowledged == []
    newcomer = claim("c", "delegates from 12 countries", source=HURLEY)
    analysis, _ = only(registry("count", *claims, newcomer, acknowledged=ack))
    assert analysis.status == CONFLICTS
    assert {frozenset(p) for p in analysis.unacknowledged} == {
        frozenset(("a", "c")),
        frozenset(("b", "c")),
    }
    assert [r.covered for r in analysis.readings] == [True, True, False]


def test_unreadable_acknowledged_values_are_kept_for_f105():
    ack = Acknowledgement(values=["lots"], reason="r", location=AT)
    analysis, _ = only(registry("count", claim("a", "11 countries"), acknowledged=ack))
    assert analysis.status == SINGLE
    assert analysis.acknowledged_unreadable and "lots" in analysis.acknowledged_unreadable[0]


def test_unreadable_claims_make_an_empty_topic():
    analysis, _ = only(registry("count", claim("a", "The U.S. and India sent observers.")))
    assert analysis.status == EMPTY
    assert analysis.unreadable == ["a"]


def test_year_from_the_sources_published_date():
    reg = registry(
        "date",
        claim("a", "On November 9, 2018", source=CARNEGIE),
        claim("b", "to peace talks in early September", source=HURLEY),
    )
    analysis, _ = only(reg)
    assert analysis.status == SINGLE and analysis.unreadable == ["b"]
    reg.sources = {HURLEY: SourceMeta(HURLEY, AT, published="2018-08")}
    analysis, _ = only(reg)
    assert analysis.status == CONFLICTS
    assert [g.fact.display for g in analysis.groups] == ["2018-11-09", "early September 2018"]
    assert analysis.readings[1].note and "2018-08" in analysis.readings[1].note


def test_sets_and_aliases():
    reg = registry(
        "set",
        claim("a", "x", value=["Afghanistan", "China", "United States"], complete=True),
        claim("b", "x", value=["US", "China"]),
    )
    reg.aliases = {"United States": ["U.S.", "US"]}
    assert only(reg)[0].status == AGREES
    reg.claims.append(claim("c", "x", value=["Turkey"]))
    analysis, _ = only(reg)
    assert analysis.status == CONFLICTS and analysis.conflicts == [("a", "c")]


def test_name_variants_need_an_alias_and_never_merge_different_names():
    claims = [
        claim("a", "top political envoy Mohammad Abbas Stanekzai", topic=None),
        claim("b", "the commission's head, Muhammad Abbas Stanikzai", topic=None, source=WSJ),
        claim("c", "the envoy Stanekzai met Iran, Austria and Slovakia", topic=None),
        claim("d", "envoys from Iraq, Australia and Slovenia", topic=None),
    ]
    reg = registry("name", *claims)
    variants = analyze(reg).variants
    assert {v.spellings for v in variants} == {
        ("Stanekzai", "Stanikzai"),
        ("Mohammad", "Muhammad"),
    }
    stanekzai = next(v for v in variants if v.canonical_guess == "Stanekzai")
    # c's lone surname shares no anchor with b's full name: it is not compared
    assert stanekzai.by_spelling == (("Stanekzai", ("a",)), ("Stanikzai", ("b",)))
    reg.aliases = {"Mohammad Abbas Stanekzai": ["Muhammad Abbas Stanikzai"]}
    assert analyze(reg).variants == []


def test_spelling_variants_of_a_name_are_no_conflict():
    analysis, variants = only(
        registry(
            "name",
            claim("a", "Mohammad Abbas Stanekzai", value="Mohammad Abbas Stanekzai"),
            claim("b", "Muhammad Abbas Stanikzai", value="Muhammad Abbas Stanikzai"),
        )
    )
    assert analysis.status == AGREES
    assert variants  # reported by F103 instead


# --- the rules through the CLI -------------------------------------------------------------

TOPICS = """
topics:
  countries:
    kind: count
    about: how many countries sent representatives
"""


def check(project, registry_text: str, *args: str):
    project(registry_text)
    result = run_cli("check", "--format", "json", *args, cwd=project.root)
    assert result.returncode in (0, 1), result.stderr
    assert not result.stderr
    return result.returncode, json.loads(result.stdout)["diagnostics"]


def codes(diagnostics) -> list[tuple[str, str, str]]:
    return [(d["code"], d["severity"], d["claim"]) for d in diagnostics]


# Two claims on 'countries' that disagree: 11 against 7.
CONFLICTING = f"""
claims:
  - id: eleven
    source: {WAPO}
    quote: which was attended by representatives of 11 countries
    topic: countries
  - id: seven
    source: {WSJ}
    quote: representatives from seven nations
    topic: countries
"""


def test_f101_reports_each_conflicting_claim_naming_the_others(project):
    rc, found = check(project, TOPICS + CONFLICTING)
    assert rc == 1
    assert codes(found) == [("F101", "error", "eleven"), ("F101", "error", "seven")]
    first = found[0]
    assert (first["line"], first["column"]) == (9, 12)  # the quote: no value given
    assert "this claim says 11" in first["message"]
    assert f"'seven' ({WSJ}) says 7" in first["message"]


ACK = (
    """
topics:
  countries:
    kind: count
    acknowledged:
      values: [11, seven]
      reason: invited against attending"""
    + CONFLICTING
)


def test_f101_acknowledged_is_info_and_passes_until_a_new_value(project):
    rc, found = check(project, ACK)
    assert rc == 0
    assert codes(found) == [("F101", "info", "eleven"), ("F101", "info", "seven")]
    assert found[0]["message"].startswith("acknowledged: invited against attending")
    extra = f"""
  - id: twelve
    source: {CARNEGIE}
    quote: Sergey Lavrov convened representatives of the Taliban
    topic: countries
    value: 12
    ignore:
      F102: the quote gives no number; testing the conflict alone
"""
    rc, found = check(project, ACK + extra)
    assert rc == 1
    assert ("F101", "error", "twelve") in codes(found)
    twelve = next(d for d in found if d["claim"] == "twelve")
    assert "12 is not among the acknowledged values" in twelve["message"]
    assert (twelve["line"], twelve["column"]) == (21, 12)  # at the value


def test_f102_value_not_in_its_quote(project):
    rc, found = check(
        project,
        TOPICS
        + f"""
claims:
  - id: eleven
    source: {WAPO}
    quote: which was attended by representatives of 11 countries
    topic: countries
    value: 12
  - id: eleven-words
    source: {WAPO}
    quote: which was attended by representatives of 11 countries
    topic: countries
    value: eleven
""",
    )
    assert rc == 1
    f102 = [d for d in found if d["code"] == "F102"]
    assert codes(f102) == [("F102", "error", "eleven")]
    assert (f102[0]["line"], f102[0]["column"]) == (11, 12)
    assert "the quote says 11" in f102[0]["message"]


VARIANTS = f"""
claims:
  - id: lavrov-convened
    source: {CARNEGIE}
    quote: Russian Foreign Minister Sergey Lavrov convened representatives
  - id: lavrov-promised
    source: {WAPO}
    quote: Russian Foreign Minister Sergei Lavrov on Friday promised
  - id: lavrov-opened
    source: {WSJ}
    quote: Russian Foreign Minister Sergei Lavrov opened the meeting Friday
"""


def test_f103_warns_on_the_minority_spelling_until_aliased(project):
    rc, found = check(project, VARIANTS)
    assert rc == 1
    assert codes(found) == [("F103", "warning", "lavrov-convened")]
    assert "'Sergey'" in found[0]["message"] and "'Sergei'" in found[0]["message"]
    assert (found[0]["line"], found[0]["column"]) == (4, 12)
    rc, found = check(project, "aliases:\n  Sergei Lavrov: [Sergey Lavrov]\n" + VARIANTS)
    assert (rc, found) == (0, [])


def test_f103_never_pairs_different_countries(project):
    _, found = check(
        project,
        f"""
topics:
  neighbours: {{kind: set}}
claims:
  - id: one
    source: {WAPO}
    quote: including regional heavyweights China, Iran and Pakistan
    topic: neighbours
    value: [Iran, Austria, Slovakia, Sweden]
  - id: two
    source: {WAPO}
    quote: including regional heavyweights China, Iran and Pakistan
    topic: neighbours
    value: [Iraq, Australia, Slovenia, Switzerland]
""",
    )
    assert [d for d in found if d["code"] == "F103"] == []
    assert ("F102", "error", "two") in codes(found)  # the values are not in the quote


def test_rule_details_name_the_other_claims(project):
    """``details`` feed ``--diff-base`` restriction and the report: real loader, real rule."""
    from linter.config import Config
    from linter.context import Context
    from linter.corpus import load_corpus
    from linter.registry import load_registry
    from linter.rules import all_rules

    path = project(ACK)
    reg = load_registry(path)
    ctx = Context(reg, load_corpus(reg, Config()), Config())
    found = list(all_rules()["F101"].check(ctx))
    assert [d.others for d in found] == [("seven",), ("eleven",)]
    assert found[0].details["other_values"] == [{"claim": "seven", "source": WSJ, "value": "7"}]
    assert found[0].details["acknowledged"] == "invited against attending"


def test_f104_unknown_topic_suggests_the_closest(project):
    rc, found = check(
        project,
        TOPICS
        + f"""
claims:
  - id: eleven
    source: {WAPO}
    quote: which was attended by representatives of 11 countries
    topic: countrys
""",
    )
    assert rc == 1
    assert codes(found) == [("F104", "error", "eleven")]
    assert "did you mean 'countries'?" in found[0]["message"]
    assert (found[0]["line"], found[0]["column"]) == (10, 12)


@pytest.mark.parametrize(
    "declared",
    ["countries:\n    about: how many countries", "countries:\n    kind: tally"],
    ids=["missing-kind", "unknown-kind"],
)
def test_f104_not_reported_on_a_declared_but_invalid_topic(project, declared):
    """The topic's R102 explains the problem; an F104 on each claim would mislead."""
    rc, found = check(
        project,
        f"topics:\n  {declared}{CONFLICTING}",
    )
    assert rc == 1
    assert [d["code"] for d in found] == ["R102"]
    assert "topic 'countries'" in found[0]["message"]


def test_f105_no_value_in_the_quote(project):
    rc, found = check(
        project,
        TOPICS
        + f"""
claims:
  - id: observers
    source: {WSJ}
    quote: The U.S. and India sent observers.
    topic: countries
  - id: not-a-number
    source: {WSJ}
    quote: representatives from seven nations
    topic: countries
    value: several
""",
    )
    assert rc == 1
    assert codes(found) == [("F105", "error", "observers"), ("F105", "error", "not-a-number")]
    assert "holds no number" in found[0]["message"]
    assert (found[0]["line"], found[1]["line"]) == (9, 15)  # the quote, then the value


def test_f105_date_without_a_year_says_where_the_year_comes_from(project):
    text = f"""
topics:
  planned:
    kind: date
claims:
  - id: september
    source: {HURLEY}
    quote: to peace talks in early September
    topic: planned
"""
    rc, found = check(project, text)
    assert codes(found) == [("F105", "error", "september")]
    assert "published" in found[0]["message"]
    sources = f"sources:\n  {HURLEY}:\n    published: 2018-08\n"
    rc, found = check(project, sources + text)
    assert (rc, found) == (0, [])
