"""Every rule's documented examples hold: run through the real CLI, as a reader would.

Each rule's docstring has a *Passes* and a *Fails* registry (``Rule.examples``); both
cite the repository's real files (``seeds/``, ``docs/examples/``), so they run as
printed by ``claimlint rule CODE`` from the repository's root.
"""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import REPO, run_cli

from linter.rules import all_rules, markdown_table

RULES = list(all_rules().values())


@pytest.fixture
def checkout(tmp_path):
    """The files the examples cite, as in the repository."""
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    shutil.copytree(REPO / "docs" / "examples", tmp_path / "docs" / "examples")
    return tmp_path


def codes_of(root, registry: str) -> list[str]:
    (root / "claims.yaml").write_text(registry, encoding="utf-8")
    done = run_cli("check", "--no-cache", "--format", "json", cwd=root)
    assert done.returncode in (0, 1), done.stderr
    return [d["code"] for d in json.loads(done.stdout)["diagnostics"]]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_every_example_is_a_full_registry(rule):
    kinds = [e.fails for e in rule.examples]
    assert kinds == [False, True], rule.code  # one Passes:, then one Fails:
    for example in rule.examples:
        assert example.registry.startswith(("claims:", "topics:", "aliases:")), rule.code
        assert "\nclaims:\n" in "\n" + example.registry, rule.code


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_passes_example_has_no_diagnostic_of_its_rule(checkout, rule):
    (passes,) = [e for e in rule.examples if not e.fails]
    found = codes_of(checkout, passes.registry)
    assert rule.code not in found
    assert found == [], f"{rule.code}'s Passes example reports {found}"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_fails_example_reports_its_rule(checkout, rule):
    (fails,) = [e for e in rule.examples if e.fails]
    assert rule.code in codes_of(checkout, fails.registry)


def test_the_readme_rules_table_is_generated_from_the_rules():
    """``claimlint rules --table`` prints the README's table: edit docstrings, not the README."""
    table = run_cli("rules", "--table", cwd=REPO)
    assert table.returncode == 0, table.stderr
    assert table.stdout == markdown_table()
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert table.stdout in readme, "README's rules table drifted: paste `claimlint rules --table`"
    assert len(table.stdout.splitlines()) == len(RULES) + 2
