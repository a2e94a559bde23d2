"""The scale benchmark's parts: a deterministic generator, and verdicts that agree.

A tiny workload keeps this fast; the full run is ``benchmarks/bench_scale.py``.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from pathlib import Path

import pytest
import yaml
from conftest import run_cli

from benchmarks.bench_scale import run_claimlint, stratified_sample, verdicts_from_json
from benchmarks.generate import generate
from benchmarks.naive import NaiveChecker, light_normalize, load_workload, run

DOCS, CLAIMS = 6, 80


@pytest.fixture(scope="module")
def workload(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bench")
    generate(out, DOCS, CLAIMS, seed=3)
    return out


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*.txt")} | {
        name: (folder / name).read_bytes() for name in ("claims.yaml", "labels.json")
    }


def test_generator_is_deterministic(workload: Path, tmp_path: Path) -> None:
    generate(tmp_path, DOCS, CLAIMS, seed=3)
    assert tree(tmp_path) == tree(workload)


def test_other_seed_other_workload(workload: Path, tmp_path: Path) -> None:
    generate(tmp_path, DOCS, CLAIMS, seed=4)
    assert tree(tmp_path)["claims.yaml"] != tree(workload)["claims.yaml"]


def test_first_documents_do_not_depend_on_the_count(workload: Path, tmp_path: Path) -> None:
    generate(tmp_path, DOCS + 2, 10, seed=3)
    first = workload / "sources" / "doc_0000.txt"
    assert (tmp_path / "sources" / "doc_0000.txt").read_bytes() == first.read_bytes()


def test_workload_shape(workload: Path) -> None:
    docs = sorted((workload / "sources").glob("doc_*.txt"))
    assert len(docs) == DOCS
    sizes = [len(p.read_text(encoding="utf-8")) for p in docs]
    assert all(40_000 < size < 56_000 for size in sizes)
    assert len({p.read_bytes() for p in docs}) == DOCS  # all distinct
    registry = yaml.safe_load((workload / "claims.yaml").read_text(encoding="utf-8"))
    claims = registry["claims"]
    assert len(claims) == CLAIMS
    assert len({c["id"] for c in claims}) == CLAIMS
    assert all((workload / c["source"]).is_file() for c in claims)
    labels = json.loads((workload / "labels.json").read_text())
    assert set(labels) == {c["id"] for c in claims}
    counts = Counter(labels.values())
    assert counts["verbatim"] == 64  # 70% verbatim + 10% typographic
    assert {k: counts[k] for k in ("inexact", "meaning-changed", "misattributed", "not-found")} == {
        "inexact": 4,
        "meaning-changed": 4,
        "misattributed": 4,
        "not-found": 4,
    }


def test_verbatim_quotes_are_in_their_source_after_normalization(workload: Path) -> None:
    claims, documents = load_workload(workload)
    labels = json.loads((workload / "labels.json").read_text())
    for claim in claims:
        inside = light_normalize(claim["quote"]) in light_normalize(documents[claim["source"]])
        assert inside == (labels[claim["id"]] == "verbatim"), claim


def test_naive_checker_matches_labels(workload: Path) -> None:
    claims, documents = load_workload(workload)
    verdicts, seconds = run(NaiveChecker(documents), claims)
    labels = json.loads((workload / "labels.json").read_text())
    assert {k: v.outcome for k, v in verdicts.items()} == labels
    assert set(seconds) == set(labels)


def test_claimlint_agrees_with_naive_checker(workload: Path) -> None:
    done = run_cli("check", "--format", "json", "--no-cache", cwd=workload)
    assert done.returncode == 1, done.stderr
    claims, documents = load_workload(workload)
    claimlint = verdicts_from_json(done.stdout, [c["id"] for c in claims])
    naive, _ = run(NaiveChecker(documents), claims)
    assert claimlint == {k: v.outcome for k, v in naive.items()}


def test_bench_runner_times_claimlint_and_reads_its_verdicts(workload: Path) -> None:
    labels = json.loads((workload / "labels.json").read_text())
    run = run_claimlint(workload, "cold", list(labels), extra=("--no-cache",))
    assert run.exit_code == 1, run.stderr
    assert run.seconds > 0 and run.cpu > 0 and run.peak > 10_000_000
    assert run.verdicts == labels


def test_json_verdicts_ignore_fact_rules_and_keep_source_problems() -> None:
    diagnostics = [
        {"code": "Q102", "claim": "a"},
        {"code": "F103", "claim": "b"},
        {"code": "S101", "claim": "c"},
        {"code": "Q104", "claim": "d"},
        {"code": "R105", "claim": None},
    ]
    text = json.dumps({"version": 1, "diagnostics": diagnostics, "summary": {}})
    assert verdicts_from_json(text, ["a", "b", "c", "d", "e"]) == {
        "a": "inexact",
        "b": "verbatim",
        "c": "S101",
        "d": "misattributed",
        "e": "verbatim",
    }


def test_stratified_sample_covers_every_outcome() -> None:
    outcomes = {f"v{i}": "verbatim" for i in range(1000)}
    outcomes |= {f"i{i}": "inexact" for i in range(20)}
    outcomes |= {f"m{i}": "misattributed" for i in range(50)}
    outcomes |= {f"n{i}": "not-found" for i in range(50)}
    sample = stratified_sample(outcomes, found=100, unfound=10, rng=random.Random(1))
    assert set(sample) == {"verbatim", "inexact", "misattributed", "not-found"}
    assert len(sample["verbatim"]) == 98 and len(sample["inexact"]) == 10
    assert len(sample["misattributed"]) == len(sample["not-found"]) == 5
    assert all(outcomes[i] == outcome for outcome, ids in sample.items() for i in ids)


# -- benchmarks/bench_real.py and the plain design, on a small real-looking corpus ----------

NEWS = [
    "The central bank said on Tuesday that it would raise its discount rate by half a point.",
    "Officials at the ministry expect exports of coffee to reach 14,000 tonnes next season.",
    "Shares of the company fell sharply after the board rejected the takeover offer again.",
    "Analysts at several brokerage houses said the decline reflected weaker demand overseas.",
    "The union said its members would not return to work until the dispute was settled.",
    "Heavy rain in the northern provinces delayed the harvest by about three weeks this year.",
]


def write_news(folder: Path, count: int = 40) -> Path:
    rng = random.Random(5)
    rows = []
    for i in range(count):
        body = " ".join(rng.sample(NEWS, 4)).replace("year.", f"year {1980 + i}.")
        body += f" Report number {i} was filed by the desk in London on the same day."
        rows.append({"doc_id": f"reuters-{i}", "text": body})
    (folder / "reuters21578.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in rows[: count - 5]), encoding="utf-8"
    )
    (folder / "bbc_news.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in rows[count - 5 :]), encoding="utf-8"
    )
    return folder


def test_bench_real_builds_labeled_claims_and_plain_design_agrees(tmp_path: Path) -> None:
    from benchmarks import bench_real, plain

    docs = bench_real.read_collections(write_news(tmp_path))
    work = bench_real.build(tmp_path / "work", docs, claims=40, seed=1)
    assert len(work.labels) >= 20 and work.documents == 40
    verdicts = plain.run(work.folder, tmp_path / "plain.cache")
    assert {claim: verdicts[claim] for claim in work.labels} == work.labels
    again = plain.run(work.folder, tmp_path / "plain.cache")  # warm: from the cache
    assert again == verdicts


def test_bench_real_prints_every_step(tmp_path: Path, capsys) -> None:
    from benchmarks import bench_real

    news = write_news(tmp_path)
    code = bench_real.main([str(news), "--claims", "30", "--repeat", "1", "--out", str(tmp_path)])
    printed = capsys.readouterr().out
    assert code == 0
    for step in ("| cold |", "| warm |", "| one edited source |", "| one edited claim |"):
        assert step in printed
    assert "verdicts agree with the labels" in printed


def write_seed_news(folder: Path) -> Path:
    """The seeds' paragraphs as news collections: real prose, numbers and negations."""
    rows = []
    for seed in sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        paragraphs = [p for p in text.split("\n\n") if len(p) > 200]
        for k in range(0, len(paragraphs), 3):
            body = "\n\n".join(paragraphs[k : k + 3])
            rows.append({"doc_id": f"{seed.stem[:3]}-{k}", "text": body})
    half = len(rows) // 2
    for name, part in (("reuters21578.jsonl", rows[:half]), ("bbc_news.jsonl", rows[half:])):
        (folder / name).write_text("".join(json.dumps(r) + "\n" for r in part), encoding="utf-8")
    return folder


def test_eval_real_scores_every_class_and_shape(tmp_path: Path, capsys) -> None:
    from benchmarks import eval_real

    news = write_seed_news(tmp_path)
    out = tmp_path / "work"
    args = [str(news), "--claims", "300", "--docs", "100", "--out", str(out), "--misses", "5"]
    assert eval_real.main(args) == 0
    printed = capsys.readouterr().out
    for kind in ("| verbatim |", "| typographic |", "| word edit |", "| single edit |"):
        assert kind in printed
    assert "| number word |" in printed and "| negation word |" in printed
    assert "false alarms on verbatim, sub-span, typographic and repeated quotes: 0 of" in printed
    # Repetitive pages of the seeds' sentences: every class there, and each all right.
    rows = [line for line in printed.splitlines() if line.startswith("| repetitive ")]
    for kind in ("listing: a repeat", "listing: one digit", "gallery: one image number"):
        assert any(kind in line for line in rows), rows
    assert all(line.split(" | ")[3] == line.split(" | ")[1] for line in rows), rows
    assert "silent: 0;" in printed
    # Deterministic: the same registry twice.
    first = (out / "claims.yaml").read_bytes()
    eval_real.build(out, eval_real.sample(news, 100, 9), 300, 9)
    assert (out / "claims.yaml").read_bytes() == first


@pytest.mark.parametrize("name", ["article.pdf", "nodejs-querystring.html"])
def test_bench_extract_repeat_run_counts_no_extraction(name: str, tmp_path: Path, monkeypatch):
    """What bench_extract prints as "0 extraction(s)" is the reader's own count."""
    from benchmarks.bench_extract import repeat_run

    monkeypatch.setenv("CLAIMLINT_CACHE_DIR", str(tmp_path / "cache"))  # restored afterwards
    source = Path(__file__).resolve().parent / "data" / "extract" / name
    _, first, again = repeat_run(source, tmp_path / "cache")
    assert (first, again) == (1, 0)
    # A cache elsewhere is cold: the count is real, not a constant.
    assert repeat_run(source, tmp_path / "other")[1:] == (1, 0)
