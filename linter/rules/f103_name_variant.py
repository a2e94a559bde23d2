"""One name is spelled differently across claims, and no alias says they are one.

Transliterated names drift between outlets: "Stanekzai"/"Stanikzai",
"Sergey"/"Sergei", "Tanisha"/"Tanishia". Facts about one person must not be
split by spelling, nor two people merged by accident. The rule is built for
precision first (a false alarm costs as much as a miss):

- **What counts as a name**: a run of capitalized words, without the titles
  and offices before it ("Russian Foreign Minister", "Police", "Detectives"),
  dates, or words in capitals ("SWAT", "FRance"); hyphenated names are one word
  ("Boone-Doty"). A lone capitalized word opening a sentence is not a name.
- **Which names are compared**: names of claims on the same topic; otherwise
  only names of two words or more sharing an anchor: aligned from the last
  word, one word equal and every other equal or a variant ("Tanisha Jones" /
  "Tanishia Jones"). "DeShawn Swanson" / "Dashawn Smith" are never compared.
- **What a variant is**: after folding the alternations c/k, q/k, v/b, ph/f, y/i,
  ou/u, sch/sh and doubled letters, the spellings start and end alike and differ
  by a letter added or dropped inside, a vowel for a vowel, or a transposition
  (Jamie/Jaime, Rolando/Ronaldo): none up to four letters (Alan/Allen,
  Mark/Mary), one up to eight, two from nine. Up to six letters an alternation
  and another change together are too much (River/Rubber).
- **Known to be different**: Iran/Iraq, Austria/Australia, Roger/Ruger,
  Gaines/Guinness, Daniel/Danielle and others (``KNOWN_DIFFERENT``); a registry
  adds its own under ``distinct:``, e.g. ``- [Roger Smith, Ruger Smith]``.
- **Nicknames** ("Josh"/"Joshua") are short forms, not spellings: never F103;
  in a ``name`` topic a given name that begins the other is the same name.
- **In a ``name`` topic**: values that differ by a spelling variant are F103
  (the topic agrees); any other difference, or names listed in ``distinct``,
  are F101.

List the spellings under one canonical name in ``aliases`` and the warning
goes away; list them in ``distinct`` if they are different people.

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
from linter.facts.names import norm, words
from linter.rules.base import define

RULE = define("F103", "name-variant", Severity.WARNING, __doc__)


def check(ctx: Context) -> Iterator[Diagnostic]:
    claims = {}
    for claim in ctx.registry.claims:
        claims.setdefault(claim.id, claim)
    for variant in ctx.facts.variants:
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
                    f"(e.g. {variant.canonical_guess}: [{spelling}]); if they are "
                    f"different, list them under 'distinct' "
                    f"(e.g. - [{variant.canonical_guess}, {spelling}])",
                    claim.at("quote") if in_quote else claim.at("value"),
                    claim=claim.id,
                    others=[c for _, i in others for c in i],
                    details={
                        "spelling": spelling,
                        "canonical_guess": variant.canonical_guess,
                        "spellings": list(variant.spellings),
                    },
                )
