"""The README keeps up with the code: every rule, format and command is documented."""

from __future__ import annotations

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
