"""``claimlint discover``: disagreements in the sources that no topic of the registry covers.

Reads every document of the corpus, finds the numbers with what they count
(``mentions``) and the names (``linter.facts.variants``), pairs the mentions of
two documents that are about one fact and disagree (``group``), leaves out what
a registry topic already covers, and returns findings for the pure formatters
of ``linter.discover.formats``. Deterministic and offline.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from linter.diagnostics import line_column
from linter.discover.group import Weights, components, conflicting_pairs, related
from linter.discover.mentions import amounts, content_words, sentences
from linter.discover.model import Amount, Doc, Finding, Place, Sentence, Value
from linter.facts.names import norm
from linter.facts.variants import Mention, Rules, find_variant_pairs, names_in
from linter.text.normalize import normalize_text

__all__ = ["Doc", "Finding", "discover", "discover_in", "registry_inputs"]

_SPACES = re.compile(r"\s+")


def discover(
    docs: Sequence[Doc],
    covered: dict[str, list[str]] | None = None,
    rules: Rules | None = None,
    taken: frozenset[str] = frozenset(),
) -> list[Finding]:
    """The findings of a corpus, those the registry covers left out.

    ``covered`` maps a document's key to the quotes of its claims that have a
    topic; ``rules`` are the registry's aliases and ``distinct`` names; ``taken``
    the topic names the registry already uses (a finding is never named like one).
    """
    covered = covered or {}
    rules = rules or Rules()
    by_key = {doc.key: doc for doc in docs}
    weights = Weights(docs=len(docs))
    doc_names: dict[str, frozenset[str]] = {}
    all_amounts: list[Amount] = []
    name_mentions: dict[str, dict[tuple[str, ...], tuple[Sentence, tuple[str, ...]]]] = {}
    for doc in docs:
        names: set[str] = set()
        seen = name_mentions.setdefault(doc.key, {})
        for sentence in sentences(doc.key, doc.text):
            weights.sentences += 1
            weights.word_df.update(content_words(sentence.text))
            for name in names_in(sentence.text):
                keys = tuple(norm(w) for w in name)
                names.update(keys)
                seen.setdefault(keys, (sentence, name))
            all_amounts += amounts(sentence, doc.published)
        doc_names[doc.key] = frozenset(names)
        weights.name_df.update(names)
    quotes = {key: [normalize_text(q) for q in qs] for key, qs in covered.items()}
    findings = [
        _amount_finding(group, by_key)
        for group in components(conflicting_pairs(all_amounts, doc_names, weights))
        if not _registered(group, quotes)
    ]
    findings += _name_findings(name_mentions, doc_names, weights, rules, by_key, quotes)
    return _named_topics(findings, taken)


def _in_quotes(sentence: Sentence, quotes: dict[str, list[str]]) -> bool:
    text = normalize_text(sentence.text)
    return any(q in text or text in q for q in quotes.get(sentence.doc, ()) if q)


def _registered(group: Sequence[Amount], quotes: dict[str, list[str]]) -> bool:
    """Whether two of a finding's values are already quoted by claims on topics."""
    values = {(m.low, m.high) for m in group if _in_quotes(m.sentence, quotes)}
    return len(values) >= 2


def place(doc: Doc, sentence: Sentence, start: int, written: str) -> Place:
    text = doc.text
    line, column = line_column(text, start)
    return Place(
        doc=doc.key,
        display=doc.display,
        line=line,
        column=column,
        sentence=_SPACES.sub(" ", sentence.text).strip(),
        quote=sentence.text,
        written=_SPACES.sub(" ", written).strip(),
        published=doc.published,
    )


def _amount_finding(group: Sequence[Amount], docs: dict[str, Doc]) -> Finding:
    values: dict[tuple[float | None, float | None], list[Amount]] = {}
    for amount in group:
        values.setdefault((amount.low, amount.high), []).append(amount)
    first = group[0]
    shown = []
    for (low, high), found in sorted(values.items(), key=lambda kv: (kv[0][0] or 0, kv[0][1] or 0)):
        places = tuple(
            dict.fromkeys(
                place(docs[m.sentence.doc], m.sentence, m.start, m.written) for m in found
            )
        )
        shown.append(Value(found[0].display, places, low, high))
    noun = first.noun_written.lower() if first.noun_written else first.unit
    if first.kind == "duration":
        fact = f"length of the {noun}, in {first.unit}s"
    elif first.unit == "person":
        fact = f"size of the {noun}, in people"
    else:
        fact = f"number of {_plural(noun)}" if first.kind == "count" else f"{noun} ({first.unit})"
    shared = sorted(set.intersection(*(set(m.context) for m in group)))
    why = (
        f"each counts '{first.noun}'"
        + (f" in {first.unit}" if first.unit else "")
        + (f", with words in common: {', '.join(shared[:6])}" if shared else "")
    )
    return Finding(first.kind, fact, tuple(shown), why, first.noun)


def _plural(noun: str) -> str:
    return noun if noun.endswith("s") else noun + "s"


def _name_findings(
    mentions: dict[str, dict[tuple[str, ...], tuple[Sentence, tuple[str, ...]]]],
    doc_names: dict[str, frozenset[str]],
    weights: Weights,
    rules: Rules,
    docs: dict[str, Doc],
    quotes: dict[str, list[str]],
) -> list[Finding]:
    """One name spelled differently by documents about one subject (what F103 does for claims).

    Each finding is one name: its full spellings ("Mohammad Abbas Stanekzai",
    "Muhammad Abbas Stanikzai"), joined by the variant word pairs between them.
    """
    flat = [
        Mention(doc, written, keys)
        for doc, names in mentions.items()
        for keys, (_, written) in names.items()
    ]
    parent: dict[tuple[str, tuple[str, ...]], tuple[str, tuple[str, ...]]] = {}

    def root(key):
        parent.setdefault(key, key)
        while parent[key] != key:
            key = parent[key]
        return key

    def holding(doc: str, word: str) -> list[tuple[str, tuple[str, ...]]]:
        return [(doc, keys) for keys, (_, name) in mentions[doc].items() if word in name]

    for word_a, doc_a, word_b, doc_b in find_variant_pairs(flat, {}, rules):
        if not related(doc_names[doc_a], doc_names[doc_b], weights):
            continue
        for x in holding(doc_a, word_a):
            for y in holding(doc_b, word_b):
                if len(x[1]) >= 2 and len(y[1]) >= 2 and set(x[1]) & set(y[1]):
                    parent[root(x)] = root(y)
    groups: dict[tuple[str, tuple[str, ...]], list[tuple[str, tuple[str, ...]]]] = {}
    for key in list(parent):
        groups.setdefault(root(key), []).append(key)
    findings = []
    for members in groups.values():
        by_spelling: dict[str, list[Place]] = {}
        registered = set()
        for doc, keys in sorted(members):
            sentence, name = mentions[doc][keys]
            written = " ".join(name)
            by_spelling.setdefault(written, []).append(_name_place(docs[doc], sentence, name))
            if _in_quotes(sentence, quotes):
                registered.add(written)
        if len(by_spelling) < 2 or len(registered) == len(by_spelling):
            continue
        ordered = sorted(by_spelling.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        values = tuple(Value(written, tuple(places)) for written, places in ordered)
        main = values[0].display
        shown = " and ".join(f"'{v.display}'" for v in values[:3])
        why = f"the names {shown} align word by word, each word the same or a spelling variant"
        findings.append(Finding("name", f"spelling of {main}", values, why, main.split()[-1]))
    return sorted(findings, key=lambda f: f.values[0].places[0].doc)


def _name_place(doc: Doc, sentence: Sentence, name: tuple[str, ...]) -> Place:
    joined = re.compile(r"[ \u00a0]+".join(map(re.escape, name)))
    match = joined.search(sentence.text)
    start = sentence.start + (match.start() if match else 0)
    return place(doc, sentence, start, " ".join(name))


def _named_topics(findings: Iterable[Finding], taken: frozenset[str]) -> list[Finding]:
    """Each finding with a unique topic slug ("country-count", "stanekzai-spelling")."""
    seen: Counter[str] = Counter({name: 1 for name in taken})
    named = []
    for finding in findings:
        suffix = {"name": "spelling", "duration": "length"}.get(finding.kind, "count")
        base = re.sub(r"[^a-z0-9]+", "-", norm(finding.topic)).strip("-") or "fact"
        slug = f"{base}-{suffix}"
        seen[slug] += 1
        if seen[slug] > 1:
            slug = f"{slug}-{seen[slug]}"
        named.append(Finding(finding.kind, finding.fact, finding.values, finding.why, slug))
    return named


def registry_inputs(registry, docs: Sequence[Doc]) -> tuple[dict[str, list[str]], Rules]:
    """What a registry already covers: its topic claims' quotes per document, its aliases."""
    from linter.facts.analysis import normalized_path
    from linter.facts.names import AliasIndex

    aliases = AliasIndex.build(registry.aliases, registry.distinct)
    rules = Rules(covered=aliases.token_groups(), distinct=aliases.distinct)
    keys = {doc.key for doc in docs}
    covered: dict[str, list[str]] = {}
    for claim in registry.claims:
        key = normalized_path(claim.source)
        if claim.topic and key in keys:
            covered.setdefault(key, []).append(claim.quote)
    return covered, rules


def corpus_docs(registry, corpus) -> list[Doc]:
    """The documents of a loaded corpus, each with its ``published`` date where known."""
    from linter.facts.analysis import published_of

    return [
        Doc(key, document.display, document.text, published_of(registry, key))
        for key, document in corpus.documents.items()
    ]


def discover_in(ctx) -> list[Finding]:
    """The findings of a loaded context: its whole corpus, what its registry covers left out."""
    docs = corpus_docs(ctx.registry, ctx.corpus)
    covered, rules = registry_inputs(ctx.registry, docs)
    return discover(docs, covered, rules, taken=frozenset(ctx.registry.topics))
