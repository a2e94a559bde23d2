"""The quote verdict's outcomes and the rule code each one is reported under.

The one mapping: the Q-rules, the benchmarks and the evaluation harness import it.
"""

from __future__ import annotations

# A verdict's outcome -> its rule; "verbatim" is reported by none.
OUTCOME_CODE: dict[str, str] = {
    "inexact": "Q102",
    "meaning-changed": "Q103",
    "misattributed": "Q104",
    "not-found": "Q101",
}
CODE_OUTCOME: dict[str, str] = {code: outcome for outcome, code in OUTCOME_CODE.items()}
OUTCOMES: tuple[str, ...] = ("verbatim", *OUTCOME_CODE)
