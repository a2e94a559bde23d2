"""The layering docs/architecture.md draws, held against the code's imports."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import REPO

LOADERS = ("linter/registry.py", "linter/fields.py", "linter/yamlsafe.py", "linter/corpus.py")


def imported(path: Path) -> set[str]:
    """Every module a file imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_loaders_import_no_rule():
    """Loaders record plain problems; only rules know the rule catalogue."""
    for name in LOADERS:
        rules = sorted(m for m in imported(REPO / name) if m.startswith("linter.rules"))
        assert rules == [], f"{name} imports {rules}"


def test_the_evaluation_set_is_data_only():
    """tests/eval/ holds cases, which benchmarks read; its harness is benchmarks/eval_harness.py,
    which tests import: no code of one imports the other's back."""
    assert sorted(p.name for p in (REPO / "tests" / "eval").rglob("*.py")) == []
    for path in sorted((REPO / "benchmarks").glob("*.py")):
        assert not [m for m in imported(path) if m.startswith("tests.eval")], path.name
