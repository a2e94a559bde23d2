"""Shared by the F-rules: each topic's claims with what they read as."""

from __future__ import annotations

from collections.abc import Iterator

from linter.context import Context
from linter.diagnostics import Location
from linter.facts.analysis import claims_on
from linter.facts.model import Reading, TopicAnalysis
from linter.model import Claim


def topics(ctx: Context) -> Iterator[tuple[TopicAnalysis, list[tuple[Claim, Reading]]]]:
    """Each topic's analysis with its claims, each paired with what it reads as."""
    for analysis in ctx.facts.topics:
        claims = claims_on(ctx.registry, analysis.topic.name)
        yield analysis, list(zip(claims, analysis.readings, strict=True))


def value_at(claim: Claim) -> Location:
    """Where a claim's value is written: its ``value``, else the quote it is read from."""
    return claim.at("value") if claim.value is not None else claim.at("quote")
