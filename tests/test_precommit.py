"""The pre-commit hook, with the real pre-commit and real commits.

The checkout is copied into a throwaway git repository and committed there
(pre-commit clones a hook repository at a commit, and this checkout's newest
files may not be committed yet); a consumer repository then uses it exactly as
another project would. pre-commit builds the hook's environment once per module
(PRE_COMMIT_HOME is shared), pip-installing claimlint and its dependencies.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import GIT_IDENTITY, REPO, SEEDS, WAPO, WSJ

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

GOOD = f"""\
claims:
  - id: delegation
    source: {WAPO}
    quote: sitting between a five-man Taliban delegation
  - id: stanikzai
    source: {WSJ}
    quote: Muhammad Abbas Stanikzai
"""


@pytest.fixture(scope="module")
def env(tmp_path_factory) -> dict[str, str]:
    home = tmp_path_factory.mktemp("home")
    base = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PYTHONPATH"))}
    return {
        **base,
        "HOME": str(home),
        "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-home")),
        **GIT_IDENTITY,
        "GIT_CONFIG_NOSYSTEM": "1",
        "NO_COLOR": "1",
    }


def run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False
    )


def git(cwd: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return run(["git", *args], cwd, env)


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory, env) -> tuple[Path, str]:
    """This checkout's package and hook definition, committed in a repository of their own."""
    repo = tmp_path_factory.mktemp("claimlint-hook")
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml", "LICENSE"):
        if (REPO / name).exists():
            shutil.copy2(REPO / name, repo / name)
    if not (repo / "README.md").exists():
        (repo / "README.md").write_text("claimlint\n", encoding="utf-8")
    shutil.copytree(
        REPO / "linter", repo / "linter", ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
    )
    assert git(repo, env, "init", "-q", "-b", "main").returncode == 0
    git(repo, env, "add", "-A")
    assert git(repo, env, "commit", "-q", "-m", "claimlint").returncode == 0
    sha = git(repo, env, "rev-parse", "HEAD").stdout.strip()
    return repo, sha


def first_commit(repo: Path, env: dict[str, str], hook_repo: tuple[Path, str]) -> str:
    """Use the hook in ``repo`` (a new git repository) and commit what is there; the output."""
    repo_path, sha = hook_repo
    (repo / "README.md").write_text("Our fact-checks.\n", encoding="utf-8")
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {repo_path}\n    rev: {sha}\n    hooks:\n      - id: claimlint\n",
        encoding="utf-8",
    )
    assert git(repo, env, "init", "-q", "-b", "main").returncode == 0
    installed = run([sys.executable, "-m", "pre_commit", "install"], repo, env)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    git(repo, env, "add", "-A")
    first = git(repo, env, "commit", "-m", "first")
    assert first.returncode == 0, first.stdout + first.stderr
    return first.stdout + first.stderr


@pytest.fixture
def consumer(tmp_path, env, hook_repo) -> Path:
    """A fact-checking repository using the hook, with a clean first commit."""
    (tmp_path / "seeds").mkdir()
    for cited in (WAPO, WSJ):
        shutil.copy2(SEEDS / Path(cited).name, tmp_path / cited)
    (tmp_path / "claims.yaml").write_text(GOOD, encoding="utf-8")
    assert "claimlint" in first_commit(tmp_path, env, hook_repo)  # it ran, and passed
    return tmp_path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def head(repo: Path, env) -> str:
    return git(repo, env, "rev-parse", "HEAD").stdout.strip()


def test_broken_quote_is_refused_and_fixed_one_goes_through(consumer, env):
    before = head(consumer, env)
    edit(consumer / "claims.yaml", "a five-man Taliban", "a four-man Taliban")
    refused = git(consumer, env, "commit", "-am", "break a quote")
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0, output
    assert "claims.yaml:4:12: Q103 [error] quote-meaning-changed" in output
    assert "Failed" in output
    assert head(consumer, env) == before

    edit(consumer / "claims.yaml", "a four-man Taliban", "a five-man Taliban")
    git(consumer, env, "add", "claims.yaml")
    edit(consumer / "claims.yaml", "quote: Muhammad Abbas", "quote: Muhammad  Abbas")
    done = git(consumer, env, "commit", "-am", "whitespace only")
    assert done.returncode == 0, done.stdout + done.stderr
    assert head(consumer, env) != before


def test_commit_touching_neither_registry_nor_sources_passes_at_once(consumer, env):
    edit(consumer / "README.md", "Our", "All our")
    done = git(consumer, env, "commit", "-am", "docs")
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert re.search(r"claimlint.*Passed", output), output


def test_changed_source_checks_the_claims_citing_it(consumer, env):
    # The Post's text changes under its claim; the Journal's claim is not reported.
    edit(consumer / WAPO, "a five-man Taliban delegation", "a six-man Taliban delegation")
    refused = git(consumer, env, "commit", "-am", "update the Post's text")
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0, output
    assert "delegation" in output and "Q103" in output
    assert "stanikzai" not in output


def test_hook_manifest_and_own_config_are_valid():
    for command, name in (
        ("validate-manifest", ".pre-commit-hooks.yaml"),
        ("validate-config", ".pre-commit-config.yaml"),
    ):
        done = subprocess.run(
            [sys.executable, "-m", "pre_commit", command, str(REPO / name)],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stdout + done.stderr


def test_hook_has_no_file_name_pattern():
    # Relevance comes from the registry, so the manifest passes every changed file.
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert "files" not in hook and hook["pass_filenames"] and hook["require_serial"]
    assert "--pre-commit" in hook["entry"]


WORKFLOW = """\
name: claims
on: [push]
jobs:
  claimlint:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
"""


@pytest.fixture
def nested(tmp_path, env, hook_repo) -> Path:
    """A registry in factcheck/, its sources in factcheck/sources/, a workflow named claims.yml."""
    sources = tmp_path / "factcheck" / "sources"
    sources.mkdir(parents=True)
    for cited in (WAPO, WSJ):
        shutil.copy2(SEEDS / Path(cited).name, sources / Path(cited).name)
    (sources / "notes.txt").write_text("Background notes, cited by no claim.\n", encoding="utf-8")
    registry = GOOD.replace("source: seeds/", "source: sources/")
    (tmp_path / "factcheck" / "claims.yaml").write_text(registry, encoding="utf-8")
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    (tmp_path / ".github" / "workflows" / "claims.yml").write_text(WORKFLOW, encoding="utf-8")
    first_commit(tmp_path, env, hook_repo)
    return tmp_path


def all_files(repo: Path, env) -> subprocess.CompletedProcess[str]:
    return run([sys.executable, "-m", "pre_commit", "run", "--all-files"], repo, env)


def test_nested_layout_all_files_passes_and_ignores_the_workflow(nested, env):
    done = all_files(nested, env)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "R102" not in output and "one registry at a time" not in output


def test_nested_layout_broken_source_is_refused(nested, env):
    before = head(nested, env)
    source = nested / "factcheck" / "sources" / Path(WAPO).name
    edit(source, "a five-man Taliban delegation", "a six-man Taliban delegation")
    refused = git(nested, env, "commit", "-am", "update the Post's text")
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0, output
    assert "factcheck/claims.yaml:4:12: Q103" in output
    assert head(nested, env) == before


def test_nested_layout_workflow_edit_is_not_a_registry(nested, env):
    workflow = nested / ".github" / "workflows" / "claims.yml"
    workflow.write_text(WORKFLOW + "      - run: echo hi\n", encoding="utf-8")
    done = git(nested, env, "commit", "-am", "workflow")
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "R10" not in output


def test_nested_layout_corpus_file_runs_every_claim(nested, env):
    # A broken quote slips in without the hook; a change to an uncited corpus file
    # (a sibling of the sources) then runs the whole check, a README change does not.
    edit(nested / "factcheck" / "claims.yaml", "a five-man Taliban", "a four-man Taliban")
    assert git(nested, env, "commit", "--no-verify", "-qam", "slip").returncode == 0
    edit(nested / "README.md", "Our", "All our")
    assert git(nested, env, "commit", "-am", "docs").returncode == 0
    edit(nested / "factcheck" / "sources" / "notes.txt", "Background", "More background")
    refused = git(nested, env, "commit", "-am", "notes")
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0 and "Q103" in output, output
    failed = all_files(nested, env)
    assert failed.returncode != 0 and "factcheck/claims.yaml:4:12: Q103" in failed.stdout
