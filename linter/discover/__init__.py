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
from linter.discover.disagree import conflicts, related_pairs
from linter.discover.group import Weights, components, conflicting_pairs, related
from linter.discover.mentions import amounts, content_words, sentences
from linter.discover.model import Amount, Doc, Finding, Place, Sentence, Statement, Value
from linter.discover.statements import statements
from linter.facts.names import norm
from linter.facts.variants import Mention, Rules, find_variant_pairs, names_in
from linter.text.normalize import normalize_text

__all__ = ["Doc", "Finding", "discover", "discover_in", "registry_inputs"]

_SPACES = re.compile(r"\s+")


def discover(
    docs: Sequence[Doc],
    covered: dict[str, list[tuple[str, str, str]]] | None = None,
    rules: Rules | None = None,
    taken: frozenset[str] = frozenset(),
) -> list[Finding]:
    """The findings of a corpus, those the registry covers left out.

    ``covered`` maps a document's key to the quotes of its claims that have a
    topic, each with the topic's name and kind; ``rules`` are the registry's aliases
    and ``distinct`` names; ``taken`` the topic names the registry already uses (a
    finding is never named like one).
    """
    covered = covered or {}
    rules = rules or Rules()
    by_key = {doc.key: doc for doc in docs}
    weights = Weights(docs=len(docs))
    doc_names: dict[str, frozenset[str]] = {}
    all_amounts: list[Amount] = []
    said: dict[str, list[Statement]] = {}
    name_mentions: dict[str, dict[tuple[str, ...], tuple[Sentence, tuple[str, ...]]]] = {}
    for doc in docs:
        names: set[str] = set()
        seen = name_mentions.setdefault(doc.key, {})
        for sentence in sentences(doc.key, doc.text):
            weights.sentences += 1
            words = content_words(sentence.text)
            weights.word_df.update(words)
            found = statements(sentence, frozenset(words), doc.published)
            if found:
                said.setdefault(doc.key, []).extend(found)
            for name in names_in(sentence.text):
                keys = tuple(norm(w) for w in name)
                names.update(keys)
                seen.setdefault(keys, (sentence, name))
            all_amounts += amounts(sentence, doc.published)
        doc_names[doc.key] = frozenset(names)
        weights.name_df.update(names)
    quotes = {
        key: [(normalize_text(q), topic, kind) for q, topic, kind in qs]
        for key, qs in covered.items()
    }
    findings = [
        _amount_finding(group, by_key)
        for group in components(conflicting_pairs(all_amounts, doc_names, weights))
        if not _registered([(m.sentence, (m.low, m.high)) for m in group], group[0].kind, quotes)
    ]
    variants = _variant_words(name_mentions, doc_names, weights, rules)
    findings += _name_findings(name_mentions, doc_names, weights, by_key, quotes, variants)
    canon = _canon(variants)
    pairs = conflicts(said, related_pairs(doc_names, weights), weights, canon)
    findings += [
        _statement_finding(group, by_key, weights)
        for group in components(pairs)
        if not _registered([(s.sentence, s.value) for s in group], group[0].kind, quotes)
    ]
    return _named_topics(findings, taken)


def _variant_words(mentions, doc_names, weights, rules) -> list[tuple[str, str, str, str]]:
    """The spelling-variant word pairs of names of two related documents."""
    flat = [
        Mention(doc, written, keys)
        for doc, names in mentions.items()
        for keys, (_, written) in names.items()
    ]
    return [
        pair
        for pair in find_variant_pairs(flat, {}, rules)
        if related(doc_names[pair[1]], doc_names[pair[3]], weights)
    ]


def _canon(variants: Sequence[tuple[str, str, str, str]]):
    """A name word's comparison form with its spelling variants joined ("stanikzai" ->
    "stanekzai"), so a person's title is compared however each document spells the name."""
    parent: dict[str, str] = {}

    def root(word: str) -> str:
        parent.setdefault(word, word)
        while parent[word] != word:
            word = parent[word]
        return word

    for word_a, _, word_b, _ in variants:
        a, b = root(norm(word_a)), root(norm(word_b))
        if a != b:
            parent[max(a, b)] = min(a, b)
    return lambda word: root(word) if word in parent else word


_FACTS = {
    "title": (
        "title of {shown}",
        "each gives {shown} a title (the same person, named so in"
        " both documents), and no office one gives is in the other: {values}",
    ),
    "role": (
        "whether and how {shown} took part",
        "each says of {shown} whether it took part, and how: {values}",
    ),
    "body": (
        "name of {shown} body",
        "each names {shown} body, and the sentences share {shared}: the bodies are called {values}",
    ),
    "frequency": (
        "how many times it was put off",
        "each counts the times it was put off ({values}), with words in common: {shared}",
    ),
    "first": (
        "whether it was the first",
        "one says it was the first, the other tells of"
        " earlier ones, with words in common: {shared}",
    ),
    "date": (
        "date of one event",
        "the sentences tell one event in the same rare words"
        " ({shared}) and give different dates: {values}",
    ),
}


def _statement_finding(
    group: Sequence[Statement], docs: dict[str, Doc], weights: Weights
) -> Finding:
    by_value: dict[str, list[Statement]] = {}
    for statement in group:
        by_value.setdefault(statement.value, []).append(statement)
    shown = []
    for _, found in sorted(by_value.items(), key=lambda kv: (kv[1][0].low or 0, kv[0])):
        places = []
        for s in found:
            doc = docs[s.sentence.doc]
            places.append(place(doc, s.sentence, s.start, doc.text[s.start : s.end]))
        shown.append(
            Value(
                found[0].display,
                tuple(dict.fromkeys(places)),
                found[0].low,
                found[0].high if found[0].high != float("inf") else None,
            )
        )
    first = group[0]
    other = next((s for s in group if s.sentence.doc != first.sentence.doc), first)
    common = set.intersection(*(set(s.words) for s in group)) or set(first.words & other.words)
    common -= set(first.subject.split())  # "taliban political": what it is about, not why
    rare = sorted(common, key=lambda w: (-weights.word(w), w))[:5]
    who = max((s.shown for s in group), key=len)
    fact, why = _FACTS[first.kind]
    fill = {
        "shown": who,
        "values": ", ".join(v.display for v in shown),
        "shared": ", ".join(rare) or "no word",
    }
    return Finding(
        first.kind, fact.format(**fill), tuple(shown), why.format(**fill), _topic(group, rare)
    )


def _topic(group: Sequence[Statement], rare: Sequence[str]) -> str:
    """What to name a finding's topic: its subject ("khalilzad"), or for a date the rarest
    name both sentences give ("lavrov"), for a first what was first ("visit")."""
    first = group[0]
    if first.kind in {"title", "role", "body"}:
        return first.subject
    if first.kind == "date":
        names = set.intersection(*(set(s.names) for s in group))
        return next((w for w in rare if w in names), rare[0] if rare else "event")
    if first.kind == "first":
        said = next((s for s in group if s.value == "first"), first)
        written = said.sentence.text[
            said.start - said.sentence.start : said.end - said.sentence.start
        ]
        return written.split()[-1]
    return rare[0] if rare else first.kind


Quotes = dict[str, list[tuple[str, str, str]]]
# The kinds of topic that register each kind of finding.
_TOPIC_KINDS = {
    "count": {"count", "quantity"},
    "quantity": {"count", "quantity"},
    "duration": {"count", "quantity"},
    "name": {"name"},
    "body": {"text"},
    "title": {"text"},
    "role": {"text", "set"},
    "frequency": {"count", "quantity", "text"},
    "first": {"text"},
    "date": {"date"},
}


def _quoting(sentence: Sentence, quotes: Quotes) -> list[tuple[str, str]]:
    """The topics (name, kind) of the claims whose quote is in the sentence or holds it."""
    text = normalize_text(sentence.text)
    return [(t, k) for q, t, k in quotes.get(sentence.doc, ()) if q and (q in text or text in q)]


def _in_quotes(sentence: Sentence, quotes: Quotes) -> bool:
    return bool(_quoting(sentence, quotes))


def _registered(items: Sequence[tuple[Sentence, object]], kind: str, quotes: Quotes) -> bool:
    """Whether one topic of a kind that fits the finding already quotes two of its values:
    a claim on the name of Stanekzai does not register the disagreement on his title."""
    values: dict[str, set[object]] = {}
    for sentence, value in items:
        for topic, topic_kind in _quoting(sentence, quotes):
            if topic_kind in _TOPIC_KINDS[kind]:
                values.setdefault(topic, set()).add(value)
    return any(len(found) >= 2 for found in values.values())


def place(doc: Doc, sentence: Sentence, start: int, written: str) -> Place:
    """A mention's place, in the file's own terms when the document has them (``Doc.locate``)."""
    if doc.locate is not None:
        found = doc.locate(start)
        line, column = found.line, found.column
        located = {"label": found.label, "page": found.page, "paragraph": found.paragraph}
    else:
        line, column = line_column(doc.text, start)
        located = {}
    return Place(
        doc=doc.key,
        display=doc.display,
        line=line,
        column=column,
        sentence=_SPACES.sub(" ", sentence.text).strip(),
        quote=sentence.text,
        written=_SPACES.sub(" ", written).strip(),
        published=doc.published,
        **located,
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
        noun = first.noun
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
    docs: dict[str, Doc],
    quotes: Quotes,
    variants: Sequence[tuple[str, str, str, str]],
) -> list[Finding]:
    """One name spelled differently by documents about one subject (what F103 does for claims).

    Each finding is one name: its full spellings ("Mohammad Abbas Stanekzai",
    "Muhammad Abbas Stanikzai"), joined by the variant word pairs between them.
    """
    parent: dict[tuple[str, tuple[str, ...]], tuple[str, tuple[str, ...]]] = {}

    def root(key):
        parent.setdefault(key, key)
        while parent[key] != key:
            key = parent[key]
        return key

    def holding(doc: str, word: str) -> list[tuple[str, tuple[str, ...]]]:
        return [(doc, keys) for keys, (_, name) in mentions[doc].items() if word in name]

    for word_a, doc_a, word_b, doc_b in variants:
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


_SUFFIX = {
    "name": "spelling",
    "duration": "length",
    "title": "title",
    "role": "participation",
    "body": "name",
    "frequency": "times",
    "first": "first",
    "date": "date",
}


def _named_topics(findings: Iterable[Finding], taken: frozenset[str]) -> list[Finding]:
    """Each finding with a unique topic slug ("country-count", "stanekzai-spelling")."""
    seen: Counter[str] = Counter({name: 1 for name in taken})
    named = []
    for finding in findings:
        suffix = _SUFFIX.get(finding.kind, "count")
        base = re.sub(r"[^a-z0-9]+", "-", norm(finding.topic)).strip("-") or "fact"
        slug = f"{base}-{suffix}"
        seen[slug] += 1
        if seen[slug] > 1:
            slug = f"{slug}-{seen[slug]}"
        named.append(Finding(finding.kind, finding.fact, finding.values, finding.why, slug))
    return named


def registry_inputs(registry, docs: Sequence[Doc]) -> tuple[Quotes, Rules]:
    """What a registry already covers: its topic claims' quotes per document (with the topic's
    name and kind), its aliases."""
    from linter.facts.analysis import normalized_path
    from linter.facts.names import AliasIndex

    aliases = AliasIndex.build(registry.aliases, registry.distinct)
    rules = Rules(covered=aliases.token_groups(), distinct=aliases.distinct)
    keys = {doc.key for doc in docs}
    covered: Quotes = {}
    for claim in registry.claims:
        key = normalized_path(claim.source)
        topic = registry.topics.get(claim.topic) if claim.topic else None
        if topic is not None and key in keys:
            covered.setdefault(key, []).append((claim.quote, claim.topic, topic.kind))
    return covered, rules


def corpus_docs(registry, corpus) -> list[Doc]:
    """The documents of a loaded corpus, each with its ``published`` date where known."""
    from linter.facts.analysis import published_of

    return [
        Doc(
            key,
            document.display,
            document.text,
            published_of(registry, key),
            # A plain text's place is its line in ``text``: counted without reading it again.
            document.place if document.kind != "text" else None,
        )
        for key, document in corpus.documents.items()
    ]


def discover_in(ctx) -> list[Finding]:
    """The findings of a loaded context: its whole corpus, what its registry covers left out."""
    docs = corpus_docs(ctx.registry, ctx.corpus)
    covered, rules = registry_inputs(ctx.registry, docs)
    return discover(docs, covered, rules, taken=frozenset(ctx.registry.topics))
