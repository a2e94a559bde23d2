"""F103's design: what a name is, which names are compared, what a variant is, ``distinct``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import CARNEGIE, WAPO, WSJ, run_cli

from linter.diagnostics import Location
from linter.facts.analysis import analyze
from linter.facts.model import AGREES, CONFLICTS
from linter.facts.spelling import is_variant
from linter.facts.variants import names_in
from linter.model import Claim, Registry, Topic

AT = Location("claims.yaml", 1, 1)


def claim(ident: str, quote: str, topic: str | None = None, **kw) -> Claim:
    return Claim(id=ident, source=WAPO, quote=quote, location=AT, topic=topic, **kw)


def variants_of(*claims: Claim, kind: str = "name", distinct=()) -> set[tuple[str, ...]]:
    reg = Registry(path=Path("claims.yaml"), display_path="claims.yaml")
    reg.topics = {"t": Topic("t", kind, AT)}
    reg.claims = list(claims)
    reg.distinct = [list(group) for group in distinct]
    return {tuple(sorted(v.spellings)) for v in analyze(reg).variants}


# The real variants of one person across two articles, by edit class.
@pytest.mark.parametrize(
    "pair",
    [
        "Tanisha/Tanishia",  # a letter added
        "Dominque/Dominique",
        "Jaden/Jaiden",
        "Johnathan/Jonathan",  # a letter dropped
        "Jamie/Jaime",  # transpositions
        "Rolando/Ronaldo",
        "Kavin/Kabin",  # alternations: v/b, c/k, ck/k, w/u
        "Erika/Erica",
        "Zachary/Zackary",
        "DeShaun/DeShawn",
        "Anna/Ana",  # a doubled letter
        "Philip/Filip",  # ph/f
        "Schmidt/Shmidt",  # sch/sh
    ],
)
def test_real_spelling_variants(pair):
    a, b = pair.split("/")
    assert is_variant(a, b) and is_variant(b, a)


# The false alarms: none is one entity.
@pytest.mark.parametrize(
    "pair",
    [
        "Mouse/Moose",
        "Shop/Ship",
        "Tony/Toone",
        "Ground/Grand",
        "SWAT/Sweet",
        "Gaines/Guinness",
        "Cody/Code",
        "Franco/FRance",
        "Caption/Captain",
        "Rupert/Report",
        "Alan/Allen",
        "Roger/Ruger",
        "Status/States",
        "Jesse/Jose",
        "River/Rubber",  # an alternation (v/b) and a vowel together: too much for five letters
        "Mark/Mary",
        "Paul/Paula",  # a last letter changed
        "Russia/Russian",
    ],
)
def test_known_and_short_differences_are_never_variants(pair):
    a, b = pair.split("/")
    assert not is_variant(a, b)


def test_distinct_pairs_of_words_are_never_variants():
    assert is_variant("Jaden", "Jaiden")
    assert not is_variant("Jaden", "Jaiden", [frozenset({"jaden", "jaiden"})])


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Police said Neely Gardner, 19, was booked", [("Neely", "Gardner")]),
        ("Detectives and Deputies found Dwright Boone-Doty", [("Dwright", "Boone-Doty")]),
        ("Russian Foreign Minister Sergei Lavrov opened it", [("Sergei", "Lavrov")]),
        ("Frank-Juergen Weise, head of the agency", [("Frank-Juergen", "Weise")]),
        ("SWAT teams moved in. Ground was lost", []),  # capitals and a sentence's first word
        ("The FRance desk and DeShawn Swanson", [("DeShawn", "Swanson")]),
        ("met on Friday in March with Tony Blair's aides", [("Tony", "Blair")]),
    ],
)
def test_what_counts_as_a_name(text, names):
    assert names_in(text) == names


def test_names_sharing_a_surname_are_compared_on_any_topic():
    found = variants_of(
        claim("a", "said Tanisha Jones, who lives nearby", topic="x"),
        claim("b", "Neighbour Tanishia Jones said", topic="y"),
    )
    assert found == {("Tanisha", "Tanishia")}


def test_names_sharing_nothing_are_never_compared():
    """DeShawn/Dashawn alone would pair; their surnames differ, so they are two people."""
    assert (
        variants_of(claim("a", "said DeShawn Swanson"), claim("b", "said Dashawn Smith")) == set()
    )


def test_lone_names_are_compared_only_on_one_topic():
    lone = [claim("a", "the envoy Stanekzai met them"), claim("b", "the envoy Stanikzai said")]
    assert variants_of(*lone) == set()  # no topic, no anchor
    on_topic = [claim(c.id, c.quote, topic="t") for c in lone]
    assert variants_of(*on_topic) == {("Stanekzai", "Stanikzai")}


def test_a_distinct_entry_says_two_names_are_different_people():
    pair = [claim("a", "said Roland Smith"), claim("b", "said Rolland Smith")]
    assert variants_of(*pair) == {("Roland", "Rolland")}
    assert variants_of(*pair, distinct=[("Roland Smith", "Rolland Smith")]) == set()


def _name_topic(*values: str, distinct=()):
    reg = Registry(path=Path("claims.yaml"), display_path="claims.yaml")
    reg.topics = {"t": Topic("t", "name", AT)}
    reg.claims = [
        Claim(id=f"c{i}", source=WAPO, quote=v, location=AT, topic="t", value=v)
        for i, v in enumerate(values)
    ]
    reg.distinct = [list(group) for group in distinct]
    facts = analyze(reg)
    (analysis,), variants = facts.topics, facts.variants
    return analysis.status, variants


def test_in_a_name_topic_a_spelling_variant_is_f103_and_another_name_f101():
    status, variants = _name_topic("Jaden Smith", "Jaiden Smith")
    assert status == AGREES and variants  # one person spelled two ways: F103
    status, variants = _name_topic("Jaden Smith", "Jaden Jones")
    assert status == CONFLICTS and not variants  # two people: F101
    status, variants = _name_topic("Jaden Smith", "Jaiden Smith", distinct=[("Jaden", "Jaiden")])
    assert status == CONFLICTS and not variants  # said to be different: F101, never F103


def test_a_nickname_is_a_short_form_not_a_variant_nor_a_conflict():
    status, variants = _name_topic("Josh Smith", "Joshua Smith")
    assert status == AGREES and not variants


# --- through the CLI: the registry's `distinct:` section -----------------------------------

LAVROV = f"""
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


def run_check(project, text: str):
    project(text)
    done = run_cli("check", "--no-cache", "--format", "json", cwd=project.root)
    assert done.returncode in (0, 1, 2) and not done.stderr, done.stderr
    return done.returncode, json.loads(done.stdout)["diagnostics"]


def test_cli_distinct_silences_f103(project):
    _, found = run_check(project, LAVROV)
    assert [d["code"] for d in found] == ["F103"]
    rc, found = run_check(project, "distinct:\n  - [Sergey Lavrov, Sergei Lavrov]\n" + LAVROV)
    assert (rc, found) == (0, [])


@pytest.mark.parametrize(
    ("section", "message"),
    [
        ("distinct: Sergey Lavrov", "'distinct' must be a list of lists of names"),
        ("distinct:\n  - Sergey Lavrov", "each entry of 'distinct' must be a list of two names"),
        ("distinct:\n  - [Sergey Lavrov]", "each entry of 'distinct' must be a list of two names"),
    ],
)
def test_cli_malformed_distinct_is_r102(project, section, message):
    rc, found = run_check(project, section + "\n" + LAVROV)
    problems = [d for d in found if d["code"] == "R102"]
    assert rc == 1 and problems and message in problems[0]["message"]
    assert problems[0]["line"] in (1, 2)


def test_cli_f101_in_a_name_topic_says_it_is_no_spelling_variant(project):
    _, found = run_check(
        project,
        f"""
topics:
  spokesman: {{kind: name}}
claims:
  - id: taliban
    source: {WSJ}
    quote: Taliban spokesman Zabiullah Mujahid
    topic: spokesman
  - id: state
    source: {WAPO}
    quote: State Department deputy spokesman Robert Palladino
    topic: spokesman
""",
    )
    conflicts = [d for d in found if d["code"] == "F101"]
    assert conflicts and all("not spellings of one" in d["message"] for d in conflicts)
