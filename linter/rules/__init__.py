"""The rule catalogue, discovered from this package's ``<code>_<name>.py`` modules.

Adding a rule means adding one module with a docstring, ``RULE`` and ``check``;
nothing else needs to change.
"""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
import re
from functools import cache

from linter.rules.base import Rule

_MODULE = re.compile(r"^[a-z]\d{3}_[a-z0-9_]+$")


@cache
def all_rules() -> dict[str, Rule]:
    """Every rule by code, in code order."""
    found: dict[str, Rule] = {}
    for info in pkgutil.iter_modules(__path__):
        if not _MODULE.match(info.name):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        rule = dataclasses.replace(module.RULE, check=getattr(module, "check", None))
        found[rule.code] = rule
    return dict(sorted(found.items()))


def by_name_or_code(key: str) -> Rule | None:
    """Look a rule up by code (``Q103``) or by name (``quote-meaning-changed``)."""
    rules = all_rules()
    if key.upper() in rules:
        return rules[key.upper()]
    return next((r for r in rules.values() if r.name == key.lower()), None)


def markdown_table() -> str:
    """The README's rules table, so the README is generated from the rules, not kept by hand."""
    rows = ["| code | name | severity | what it reports |", "| --- | --- | --- | --- |"]
    rows += [
        f"| {r.code} | {r.name} | {r.severity} | {r.summary_markdown} |"
        for r in all_rules().values()
    ]
    return "\n".join(rows) + "\n"
