"""The registry loader and R101-R104: real files in tmp_path, positions asserted exactly.

Position-sensitive tests run with both PyYAML parsers (libyaml's C parser when
installed, and the pure-Python one), since users may have either.
"""

from __future__ import annotations

import datetime
import json
import os
import textwrap
import time
from pathlib import Path

import pytest
import yaml
from conftest import CARNEGIE, run_cli
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from linter import yamlsafe
from linter.errors import UsageError
from linter.model import Registry
from linter.registry import MAX_BYTES, load_registry

SEED = CARNEGIE

LOADERS = [yaml.SafeLoader] + ([yaml.CSafeLoader] if hasattr(yaml, "CSafeLoader") else [])


@pytest.fixture(params=LOADERS, ids=lambda loader: loader.__name__)
def loader(request, monkeypatch):
    """Run a test with each available parser."""
    monkeypatch.setattr(yamlsafe, "DEFAULT_LOADER", request.param)
    return request.param


def load(tmp_path: Path, content: str | bytes) -> Registry:
    path = tmp_path / "claims.yaml"
    if isinstance(content, str):
        content = textwrap.dedent(content).encode("utf-8")
    path.write_bytes(content)
    return load_registry(path, "claims.yaml")


def found(registry: Registry) -> list[tuple[str, int, int]]:
    return sorted((d.code, d.location.line, d.location.column) for d in registry.problems)


def messages(registry: Registry, code: str) -> list[str]:
    return [d.message for d in registry.problems if d.code == code]


GOOD = """\
claims:
  - id: moscow-talks
    source: seeds/000_592aeca20ffb493b.txt
    quote: "The Moscow conference had its ups and downs."
    claim: The conference had mixed results
    topic: delegations
    value: 12
    complete: true
    ignore:
      Q102: the source uses curly quotes
  - id: date-of-talks
    source: seeds/001_3de99958f30674d8.txt
    quote: on November 9
    value: [2018-11-09, 11]
sources:
  seeds/000_592aeca20ffb493b.txt:
    title: Moscow talks
    outlet: Carnegie
    published: 2018-11-09
  seeds/001_3de99958f30674d8.txt:
    published: 2018-11
aliases:
  Stanekzai: [Stanikzai, Stanakzai]
topics:
  delegations:
    kind: count
    about: how many countries sent delegations
    tolerance: 0
    acknowledged:
      values: [11, 12]
      reason: one source counts the Taliban
"""


# -- a valid registry ------------------------------------------------------


def test_valid_registry_fills_every_field_and_position(tmp_path, loader):
    registry = load(tmp_path, GOOD)
    assert registry.problems == []
    assert registry.display_path == "claims.yaml"
    assert registry.text == GOOD
    first, second = registry.claims
    assert (first.id, first.source, first.claim, first.topic) == (
        "moscow-talks",
        SEED,
        "The conference had mixed results",
        "delegations",
    )
    assert first.quote == "The Moscow conference had its ups and downs."
    assert (first.value, first.complete) == (12, True)
    assert first.ignore == {"Q102": "the source uses curly quotes"}
    assert (first.location.line, first.location.column) == (2, 5)
    assert {k: (v.line, v.column) for k, v in first.keys.items()} == {
        "id": (2, 5),
        "source": (3, 5),
        "quote": (4, 5),
        "claim": (5, 5),
        "topic": (6, 5),
        "value": (7, 5),
        "complete": (8, 5),
        "ignore": (9, 5),
    }
    assert {k: (v.line, v.column) for k, v in first.values.items()} == {
        "id": (2, 9),
        "source": (3, 13),
        "quote": (4, 12),
        "claim": (5, 12),
        "topic": (6, 12),
        "value": (7, 12),
        "complete": (8, 15),
        "ignore": (10, 7),
    }
    assert {k: (v.line, v.column) for k, v in first.ignore_keys.items()} == {"Q102": (10, 7)}
    assert first.at("quote").line == 4 and first.at("missing") == first.location
    assert all(loc.path == "claims.yaml" for loc in first.keys.values())
    # A YAML date in a value stays a date; unset optional fields keep their defaults.
    assert second.value == [datetime.date(2018, 11, 9), 11]
    assert (second.claim, second.topic, second.complete, second.ignore) == (None, None, False, {})


def test_valid_registry_sections(tmp_path, loader):
    registry = load(tmp_path, GOOD)
    meta = registry.sources[SEED]
    assert (meta.title, meta.outlet, meta.published) == ("Moscow talks", "Carnegie", "2018-11-09")
    assert (meta.location.line, meta.location.column) == (16, 3)
    assert registry.sources["seeds/001_3de99958f30674d8.txt"].published == "2018-11"
    assert registry.aliases == {"Stanekzai": ["Stanikzai", "Stanakzai"]}
    assert (
        registry.alias_locations["Stanekzai"].line,
        registry.alias_locations["Stanekzai"].column,
    ) == (23, 3)
    topic = registry.topics["delegations"]
    assert (topic.name, topic.kind, topic.about, topic.tolerance) == (
        "delegations",
        "count",
        "how many countries sent delegations",
        0.0,
    )
    assert (topic.location.line, topic.location.column) == (25, 3)
    assert topic.acknowledged.values == [11, 12]
    assert topic.acknowledged.reason == "one source counts the Taliban"
    assert topic.acknowledged.location.line == 29


def test_published_year_only_and_plain_numbers_as_text(tmp_path):
    registry = load(
        tmp_path,
        """\
        claims:
          - id: 2018
            source: 42.txt
            quote: 1.5
        sources:
          42.txt: {published: 2018}
        """,
    )
    assert registry.problems == []
    claim = registry.claims[0]
    # Strings are kept as written, even where YAML would read a number.
    assert (claim.id, claim.source, claim.quote) == ("2018", "42.txt", "1.5")
    assert registry.sources["42.txt"].published == "2018"


def test_empty_claims_list_is_clean(tmp_path):
    assert load(tmp_path, "claims: []\n").problems == []


# -- quote spans, BOM and CRLF -----------------------------------------------

STYLES = """\
claims:
  - id: plain
    source: a.txt
    quote: Lavrov said the talks
      went well   # trailing comment
  - id: single
    source: a.txt
    quote: 'it''s “curly” — and é😀'
  - id: double
    source: a.txt
    quote: "say \\"hi\\"\\u00e9"
  - id: literal
    source: a.txt
    quote: |
      first line
      second line

  - id: folded
    source: a.txt
    quote: >-
      folded
      text
  - id: last
    source: a.txt
    quote: end"""

WRITTEN = {
    "plain": ("Lavrov said the talks\n      went well", None),
    "single": ("'it''s “curly” — and é😀'", "'"),
    "double": ('"say \\"hi\\"\\u00e9"', '"'),
    "literal": ("|\n      first line\n      second line", "|"),
    "folded": (">-\n      folded\n      text", ">"),
    "last": ("end", None),
}


@pytest.mark.parametrize("bom", ["", "\ufeff"], ids=["no-bom", "bom"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_quote_span_is_the_scalar_as_written(tmp_path, loader, bom, newline):
    content = bom + STYLES.replace("\n", newline)
    registry = load(tmp_path, content.encode("utf-8"))
    assert registry.problems == []
    assert registry.text == content  # the decoded file, BOM included
    assert registry.text.encode("utf-8") == (tmp_path / "claims.yaml").read_bytes()
    for claim in registry.claims:
        written, style = WRITTEN[claim.id]
        span = claim.quote_span
        assert registry.text[span.start : span.end] == written.replace("\n", newline)
        assert span.style == style
    quotes = {c.id: c.quote for c in registry.claims}
    assert quotes["plain"] == "Lavrov said the talks went well"
    assert quotes["single"] == "it's “curly” — and é😀"
    assert quotes["double"] == 'say "hi"é'
    assert quotes["literal"] == "first line\nsecond line\n"
    assert quotes["folded"] == "folded text"
    # Columns do not count the BOM.
    assert (registry.claims[0].location.line, registry.claims[0].location.column) == (2, 5)


# -- R101 registry-syntax ------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "where", "words"),
    [
        (
            "claims:\n  - id: x\n    source: a\n    quote: Lavrov said: hi\n",
            (4, 23),
            "must be put in quotes",
        ),
        (
            'claims:\n  - id: x\n    source: a\n    quote: "never closed\n  - id: y\n',
            (4, 12),
            "never closed",
        ),
        ("claims:\n\t- id: x\n", (2, 1), "tab"),
        ("claims:\n  - id: x\n    quote: @home\n", (3, 12), "'@' cannot start a value"),
        ("claims: []\n---\nclaims: []\n", (2, 1), "second YAML document"),
        ("claims:\n  - id: x\x07\n", (2, 10), "control character U+0007"),
        ("claims:\n  - id: !!python/object x\n", (2, 9), "tag '!!python/object'"),
        ("claims:\n  - id: x\n    value: !!int abc\n", (3, 12), "not a valid !!int"),
        ("a: &anchor 1\n", (1, 4), "anchor '&anchor'"),
        ("a: 1\nb: *a\n", (2, 4), "alias '*a'"),
    ],
)
def test_syntax_errors_are_located_in_plain_words(tmp_path, loader, content, where, words):
    registry = load(tmp_path, content.encode("utf-8"))
    r101 = [d for d in registry.problems if d.code == "R101"]
    assert [(d.location.line, d.location.column) for d in r101] == [where]
    assert words in r101[0].message
    assert r101[0].location.path == "claims.yaml"
    assert "Traceback" not in r101[0].message


def test_bad_indentation(tmp_path, loader):
    registry = load(tmp_path, "claims:\n  - id: x\n    source: a\n   quote: q\n")
    assert found(registry) == [("R101", 4, 4)]
    assert "indentation" in registry.problems[0].message


def test_invalid_utf8_is_located_by_line_and_column(tmp_path):
    content = "claims:\n  - id: x\n    quote: café".encode() + b"\xff more\n"
    registry = load(tmp_path, content)
    assert found(registry) == [("R101", 3, 16)]
    message = registry.problems[0].message
    assert "0xFF" in message and "offset 34" in message and "UTF-8" in message
    assert registry.claims == []


def test_utf16_file_is_named(tmp_path):
    registry = load(tmp_path, "claims: []\n".encode("utf-16"))
    assert found(registry) == [("R101", 1, 1)]
    assert "UTF-16" in registry.problems[0].message


def test_syntax_error_stops_schema_checks(tmp_path):
    registry = load(tmp_path, "claims:\n  - id: x\n    qoute: [\n")
    assert [d.code for d in registry.problems] == ["R101"]
    assert registry.claims == []


# -- hostile input ---------------------------------------------------------------


def test_alias_bomb_is_refused_at_once(tmp_path, loader):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, name = chr(96 + i), chr(97 + i)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    content = "\n".join(lines) + "\nclaims: *j\n"
    start = time.perf_counter()
    registry = load(tmp_path, content)
    assert time.perf_counter() - start < 1.0
    aliases = [d for d in registry.problems if "alias" in d.message]
    assert [(d.code, d.location.line, d.location.column) for d in aliases] == [("R101", 2, 8)]
    assert registry.claims == []


def test_deep_flow_nesting_is_refused_without_recursion(tmp_path, loader):
    start = time.perf_counter()
    registry = load(tmp_path, "claims: " + "[" * 10_000 + "]" * 10_000 + "\n")
    assert time.perf_counter() - start < 1.0
    # The root mapping is level 1, 'claims' opens level 2: the 51st level is refused.
    assert found(registry) == [("R101", 1, 58)]
    assert "nested more than 50 levels" in registry.problems[0].message


def test_deep_block_nesting_is_refused(tmp_path, loader):
    content = "".join(" " * depth + "-\n" for depth in range(200))
    registry = load(tmp_path, content)
    assert found(registry) == [("R101", 51, 51)]


@pytest.mark.parametrize(("extra", "code"), [(0, "R102"), (1, "R101")])
def test_nesting_limit_is_exact(tmp_path, extra, code):
    # The root mapping, the claims list and the claim mapping are 3 levels.
    levels = yamlsafe.MAX_DEPTH - 3 + extra
    value = "[" * levels + "1" + "]" * levels
    registry = load(
        tmp_path, f"claims:\n  - id: x\n    source: a\n    quote: q\n    value: {value}\n"
    )
    # Within the limit the nested list is just a bad claim value (R102).
    assert [d.code for d in registry.problems] == [code]


def test_huge_file_is_refused_unread(tmp_path):
    path = tmp_path / "claims.yaml"
    with path.open("wb") as handle:
        chunk = b"# padding padding padding padding padding padding padding padding\n" * 16_000
        while handle.tell() <= 60 * 1024 * 1024:
            handle.write(chunk)
    assert path.stat().st_size > MAX_BYTES
    start = time.perf_counter()
    registry = load_registry(path, "claims.yaml")
    assert time.perf_counter() - start < 1.0
    assert found(registry) == [("R101", 1, 1)]
    assert "50 MB" in registry.problems[0].message
    assert registry.text == ""


# -- unreadable files: UsageError -------------------------------------------------


def test_missing_file_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match=r"registry nowhere\.yaml does not exist"):
        load_registry(tmp_path / "nowhere.yaml", "nowhere.yaml")


def test_directory_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="is a directory"):
        load_registry(tmp_path, "claims")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads anything")
def test_unreadable_file_is_a_usage_error(tmp_path):
    path = tmp_path / "claims.yaml"
    path.write_text("claims: []\n")
    path.chmod(0)
    with pytest.raises(UsageError, match="permission denied"):
        load_registry(path, "claims.yaml")


def test_other_read_errors_are_usage_errors(tmp_path):
    (tmp_path / "file").write_text("")
    with pytest.raises(
        UsageError, match=r"cannot read registry file/claims\.yaml: Not a directory"
    ):
        load_registry(tmp_path / "file" / "claims.yaml", "file/claims.yaml")


def test_bom_does_not_shift_error_columns(tmp_path, loader):
    plain = load(tmp_path, "a: b: c\n")
    with_bom = load(tmp_path, "\ufeffa: b: c\n".encode())
    assert found(plain) == found(with_bom) == [("R101", 1, 5)]


def test_display_path_defaults_to_the_path_as_given(tmp_path):
    path = tmp_path / "claims.yaml"
    path.write_text("claims: {}\n")
    registry = load_registry(path)
    assert registry.display_path == str(path)
    assert registry.problems[0].location.path == str(path)


# -- R102 registry-schema -----------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "where", "message"),
    [
        ("", (1, 1), "the registry is empty; it must be a mapping with a 'claims:' list"),
        ("# only a comment\n", (1, 1), "the registry is empty"),
        ("---\n", (1, 1), "the registry is empty"),
        ("- a\n", (1, 1), "the registry must be a mapping with a 'claims:' list, got a list"),
        ("sources: {}\n", (1, 1), "the registry has no 'claims:' list; add one"),
        ("claims:\n", (1, 8), "'claims' must be a list of claims, got nothing"),
        ("claims:\n  x: 1\n", (2, 3), "each claim starts with '- '"),
        (
            "claims: []\ntopcs: {}\n",
            (2, 1),
            "unknown top-level section 'topcs'; did you mean 'topics'?",
        ),
        (
            "claims:\n  - just text\n",
            (2, 5),
            "claim #1 must be a mapping with id, source and quote",
        ),
    ],
)
def test_top_level_shape(tmp_path, loader, content, where, message):
    registry = load(tmp_path, content)
    assert found(registry) == [("R102", *where)]
    assert message in registry.problems[0].message
    assert registry.problems[0].code == "R102"


def claim_problems(tmp_path: Path, body: str) -> tuple[Registry, list[tuple[int, int, str]]]:
    """Load a registry of one claim (``body``: its fields) and list the R102 problems."""
    lines = textwrap.dedent(body).splitlines()
    content = "claims:\n" + "".join(
        ("  - " if number == 0 else "    ") + line + "\n" for number, line in enumerate(lines)
    )
    registry = load(tmp_path, content)
    r102 = sorted(
        (d.location.line, d.location.column, d.message)
        for d in registry.problems
        if d.code == "R102"
    )
    return registry, r102


def test_claim_helper_builds_the_expected_yaml(tmp_path):
    registry, problems = claim_problems(tmp_path, "id: a\nsource: b\nquote: c\n")
    assert registry.text == "claims:\n  - id: a\n    source: b\n    quote: c\n"
    assert problems == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "id: x\nsource: a\nqoute: q\n",
            [
                (2, 5, "claim 'x' is missing required field 'quote'"),
                (4, 5, "unknown field 'qoute' in claim 'x'; did you mean 'quote'?"),
            ],
        ),
        (
            "id: x\nsource: a\nquote: [q]\n",
            [(4, 12, "'quote' of claim 'x' must be a string, got a list")],
        ),
        (
            "id: x\nsource: a\nquote: ''\n",
            [(4, 12, "'quote' of claim 'x' is empty; give it a value or remove it")],
        ),
        (
            "id: x\nsource: a\nquote: '  '\n",
            [(4, 12, "'quote' of claim 'x' is empty; give it a value or remove it")],
        ),
        (
            "id: x\nsource:\nquote: q\n",
            [(3, 12, "'source' of claim 'x' is empty; give it a value or remove it")],
        ),
        (
            "id: x\nsource: {a: 1}\nquote: q\n",
            [(3, 13, "'source' of claim 'x' must be a string, got a mapping")],
        ),
        (
            "id: Talks Held\nsource: a\nquote: q\n",
            [
                (
                    2,
                    9,
                    "claim id 'Talks Held' must be a lower-case slug such as 'talks-held' "
                    "(a-z, 0-9, single hyphens)",
                )
            ],
        ),
        (
            "id: a--b\nsource: a\nquote: q\n",
            [
                (
                    2,
                    9,
                    "claim id 'a--b' must be a lower-case slug such as 'a-b' (a-z, 0-9, "
                    "single hyphens)",
                )
            ],
        ),
        (
            "source: a\nquote: q\n",
            [(2, 5, "claim #1 is missing required field 'id'")],
        ),
        (
            "id: x\nsource: a\nquote: q\nclaim: [a]\n",
            [(5, 12, "'claim' of claim 'x' must be a string, got a list")],
        ),
        (
            "id: x\nsource: a\nquote: q\ntopic:\n",
            [(5, 11, "'topic' of claim 'x' is empty; give it a value or remove it")],
        ),
        (
            "id: x\nsource: a\nquote: q\ncomplete: maybe\n",
            [(5, 15, "'complete' of claim 'x' must be true or false, got the string 'maybe'")],
        ),
        (
            "id: x\nsource: a\nquote: q\ncomplete: 1\n",
            [(5, 15, "'complete' of claim 'x' must be true or false, got the number 1")],
        ),
        (
            "id: x\nsource: a\nquote: q\nvalue: {a: 1}\n",
            [(5, 12, "'value' of claim 'x' must be a single value, got a mapping")],
        ),
        (
            "id: x\nsource: a\nquote: q\nvalue: [1, [2]]\n",
            [(5, 16, "each item of 'value' of claim 'x' must be a single value, got a list")],
        ),
        (
            "id: x\nsource: a\nquote: q\nvalue: ~\n",
            [(5, 12, "'value' of claim 'x' is empty; give it a value or remove it")],
        ),
        (
            "id: x\nsource: a\nquote: q\nignore: [Q102]\n",
            [(5, 13, "'ignore' of claim 'x' must be a mapping of rule code to reason, got a list")],
        ),
        (
            "id: x\nsource: a\nquote: q\nignore:\n  Q102:\n",
            [
                (
                    6,
                    12,
                    "the reason for ignoring Q102 in claim 'x' is empty; give it a value or "
                    "remove it",
                )
            ],
        ),
    ],
)
def test_claim_fields(tmp_path, loader, body, expected):
    _, problems = claim_problems(tmp_path, body)
    assert problems == expected


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("Q120", "unknown rule code 'Q120' in 'ignore' of claim 'x'; did you mean 'Q102'?"),
        (
            "quote-inexact",
            "unknown rule code 'quote-inexact' in 'ignore' of claim 'x'; use the code 'Q102'",
        ),
        ("Z999", "unknown rule code 'Z999' in 'ignore' of claim 'x'; 'claimlint rules' lists them"),
    ],
)
def test_unknown_ignore_code_is_r102_not_r105(project, code, message):
    """The loader knows no rule: the catalogue (R102) judges the codes an ``ignore`` names."""
    project(
        f"""
        claims:
          - id: x
            source: {CARNEGIE}
            quote: "The Moscow conference had its ups and downs."
            ignore:
              {code}: why
        """
    )
    result = run_cli("check", "--format", "json", "--no-cache", cwd=project.root)
    found = [(d["code"], d["line"], d["message"]) for d in json.loads(result.stdout)["diagnostics"]]
    assert found == [("R102", 6, message)]
    assert result.returncode == 1


def test_claim_with_schema_errors_is_kept_when_usable(tmp_path):
    registry, problems = claim_problems(
        tmp_path,
        "id: x\nsource: a\nquote: q\ncomplete: maybe\nvalue: {}\nsorce: b\nignore:\n  Q999: "
        "r\n  Q101: ok\n",
    )
    assert len(problems) == 3  # Q999 is the catalogue's to judge (R102 at check)
    (claim,) = registry.claims
    assert (claim.id, claim.source, claim.quote, claim.complete, claim.value) == (
        "x",
        "a",
        "q",
        False,
        None,
    )
    assert claim.ignore == {"Q999": "r", "Q101": "ok"} and set(claim.ignore_keys) == {
        "Q999",
        "Q101",
    }
    assert all(d.claim == "x" for d in registry.problems)


def test_claim_without_usable_quote_is_skipped(tmp_path):
    registry, problems = claim_problems(tmp_path, "id: x\nsource: a\nquote: [q]\n")
    assert registry.claims == [] and len(problems) == 1


@pytest.mark.parametrize(
    ("section", "expected"),
    [
        (
            "sources:\n  a.txt:\n    published: 9 Nov 2018\n",
            [
                (
                    4,
                    16,
                    "'published' of 'a.txt' must be a date written YYYY, YYYY-MM or "
                    "YYYY-MM-DD, got '9 Nov 2018'",
                )
            ],
        ),
        (
            "sources:\n  a.txt:\n    published: 2018-02-30\n",
            [
                (
                    4,
                    16,
                    "'published' of 'a.txt' must be a date written YYYY, YYYY-MM or "
                    "YYYY-MM-DD, got '2018-02-30'",
                )
            ],
        ),
        (
            "sources:\n  a.txt:\n    titel: T\n",
            [(4, 5, "unknown field 'titel' in source 'a.txt'; did you mean 'title'?")],
        ),
        (
            "sources: [a.txt]\n",
            [
                (
                    2,
                    10,
                    "'sources' must be a mapping of source path to title, outlet, published, "
                    "got a list",
                )
            ],
        ),
        (
            "sources:\n  a.txt: x\n",
            [(3, 10, "source 'a.txt' must be a mapping, got the string 'x'")],
        ),
        (
            "aliases:\n  Stanekzai: Stanikzai\n",
            [
                (
                    3,
                    14,
                    "the variants of 'Stanekzai' in 'aliases' must be a list of spellings, "
                    "got the string 'Stanikzai'",
                )
            ],
        ),
        (
            "aliases:\n  Stanekzai: [Stanikzai, '']\n",
            [
                (
                    3,
                    26,
                    "each of the variants of 'Stanekzai' in 'aliases' is empty; give it a "
                    "value or remove it",
                )
            ],
        ),
        (
            "topics:\n  n:\n    about: x\n",
            [
                (
                    4,
                    5,
                    "topic 'n' is missing required field 'kind' (count, quantity, date, set, "
                    "name, text)",
                )
            ],
        ),
        (
            "topics:\n  n:\n    kind: cont\n",
            [
                (
                    4,
                    11,
                    "'kind' of topic 'n' must be one of count, quantity, date, set, name, "
                    "text, got 'cont'; did you mean 'count'?",
                )
            ],
        ),
        (
            "topics:\n  n:\n    kind: count\n    abut: x\n",
            [(5, 5, "unknown field 'abut' in topic 'n'; did you mean 'about'?")],
        ),
        (
            "topics:\n  n:\n    kind: quantity\n    tolerance: -0.5\n",
            [(5, 16, "'tolerance' of topic 'n' must be 0 or more, got -0.5")],
        ),
        (
            "topics:\n  n:\n    kind: quantity\n    tolerance: '5%'\n",
            [
                (
                    5,
                    16,
                    "'tolerance' of topic 'n' must be a number such as 0.05, got the string '5%'",
                )
            ],
        ),
        (
            "topics:\n  n:\n    kind: count\n    acknowledged: {values: [], reason: ''}\n",
            [
                (
                    5,
                    28,
                    "'values' of 'acknowledged' of topic 'n' must be a non-empty list of the "
                    "values sources give, got an empty list",
                ),
                (
                    5,
                    40,
                    "'reason' of 'acknowledged' of topic 'n' is empty; give it a value or "
                    "remove it",
                ),
            ],
        ),
        (
            "topics:\n  n:\n    kind: count\n    acknowledged:\n      values: [1]\n",
            [(6, 7, "'acknowledged' of topic 'n' is missing required field 'reason'")],
        ),
    ],
)
def test_sections(tmp_path, loader, section, expected):
    registry = load(tmp_path, "claims: []\n" + section)
    assert (
        sorted((d.location.line, d.location.column, d.message) for d in registry.problems)
        == expected
    )
    assert {d.code for d in registry.problems} == {"R102"}


def test_topic_with_bad_kind_is_dropped_and_bad_extras_are_left_unset(tmp_path):
    registry = load(
        tmp_path,
        """\
        claims: []
        topics:
          bad: {kind: cont}
          ok: {kind: quantity, tolerance: x, acknowledged: {values: [1]}}
          sets: {kind: set, acknowledged: {values: [[a, b], [a]], reason: two lists}}
        """,
    )
    assert set(registry.topics) == {"ok", "sets"}
    assert registry.topics["ok"].tolerance is None and registry.topics["ok"].acknowledged is None
    assert registry.topics["sets"].acknowledged.values == [["a", "b"], ["a"]]


def test_unknown_rule_codes_fall_back_to_the_fixed_list(tmp_path):
    """Codes from the brief are valid even before their rule module exists."""
    registry, problems = claim_problems(
        tmp_path, "id: x\nsource: a\nquote: q\nignore:\n  F105: r\n  R105: r\n"
    )
    assert problems == []
    assert registry.claims[0].ignore == {"F105": "r", "R105": "r"}


# -- R103 duplicate-id -------------------------------------------------------------


def test_duplicate_ids_reported_at_second_and_later(tmp_path, loader):
    registry = load(
        tmp_path,
        """\
        claims:
          - id: talks
            source: a
            quote: one
          - id: other
            source: a
            quote: two
          - quote: three
            source: a
            id: talks
          - id: talks
            source: a
            quote: four
        """,
    )
    assert found(registry) == [("R103", 10, 9), ("R103", 11, 9)]
    assert (
        messages(registry, "R103")
        == ["claim id 'talks' is already used by the claim on line 2; give each claim its own id"]
        * 2
    )
    assert all(d.claim == "talks" and d.details["first_line"] == 2 for d in registry.problems)
    assert len(registry.claims) == 4  # still checked


# -- R104 duplicate-key ---------------------------------------------------------------


def test_duplicate_keys_anywhere(tmp_path, loader):
    registry = load(
        tmp_path,
        """\
        claims:
          - id: x
            source: a
            quote: first
            quote: second
            ignore: {Q102: a, Q102: b}
        sources:
          a: {title: A}
          a: {title: B}
        claims: []
        """,
    )
    assert found(registry) == [("R104", 5, 5), ("R104", 6, 23), ("R104", 9, 3), ("R104", 10, 1)]
    assert messages(registry, "R104")[0] == (
        "duplicate key 'quote' (first on line 4); YAML would silently keep only the last one"
        " — remove or rename one of them (claimlint reads the first)"
    )
    assert registry.problems[-1].details == {"key": "claims", "first_line": 1}
    # The first occurrence is what claimlint reads.
    (claim,) = registry.claims
    assert claim.quote == "first" and claim.ignore == {"Q102": "a"}
    assert registry.sources["a"].title == "A"


# -- the rule modules ---------------------------------------------------------------------


def test_cli_reports_each_registry_problem_once(tmp_path):
    """The rules' check() hand on the loader's problems, each under its own code."""
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text("The Moscow conference had its ups and downs.\n")
    (tmp_path / "claims.yaml").write_text(
        textwrap.dedent(
            """\
            claims:
              - id: ups
                source: seeds/a.txt
                quote: The Moscow conference had its ups and downs.
                qoute: x
              - id: ups
                source: seeds/a.txt
                source: seeds/b.txt
                quote: The Moscow conference had its ups and downs.
            """
        )
    )
    result = run_cli("check", "--no-cache", "--format", "json", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    reported = [
        (d["code"], d["line"], d["column"])
        for d in json.loads(result.stdout)["diagnostics"]
        if d["code"].startswith("R")
    ]
    # Each problem once: every rule's check() passes on only its own code.
    assert sorted(reported) == [("R102", 5, 5), ("R103", 6, 9), ("R104", 8, 5)]


# -- speed --------------------------------------------------------------------------------


def test_ten_thousand_claims_load_quickly(tmp_path):
    claims = "".join(
        f'  - id: claim-{i}\n    source: {SEED}\n    quote: "Lavrov convened {i} delegations."\n'
        f"    topic: delegations\n    value: {i}\n"
        for i in range(10_000)
    )
    start = time.perf_counter()
    registry = load(tmp_path, "claims:\n" + claims)
    elapsed = time.perf_counter() - start
    assert len(registry.claims) == 10_000 and registry.problems == []
    limit = 2.0 if yamlsafe.DEFAULT_LOADER is getattr(yaml, "CSafeLoader", None) else 10.0
    assert elapsed < limit, f"{elapsed:.2f}s"


# -- no input produces a traceback ---------------------------------------------------------

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TOKENS = [*"abq-:[]{}&*!|>'\"# \n\t,~?%@`\\", "\ufeff", "é", "\r\n", "\x00"]
TOKENS += ["claims:", "- ", "  ", "id: ", "quote: ", "source: ", "ignore:", "Q102: ", "---\n"]
YAMLISH = st.lists(st.sampled_from(TOKENS), max_size=40).map("".join)
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=8)
)
TREES = st.recursive(
    SCALARS,
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(
            st.sampled_from(
                [
                    "claims",
                    "id",
                    "source",
                    "quote",
                    "ignore",
                    "Q102",
                    "topics",
                    "kind",
                    "value",
                    "x",
                ]
            ),
            children,
            max_size=4,
        )
    ),
    max_leaves=12,
)


def assert_located(registry: Registry) -> None:
    for problem in registry.problems:
        assert problem.location.line >= 1 and problem.location.column >= 1
        assert problem.code in {"R101", "R102", "R103", "R104"}


@FUZZ
@given(content=st.one_of(YAMLISH, st.binary(max_size=60)))
def test_arbitrary_bytes_never_raise(tmp_path_factory, content):
    registry = load(
        tmp_path_factory.mktemp("fuzz"), content if isinstance(content, bytes) else content.encode()
    )
    assert_located(registry)


@FUZZ
@given(tree=TREES)
def test_arbitrary_yaml_trees_never_raise(tmp_path_factory, tree):
    registry = load(tmp_path_factory.mktemp("fuzz"), yaml.safe_dump({"claims": [tree]}).encode())
    assert_located(registry)
    for claim in registry.claims:
        assert claim.id and claim.source.strip() and claim.quote.strip()


@pytest.mark.skipif(len(LOADERS) < 2, reason="libyaml is not installed")
@FUZZ
@given(content=YAMLISH)
def test_both_parsers_report_the_same_problems(content):
    # A diagnostic's place must not depend on which parser, or which PyYAML, is installed.
    text = content.removeprefix("\ufeff")
    seen = []
    for parser in LOADERS:
        problems: list[yamlsafe.Problem] = []
        yamlsafe.compose(text, problems, parser)
        seen.append(problems)
    python, libyaml = seen
    # Where the pure-Python scanner refuses what YAML allows and libyaml reads (a tab
    # after a value, '#' straight after '|'), it alone fails: only that may differ.
    stricter = any("yaml" in p.details for p in python) and not any(
        "yaml" in p.details for p in libyaml
    )
    assume(not stricter)
    assert python == libyaml
