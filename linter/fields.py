"""Typed reading of registry YAML nodes: each value checked for the shape it must have.

The registry loader's vocabulary (``text``, ``scalar``, ``value``, a mapping's
``known_keys``), kept apart from what the registry's sections mean: a value of
the wrong shape is recorded as a plain ``RegistryProblem`` (R102, "must be X,
got Y") at its node, and reading goes on.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Iterator
from typing import Any

from linter import yamlsafe
from linter.diagnostics import Location
from linter.model import Registry, RegistryProblem
from linter.suggest import closest
from linter.yamlsafe import Node

SCHEMA = "R102"  # the rule that reports a value of the wrong shape

_KINDS_OF = {"scalar": "a single value", "seq": "a list", "map": "a mapping"}


def describe(node: Node) -> str:
    """How a value looks to the user, for 'must be X, got Y' messages."""
    if node.kind != "scalar":
        return _KINDS_OF[node.kind] if node.items else f"an empty {_KINDS_OF[node.kind][2:]}"
    if node.is_null:
        return "nothing"
    value = yamlsafe.scalar_value(node)
    if isinstance(value, bool):
        return f"the boolean {node.text}"
    if isinstance(value, int | float):
        return f"the number {node.text}"
    if isinstance(value, _dt.date):
        return f"the date {node.text}"
    return f"the string '{short(node.text)}'"


def short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def suggest(word: str, choices: Iterable[str]) -> str:
    """'; did you mean X?' when one choice is close, else the list of choices."""
    choices = list(choices)
    close = closest(word, choices)
    if close:
        return f"; did you mean '{close}'?"
    return f"; expected one of: {', '.join(choices)}"


class Fields:
    """Reads typed values from the nodes of one registry, recording what is wrong."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.path = registry.display_path

    def at(self, node: Node) -> Location:
        return Location(self.path, node.line, node.column)

    def report(
        self,
        code: str,
        message: str,
        where: Node | Location,
        claim: str | None = None,
        details: dict | None = None,
    ) -> None:
        location = where if isinstance(where, Location) else self.at(where)
        self.registry.problems.append(
            RegistryProblem(code, message, location, claim, details or {})
        )

    def schema(self, message: str, where: Node | Location, claim: str | None = None) -> None:
        self.report(SCHEMA, message, where, claim)

    def named(self, node: Node) -> Iterator[tuple[str, Node, Node]]:
        """A mapping's ``(name, key, value)`` entries; a list or mapping as a key is an error."""
        for key, value in node.pairs():
            if key.kind == "scalar":
                yield key.text, key, value
            else:
                self.schema(f"a key must be a plain name, got {_KINDS_OF[key.kind]}", key)

    def mapping(self, node: Node, what: str, claim: str | None = None, of: str = "") -> bool:
        if node.kind == "map":
            return True
        shape = f"a mapping {of}" if of else "a mapping"
        self.schema(f"{what} must be {shape}, got {describe(node)}", node, claim)
        return False

    # -- typed values ------------------------------------------------------

    def text(self, node: Node, what: str, claim: str | None = None) -> str | None:
        """A non-empty single value as the text written (``2018`` stays "2018")."""
        if node.kind != "scalar":
            self.schema(f"{what} must be a string, got {describe(node)}", node, claim)
            return None
        if node.is_null or not node.text.strip():
            self.schema(f"{what} is empty; give it a value or remove it", node, claim)
            return None
        return node.text

    def scalar(self, node: Node, what: str, claim: str | None = None) -> tuple[bool, Any]:
        """A non-empty single value, typed as YAML reads it."""
        if node.kind != "scalar":
            self.schema(f"{what} must be a single value, got {describe(node)}", node, claim)
            return False, None
        if node.is_null:
            self.schema(f"{what} is empty; give it a value or remove it", node, claim)
            return False, None
        return True, yamlsafe.scalar_value(node)

    def value(self, node: Node, what: str, claim: str | None = None) -> tuple[bool, Any]:
        """A single value or a list of single values (a set)."""
        if node.kind != "seq":
            return self.scalar(node, what, claim)
        values = []
        for item in node.items:
            ok, value = self.scalar(item, f"each item of {what}", claim)
            if not ok:
                return False, None
            values.append(value)
        return True, values

    def known_keys(
        self,
        node: Node,
        allowed: tuple[str, ...],
        what: str,
        claim: str | None = None,
    ) -> dict[str, tuple[Node, Node]]:
        """A mapping's fields by name; unknown ones reported with a suggestion."""
        fields: dict[str, tuple[Node, Node]] = {}
        for name, key, value in self.named(node):
            if name not in allowed:
                self.schema(f"unknown field '{name}' in {what}{suggest(name, allowed)}", key, claim)
                continue
            fields[name] = (key, value)
        return fields
