"""The verdict cache: used on a repeat run, never stale, safe when broken."""

from __future__ import annotations

import sqlite3

import pytest
from conftest import WAPO, run_cli

GOOD = f"""
claims:
  - id: jovial
    source: {WAPO}
    quote: the atmosphere was jovial and almost festive
  - id: elsewhere
    source: {WAPO}
    quote: The U.S. and India sent observers.
"""


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("CLAIMLINT_CACHE_DIR", str(folder))
    return folder


def rows(folder) -> int:
    with sqlite3.connect(folder / "verdicts.sqlite3") as db:
        return db.execute("SELECT COUNT(*) FROM verdicts").fetchone()[0]


def test_repeat_run_is_served_from_the_cache(project, cache_dir):
    project(GOOD)
    first = run_cli("check", cwd=project.root)
    assert rows(cache_dir) == 2
    second = run_cli("check", cwd=project.root)
    assert second.stdout == first.stdout and second.returncode == first.returncode == 1
    assert rows(cache_dir) == 2


def test_a_changed_source_is_never_served_stale(project, cache_dir):
    project(GOOD)
    assert "Q104" in run_cli("check", cwd=project.root).stdout
    source = project.root / WAPO
    source.write_text(source.read_text().replace("almost festive", "quite festive"))
    result = run_cli("check", cwd=project.root)
    assert "Q102" in result.stdout, result.stdout
    # A change elsewhere in the corpus re-decides verdicts that depend on it.
    wsj = project.root / "seeds/004_09030c89965f0637.txt"
    wsj.write_text(wsj.read_text().replace("The U.S. and India sent observers.", ""))
    result = run_cli("check", cwd=project.root)
    assert "Q104" not in result.stdout and "Q101" in result.stdout


def test_corrupt_cache_is_rebuilt(project, cache_dir):
    project(GOOD)
    expected = run_cli("check", cwd=project.root).stdout
    (cache_dir / "verdicts.sqlite3").write_bytes(b"this is not a database" * 100)
    result = run_cli("check", cwd=project.root)
    assert result.stdout == expected and "Traceback" not in result.stderr
    assert rows(cache_dir) == 2


def test_cache_of_another_version_is_discarded(project, cache_dir):
    project(GOOD)
    run_cli("check", cwd=project.root)
    with sqlite3.connect(cache_dir / "verdicts.sqlite3") as db:
        forged = '["verbatim", null, 1.0, null, [], [], []]'
        db.execute("UPDATE verdicts SET value = ?", (forged,))
        db.execute("UPDATE meta SET value = '0:0.0.0' WHERE key = 'schema'")
    result = run_cli("check", cwd=project.root)
    assert "Q104" in result.stdout  # the forged verbatim verdicts are gone


def test_unreadable_cache_entries_are_misses(project, cache_dir):
    project(GOOD)
    run_cli("check", cwd=project.root)
    with sqlite3.connect(cache_dir / "verdicts.sqlite3") as db:
        db.execute("UPDATE verdicts SET value = 'garbage'")
    assert "Q104" in run_cli("check", cwd=project.root).stdout


def test_no_cache_writes_nothing(project, cache_dir):
    project(GOOD)
    run_cli("check", "--no-cache", cwd=project.root)
    assert not cache_dir.exists()


def test_unwritable_cache_folder_degrades_to_no_cache(project, tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("CLAIMLINT_CACHE_DIR", str(blocker / "sub"))
    project(GOOD)
    result = run_cli("check", cwd=project.root)
    assert result.returncode == 1 and "Q104" in result.stdout


def _plant(folder, outcome):
    """Put ``outcome`` in place of the stored verdict judged against the corpus, keeping the
    corpus and words it records: a run that serves it did reuse the row."""
    from linter import cache
    from linter.text.verdict import Outcome, Verdict

    store = cache.VerdictCache(folder)
    with sqlite3.connect(folder / "verdicts.sqlite3") as db:
        keys = [key for (key,) in db.execute("SELECT key FROM verdicts")]
    planted = 0
    for key, (verdict, corpus, words) in store.get_entries(keys).items():
        if verdict.outcome is Outcome.MISATTRIBUTED:
            store.put_entries([(key, Verdict(outcome), corpus, words)])
            planted += 1
    store.close()
    assert planted == 1


def _filler_project(root):
    """30 documents of distinct made-up words; the claim cites one, another says it."""
    quote = "observers came from india to watch the vote"
    (root / "docs").mkdir()
    for n in range(30):
        words = " ".join(f"w{n}x{k}" for k in range(40))
        said = f"\nThey said {quote} on Monday.\n" if n == 7 else "\n"
        (root / "docs" / f"d{n:02d}.txt").write_text(words + said)
    (root / "claims.yaml").write_text(
        f"claims:\n  - id: moved\n    source: docs/d03.txt\n    quote: {quote}\n"
    )


def test_an_edit_keeps_the_verdicts_it_cannot_change_and_redoes_the_rest(tmp_path, cache_dir):
    """The quote is misattributed (d07 says it). Words of no quote added to another
    document leave its verdict as stored; a word of it added to a document redoes it."""
    from linter.text.verdict import Outcome

    _filler_project(tmp_path)
    assert "Q104" in run_cli("check", cwd=tmp_path).stdout
    _plant(cache_dir, Outcome.NOT_FOUND)
    other = tmp_path / "docs" / "d12.txt"
    other.write_text(other.read_text() + "zebras juggle quinces\n")
    result = run_cli("check", cwd=tmp_path).stdout
    assert "Q101" in result and "Q104" not in result  # the planted verdict, reused
    assert run_cli("check", cwd=tmp_path).stdout == result  # now recorded in this corpus
    other.write_text(other.read_text() + "observers\n")
    result = run_cli("check", cwd=tmp_path).stdout
    assert "Q104" in result and "Q101" not in result  # redone: the edit shares a rare word
    assert result == run_cli("check", "--no-cache", cwd=tmp_path).stdout


def test_a_removed_document_redoes_verdicts_judged_against_the_corpus(project, cache_dir):
    from linter.text.verdict import Outcome

    project(GOOD)
    run_cli("check", cwd=project.root)
    _plant(cache_dir, Outcome.NOT_FOUND)
    (project.root / "seeds/000_592aeca20ffb493b.txt").unlink()  # the corpus' size changes
    result = run_cli("check", cwd=project.root).stdout
    assert "Q104" in result and result == run_cli("check", "--no-cache", cwd=project.root).stdout


def test_a_lost_snapshot_or_old_text_redoes_the_verdict(project, cache_dir):
    from linter.text.verdict import Outcome

    project(GOOD)
    run_cli("check", cwd=project.root)
    _plant(cache_dir, Outcome.NOT_FOUND)
    with sqlite3.connect(cache_dir / "verdicts.sqlite3") as db:
        db.execute("UPDATE texts SET value = X'00'")  # damaged: the edit cannot be compared
    other = project.root / "seeds/000_592aeca20ffb493b.txt"
    other.write_text(other.read_text() + "\nZebras juggle quinces.\n")
    assert "Q104" in run_cli("check", cwd=project.root).stdout


def _words(counts, tokens=None, edges=()):
    from linter.text.dependence import Words

    return Words(tuple(tokens or counts), tuple(edges), counts)


def test_only_words_that_may_vote_tie_a_verdict_to_an_edit():
    """Of 1,000 documents, a word in over 200 never votes, and ten surely rarer words
    keep an eleventh out of the vote; an edit touching only such words changes nothing."""
    rare = {f"rare{i}": 3 for i in range(10)}
    words = _words({**rare, "the": 900, "middling": 150})
    touch = [(frozenset({"the", "middling", "zebra"}), frozenset({"the", "middling", "quince"}))]
    assert not words.affected(1000, touch)
    assert words.affected(1000, [(frozenset(), frozenset({"rare3"}))])
    # With one rare word fewer, the middling word may vote: gaining it then counts.
    fewer = _words({**{f"rare{i}": 3 for i in range(9)}, "the": 900, "middling": 150})
    assert not words.affected(1000, [(frozenset({"the"}), frozenset({"the", "middling"}))])
    assert fewer.affected(1000, [(frozenset({"the"}), frozenset({"the", "middling"}))])
    # A document holding most voting words may be aligned: any edit of it counts.
    most = frozenset(f"rare{i}" for i in range(8))
    assert words.affected(1000, [(most, most | {"zebra"})])
    # A document holding every token may hold the quote verbatim, common words or not.
    common = _words({"the": 900, "and": 800})
    assert common.affected(1000, [(frozenset(), frozenset({"the", "and", "x"}))])
    assert not common.affected(1000, [(frozenset(), frozenset({"the", "x"}))])
    # Counts near the common share may cross it: such a word may vote.
    edge = _words({"near": 200})
    assert edge.affected(1000, [(frozenset({"near"}), frozenset({"near", "x"}))])


def test_counts_follow_the_edits_a_verdict_survived():
    words = _words({"a": 5, "b": 2})
    moved = words.after([(frozenset({"a"}), frozenset({"b"})), (frozenset(), frozenset({"b"}))])
    assert dict(moved.counts) == {"a": 4, "b": 4}


def test_a_warm_run_locates_spans_without_reading_sources(project, cache_dir):
    """Sources older than the racy window are trusted by signature and not read again:
    their reported spans come from the places table, damaged rows located afresh."""
    import os
    import time

    project(GOOD)
    old = time.time() - 60
    for source in (project.root / "seeds").iterdir():
        os.utime(source, (old, old))
    time.sleep(2.1)  # a change time within 2 s of a read is not trusted (coarse clocks)
    first = run_cli("check", cwd=project.root)
    second = run_cli("check", cwd=project.root)
    assert second.stdout == first.stdout and "Traceback" not in second.stderr
    with sqlite3.connect(cache_dir / "verdicts.sqlite3") as db:
        assert db.execute("SELECT COUNT(*) FROM places").fetchone()[0] == 2
        db.execute("UPDATE places SET value = 'x:' || value")
    third = run_cli("check", cwd=project.root)
    assert third.stdout == first.stdout and "Traceback" not in third.stderr
