"""The hostile-input fuzzer's short pass: about a minute of generated cases.

Each case is a project with broken or hostile registry, sources, settings and
arguments (``tests/fuzz/cases.py``), run through the real CLI in-process and as
subprocesses, checked by an independent oracle (``tests/fuzz/oracle.py``). The
long run is ``python -m tests.fuzz --cases 100000 --subprocess 1000 --seed 1``.
"""

from __future__ import annotations

import pytest

from tests.fuzz import oracle
from tests.fuzz.__main__ import fuzz
from tests.fuzz.cases import Case, make_case

SHORT_CASES = 1500  # about 40 s in-process on a small machine
SHORT_SUBPROCESS = 30  # about 20 s, one of them interrupted with Ctrl-C


def test_short_fuzz_run_finds_nothing():
    summary = fuzz(SHORT_CASES, SHORT_SUBPROCESS, seed=1)
    print("\n".join(summary.lines()))
    assert summary.cases == SHORT_CASES and summary.subprocess_runs == SHORT_SUBPROCESS
    assert not summary.failures, "\n".join(summary.failures[:20])


def test_cases_are_deterministic():
    assert make_case(12345) == make_case(12345)
    assert make_case(12345) != make_case(12346)


def test_the_oracle_sees_what_it_must(tmp_path):
    """The oracle is not blind: a raw bidi character, a changed file, a bad fix are caught."""
    assert oracle.unsafe_chars("ok\n\tok") == []
    assert oracle.unsafe_chars("a\u202eb\x85c\udcff") == ["U+202E", "U+0085", "U+DCFF"]
    old = b"claims:\n  - quote: abc\n    id: x\n"
    start = old.index(b"abc")
    spans = [(start, start + 3)]
    assert oracle.fix_problem(old, old.replace(b"abc", b"'abd'"), spans) is None
    assert oracle.fix_problem(old, old.replace(b"id: x", b"id: y"), spans) is not None
    case = Case(1, files={"a.txt": b"x"})
    outcome = oracle.Outcome(case)
    oracle.check_files(
        outcome, {"a.txt": ("file", b"x")}, {"a.txt": ("file", b"y")}, tmp_path, None
    )
    assert outcome.failures == ["file changed without --fix: a.txt"]


@pytest.mark.parametrize(
    "number",
    [1_000_028, 1_000_132, 1_001_031, 1_002_898, 7_000_653, 7_001_716, 2_007_744, 6_008_282],
)
def test_cases_the_fuzzer_once_failed_on(number, tmp_path):
    """-o onto a source of a registry that does not read, or whose claims are unusable; a
    refused -o onto a source with CR line ends (the oracle read the source as output)."""
    case = make_case(number)
    outcome = oracle.run_in_process(case, tmp_path / "case", tmp_path / "cache", 30)
    assert not outcome.failures, outcome.failures
