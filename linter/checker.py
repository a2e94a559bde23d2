"""The core: run every rule over a loaded registry and corpus, then apply suppressions.

Order matters and is kept simple: rules yield everything; per-claim ``ignore``
entries suppress (and are counted for R105); ``--select``/``--ignore`` filter;
``--diff-base``/file arguments restrict to touched claims. Rendering happens
elsewhere.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from linter.context import Context
from linter.diagnostics import Diagnostic, Severity
from linter.rules import all_rules
from linter.rules.base import Rule
from linter.rules.r105_unused_ignore import unused
from linter.selection import enabled


@dataclass
class CheckResult:
    diagnostics: list[Diagnostic]
    registry_display: str
    root: Path
    claims: int
    sources: int
    rules: dict[str, Rule] = field(default_factory=all_rules)
    fail_on: str = "warning"  # the lowest severity that fails the run (``--fail-on``)

    @property
    def summary(self) -> dict:
        severities = Counter(d.severity.value for d in self.diagnostics)
        return {
            "errors": severities.get("error", 0),
            "warnings": severities.get("warning", 0),
            "infos": severities.get("info", 0),
            "claims": self.claims,
            "sources": self.sources,
            "by_code": dict(sorted(Counter(d.code for d in self.diagnostics).items())),
        }

    def failed(self) -> bool:
        failing = (
            {Severity.ERROR} if self.fail_on == "error" else {Severity.ERROR, Severity.WARNING}
        )
        return any(d.severity in failing for d in self.diagnostics)


def run_rules(
    ctx: Context, on_rule: Callable[[str, int, int], None] | None = None
) -> list[Diagnostic]:
    """Every rule's findings after per-claim suppression, plus R105.

    ``on_rule(code, index, count)`` is told each rule as it starts (for progress).
    """
    claims_by_id: dict[str, list] = {}
    for claim in ctx.registry.claims:
        claims_by_id.setdefault(claim.id, []).append(claim)
    used: set[tuple[int, str]] = set()
    kept: list[Diagnostic] = []
    rules = [rule for rule in all_rules().values() if rule.check is not None]
    for index, rule in enumerate(rules):
        if on_rule is not None:
            on_rule(rule.code, index, len(rules))
        for diagnostic in rule.check(ctx):
            owner = next(
                (
                    c
                    for c in claims_by_id.get(diagnostic.claim or "", ())
                    if diagnostic.code in c.ignore
                ),
                None,
            )
            if owner is not None:
                used.add((id(owner), diagnostic.code))
            else:
                kept.append(diagnostic)
    kept.extend(unused(ctx.registry.claims, used))
    return kept


def restrict(diagnostics: list[Diagnostic], claim_ids: set[str]) -> list[Diagnostic]:
    """Keep file-level problems, touched claims, and conflicts that involve a touched claim."""
    return [
        d
        for d in diagnostics
        if d.claim is None
        or d.claim in claim_ids
        or any(other in claim_ids for other in d.others or ())
    ]


def check(
    ctx: Context,
    *,
    only_claims: set[str] | None = None,
    cwd: Path | None = None,
    on_rule: Callable[[str, int, int], None] | None = None,
) -> CheckResult:
    config = ctx.config
    chosen = enabled(all_rules(), config.selection)
    diagnostics = [d for d in run_rules(ctx, on_rule) if d.code in chosen]
    if only_claims is not None:
        diagnostics = restrict(diagnostics, only_claims)
    diagnostics.sort(key=Diagnostic.sort_key)
    return CheckResult(
        diagnostics=diagnostics,
        registry_display=ctx.registry.display_path,
        root=cwd or Path.cwd(),
        claims=len(ctx.registry.claims),
        sources=len(ctx.corpus.documents),
        fail_on=config.fail_on,
    )
