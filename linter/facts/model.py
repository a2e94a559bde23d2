"""What the fact analysis produces: normalized values, groups, verdicts per topic.

Plain frozen data shared by the F-rules and the discrepancy report, so both
describe one disagreement the same way.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field

from linter.model import Topic

# TopicAnalysis.status values
AGREES = "agrees"
CONFLICTS = "conflicts"
ACKNOWLEDGED = "acknowledged"
SINGLE = "single"
EMPTY = "empty"
# A report status only: values agree, but one is not what its own quote says (F102).
UNSUPPORTED = "unsupported"


@dataclass(frozen=True)
class FactValue:
    """One claim's value on its topic, normalized so equal facts compare equal."""

    claim_id: str
    kind: str  # the topic's kind
    display: str  # human-readable: "11", "between 600,000 and 1,500,000", "2018-11-09"
    key: Hashable  # equal keys = same value (grouping)
    low: float | None = None  # count/quantity/date intervals (dates as ordinal days)
    high: float | None = None
    members: frozenset[str] | None = None  # set: canonical names after aliases
    complete: bool = False  # set: the list is whole
    name: str | None = None  # name/text: canonical after aliases
    origin: str = "value"  # "value" (given in the registry) | "quote" (read from the quote)


@dataclass(frozen=True)
class Reading:
    """What one claim on a topic says, and whether its own quote backs it."""

    claim_id: str
    fact: FactValue | None  # None: no value could be read (see ``problem``)
    problem: str | None = None  # why no value could be read (F105)
    unsupported: str | None = None  # why a given value is not what the quote says (F102)
    covered: bool = True  # the topic's acknowledged values account for this value
    note: str | None = None  # e.g. "year taken from the source's published date"


@dataclass
class ValueGroup:
    """One distinct value and the claims giving it."""

    fact: FactValue
    claim_ids: list[str] = field(default_factory=list)


@dataclass
class TopicAnalysis:
    """A topic's values, grouped, and whether they agree."""

    topic: Topic
    groups: list[ValueGroup] = field(default_factory=list)
    status: str = EMPTY  # "agrees" | "conflicts" | "acknowledged" | "single" | "empty"
    conflicts: list[tuple[str, str]] = field(default_factory=list)  # conflicting claim-id pairs
    # Claims on the topic whose value could not be read (F105), by claim id.
    unreadable: list[str] = field(default_factory=list)
    readings: list[Reading] = field(default_factory=list)  # per claim on the topic, in order
    acknowledged: list[FactValue] = field(default_factory=list)  # the topic's, normalized
    # Acknowledged values that could not be read as the topic's kind (reported by F105).
    acknowledged_unreadable: list[str] = field(default_factory=list)
    # Conflicting pairs that the acknowledged values do not account for.
    unacknowledged: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class NameVariant:
    """One name spelled in several ways across claims, with no alias entry covering it."""

    canonical_guess: str  # the spelling most claims use
    spellings: tuple[str, ...]  # most used first
    claim_ids: tuple[str, ...]
    # Each spelling with the claims writing it, in the order of ``spellings``.
    by_spelling: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass(frozen=True)
class AliasedSpellings:
    """One ``aliases`` entry whose spellings differ across claims.

    The alias reconciles them, so nothing is in conflict; but a reader should
    still see that sources spell the name differently ("Stanekzai", "Stanikzai").
    """

    canonical: str
    # Each spelling (as the aliases table writes it) used by claims, with the claims
    # using it in registry order; spellings in table order, the canonical first.
    by_spelling: tuple[tuple[str, tuple[str, ...]], ...]
