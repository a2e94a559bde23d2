"""``--diff-base`` and pre-commit file names: which claims a change touches, on real git."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from conftest import GIT_IDENTITY, WAPO, run_cli

from linter.errors import UsageError
from linter.gitdiff import claim_ranges, claims_for_paths, touched_claims
from linter.registry import load_registry

REGISTRY = """\
claims:
  # first
  - id: one
    source: a.txt
    quote: alpha beta gamma
  - id: two
    source: b.txt
    quote: >
      delta epsilon
      zeta
  - id: three
    source: c.txt
    quote: eta theta
sources:
  a.txt:
    title: A
"""


def git(cwd: Path, *args: str) -> str:
    env = {**os.environ, **GIT_IDENTITY, "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(cwd)}
    done = subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "claims.yaml").write_text(REGISTRY, encoding="utf-8")
    for name, text in (
        ("a.txt", "alpha beta gamma"),
        ("b.txt", "delta epsilon zeta"),
        ("c.txt", "eta theta"),
    ):
        (tmp_path / name).write_text(text + "\n", encoding="utf-8")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "base")
    return tmp_path


def touched(repo: Path, ref: str = "main") -> set[str]:
    registry = load_registry(repo / "claims.yaml", "claims.yaml")
    return touched_claims(registry, ref, repo)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_nothing_changed(repo):
    assert touched(repo) == set()


def test_claim_line_ranges(repo):
    registry = load_registry(repo / "claims.yaml", "claims.yaml")
    ranges = {claim.id: (start, end) for claim, start, end in claim_ranges(registry)}
    # "three" ends before the top-level 'sources:' key, not at the end of the file.
    assert ranges == {"one": (3, 5), "two": (6, 10), "three": (11, 13)}


def test_uncommitted_edit_of_one_quote(repo):
    edit(repo / "claims.yaml", "      zeta\n", "      zeta!\n")
    assert touched(repo) == {"two"}


def test_committed_edit_on_a_branch(repo):
    git(repo, "checkout", "-q", "-b", "feature")
    edit(repo / "claims.yaml", "quote: eta theta", "quote: eta  theta")
    git(repo, "commit", "-q", "-am", "edit three")
    assert touched(repo) == {"three"}


def test_base_branch_progress_does_not_count(repo):
    git(repo, "checkout", "-q", "-b", "feature")
    edit(repo / "claims.yaml", "quote: eta theta", "quote: eta  theta")
    git(repo, "commit", "-q", "-am", "edit three")
    git(repo, "checkout", "-q", "main")
    edit(repo / "claims.yaml", "quote: alpha beta gamma", "quote: alpha beta")
    git(repo, "commit", "-q", "-am", "edit one on main")
    git(repo, "checkout", "-q", "feature")
    assert touched(repo, "main") == {"three"}  # measured from the merge base


def test_changed_source_touches_the_claims_citing_it(repo):
    (repo / "b.txt").write_text("delta epsilon eta\n", encoding="utf-8")
    assert touched(repo) == {"two"}


def test_untracked_source_and_new_claim(repo):
    edit(
        repo / "claims.yaml",
        "sources:\n",
        "  - id: four\n    source: d.txt\n    quote: iota\nsources:\n",
    )
    (repo / "d.txt").write_text("iota\n", encoding="utf-8")
    assert touched(repo) == {"four"}
    git(repo, "add", "claims.yaml")  # staged counts too
    assert touched(repo) == {"four"}


def test_deleting_a_claim_touches_its_neighbours(repo):
    edit(
        repo / "claims.yaml",
        "  - id: two\n    source: b.txt\n    quote: >\n      delta epsilon\n      zeta\n",
        "",
    )
    assert touched(repo) == {"one", "three"}


def test_untracked_registry_touches_every_claim(tmp_path):
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "README").write_text("x\n", encoding="utf-8")
    git(tmp_path, "add", "README")
    git(tmp_path, "commit", "-q", "-m", "base")
    (tmp_path / "claims.yaml").write_text(REGISTRY, encoding="utf-8")
    assert touched(tmp_path) == {"one", "two", "three"}


def test_editing_other_sections_touches_no_claim(repo):
    edit(repo / "claims.yaml", "    title: A\n", "    title: A new title\n")
    assert touched(repo) == set()


def test_missing_ref_is_a_usage_error(repo):
    with pytest.raises(UsageError, match=r"'origin/nope' is not a commit.*fetch-depth: 0"):
        touched(repo, "origin/nope")


def test_option_like_ref_is_not_an_option(repo):
    with pytest.raises(UsageError, match="is not a commit"):
        touched(repo, "--output=/tmp/x")


def test_not_a_repository_is_a_usage_error(tmp_path):
    (tmp_path / "claims.yaml").write_text(REGISTRY, encoding="utf-8")
    with pytest.raises(UsageError, match="needs a git repository"):
        touched_claims(load_registry(tmp_path / "claims.yaml"), "main", tmp_path)


def test_claims_for_paths(repo):
    registry = load_registry(repo / "claims.yaml", "claims.yaml")
    assert claims_for_paths(registry, ["claims.yaml", "a.txt"], repo) is None
    assert claims_for_paths(registry, ["b.txt", "c.txt"], repo) == {"two", "three"}
    assert claims_for_paths(registry, ["unrelated.txt"], repo) == set()
    assert claims_for_paths(registry, [str(repo / "a.txt")], repo) == {"one"}


# -- through the CLI -----------------------------------------------------------------------


def test_cli_missing_ref_exits_2(repo):
    done = run_cli("check", "--diff-base", "origin/main", cwd=repo)
    assert done.returncode == 2
    assert "origin/main' is not a commit" in done.stderr
    assert "Traceback" not in done.stderr


def test_cli_outside_git_exits_2(project):
    project(f"claims:\n  - id: x\n    source: {WAPO}\n    quote: jovial\n")
    done = run_cli("check", "--diff-base", "main", cwd=project.root)
    assert done.returncode == 2
    assert "needs a git repository" in done.stderr


INEXACT = f"""\
claims:
  - id: untouched
    source: {WAPO}
    quote: the atmosphere was jovial and very festive
  - id: touched
    source: {WAPO}
    quote: sitting between a five-man Taliban delegation
"""


def test_cli_reports_only_touched_claims(project):
    path = project(INEXACT)
    root = project.root
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    edit(path, "a five-man Taliban", "a five-man  Taliban very")
    done = run_cli("check", "--diff-base", "main", "--format", "json", cwd=root)
    claims = {d["claim"] for d in json.loads(done.stdout)["diagnostics"]}
    assert claims == {"touched"}, done.stdout + done.stderr
    everything = run_cli("check", "--format", "json", cwd=root)
    assert {d["claim"] for d in json.loads(everything.stdout)["diagnostics"]} == {
        "untouched",
        "touched",
    }


def test_shallow_clone_without_merge_base_is_a_usage_error(repo, tmp_path_factory):
    # The base branch moved on; a depth-1 clone of the feature branch that then fetches
    # only the base's tip has both tips but no merge base.
    git(repo, "checkout", "-q", "-b", "feature")
    (repo / "a.txt").write_text("alpha beta gamma delta\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "feature")
    git(repo, "checkout", "-q", "main")
    (repo / "c.txt").write_text("eta theta iota\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "main moves on")
    clone = tmp_path_factory.mktemp("shallow") / "clone"
    git(clone.parent, "clone", "-q", "--depth=1", "--branch", "feature", f"file://{repo}", "clone")
    git(clone, "fetch", "-q", "--depth=1", "origin", "main:refs/remotes/origin/main")
    assert git(clone, "rev-parse", "--is-shallow-repository").strip() == "true"
    done = run_cli("check", "--diff-base", "origin/main", cwd=clone)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "no merge base" in done.stderr and "shallow" in done.stderr
    assert "fetch-depth: 0" in done.stderr and "Traceback" not in done.stderr


def test_unrelated_histories_are_a_usage_error(repo):
    git(repo, "checkout", "-q", "--orphan", "other")
    git(repo, "commit", "-q", "-m", "unrelated")
    with pytest.raises(UsageError, match="no commit in common"):
        touched_claims(load_registry(repo / "claims.yaml", "claims.yaml"), "main", repo)


# -- check --pre-commit: relevance from the registry -------------------------------------------


def test_pre_commit_ignores_files_the_registry_does_not_use(repo):
    (repo / "docs").mkdir()  # not beside a cited source: not part of the corpus
    (repo / "docs" / "notes.md").write_text("hello\n", encoding="utf-8")
    (repo / "c.txt").write_text("eta zeta\n", encoding="utf-8")  # breaks claim three
    quiet = run_cli("check", "--pre-commit", "docs/notes.md", "pyproject.toml", cwd=repo)
    assert quiet.returncode == 0 and quiet.stdout == "", quiet.stdout + quiet.stderr
    loud = run_cli("check", "--pre-commit", "--format", "json", "c.txt", cwd=repo)
    found = json.loads(loud.stdout)["diagnostics"]
    assert loud.returncode == 1 and {d["claim"] for d in found} == {"three"}


def test_pre_commit_finds_the_one_tracked_registry(repo):
    (repo / "factcheck").mkdir()
    git(repo, "mv", "claims.yaml", "factcheck/claims.yaml")
    for name in ("a.txt", "b.txt", "c.txt"):
        git(repo, "mv", name, f"factcheck/{name}")
    (repo / "claims.yml").write_text("name: claims\non: [push]\njobs: {}\n", encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "move")
    (repo / "factcheck" / "a.txt").write_text("alpha beta\n", encoding="utf-8")
    done = run_cli("check", "--pre-commit", "claims.yml", "factcheck/a.txt", cwd=repo)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "factcheck/claims.yaml:" in done.stdout and "claims.yml:" not in done.stdout


def test_pre_commit_with_two_registries_asks_which(repo):
    (repo / "other").mkdir()
    (repo / "other" / "claims.yml").write_text(REGISTRY, encoding="utf-8")
    git(repo, "mv", "claims.yaml", "first.yaml")
    (repo / "one").mkdir()
    (repo / "one" / "claims.yaml").write_text(REGISTRY, encoding="utf-8")
    git(repo, "add", "-A")
    done = run_cli("check", "--pre-commit", "a.txt", cwd=repo)
    assert done.returncode == 2
    assert "several claims registries" in done.stderr and "--registry" in done.stderr
