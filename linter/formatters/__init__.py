"""Formatters: pure functions from a ``CheckResult`` to text, chosen by name."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from linter.checker import CheckResult

FORMATS: dict[str, str] = {
    "text": "linter.formatters.text",
    "json": "linter.formatters.json",
    "github": "linter.formatters.github",
    "sarif": "linter.formatters.sarif",
    "gitlab": "linter.formatters.gitlab",
}


def get(name: str) -> Callable[[CheckResult], str]:
    return importlib.import_module(FORMATS[name]).render
