"""Analyze every topic of a registry: read values, group them, find conflicts.

Pure: the F-rules and the discrepancy report both call ``analyze`` and so
describe the same disagreements.
"""

from __future__ import annotations

from linter.facts.model import NameVariant, TopicAnalysis
from linter.model import Registry


def analyze(registry: Registry) -> tuple[list[TopicAnalysis], list[NameVariant]]:
    """Every topic's analysis (in registry order) and the unaliased name variants."""
    raise NotImplementedError
