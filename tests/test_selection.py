"""``select``/``ignore`` precedence as in ruff: the most specific selector wins; a tie, ``ignore``.

Run through the real CLI on a registry that raises Q102, Q103, R105 and S101 at once.
"""

from __future__ import annotations

import json

import pytest
from conftest import WAPO, run_cli

from linter.selection import Layer, enabled

REGISTRY = f"""
claims:
  - id: inexact
    source: {WAPO}
    quote: sitting between a five-man Taliban delegaton
  - id: altered
    source: {WAPO}
    quote: sitting between a four-man Taliban delegation and four members of Afghanistan's
    ignore:
      F101: nothing to suppress
  - id: missing
    source: seeds/nope.txt
    quote: anything
"""
EVERYTHING = ["Q102", "Q103", "R105", "S101"]


def codes(project, *options: str, config: str | None = None) -> list[str]:
    project(REGISTRY)
    if config is not None:
        (project.root / "claimlint.toml").write_text(config, encoding="utf-8")
    done = run_cli("check", "--no-cache", "--format", "json", *options, cwd=project.root)
    assert done.returncode in (0, 1), done.stderr
    return sorted({d["code"] for d in json.loads(done.stdout)["diagnostics"]})


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ((), EVERYTHING),
        (("--select", "ALL", "--ignore", "Q"), ["R105", "S101"]),
        (("--ignore", "Q", "--select", "Q102"), ["Q102"]),  # Q102 is more specific than Q
        (("--select", "Q", "--ignore", "Q10"), []),
        (("--select", "Q", "--ignore", "Q10", "--extend-select", "Q103"), ["Q103"]),
        (("--select", "Q102", "--ignore", "Q102"), []),  # a tie: ignore wins
        (("--ignore", "ALL", "--select", "S"), ["S101"]),
        (("--select", "Q,S", "--extend-ignore", "S1"), ["Q102", "Q103"]),
    ],
)
def test_the_most_specific_selector_wins(project, options, expected):
    assert codes(project, *options) == expected


def test_the_command_line_applies_after_the_file(project):
    ignore_q = 'ignore = ["Q"]\n'
    assert codes(project, config=ignore_q) == ["R105", "S101"]
    # --select starts afresh, as a later layer with `select` does in ruff.
    assert codes(project, "--select", "Q102", config=ignore_q) == ["Q102"]
    # --extend-select adds to what the file chose; its Q103 outranks the file's Q.
    assert codes(project, "--extend-select", "Q103", config=ignore_q) == ["Q103", "R105", "S101"]
    # --ignore on top of the file's select.
    assert codes(project, "--ignore", "S", config='select = ["Q", "S"]\n') == ["Q102", "Q103"]


def test_show_settings_names_the_rules_that_run(project):
    project(REGISTRY)
    done = run_cli(
        "check", "--show-settings", "--ignore", "Q,R,S", "--select", "F1", cwd=project.root
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "# rules that run: F101, F102, F103, F104, F105"


def test_layers_without_the_cli():
    codes = ["Q101", "Q102", "S101"]
    assert enabled(codes, []) == set(codes)
    assert enabled(codes, [Layer(select=("Q",), ignore=("Q101",))]) == {"Q102"}
    assert enabled(codes, [Layer(ignore=("Q",)), Layer(extend_select=("Q1",))]) == set(codes)
