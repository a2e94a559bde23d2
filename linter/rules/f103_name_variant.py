"""One name is spelled differently across claims, and no alias says they are one.

Transliterated names drift between outlets: "Stanekzai"/"Stanikzai",
"Sergey"/"Sergei", "Mohammad"/"Muhammad". Facts about one person must not be
split by spelling, nor two people merged by accident, so claimlint asks: list
the spellings under one canonical name in ``aliases`` and the warning goes
away. Only spellings that match letter for letter except for vowels and
one-letter transliterations (y/i, q/k, ou/u) are paired, so different names
such as Iran/Iraq, Austria/Australia or Slovakia/Slovenia never are.

Passes:

    aliases:
      Sergey Lavrov: [Sergei Lavrov]
    claims:
      - id: lavrov-convened
        source: seeds/000_592aeca20ffb493b.txt
        quote: Russian Foreign Minister Sergey Lavrov convened representatives
      - id: lavrov-promised
        source: seeds/001_3de99958f30674d8.txt
        quote: Russian Foreign Minister Sergei Lavrov on Friday promised

Fails:

    claims:
      - id: lavrov-convened
        source: seeds/000_592aeca20ffb493b.txt
        quote: Russian Foreign Minister Sergey Lavrov convened representatives
      - id: lavrov-promised
        source: seeds/001_3de99958f30674d8.txt
        quote: Russian Foreign Minister Sergei Lavrov on Friday promised
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.context import Context
from linter.diagnostics import Diagnostic, Severity
from linter.facts.analysis import analysis_of
from linter.facts.names import norm, words
from linter.rules.base import define

RULE = define("F103", "name-variant", Severity.WARNING, __doc__)


def check(ctx: Context) -> Iterator[Diagnostic]:
    _, variants = analysis_of(ctx)
    claims = {}
    for claim in ctx.registry.claims:
        claims.setdefault(claim.id, claim)
    for variant in variants:
        majority = set(variant.by_spelling[0][1])
        for spelling, ids in variant.by_spelling[1:]:
            for claim_id in ids:
                if claim_id in majority or claim_id not in claims:
                    continue
                claim = claims[claim_id]
                others = [(s, i) for s, i in variant.by_spelling if s != spelling]
                said = "; ".join(f"'{s}' in {', '.join(repr(c) for c in i)}" for s, i in others)
                in_quote = norm(spelling) in {t.key for t in words(claim.quote)}
                yield RULE.diagnostic(
                    f"'{spelling}' is spelled differently by other claims: {said}; if they "
                    f"are one name, list the spellings under one entry of 'aliases' "
                    f"(e.g. {variant.canonical_guess}: [{spelling}])",
                    claim.at("quote") if in_quote else claim.at("value"),
                    claim=claim.id,
                    details={
                        "spelling": spelling,
                        "canonical_guess": variant.canonical_guess,
                        "spellings": list(variant.spellings),
                        "others": [c for _, i in others for c in i],
                    },
                )
