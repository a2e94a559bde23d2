"""The shipped JSON Schema and the registry loader agree on what a registry is.

Property: on generated registries, the schema accepts a registry exactly when
the loader reads it without an R102 (registry-schema) problem and R102 finds
no ``ignore:`` code outside the rule catalogue. The generator
mixes well-formed registries with every kind of mistake the loader knows
(missing or unknown fields, wrong types, blank text, bad slugs, bad dates,
unknown kinds and codes, negative tolerances) so both sides are exercised.
"""

from __future__ import annotations

import json
import math

import jsonschema
import pytest
import yaml
from conftest import REPO
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linter.model import Kind
from linter.registry import (
    ACK_FIELDS,
    CLAIM_FIELDS,
    SECTIONS,
    SOURCE_FIELDS,
    TOPIC_FIELDS,
    load_registry,
)
from linter.rules import all_rules
from linter.rules.r102_registry_schema import unknown_ignores

KINDS = [kind.value for kind in Kind]
SCHEMA = json.loads((REPO / "linter" / "registry.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


class Yaml12Loader(yaml.SafeLoader):
    """Reads dates as strings, as YAML 1.2 (and the YAML language server) does."""


Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

# -- generated registries ------------------------------------------------------------

LETTERS = st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs"))
words = st.text(LETTERS, min_size=1, max_size=10)
blank = st.sampled_from(["", " ", "\u00a0", "  "])
floats = st.floats(allow_nan=False, allow_infinity=False).filter(
    lambda x: x != math.floor(x)  # 3.0 is an integer to JSON Schema, not to YAML
)
scalars = st.one_of(words, blank, st.integers(-5, 3000), floats, st.booleans())
junk = st.recursive(
    st.one_of(st.none(), scalars),
    lambda inner: st.one_of(st.lists(inner, max_size=2), st.dictionaries(words, inner, max_size=2)),
    max_leaves=4,
)
texts = st.one_of(words, words, scalars, junk)
slugs = st.from_regex(r"[a-z0-9]{1,4}(-[a-z0-9]{1,3}){0,2}", fullmatch=True)
values = st.one_of(scalars, st.lists(scalars, max_size=3), junk)
EDGE_DATES = ["2018-02-29", "2016-02-29", "2000-02-29", "1900-02-29", "0000", "0000-01-01"]
dates = st.one_of(
    st.sampled_from([*EDGE_DATES, "2018-13", "2018-04-31", "2018-12-31", "999", "2018"]),
    st.from_regex(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?", fullmatch=True),
    st.integers(0, 12000),
    texts,
)
codes = st.sampled_from([*list(all_rules()), "Q999", "quote-inexact", "q102"])


def maybe(fields: dict, extra: st.SearchStrategy) -> st.SearchStrategy:
    """A mapping with any of ``fields``, sometimes with an unknown one too."""
    return st.one_of(
        st.fixed_dictionaries({}, optional=fields),
        st.fixed_dictionaries({}, optional={**fields, "colour": extra}),
    )


claims = st.one_of(
    st.fixed_dictionaries(
        {"id": st.one_of(slugs, slugs, texts), "source": texts, "quote": texts},
        optional={
            "claim": texts,
            "topic": texts,
            "value": values,
            "complete": st.one_of(st.booleans(), texts),
            "ignore": st.one_of(st.dictionaries(codes, texts, max_size=2), junk),
        },
    ),
    maybe({"id": slugs, "source": words, "quote": words, "qoute": words}, junk),
    junk,
)
sources = st.one_of(
    st.none(),
    st.dictionaries(
        words,
        st.one_of(st.none(), maybe({"title": texts, "outlet": texts, "published": dates}, junk)),
        max_size=2,
    ),
    junk,
)
aliases = st.one_of(
    st.none(), st.dictionaries(words, st.lists(texts, max_size=2), max_size=2), junk
)
distinct = st.one_of(
    st.none(), st.lists(st.one_of(st.lists(texts, max_size=3), junk), max_size=2), junk
)
acknowledged = st.one_of(
    maybe({"values": st.one_of(st.lists(values, max_size=2), junk), "reason": texts}, junk),
    st.fixed_dictionaries({"values": st.lists(values, min_size=1, max_size=2), "reason": words}),
    junk,
)
topics = st.one_of(
    st.none(),
    st.dictionaries(
        words,
        st.one_of(
            st.fixed_dictionaries(
                {"kind": st.one_of(st.sampled_from(KINDS), texts)},
                optional={
                    "about": texts,
                    "tolerance": st.one_of(st.integers(-2, 2), floats, texts),
                    "acknowledged": acknowledged,
                },
            ),
            maybe({"kind": texts, "about": texts}, junk),
            junk,
        ),
        max_size=2,
    ),
)
# A well-formed registry with every section, then a few places changed: every
# mapping entry and list item is a place, and a change replaces its value,
# drops it, or adds an unknown field beside it.
good_scalars = st.one_of(words, st.integers(0, 3000), st.booleans())
good_claim = st.fixed_dictionaries(
    {"id": slugs, "source": words, "quote": words},
    optional={
        "claim": words,
        "topic": words,
        "value": st.one_of(good_scalars, st.lists(good_scalars, max_size=2)),
        "complete": st.booleans(),
        "ignore": st.dictionaries(st.sampled_from(list(all_rules())), words, max_size=2),
    },
)
good_topic = st.fixed_dictionaries(
    {"kind": st.sampled_from(KINDS)},
    optional={
        "about": words,
        "tolerance": st.one_of(st.integers(0, 2), st.floats(0, 1)),
        "acknowledged": st.fixed_dictionaries(
            {
                "values": st.lists(
                    st.one_of(good_scalars, st.lists(good_scalars, max_size=2)),
                    min_size=1,
                    max_size=2,
                ),
                "reason": words,
            }
        ),
    },
)
good_source = st.fixed_dictionaries(
    {}, optional={"title": words, "outlet": words, "published": dates}
)
good_registry = st.fixed_dictionaries(
    {
        "claims": st.lists(good_claim, min_size=1, max_size=3),
        "sources": st.dictionaries(words, good_source, min_size=1, max_size=2),
        "aliases": st.dictionaries(words, st.lists(words, max_size=2), max_size=2),
        "distinct": st.lists(st.lists(words, min_size=2, max_size=3), max_size=2),
        "topics": st.dictionaries(words, good_topic, min_size=1, max_size=2),
    }
)
replacements = st.one_of(
    scalars,
    junk,
    dates,
    st.none(),
    st.lists(st.one_of(scalars, st.lists(scalars, max_size=1)), max_size=2),
    st.dictionaries(codes, texts, max_size=2),
)


def _places(node, out: list) -> list:
    if isinstance(node, dict):
        for key, value in node.items():
            out.append((node, key))
            _places(value, out)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            out.append((node, index))
            _places(value, out)
    return out


@st.composite
def changed_registries(draw):
    data = draw(good_registry)
    for _ in range(draw(st.integers(0, 2))):
        places = _places(data, [])
        container, key = draw(st.sampled_from(places))
        change = draw(st.sampled_from(["replace", "replace", "drop", "add"]))
        if change == "drop":
            del container[key]
        elif change == "add" and isinstance(container, dict):
            container[draw(st.sampled_from(["colour", "qoute", "titel", "values"]))] = 1
        else:
            container[key] = draw(replacements)
    return data


registries = st.one_of(
    changed_registries(),
    changed_registries(),
    changed_registries(),
    changed_registries(),
    st.fixed_dictionaries(
        {"claims": st.one_of(st.lists(claims, max_size=3), junk)},
        optional={
            "sources": sources,
            "aliases": aliases,
            "distinct": distinct,
            "topics": topics,
            "claim": junk,
        },
    ),
    maybe({"claims": st.lists(claims, max_size=2), "topics": topics}, junk),
    junk,
)


def _claim(**fields):
    return {"claims": [{"id": "a", "source": "s.txt", "quote": "q", **fields}]}


def _topic(**fields):
    return {"claims": [], "topics": {"t": {"kind": "count", **fields}}}


# Each edge of the schema, checked on every run (generation finds them only now and then).
EDGES = [
    _claim(),
    {"claims": []},
    {"claims": None},
    {"claim": []},
    _claim(id=12),
    _claim(id=-1),
    _claim(id=True),
    _claim(id=1.5),
    _claim(id="Talks"),
    _claim(quote=" "),
    _claim(quote=""),
    _claim(quote=["a"]),
    _claim(value=[]),
    _claim(value=[[1]]),
    _claim(value=None),
    _claim(complete="true"),
    _claim(ignore={"Q102": "why"}),
    _claim(ignore={"quote-inexact": "why"}),
    _claim(ignore={"Q102": ""}),
    _claim(ignore=None),
    _claim(qoute="x"),
    _topic(),
    _topic(tolerance=-0.5),
    _topic(tolerance=0),
    _topic(tolerance=True),
    _topic(acknowledged={"values": [], "reason": "r"}),
    _topic(acknowledged={"values": [1, [2, 3]], "reason": "r"}),
    _topic(acknowledged={"values": [1]}),
    _topic(kind="counts"),
    {"claims": [], "topics": {"t": {"about": "x"}}},
    {"claims": [], "topics": None},
    {"claims": [], "aliases": {"A": "B"}},
    {"claims": [], "aliases": {"A": ["B", " "]}},
    *(
        {"claims": [], "sources": {"s.txt": {"published": date}}}
        for date in [
            *EDGE_DATES,
            "2018-02-28",
            "2018-13",
            "2018-04-31",
            "2018",
            2018,
            999,
            "2018-1-1",
        ]
    ),
    {"claims": [], "sources": {"s.txt": None}},
    {"claims": [], "sources": {"s.txt": {"title": None}}},
    [],
    None,
    "claims",
]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(registries)
def test_schema_accepts_exactly_what_loads_without_r102(tmp_path_factory, data):
    agree(tmp_path_factory, data)


@pytest.mark.parametrize("data", EDGES, ids=repr)
def test_schema_and_loader_agree_on_each_edge(tmp_path_factory, data):
    agree(tmp_path_factory, data)


def agree(tmp_path_factory, data) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    path = tmp_path_factory.mktemp("reg") / "claims.yaml"
    path.write_text(text, encoding="utf-8")
    registry = load_registry(path)
    assert not [p for p in registry.problems if p.code == "R101"], text
    loader_ok = not [p for p in registry.problems if p.code == "R102"]
    loader_ok = loader_ok and not list(unknown_ignores(registry))
    instance = yaml.load(text, Loader=Yaml12Loader)
    schema_errors = [e.message for e in VALIDATOR.iter_errors(instance)]
    assert loader_ok == (not schema_errors), (text, registry.problems, schema_errors)


def test_schema_is_valid_and_names_what_the_loader_knows():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    defs = SCHEMA["$defs"]
    assert tuple(SCHEMA["properties"]) == SECTIONS
    assert tuple(defs["claim"]["properties"]) == CLAIM_FIELDS
    assert tuple(defs["source"]["properties"]) == SOURCE_FIELDS
    assert set(defs["topic"]["properties"]) == set(TOPIC_FIELDS)
    assert tuple(defs["topic"]["properties"]["acknowledged"]["properties"]) == ACK_FIELDS
    assert defs["topic"]["properties"]["kind"]["enum"] == KINDS
    assert defs["claim"]["properties"]["ignore"]["propertyNames"]["enum"] == list(all_rules())


def test_our_registry_names_the_schema_and_passes_it():
    text = (REPO / "claims.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=linter/registry.schema.json"
    assert list(VALIDATOR.iter_errors(yaml.load(text, Loader=Yaml12Loader))) == []
