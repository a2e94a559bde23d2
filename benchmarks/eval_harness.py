"""Run the labeled evaluation set through the real CLI and score the outcomes.

Shared by ``tests/test_eval.py`` (which asserts on the scores) and
``benchmarks/eval_figures.py`` (which prints them), so both measure the same
thing. Cases live in ``tests/eval/quotes.yaml`` and ``facts.yaml`` (data only:
nothing there is imported, and nothing there imports); a
workspace holds copies of the seeds and fixtures, one registry for all quote
cases and one registry per fact case (aliases and name variants are
registry-wide, so fact cases must not see each other).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

# What each expected outcome means in rule codes; "verbatim" is the absence of all four.
from linter.rules.outcomes import CODE_OUTCOME, OUTCOMES

REPO = Path(__file__).resolve().parent.parent
HERE = REPO / "tests" / "eval"  # the labeled cases and their fixtures
SEEDS = REPO / "seeds"
FIXTURES = HERE / "sources"

CATEGORIES = ("verbatim", "typographic", "inexact", "altered", "fabricated", "misattributed")
FACT_CODES = ("F101", "F102", "F103", "F104", "F105")


def load_cases(name: str) -> list[dict[str, Any]]:
    """The cases of ``quotes.yaml`` or ``facts.yaml`` (each fact case carries the sources)."""
    with open(HERE / name, encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    sources = data.get("sources")
    return [case | {"sources": sources} if sources else case for case in data["cases"]]


def make_workspace(root: Path) -> Path:
    """Copy the seeds to ``root/seeds`` and the fixtures to ``root/fixtures``."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(SEEDS, root / "seeds", dirs_exist_ok=True)
    shutil.copytree(FIXTURES, root / "fixtures", dirs_exist_ok=True)
    return root


def source_file(path: str) -> Path:
    """Where a case's source (``seeds/...`` or ``fixtures/...``) lives in the repository."""
    folder, _, name = path.partition("/")
    return (FIXTURES if folder == "fixtures" else SEEDS) / name


def run_check(root: Path, registry: Path) -> list[dict[str, Any]]:
    """``claimlint check --format json`` on one registry: its diagnostics.

    Exit 0 or 1 are results; anything else (2, a traceback) is a failure of the run.
    """
    proc = subprocess.run(
        [sys.executable, "-m", "linter", "check", "--format", "json", str(registry)],
        cwd=root,
        env=_env(),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        check=False,
    )
    if proc.returncode not in (0, 1) or proc.stderr.strip():
        raise RuntimeError(
            f"claimlint exited {proc.returncode} on {registry.name}:\n{proc.stderr}{proc.stdout}"
        )
    return json.loads(proc.stdout)["diagnostics"]


def _env() -> dict[str, str]:
    import os

    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return env


def _dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


# --- quotes -------------------------------------------------------------------------


@dataclass(frozen=True)
class QuoteResult:
    case: dict[str, Any]
    predicted: str  # one of OUTCOMES
    codes: tuple[str, ...]  # every Q-code reported on the claim
    holder: str | None  # the source a Q104 points at

    @property
    def expected(self) -> str:
        return self.case["expect"]

    @property
    def correct(self) -> bool:
        if self.predicted != self.expected:
            return False
        return self.expected != "misattributed" or self.holder == self.case["holder"]


def quote_registry(cases: list[dict[str, Any]]) -> str:
    claims = [{"id": c["id"], "source": c["source"], "quote": c["quote"]} for c in cases]
    return _dump({"claims": claims})


def evaluate_quotes(root: Path, cases: list[dict[str, Any]]) -> list[QuoteResult]:
    """Check every quote case in one registry and read each claim's outcome."""
    registry = root / "quotes-eval.yaml"
    registry.write_text(quote_registry(cases), encoding="utf-8")
    by_claim: dict[str, list[dict[str, Any]]] = {}
    for diag in run_check(root, registry):
        by_claim.setdefault(diag["claim"], []).append(diag)
    return [_quote_result(case, by_claim.get(case["id"], [])) for case in cases]


def _quote_result(case: dict[str, Any], diags: list[dict[str, Any]]) -> QuoteResult:
    found = [d for d in diags if d["code"] in CODE_OUTCOME]
    codes = tuple(sorted(d["code"] for d in found))
    # One verdict per quote; should several codes ever appear, the gravest counts.
    worst = min(
        found, key=lambda d: ("Q104", "Q103", "Q101", "Q102").index(d["code"]), default=None
    )
    predicted = CODE_OUTCOME[worst["code"]] if worst else "verbatim"
    holder = None
    if worst and worst["code"] == "Q104" and worst.get("source"):
        holder = _relative(worst["source"]["path"])
    return QuoteResult(case, predicted, codes, holder)


def _relative(path: str) -> str:
    """A reported source path as the cases write it (``seeds/...``, ``fixtures/...``)."""
    parts = Path(path).parts
    for anchor in ("seeds", "fixtures"):
        if anchor in parts:
            return "/".join(parts[len(parts) - parts[::-1].index(anchor) - 1 :])
    return path


# --- facts --------------------------------------------------------------------------


@dataclass(frozen=True)
class FactResult:
    case: dict[str, Any]
    codes: tuple[str, ...]  # distinct F-codes reported as errors or warnings
    infos: tuple[str, ...]  # distinct F-codes reported as info (acknowledged conflicts)
    others: tuple[str, ...]  # any non-F codes (a fact case should have none)

    @property
    def expected(self) -> tuple[str, ...]:
        return tuple(sorted(self.case["expect"]))

    @property
    def correct(self) -> bool:
        infos_ok = self.infos == tuple(sorted(self.case.get("expect_info", self.infos)))
        return self.codes == self.expected and infos_ok and not self.others


def fact_registry(case: dict[str, Any]) -> str:
    topic: dict[str, Any] = {"kind": case["kind"]}
    if "tolerance" in case:
        topic["tolerance"] = case["tolerance"]
    if "acknowledged" in case:
        topic["acknowledged"] = case["acknowledged"]
    claims = []
    for n, given in enumerate(case["claims"], 1):
        claim = {"id": f"{case['id']}-{n}", "source": given["source"], "quote": given["quote"]}
        claim["topic"] = case["id"]
        claim |= {k: given[k] for k in ("value", "complete") if k in given}
        claims.append(claim)
    data: dict[str, Any] = {}
    if case.get("sources") and case.get("published", True):
        data["sources"] = case["sources"]
    if case.get("aliases"):
        data["aliases"] = case["aliases"]
    if case.get("declare", True):
        data["topics"] = {case["id"]: topic}
    data["claims"] = claims
    return _dump(data)


def evaluate_facts(root: Path, cases: list[dict[str, Any]], workers: int = 2) -> list[FactResult]:
    """Check each fact case in a registry of its own (run ``workers`` at a time)."""

    def one(case: dict[str, Any]) -> FactResult:
        registry = root / f"facts-{case['id']}.yaml"
        registry.write_text(fact_registry(case), encoding="utf-8")
        diags = run_check(root, registry)
        found = {d["code"] for d in diags if d["severity"] != "info"}
        infos = {d["code"] for d in diags if d["severity"] == "info"}
        facts = tuple(sorted(c for c in found if c.startswith("F")))
        others = tuple(sorted(c for c in found | infos if not c.startswith("F")))
        return FactResult(case, facts, tuple(sorted(infos)), others)

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(one, cases))


# --- scores -------------------------------------------------------------------------


def confusion(results: list[QuoteResult]) -> dict[str, Counter[str]]:
    """Expected outcome -> counts of predicted outcomes."""
    matrix: dict[str, Counter[str]] = {outcome: Counter() for outcome in OUTCOMES}
    for result in results:
        matrix[result.expected][result.predicted] += 1
    return matrix


def precision_recall(results: list[QuoteResult]) -> dict[str, tuple[float, float, int]]:
    """Per outcome: (precision, recall, number of cases expecting it)."""
    scores = {}
    for outcome in OUTCOMES:
        expected = [r for r in results if r.expected == outcome]
        predicted = [r for r in results if r.predicted == outcome]
        hits = sum(r.correct for r in expected)
        precision = hits / len(predicted) if predicted else 1.0
        recall = hits / len(expected) if expected else 1.0
        scores[outcome] = (precision, recall, len(expected))
    return scores


def by_category(results: list[QuoteResult]) -> dict[str, tuple[int, int]]:
    """Per category: (correct, total)."""
    table = {}
    for category in CATEGORIES:
        inside = [r for r in results if r.case["category"] == category]
        table[category] = (sum(r.correct for r in inside), len(inside))
    return table


def accuracy(results: list[QuoteResult] | list[FactResult]) -> float:
    return sum(r.correct for r in results) / len(results) if results else 1.0


def format_figures(quotes: list[QuoteResult], facts: list[FactResult]) -> str:
    """The figures as Markdown tables, ready for the README."""
    lines = [f"Quote cases: {len(quotes)}; accuracy {accuracy(quotes):.1%}", ""]
    lines += ["| category | correct | cases | recall |", "|---|---:|---:|---:|"]
    for category, (good, total) in by_category(quotes).items():
        lines.append(f"| {category} | {good} | {total} | {good / total if total else 1:.2f} |")
    lines += ["", "| outcome | precision | recall | cases |", "|---|---:|---:|---:|"]
    for outcome, (precision, recall, total) in precision_recall(quotes).items():
        lines.append(f"| {outcome} | {precision:.2f} | {recall:.2f} | {total} |")
    matrix = confusion(quotes)
    lines += ["", "Confusion matrix (rows: expected, columns: reported):", ""]
    lines.append("| expected \\ reported | " + " | ".join(OUTCOMES) + " |")
    lines.append("|---|" + "---:|" * len(OUTCOMES))
    for outcome in OUTCOMES:
        cells = " | ".join(str(matrix[outcome][p]) for p in OUTCOMES)
        lines.append(f"| {outcome} | {cells} |")
    wrong = [r for r in quotes if not r.correct]
    if wrong:
        lines += ["", "Quote cases missed:", ""]
        for r in wrong:
            got = r.predicted + (f" ({r.holder})" if r.holder else "")
            lines.append(f"- `{r.case['id']}`: expected {r.expected}, reported {got}")
    lines += ["", f"Fact cases: {len(facts)}; accuracy {accuracy(facts):.1%}", ""]
    lines += ["| code | precision | recall | cases |", "|---|---:|---:|---:|"]
    for code in FACT_CODES:
        expected = [r for r in facts if code in r.expected]
        reported = [r for r in facts if code in r.codes]
        hits = sum(code in r.codes for r in expected)
        precision = hits / len(reported) if reported else 1.0
        recall = hits / len(expected) if expected else 1.0
        lines.append(f"| {code} | {precision:.2f} | {recall:.2f} | {len(expected)} |")
    clean = [r for r in facts if not r.expected]
    lines.append(
        f"\nCases expecting no finding: {len(clean)}, of which reported clean:"
        f" {sum(r.correct for r in clean)}"
    )
    wrong_facts = [r for r in facts if not r.correct]
    if wrong_facts:
        lines += ["", "Fact cases missed:", ""]
        for r in wrong_facts:
            got = ", ".join(r.codes + r.others) or "nothing"
            want = ", ".join(r.expected) or "nothing"
            lines.append(f"- `{r.case['id']}`: expected {want}, reported {got}")
    return "\n".join(lines) + "\n"
