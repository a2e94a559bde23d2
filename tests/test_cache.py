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
