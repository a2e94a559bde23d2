"""The README keeps up with the code: every rule, format and command is documented."""

from __future__ import annotations

import re

from conftest import REPO

from linter.formatters import FORMATS
from linter.rules import all_rules

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_every_rule_is_in_the_readme():
    for rule in all_rules().values():
        assert f"| {rule.code} | {rule.name} |" in README, rule.code


def test_every_format_is_in_the_readme():
    for name in FORMATS:
        assert f"--format {name}" in README, name


def test_the_two_commands_are_there():
    assert "python3 -m pip install . && claimlint check" in README
    assert "python3 -m pip install -e '.[test]' && python3 -m pytest" in README


def test_ci_runs_the_readme_test_command():
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install -q -e '.[test]' && python -m pytest" in ci


def test_each_rule_is_in_one_readme_table_and_in_the_rule_details():
    details = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    for rule in all_rules().values():
        assert README.count(f"| {rule.code} | {rule.name} |") == 1, rule.code
        assert f"| {rule.code} |" in details, rule.code


def test_the_registry_layout_is_shown_once():
    assert README.count("claims:\n  - id: delegations-count") == 1
    assert README.count("### Registry additions") == 0


def test_walkthrough_comes_first_and_no_instruction_installs_the_other_claimlint():
    headings = re.findall(r"^## (.+)$", README, flags=re.MULTILINE)
    assert headings[:2] == ["Quick start", "Your first claim, from an empty folder"]
    texts = [README, *(p.read_text(encoding="utf-8") for p in (REPO / "docs").glob("*.md"))]
    texts.append((REPO / "action.yml").read_text(encoding="utf-8"))
    other = re.compile(r"""pip3? install\s+(?:-\S+\s+)*["']?claimlint(?![\w-])""")
    for text in texts:
        assert not other.search(text), other.search(text)
    assert 'name = "claimlint-citations"' in (REPO / "pyproject.toml").read_text()
