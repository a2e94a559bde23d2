"""Print claimlint's figures on the labeled evaluation set (tests/eval/).

Runs the real CLI on every quote case (one registry) and every fact case (a
registry each) in a temporary copy of the seeds, then prints per-category
accuracy, per-outcome precision and recall, the confusion matrix and every
missed case, as Markdown. Usage: ``python benchmarks/eval_figures.py``.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from benchmarks import eval_harness as harness  # noqa: E402


def main() -> int:
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="claimlint-eval-") as tmp:
        root = harness.make_workspace(Path(tmp))
        quotes = harness.evaluate_quotes(root, harness.load_cases("quotes.yaml"))
        facts = harness.evaluate_facts(root, harness.load_cases("facts.yaml"))
    sys.stdout.write(harness.format_figures(quotes, facts))
    print(f"\n({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
