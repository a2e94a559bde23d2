"""An ``ignore`` entry on a claim suppressed nothing.

Suppressions must stay honest: once the quote is fixed, or the rule no longer
fires, a leftover ``ignore`` would silently hide a future problem. Remove the
entry.

Passes:

    claims:
      - id: stanikzai
        source: seeds/004_09030c89965f0637.txt
        quote: led by the commission's head, Muhammad Abbas Stanikzai
        ignore:
          F103: the Journal's transliteration; kept as printed
      - id: stanekzai
        source: seeds/001_3de99958f30674d8.txt
        quote: top political envoy Mohammad Abbas Stanekzai

Fails:

    claims:
      - id: lavrov-promise
        source: seeds/001_3de99958f30674d8.txt
        quote: promised to work for a united and peaceful Afghanistan
        ignore:
          Q102: no longer needed
"""

from collections.abc import Iterable, Iterator

from linter.diagnostics import Diagnostic, Severity
from linter.model import Claim
from linter.rules import all_rules
from linter.rules.base import define

RULE = define("R105", "unused-ignore", Severity.WARNING, __doc__)


def unused(claims: Iterable[Claim], used: set[tuple[int, str]]) -> Iterator[Diagnostic]:
    """Diagnostics for every ignore entry not in ``used`` ((id(claim), code) pairs).

    Called by the checker after suppression, since only it knows what was suppressed.
    A code that no rule has is R102's.
    """
    codes = all_rules()
    for claim in claims:
        for code in claim.ignore:
            if code in codes and (id(claim), code) not in used:
                yield RULE.diagnostic(
                    f"'ignore: {code}' on claim '{claim.id}' suppressed nothing; remove it",
                    claim.ignore_keys.get(code, claim.at("ignore")),
                    claim=claim.id,
                    cited=claim.source,
                )
