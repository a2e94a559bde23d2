"""Analyze every topic of a registry: read values, group them, find conflicts.

Pure: the F-rules and the discrepancy report share one ``FactAnalysis`` per
check (``Context.facts``) and so describe the same disagreements.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, replace
from itertools import combinations

from linter.facts.compare import conflicting, covers
from linter.facts.dates import find_dates
from linter.facts.model import (
    ACKNOWLEDGED,
    AGREES,
    CONFLICTS,
    EMPTY,
    SINGLE,
    AliasedSpellings,
    FactValue,
    NameVariant,
    Reading,
    TopicAnalysis,
    ValueGroup,
)
from linter.facts.names import AliasIndex, aliased_spellings_in, norm
from linter.facts.values import Unreadable, read_given, read_quote, unsupported
from linter.facts.variants import Rules, find_variant_pairs, mentions_of
from linter.model import Claim, Kind, Registry, SourceMeta, Topic


@dataclass(frozen=True)
class FactAnalysis:
    """What the registry's facts say: each topic's analysis (in registry order), the
    unaliased name variants (F103), and the alias index both were read with."""

    topics: list[TopicAnalysis]
    variants: list[NameVariant]
    aliases: AliasIndex


def normalized_path(path: str) -> str:
    """A cited path as compared: forward slashes, ``./`` and ``x/..`` folded."""
    return posixpath.normpath(path.replace("\\", "/"))


def source_meta(registry: Registry, source: str) -> SourceMeta | None:
    """The ``sources:`` entry of a cited source, matching paths as written or normalized."""
    meta = registry.sources.get(source)
    if meta is None:
        wanted = normalized_path(source)
        meta = next(
            (m for path, m in registry.sources.items() if normalized_path(path) == wanted), None
        )
    return meta


def published_of(registry: Registry, source: str) -> str | None:
    """The ``published`` date of a cited source, if the registry gives one."""
    meta = source_meta(registry, source)
    return meta.published if meta else None


def read_claim(claim: Claim, topic: Topic, aliases: AliasIndex, published: str | None) -> Reading:
    """A claim's value on its topic (given, else read from the quote) and its support."""
    try:
        common = {
            "claim_id": claim.id,
            "complete": claim.complete,
            "aliases": aliases,
            "published": published,
        }
        if claim.value is None:
            fact = read_quote(
                topic.kind,
                claim.quote,
                topic_name=topic.name,
                topic_about=topic.about,
                **common,
            )
            why = None
        else:
            fact = read_given(topic.kind, claim.value, **common)
            why = unsupported(
                fact, claim.quote, aliases=aliases, published=published, tolerance=topic.tolerance
            )
    except Unreadable as problem:
        return Reading(claim.id, None, problem=str(problem))
    note = None
    if topic.kind == Kind.DATE and published and _lacks_year(claim):
        note = f"year taken from the source's published date ({published})"
    return Reading(claim.id, fact, unsupported=why, note=note)


def _lacks_year(claim: Claim) -> bool:
    """Whether the date a claim gives (or its quote gives) is written without a year."""
    text = claim.quote if claim.value is None else str(claim.value)
    return any(token.low is None for token in find_dates(text))


def _acknowledged(topic: Topic, aliases: AliasIndex) -> tuple[list[FactValue], list[str]]:
    if topic.acknowledged is None:
        return [], []
    facts, problems = [], []
    for raw in topic.acknowledged.values:
        try:
            complete = topic.kind == Kind.SET  # an acknowledged list is the list a source gives
            facts.append(read_given(topic.kind, raw, complete=complete, aliases=aliases))
        except Unreadable as problem:
            problems.append(str(problem))
    return facts, problems


def analyze_topic(
    topic: Topic, claims: list[Claim], registry: Registry, aliases: AliasIndex
) -> TopicAnalysis:
    """One topic: its claims' values grouped, the conflicting pairs, and a status."""
    readings = [
        read_claim(claim, topic, aliases, published_of(registry, claim.source)) for claim in claims
    ]
    acknowledged, ack_problems = _acknowledged(topic, aliases)
    tolerance = topic.tolerance
    if topic.acknowledged is not None:
        readings = [
            r
            if r.fact is None
            else replace(r, covered=any(covers(a, r.fact, tolerance) for a in acknowledged))
            for r in readings
        ]
    groups: dict[object, ValueGroup] = {}
    for reading in readings:
        if reading.fact is not None:
            group = groups.setdefault(reading.fact.key, ValueGroup(reading.fact, []))
            group.claim_ids.append(reading.claim_id)
    covered = {r.claim_id: r.covered for r in readings}
    pairs: list[tuple[str, str]] = []
    for a, b in combinations(groups.values(), 2):
        if conflicting(a.fact, b.fact, tolerance, aliases.distinct):
            pairs.extend((x, y) for x in a.claim_ids for y in b.claim_ids)
    unacknowledged = [
        (a, b)
        for a, b in pairs
        if topic.acknowledged is None or not (covered.get(a) and covered.get(b))
    ]
    valued = sum(len(g.claim_ids) for g in groups.values())
    if not groups:
        status = EMPTY
    elif pairs:
        status = CONFLICTS if unacknowledged else ACKNOWLEDGED
    else:
        status = SINGLE if valued == 1 else AGREES
    return TopicAnalysis(
        topic=topic,
        groups=list(groups.values()),
        status=status,
        conflicts=pairs,
        unreadable=[r.claim_id for r in readings if r.fact is None],
        readings=readings,
        acknowledged=acknowledged,
        acknowledged_unreadable=ack_problems,
        unacknowledged=unacknowledged,
    )


def claim_texts(claim: Claim) -> list[str]:
    """Where a claim writes names: its quote and its text values."""
    values = claim.value if isinstance(claim.value, list) else [claim.value]
    return [claim.quote, *(v for v in values if isinstance(v, str))]


def name_variants(registry: Registry, aliases: AliasIndex) -> list[NameVariant]:
    """Names spelled differently across claims' quotes and values, no alias covering them.

    Which names are compared and what a variant is: ``linter.facts.variants``.
    """
    mentions = [
        mention
        for claim in registry.claims
        for mention in mentions_of(claim.id, claim.quote, claim_texts(claim)[1:])
    ]
    topics = {claim.id: claim.topic for claim in registry.claims}
    rules = Rules(covered=aliases.token_groups(), distinct=aliases.distinct)
    parent: dict[str, str] = {}

    def root(word: str) -> str:
        parent.setdefault(word, word)
        while parent[word] != word:
            parent[word] = parent[parent[word]]
            word = parent[word]
        return word

    forms: dict[str, str] = {}
    claims_by: dict[str, dict[str, None]] = {}
    for word_a, claim_a, word_b, claim_b in find_variant_pairs(mentions, topics, rules):
        for word, claim_id in ((word_a, claim_a), (word_b, claim_b)):
            key = norm(word)
            forms.setdefault(key, word)
            claims_by.setdefault(key, {})[claim_id] = None
        parent[root(norm(word_a))] = root(norm(word_b))
    clusters: dict[str, list[str]] = {}
    for key in sorted(forms):
        clusters.setdefault(root(key), []).append(key)
    variants = []
    for keys in clusters.values():
        ordered = sorted(keys, key=lambda k: (-len(claims_by[k]), forms[k]))
        variants.append(
            NameVariant(
                canonical_guess=forms[ordered[0]],
                spellings=tuple(forms[k] for k in ordered),
                claim_ids=tuple(dict.fromkeys(c for k in ordered for c in claims_by[k])),
                by_spelling=tuple((forms[k], tuple(claims_by[k])) for k in ordered),
            )
        )
    return sorted(variants, key=lambda v: v.canonical_guess)


def aliased_spellings(registry: Registry, aliases: AliasIndex) -> list[AliasedSpellings]:
    """Alias entries whose spellings differ across claims' quotes and values (two or more used).

    The complement of ``name_variants``: these spellings are reconciled, so no
    rule reports them, but the report shows how differently sources write the name.
    Entries in table order.
    """
    uses: dict[str, dict[str, dict[str, None]]] = {name: {} for name in aliases.spellings}
    for claim in registry.claims:
        for text in claim_texts(claim):
            for canonical, spelling in aliased_spellings_in(text, aliases):
                uses[canonical].setdefault(spelling, {})[claim.id] = None
    found = []
    for canonical, names in aliases.spellings.items():
        used = uses[canonical]
        if len(used) >= 2:
            ordered = [name for name in dict.fromkeys(names) if name in used]
            found.append(
                AliasedSpellings(canonical, tuple((name, tuple(used[name])) for name in ordered))
            )
    return found


def analyze(registry: Registry) -> FactAnalysis:
    """Every topic's analysis, the unaliased name variants, and the alias index."""
    aliases = AliasIndex.build(registry.aliases, registry.distinct)
    on_topic: dict[str, list[Claim]] = {name: [] for name in registry.topics}
    for claim in registry.claims:
        if claim.topic in on_topic:
            on_topic[claim.topic].append(claim)
    analyses = [
        analyze_topic(topic, on_topic[name], registry, aliases)
        for name, topic in registry.topics.items()
    ]
    return FactAnalysis(analyses, name_variants(registry, aliases), aliases)


def claims_on(registry: Registry, topic: str) -> list[Claim]:
    """The claims on a topic in registry order (aligned with ``TopicAnalysis.readings``)."""
    return [claim for claim in registry.claims if claim.topic == topic]
