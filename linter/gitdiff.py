"""Which claims a change touches: ``--diff-base REF`` and pre-commit's file names.

On a pull request only the claims it touched should be reported, yet the
whole registry and corpus are still loaded, because misattribution and fact
conflicts are relational. A claim is touched when a line of its entry in the
registry changed, or when the source it cites changed (committed since REF,
staged, unstaged or untracked). Changes are measured from the merge base of
REF and HEAD, so commits that landed on the base branch meanwhile do not count.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterable
from pathlib import Path

from linter.corpus import resolve
from linter.errors import UsageError
from linter.model import Claim, Registry

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.MULTILINE)
# A line that starts a top-level key (column 0, not a list item, comment or document marker).
_TOP_LEVEL_KEY = re.compile(r"^(?![-#\s]|\.\.\.|$)", re.MULTILINE)


def git(args: list[str], cwd: Path) -> str:
    """Run git and return its output; any failure becomes a plain UsageError."""
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}
    env.pop("GIT_DIR", None)  # hooks run with GIT_DIR set; cwd decides the repository
    env.pop("GIT_INDEX_FILE", None)
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False, env=env)
    except FileNotFoundError as exc:
        raise UsageError("--diff-base needs git, which is not installed (not on PATH)") from exc
    if done.returncode != 0:
        raise GitError(done.stderr.decode("utf-8", "replace").strip())
    return done.stdout.decode("utf-8", "surrogateescape")


class GitError(UsageError):
    """git refused; the message is git's own."""


def repository_root(cwd: Path) -> Path:
    try:
        return Path(git(["rev-parse", "--show-toplevel"], cwd).strip()).resolve()
    except GitError as exc:
        raise UsageError(
            f"--diff-base needs a git repository, and {cwd} is not inside one ({exc})"
        ) from exc


def merge_base(ref: str, cwd: Path) -> str:
    """The commit to diff against: merge-base(REF, HEAD).

    Without one (a shallow clone that has REF's tip but not where HEAD left
    it, or unrelated histories) there is nothing sound to diff against: diffing
    against REF itself would count every change on the base branch as this
    branch's, so it is a usage error that says how to get the history.
    """
    try:
        commit = git(
            ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"], cwd
        )
    except GitError:
        commit = ""
    if not commit.strip():
        raise UsageError(
            f"--diff-base: '{ref}' is not a commit in this repository; fetch it first"
            " (in GitHub Actions: actions/checkout with fetch-depth: 0)"
        )
    commit = commit.strip()
    try:
        base = git(["merge-base", commit, "HEAD"], cwd).strip()
    except GitError:  # exit 1: no common ancestor; or no HEAD yet
        base = ""
    if base:
        return base
    shallow = git(["rev-parse", "--is-shallow-repository"], cwd).strip() == "true"
    why = (
        "this clone is shallow and does not reach back to where HEAD left it"
        if shallow
        else "the two histories have no commit in common"
    )
    raise UsageError(
        f"--diff-base: '{ref}' and HEAD have no merge base ({why}); fetch more history"
        " (git fetch --unshallow, or --deepen=N; in GitHub Actions: actions/checkout with"
        " fetch-depth: 0)"
    )


def changed_paths(base: str, cwd: Path, top: Path) -> set[Path]:
    """Absolute paths changed since ``base``: committed, staged, unstaged, untracked."""
    diff = git(["diff", "--name-only", "-z", "--no-renames", "--no-ext-diff", base, "--"], cwd)
    untracked = git(["ls-files", "-z", "--others", "--exclude-standard", "--full-name"], top)
    names = [n for n in (diff + untracked).split("\0") if n]
    return {(top / name).resolve() for name in names}


def changed_lines(base: str, path: Path, cwd: Path) -> set[int]:
    """Lines of the working file ``path`` that differ from ``base`` (1-based).

    A pure deletion touches the lines on both sides of where it was, so removing
    the end of one claim marks it and its neighbour.
    """
    patch = git(
        [
            "diff",
            "--unified=0",
            "--no-color",
            "--no-ext-diff",
            "--no-textconv",
            base,
            "--",
            str(path),
        ],
        cwd,
    )
    lines: set[int] = set()
    for match in _HUNK.finditer(patch):
        start, count = int(match.group(1)), int(match.group(2) or "1")
        if count:
            lines.update(range(start, start + count))
        else:
            lines.update((start, start + 1))
    return lines


def claim_ranges(registry: Registry) -> list[tuple[Claim, int, int]]:
    """Each claim with its first and last line: up to the next claim, or the next
    top-level key after the last claim (else the end of the file)."""
    claims = sorted(registry.claims, key=lambda c: c.location.line)
    total = registry.text.count("\n") + 1
    ranges = []
    for i, claim in enumerate(claims):
        start = claim.location.line
        if i + 1 < len(claims):
            end = max(start, claims[i + 1].location.line - 1)
        else:
            end = _next_top_level_line(registry.text, start) or total
        ranges.append((claim, start, end))
    return ranges


def _next_top_level_line(text: str, after: int) -> int | None:
    """The line before the first top-level key following line ``after``."""
    offset = 0
    for _ in range(after):  # the offset where line ``after + 1`` starts
        nl = text.find("\n", offset)
        if nl == -1:
            return None
        offset = nl + 1
    match = _TOP_LEVEL_KEY.search(text, offset)
    if match is None:
        return None
    return text.count("\n", 0, match.start())


def cited_path(registry: Registry, claim: Claim) -> Path | None:
    path, _, _ = resolve(registry.root, claim.source)
    if path is None:  # missing source: still a path a change could have created or deleted
        try:
            return (registry.root / claim.source).resolve()
        except (OSError, RuntimeError, ValueError):
            return None
    return path.resolve()


def touched_claims(registry: Registry, ref: str, cwd: Path) -> set[str]:
    """Ids of the claims whose registry lines or cited source changed since ``ref``."""
    top = repository_root(cwd)
    base = merge_base(ref, cwd)
    changed = changed_paths(base, cwd, top)
    registry_path = registry.path.resolve()
    if registry_path in changed and _untracked(registry_path, top):
        return {claim.id for claim in registry.claims}
    lines = changed_lines(base, registry_path, cwd) if registry_path in changed else set()
    touched: set[str] = set()
    for claim, start, end in claim_ranges(registry):
        if any(start <= line <= end for line in lines) or cited_path(registry, claim) in changed:
            touched.add(claim.id)
    return touched


def _untracked(path: Path, top: Path) -> bool:
    try:
        git(["ls-files", "--error-unmatch", "--", str(path)], top)
    except GitError:
        return True
    return False


def resolved(names: Iterable[str], cwd: Path) -> set[Path]:
    """File names relative to ``cwd`` as absolute resolved paths (unresolvable ones dropped)."""
    paths = set()
    for name in names:
        try:
            paths.add((cwd / name).resolve())
        except (OSError, RuntimeError, ValueError):
            continue
    return paths


def claims_for_paths(registry: Registry, paths: Iterable[str], cwd: Path) -> set[str] | None:
    """Claims concerned by these files (as pre-commit passes them), or None for all.

    The registry among them means every claim may have changed; otherwise the
    claims citing one of the given sources.
    """
    wanted = resolved(paths, cwd)
    if registry.path.resolve() in wanted:
        return None
    return {claim.id for claim in registry.claims if cited_path(registry, claim) in wanted}
