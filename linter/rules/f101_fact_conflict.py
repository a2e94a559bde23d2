"""Claims on one topic disagree: the sources give different values.

A reader deserves to know when sources contradict each other. Values compare
by the topic's kind: counts as whole numbers, quantities and dates as intervals
("almost 30", "early September" agree with anything they allow; ``tolerance``
widens quantities), sets where a ``complete: true`` list leaves out a member
another claim names, names and texts after ``aliases``. Each conflicting claim
is reported, naming the others. A known, explained disagreement is listed under
the topic's ``acknowledged`` (values and reason): it is then reported as info,
until a source gives a value not listed there.

Passes:

    topics:
      delegation-size: {kind: count}
    claims:
      - id: five-man
        source: seeds/001_3de99958f30674d8.txt
        quote: sitting between a five-man Taliban delegation
        topic: delegation-size
      - id: five-person
        source: seeds/004_09030c89965f0637.txt
        quote: the group's five-person delegation
        topic: delegation-size

Fails:

    topics:
      countries-invited: {kind: count}
    claims:
      - id: eleven-countries
        source: seeds/001_3de99958f30674d8.txt
        quote: which was attended by representatives of 11 countries
        topic: countries-invited
      - id: seven-nations
        source: seeds/004_09030c89965f0637.txt
        quote: representatives from seven nations
        topic: countries-invited
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.context import Context
from linter.diagnostics import Diagnostic, Severity
from linter.facts.model import Reading, TopicAnalysis
from linter.model import Claim, Kind
from linter.rules._facts import topics, value_at
from linter.rules.base import define

RULE = define("F101", "fact-conflict", Severity.ERROR, __doc__)


def check(ctx: Context) -> Iterator[Diagnostic]:
    for analysis, readings in topics(ctx):
        if analysis.conflicts:
            yield from _topic(analysis, readings)


def _topic(analysis: TopicAnalysis, readings: list[tuple[Claim, Reading]]) -> Iterator[Diagnostic]:
    topic = analysis.topic
    facts = {r.claim_id: r for r in analysis.readings if r.fact is not None}
    sources = {c.id: c.source for c, _ in readings}
    against: dict[str, list[str]] = {}
    for a, b in analysis.conflicts:
        against.setdefault(a, []).append(b)
        against.setdefault(b, []).append(a)
    open_pairs = {frozenset(p) for p in analysis.unacknowledged}
    ack = topic.acknowledged
    seen: set[str] = set()
    for claim, _ in readings:
        if claim.id not in against or claim.id in seen:
            continue
        seen.add(claim.id)
        reading = facts[claim.id]  # (with duplicate ids, the one that has a value)
        others = list(dict.fromkeys(against[claim.id]))
        said = "; ".join(
            f"'{o}' ({sources.get(o, '?')}) says {facts[o].fact.display}" for o in others
        )
        value = reading.fact.display
        if reading.note:
            value += f" ({reading.note})"
        unresolved = any(frozenset((claim.id, o)) in open_pairs for o in others)
        message = f"claims disagree on '{topic.name}': this claim says {value}; {said}"
        severity = None
        if ack is not None and not unresolved:
            severity = Severity.INFO
            message = f"acknowledged: {ack.reason} ({message})"
        elif ack is not None and not reading.covered:
            message += f"; {value} is not among the acknowledged values"
        elif ack is not None:
            message += "; a value not among the acknowledged ones contradicts it"
        if topic.kind == Kind.NAME and severity is None:
            message += (
                "; these are different names, not spellings of one (a spelling variant "
                "is F103); if they are one person, list them under one entry of 'aliases'"
            )
        yield RULE.diagnostic(
            message,
            value_at(claim),
            claim=claim.id,
            severity=severity,
            others=others,
            details={
                "topic": topic.name,
                "value": reading.fact.display,
                "origin": reading.fact.origin,
                "other_values": [
                    {"claim": o, "source": sources.get(o), "value": facts[o].fact.display}
                    for o in others
                ],
                "acknowledged": ack.reason if ack is not None and not unresolved else None,
            },
        )
