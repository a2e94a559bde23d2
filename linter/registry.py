"""Load ``claims.yaml`` into a ``Registry``: every value typed, every position kept.

Detection of R101-R104 happens here, not in the rule modules, because only the
loader sees the YAML nodes: a duplicate key or an alias is gone once a tree of
Python values exists.  The loader never raises for bad content; it records
located ``RegistryProblem``s (plain data, tagged with the code of the rule that
reports them) in ``Registry.problems`` and keeps whatever claims are still
usable, so one typo does not hide every other finding.  It knows no rule: the
codes named in a claim's ``ignore`` are checked against the catalogue by R102.
Only a file that cannot be read at all is a ``UsageError``.
"""

from __future__ import annotations

import datetime as _dt
import gc
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from linter import prescan, yamlsafe
from linter.diagnostics import Location
from linter.errors import UsageError
from linter.fields import Fields, describe, short, suggest
from linter.fsutil import NotRegularFile, open_regular
from linter.model import (
    Acknowledgement,
    Claim,
    IgnoreEntry,
    Kind,
    Registry,
    RegistryProblem,
    ScalarSpan,
    SourceMeta,
    Topic,
)
from linter.suggest import closest
from linter.yamlsafe import Node

MAX_BYTES = 50 * 1024 * 1024  # a 10,000-claim registry is about 3 MB

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
PUBLISHED = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

SECTIONS = ("claims", "sources", "aliases", "distinct", "topics")
CLAIM_FIELDS = ("id", "source", "quote", "claim", "topic", "value", "complete", "ignore")
REQUIRED = ("id", "source", "quote")
SOURCE_FIELDS = ("title", "outlet", "published")
TOPIC_FIELDS = ("kind", "about", "acknowledged", "tolerance")
ACK_FIELDS = ("values", "reason")

# The codes of the rules that report what the loader finds.
SYNTAX, DUPLICATE_ID, DUPLICATE_KEY = "R101", "R103", "R104"


def load_registry(path: Path, display_path: str | None = None) -> Registry:
    """Read and validate a claims registry; content problems become ``Registry.problems``."""
    display = display_path if display_path is not None else str(path)
    registry = Registry(path=path, display_path=display)
    data = _read(path, display)
    if data is None:
        registry.problems.append(
            RegistryProblem(
                SYNTAX,
                f"the registry is larger than {MAX_BYTES // (1024 * 1024)} MB; claimlint "
                "refuses files this big — check it is the right file, or split it",
                Location(display, 1, 1),
            )
        )
        return registry
    with _gc_paused():
        _Reader(registry).read(data)
    registry.problems.sort(key=lambda p: (p.location.line, p.location.column, p.code))
    return registry


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cycle collector: loading allocates ~10 objects per YAML node and
    none of them form cycles, yet each allocation burst would trigger full scans
    (which made a 10,000-claim load three times slower)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _read(path: Path, display: str) -> bytes | None:
    """The file's bytes, None if over the size limit; UsageError if unreadable."""
    try:
        with open_regular(path) as handle:
            # Check the size before reading so a huge file costs nothing; read at most
            # one byte past the limit in case it is not a regular file (a pipe).
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_BYTES:
                return None
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise UsageError(
            f"registry {display} does not exist; create it or pass the right path "
            "(--registry PATH, or 'registry' under [tool.claimlint] in pyproject.toml)"
        ) from None
    except IsADirectoryError:
        raise UsageError(
            f"registry {display} is a directory; pass the YAML file inside it (usually claims.yaml)"
        ) from None
    except NotRegularFile as err:
        raise UsageError(
            f"registry {display} {err.strerror}; claimlint reads the registry from a file only"
        ) from None
    except PermissionError:
        raise UsageError(
            f"cannot read registry {display}: permission denied; check the file's permissions"
        ) from None
    except OSError as err:
        raise UsageError(f"cannot read registry {display}: {err.strerror or err}") from None
    return None if len(data) > MAX_BYTES else data


class _Reader(Fields):
    """One pass over the node tree, filling the registry and its problems: what each
    section means (the typed values it is read with are ``Fields``')."""

    def __init__(self, registry: Registry) -> None:
        super().__init__(registry)
        self.offset = 0  # length of a BOM, which the parser never sees

    # -- file level --------------------------------------------------------

    def read(self, data: bytes) -> None:
        crowded = prescan.too_many_entries(data)
        if crowded is not None:  # refused before a million claims cost time and memory
            self.report(SYNTAX, crowded.message, Location(self.path, crowded.line, crowded.column))
            return
        text, problem = yamlsafe.decode(data)
        problems: list[yamlsafe.Problem] = [problem] if problem else []
        root = None
        if text is not None:
            self.registry.text = text
            self.offset = len(yamlsafe.BOM) if text.startswith(yamlsafe.BOM) else 0
            root = yamlsafe.compose(text[self.offset :], problems)
        fatal = False
        for found in problems:
            code = DUPLICATE_KEY if found.kind == yamlsafe.DUPLICATE_KEY else SYNTAX
            fatal = fatal or code == SYNTAX
            self.report(
                code,
                found.message,
                Location(self.path, found.line, found.column),
                details=found.details,
            )
        if root is None or root.is_null:
            if not fatal:
                self.schema(
                    "the registry is empty; it must be a mapping with a 'claims:' list",
                    Location(self.path, 1, 1),
                )
            return
        self.top(root)

    def top(self, root: Node) -> None:
        if root.kind != "map":
            self.schema(
                f"the registry must be a mapping with a 'claims:' list, got {describe(root)}",
                root,
            )
            return
        sections: dict[str, Node] = {}
        for name, key, value in self.named(root):
            if name not in SECTIONS:
                self.schema(f"unknown top-level section '{name}'{suggest(name, SECTIONS)}", key)
                continue
            sections[name] = value
        if "claims" not in sections:
            self.schema("the registry has no 'claims:' list; add one", root)
        readers: dict[str, Callable[[Node], None]] = {
            "sources": self.sources,
            "aliases": self.aliases,
            "distinct": self.distinct,
            "topics": self.topics,
            "claims": self.claims,
        }
        for name, value in sections.items():
            readers[name](value)

    # -- claims ------------------------------------------------------------

    def claims(self, node: Node) -> None:
        if node.kind != "seq":
            hint = " (each claim starts with '- ')" if node.kind == "map" else ""
            got = describe(node)
            if node.is_null:
                got += "; write 'claims: []' for an empty registry"
            self.schema(f"'claims' must be a list of claims{hint}, got {got}", node)
            return
        first_ids: dict[str, Location] = {}
        for number, item in enumerate(node.items, start=1):
            claim = self.claim(item, number)
            if claim is None:
                continue
            where = claim.values["id"]
            first = first_ids.setdefault(claim.id, where)
            if first is not where:
                self.report(
                    DUPLICATE_ID,
                    f"claim id '{claim.id}' is already used by the claim on line {first.line}; "
                    "give each claim its own id",
                    where,
                    claim.id,
                    {"first_line": first.line},
                )
            self.registry.claims.append(claim)

    def claim(self, node: Node, number: int) -> Claim | None:
        """One claim; None (after reporting) if id, source or quote is unusable."""
        if node.kind != "map":
            self.schema(
                f"claim #{number} must be a mapping with id, source and quote, "
                f"got {describe(node)}",
                node,
            )
            return None
        # Name the claim by its id in every message, so read the id first.
        label = f"claim #{number}"
        ident = None
        id_node = next((v for k, v in node.pairs() if k.is_scalar and k.text == "id"), None)
        if id_node is not None:
            ident = self.text(id_node, f"'id' of {label}")
            if ident is not None:
                label = f"claim '{ident}'"
                if not SLUG.match(ident):
                    self.schema(
                        f"claim id '{ident}' must be a lower-case slug such as "
                        f"'{_slugify(ident) or 'talks-held'}' (a-z, 0-9, single hyphens)",
                        id_node,
                        ident,
                    )
        fields = self.known_keys(node, CLAIM_FIELDS, label, ident)
        for name in REQUIRED:
            if name not in fields:
                self.schema(f"{label} is missing required field '{name}'", node, ident)
        source = quote = None
        if "source" in fields:
            source = self.text(fields["source"][1], f"'source' of {label}", ident)
        if "quote" in fields:
            quote = self.text(fields["quote"][1], f"'quote' of {label}", ident)

        optional: dict[str, Any] = {}
        if "claim" in fields:
            optional["claim"] = self.text(fields["claim"][1], f"'claim' of {label}", ident)
        if "topic" in fields:
            optional["topic"] = self.text(fields["topic"][1], f"'topic' of {label}", ident)
        if "value" in fields:
            ok, value = self.value(fields["value"][1], f"'value' of {label}", ident)
            if ok:
                optional["value"] = value
        if "complete" in fields:
            value_node = fields["complete"][1]
            ok, value = self.scalar(value_node, f"'complete' of {label}", ident)
            if ok and isinstance(value, bool):
                optional["complete"] = value
            elif ok:
                self.schema(
                    f"'complete' of {label} must be true or false, got {describe(value_node)}",
                    value_node,
                    ident,
                )
        ignore, ignore_keys = {}, {}
        if "ignore" in fields:
            ignore, ignore_keys = self.ignore(fields["ignore"][1], label, ident)

        if ident is None or source is None or quote is None:
            return None
        quote_node = fields["quote"][1]
        return Claim(
            id=ident,
            source=source,
            quote=quote,
            location=self.at(node),
            keys={name: self.at(key) for name, (key, _) in fields.items()},
            values={name: self.at(value) for name, (_, value) in fields.items()},
            claim=optional.get("claim"),
            ignore=ignore,
            ignore_keys=ignore_keys,
            topic=optional.get("topic"),
            value=optional.get("value"),
            complete=optional.get("complete", False),
            quote_span=self.span(quote_node),
        )

    def ignore(
        self, node: Node, label: str, ident: str | None
    ) -> tuple[dict[str, str], dict[str, Location]]:
        reasons: dict[str, str] = {}
        keys: dict[str, Location] = {}
        if not self.mapping(node, f"'ignore' of {label}", ident, "of rule code to reason"):
            return reasons, keys
        for code, key, value in self.named(node):
            self.registry.ignored_codes.append(IgnoreEntry(code, self.at(key), label, ident))
            reason = self.text(value, f"the reason for ignoring {code} in {label}", ident)
            if reason is None:
                continue
            reasons[code] = reason
            keys[code] = self.at(key)
        return reasons, keys

    def span(self, node: Node) -> ScalarSpan:
        """Offsets of a scalar as written in ``Registry.text`` (a BOM counted)."""
        start, end = node.start + self.offset, node.end + self.offset
        if node.style in ("|", ">"):
            # The parser's end includes the trailing line breaks; a rewrite must keep them.
            text = self.registry.text
            while end > start and text[end - 1] in " \t\r\n":
                end -= 1
        return ScalarSpan(start, end, node.style)

    # -- optional sections -------------------------------------------------

    def sources(self, node: Node) -> None:
        if node.is_null or not self.mapping(
            node, "'sources'", of="of source path to title, outlet, published"
        ):
            return
        for path, key, value in self.named(node):
            meta = SourceMeta(path=path, location=self.at(key))
            if not value.is_null and self.mapping(value, f"source '{path}'"):
                fields = self.known_keys(value, SOURCE_FIELDS, f"source '{path}'")
                for name in ("title", "outlet"):
                    if name in fields:
                        setattr(meta, name, self.text(fields[name][1], f"'{name}' of '{path}'"))
                if "published" in fields:
                    meta.published = self.published(fields["published"][1], path)
            self.registry.sources[path] = meta

    def published(self, node: Node, path: str) -> str | None:
        what = f"'published' of '{path}'"
        text = self.text(node, what)
        if text is None:
            return None
        match = PUBLISHED.match(text)
        if match is not None:
            year, month, day = (int(part) if part else 1 for part in match.groups())
            try:
                _dt.date(year, month, day)
                return text
            except ValueError:
                pass
        self.schema(
            f"{what} must be a date written YYYY, YYYY-MM or YYYY-MM-DD, got '{short(text)}'",
            node,
        )
        return None

    def aliases(self, node: Node) -> None:
        if node.is_null or not self.mapping(
            node, "'aliases'", of="of name to list of variant spellings"
        ):
            return
        for name, key, value in self.named(node):
            what = f"the variants of '{name}' in 'aliases'"
            if value.kind != "seq":
                self.schema(f"{what} must be a list of spellings, got {describe(value)}", value)
                continue
            variants = [self.text(item, f"each of {what}") for item in value.items]
            self.registry.aliases[name] = [v for v in variants if v is not None]
            self.registry.alias_locations[name] = self.at(key)

    def distinct(self, node: Node) -> None:
        """``distinct:``: lists of names that are different entities (never F103 variants)."""
        if node.is_null:
            return
        if node.kind != "seq":
            self.schema(
                "'distinct' must be a list of lists of names that are different, "
                f"e.g. '- [Roger Smith, Ruger Smith]', got {describe(node)}",
                node,
            )
            return
        for item in node.items:
            what = "each entry of 'distinct'"
            if item.kind != "seq" or len(item.items) < 2:
                self.schema(
                    f"{what} must be a list of two names or more, e.g. "
                    f"'[Roger Smith, Ruger Smith]', got {describe(item)}",
                    item,
                )
                continue
            names = [self.text(name, f"each name in {what}") for name in item.items]
            kept = [name for name in names if name is not None]
            if len(kept) >= 2:
                self.registry.distinct.append(kept)

    def topics(self, node: Node) -> None:
        if node.is_null or not self.mapping(
            node, "'topics'", of="of topic name to kind, about, ..."
        ):
            return
        for name, key, value in self.named(node):
            topic = self.topic(name, key, value)
            if topic is not None:
                self.registry.topics[name] = topic
            else:
                self.registry.invalid_topics.add(name)

    def topic(self, name: str, key: Node, node: Node) -> Topic | None:
        label = f"topic '{name}'"
        if not self.mapping(node, label):
            return None
        fields = self.known_keys(node, TOPIC_FIELDS, label)
        if "kind" not in fields:
            self.schema(f"{label} is missing required field 'kind' ({', '.join(Kind)})", node)
            return None
        kind = self.text(fields["kind"][1], f"'kind' of {label}")
        if kind is None:
            return None
        if kind not in list(Kind):
            self.schema(
                f"'kind' of {label} must be one of {', '.join(Kind)}, got '{short(kind)}'"
                + (f"; did you mean '{close}'?" if (close := closest(kind, Kind)) else ""),
                fields["kind"][1],
            )
            return None
        topic = Topic(name=name, kind=Kind(kind), location=self.at(key))
        if "about" in fields:
            topic.about = self.text(fields["about"][1], f"'about' of {label}")
        if "tolerance" in fields:
            topic.tolerance = self.tolerance(fields["tolerance"][1], label)
        if "acknowledged" in fields:
            ack_key, ack = fields["acknowledged"]
            topic.acknowledged = self.acknowledged(ack_key, ack, label)
        return topic

    def tolerance(self, node: Node, label: str) -> float | None:
        what = f"'tolerance' of {label}"
        ok, value = self.scalar(node, what)
        if not ok:
            return None
        # (value != value: NaN, which YAML writes as .nan)
        if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
            self.schema(f"{what} must be a number such as 0.05, got {describe(node)}", node)
            return None
        if value < 0:
            self.schema(f"{what} must be 0 or more, got {node.text}", node)
            return None
        return float(value)

    def acknowledged(self, key: Node, node: Node, label: str) -> Acknowledgement | None:
        what = f"'acknowledged' of {label}"
        if not self.mapping(node, what, of="with 'values' and 'reason'"):
            return None
        fields = self.known_keys(node, ACK_FIELDS, what)
        for name in ACK_FIELDS:
            if name not in fields:
                self.schema(f"{what} is missing required field '{name}'", node)
        values = reason = None
        if "values" in fields:
            values_node = fields["values"][1]
            if values_node.kind != "seq" or not values_node.items:
                self.schema(
                    f"'values' of {what} must be a non-empty list of the values sources "
                    f"give, got {describe(values_node)}",
                    values_node,
                )
            else:
                found = [
                    self.value(item, f"each of 'values' in {what}") for item in values_node.items
                ]
                if all(ok for ok, _ in found):
                    values = [value for _, value in found]
        if "reason" in fields:
            reason = self.text(fields["reason"][1], f"'reason' of {what}")
        if values is None or reason is None:
            return None
        return Acknowledgement(values=values, reason=reason, location=self.at(key))


def _slugify(text: str) -> str:
    """A suggestion for an id: lower case, runs of other characters as one hyphen."""
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))
