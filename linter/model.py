"""The claims registry as data, with every field's position in ``claims.yaml``.

Positions come from the YAML nodes (never guessed), so every diagnostic can
point at the offending key or value, and ``--fix`` can rewrite one scalar.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from linter.diagnostics import Location


@dataclass(frozen=True, slots=True)
class ScalarSpan:
    """Where a scalar's text sits in the registry file, for minimal in-place edits.

    ``start``/``end`` are character offsets into ``Registry.text`` covering the
    scalar exactly as written (quotes and block indicators included); ``style``
    is PyYAML's: None (plain), "'", '"', "|" or ">".
    """

    start: int
    end: int
    style: str | None


class Kind(StrEnum):
    """What a topic's values are, and so how they are read and compared (``facts/``).

    The one list of kinds: the loader checks ``kind:`` against it, the schema names it.
    """

    COUNT = "count"  # a whole number of things
    QUANTITY = "quantity"  # any number (with a tolerance)
    DATE = "date"
    SET = "set"  # a list of names
    NAME = "name"
    TEXT = "text"


@dataclass(frozen=True, slots=True)
class RegistryProblem:
    """A problem the loader found, plain data: the rule named by ``code`` (R101-R104)
    turns it into a diagnostic, as the S-rules do with a corpus' ``SourceProblem``."""

    code: str
    message: str
    location: Location
    claim: str | None = None  # the id of the claim it is on, if any
    details: dict = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class IgnoreEntry:
    """A rule code named under a claim's ``ignore:``, as written: the loader knows no
    rule, so R102 checks the code against the catalogue."""

    code: str
    location: Location  # the code's key
    label: str  # how messages name the claim: "claim 'talks'", or "claim #3" without an id
    claim: str | None = None


@dataclass(slots=True)
class Claim:
    id: str
    source: str  # as written, relative to the registry's folder
    quote: str
    location: Location  # start of the claim's mapping
    keys: dict[str, Location] = field(default_factory=dict)  # field name -> key position
    values: dict[str, Location] = field(default_factory=dict)  # field name -> value position
    claim: str | None = None
    ignore: dict[str, str] = field(default_factory=dict)  # code -> reason
    ignore_keys: dict[str, Location] = field(default_factory=dict)  # code -> its key position
    topic: str | None = None
    value: Any = None  # raw YAML value (str, int, float, list, date) or None if absent
    complete: bool = False
    quote_span: ScalarSpan | None = None

    def at(self, field_name: str) -> Location:
        """Position of a field's value, else its key, else the claim itself."""
        return self.values.get(field_name) or self.keys.get(field_name) or self.location


@dataclass(slots=True)
class SourceMeta:
    path: str
    location: Location
    title: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO date as written (YYYY, YYYY-MM or YYYY-MM-DD)


@dataclass(slots=True)
class Acknowledgement:
    values: list[Any]
    reason: str
    location: Location


@dataclass(slots=True)
class Topic:
    name: str
    kind: Kind
    location: Location
    about: str | None = None
    acknowledged: Acknowledgement | None = None
    tolerance: float | None = None  # quantity only: relative tolerance, e.g. 0.05


@dataclass(slots=True)
class Registry:
    path: Path  # the registry file
    display_path: str  # how diagnostics name it (relative to the working directory if possible)
    text: str = ""
    claims: list[Claim] = field(default_factory=list)
    sources: dict[str, SourceMeta] = field(default_factory=dict)
    aliases: dict[str, list[str]] = field(default_factory=dict)  # canonical -> variants
    alias_locations: dict[str, Location] = field(default_factory=dict)
    # ``distinct``: groups of names that are different entities, never spelling variants.
    distinct: list[list[str]] = field(default_factory=list)
    topics: dict[str, Topic] = field(default_factory=dict)
    # Topics declared but left out of ``topics`` as invalid (R102 says why): claims on
    # them are not also reported as on an unknown topic (F104).
    invalid_topics: set[str] = field(default_factory=set)
    # Every code named under a claim's ``ignore:``, kept or not (R102 checks them).
    ignored_codes: list[IgnoreEntry] = field(default_factory=list)
    # Problems found while loading (R101-R104), in the order of the file.
    problems: list[RegistryProblem] = field(default_factory=list)

    @property
    def root(self) -> Path:
        return self.path.parent
