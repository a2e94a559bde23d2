"""``check --fix`` and ``--diff``: minimal, style-keeping, verified, atomic rewrites."""

from __future__ import annotations

import codecs
import os
import textwrap
from pathlib import Path

import pytest
import yaml
from conftest import WAPO, run_cli
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from linter import cli
from linter.diagnostics import Diagnostic, SourceSpan
from linter.fix import apply_edits, encode_like, plan_fixes, unified_diff
from linter.registry import load_registry
from linter.rules import all_rules

SOURCE = (
    "Intro line.\n"
    "Around a large table, the atmosphere was jovial and almost festive. Hugs were exchanged.\n"
    'Lavrov said: the talks were "useful", and a first step toward\n'
    "a settlement of the 17-year war.\n"
)
EXACT = "the atmosphere was jovial and almost festive"
COLON = 'Lavrov said: the talks were "useful", and a first step toward\na settlement'


def q102(registry, claim_id: str, exact: str, code: str = "Q102") -> Diagnostic:
    """The diagnostic the Q-rules would give: at the quote, with the closest span."""
    claim = next(c for c in registry.claims if c.id == claim_id)
    start = SOURCE.index(exact)
    line = SOURCE.count("\n", 0, start) + 1
    column = start - (SOURCE.rfind("\n", 0, start) + 1) + 1
    span = SourceSpan("src.txt", line, column, exact, start, start + len(exact))
    return all_rules()[code].diagnostic(
        "quote differs",
        claim.at("quote"),
        claim=claim.id,
        source=span,
        cited="src.txt",
    )


def fixed(tmp_path: Path, yaml_text: str, exact: str = EXACT, *, newline: str = "\n", bom=False):
    """Write a registry, plan and apply the fix for claim 'c': (old text, new text)."""
    text = textwrap.dedent(yaml_text).lstrip("\n").replace("\n", newline)
    path = tmp_path / "claims.yaml"
    path.write_bytes((codecs.BOM_UTF8 if bom else b"") + text.encode("utf-8"))
    (tmp_path / "src.txt").write_text(SOURCE, encoding="utf-8")
    registry = load_registry(path, "claims.yaml")
    assert not registry.problems, registry.problems
    edits = plan_fixes(registry, [q102(registry, "c", exact)], {"src.txt": SOURCE})
    assert len(edits) == 1
    new = apply_edits(registry.text, edits)
    path.write_bytes(encode_like(registry, new))
    return registry.text, new


def quote_of(text: str) -> str:
    data = yaml.safe_load(text.lstrip("\ufeff"))
    return next(c["quote"] for c in data["claims"] if c["id"] == "c")


def words(text: str) -> str:
    return " ".join(text.split())


def outside_unchanged(old: str, new: str, marker: str = "quote:") -> None:
    """Everything before the quote's key and after its last line is byte-identical."""
    head = old.index(marker) + len(marker)
    assert new[:head] == old[:head]
    tail = old[old.index("  # after") :]
    assert new.endswith(tail)


STYLES = {
    "plain": """
        claims:
          # before
          - id: c
            source: src.txt
            quote: the atmosphere was jovial and very festive  # inline
          # after
          - id: d
            source: src.txt
            quote: Hugs were exchanged
        """,
    "single": """
        claims:
          - id: c  # the claim
            source: src.txt
            quote: 'the atmosphere was jovial and very festive'
          # after
        """,
    "double": """
        claims:
          - id: c
            source: src.txt
            quote: "the atmosphere was \\"jovial\\" and very festive"
          # after
        """,
    "literal": """
        claims:
          - id: c
            source: src.txt
            quote: |
              the atmosphere was jovial
              and very festive
            topic: mood
          # after
        """,
    "folded-strip": """
        claims:
          - id: c
            source: src.txt
            quote: >-
              the atmosphere was jovial
              and very festive

            topic: mood  # comment
          # after
        """,
    "multi-line single": """
        claims:
          - id: c
            source: src.txt
            quote: 'the atmosphere was
              jovial and very festive'
          # after
        """,
    "flow mapping": """
        claims:
          - {id: c, source: src.txt, quote: the atmosphere was jovial and very festive}
          # after
        """,
}
FIRST_CHAR = {
    "plain": "t",
    "single": "'",
    "double": '"',
    "literal": "|",
    "folded-strip": ">",
    "multi-line single": "'",
    "flow mapping": "t",
}


@pytest.mark.parametrize("style", list(STYLES))
def test_fix_keeps_style_and_every_other_byte(tmp_path, style):
    old, new = fixed(tmp_path, STYLES[style])
    assert words(quote_of(new)) == EXACT
    start = old.index("quote:") + len("quote: ")
    assert new[start] == FIRST_CHAR[style]
    outside_unchanged(old, new)
    if style == "folded-strip":
        assert "\n\n    topic: mood  # comment\n" in new  # trailing blank line and chomping kept
        assert quote_of(new) == EXACT
    if style == "literal":
        assert quote_of(new) == EXACT + "\n"


def test_plain_becomes_single_quoted_when_plain_is_unsafe(tmp_path):
    yaml_text = """
        claims:
          - id: c
            source: src.txt
            quote: Lavrov said the talks were useful and a first step toward a settlement
          # after
        """
    old, new = fixed(tmp_path, yaml_text, COLON)
    assert words(quote_of(new)) == words(COLON)
    assert (
        "quote: 'Lavrov said: the talks were \"useful\", and a first step toward a settlement'"
        in new
    )
    outside_unchanged(old, new)


def test_double_quoted_escapes(tmp_path):
    yaml_text = """
        claims:
          - id: c
            source: src.txt
            quote: "Lavrov said the talks were useful"
          # after
        """
    _, new = fixed(tmp_path, yaml_text, COLON)
    assert words(quote_of(new)) == words(COLON)
    assert '\\"useful\\"' in new


def test_multi_line_flow_scalar_is_wrapped_at_its_width(tmp_path):
    yaml_text = """
        claims:
          - id: c
            source: src.txt
            quote: "Lavrov said the talks were
              useful, and a first step toward
              a settlement"
          # after
        """
    longer = COLON + " of the 17-year war"
    _, new = fixed(tmp_path, yaml_text, longer)
    assert words(quote_of(new)) == words(longer)
    body = new[new.index("quote:") : new.index("  # after")]
    assert len(body.splitlines()) > 1
    assert all(line.startswith("      ") for line in body.splitlines()[1:])


def test_crlf_registry_stays_crlf(tmp_path):
    old, new = fixed(tmp_path, STYLES["literal"], newline="\r\n")
    assert "\r\n" in old
    assert new.count("\n") == new.count("\r\n")
    assert words(quote_of(new)) == EXACT
    data = (tmp_path / "claims.yaml").read_bytes()
    assert b"\n" not in data.replace(b"\r\n", b"")


def test_bom_is_kept(tmp_path):
    fixed(tmp_path, STYLES["single"], bom=True)
    data = (tmp_path / "claims.yaml").read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    assert not data[3:].startswith(codecs.BOM_UTF8)
    assert words(quote_of(data.decode("utf-8-sig"))) == EXACT


def registry_with(tmp_path: Path, quote: str):
    (tmp_path / "src.txt").write_text(SOURCE, encoding="utf-8")
    path = tmp_path / "claims.yaml"
    path.write_text(f"claims:\n  - id: c\n    source: src.txt\n    quote: {quote}\n", "utf-8")
    return load_registry(path, "claims.yaml")


@pytest.mark.parametrize("code", ["Q101", "Q103", "Q104"])
def test_other_quote_rules_are_never_fixed(tmp_path, code):
    registry = registry_with(tmp_path, "the atmosphere was jovial and very festive")
    assert plan_fixes(registry, [q102(registry, "c", EXACT, code)], {"src.txt": SOURCE}) == []


def test_quotes_with_editorial_marks_are_left_to_a_person(tmp_path):
    registry = registry_with(tmp_path, "the atmosphere was [very] jovial ... festive")
    assert plan_fixes(registry, [q102(registry, "c", EXACT)], {"src.txt": SOURCE}) == []


def test_stale_span_is_not_used(tmp_path):
    registry = registry_with(tmp_path, "the atmosphere was jovial and very festive")
    changed = SOURCE.replace("almost", "rather")
    assert plan_fixes(registry, [q102(registry, "c", EXACT)], {"src.txt": changed}) == []


def test_unified_diff_applies_with_git(tmp_path):
    old = "a: 1\nquote: x\n"
    new = "a: 1\nquote: y\n"
    diff = unified_diff("claims.yaml", old, new)
    assert diff.startswith("--- a/claims.yaml\n+++ b/claims.yaml\n")
    assert "-quote: x\n+quote: y\n" in diff
    assert unified_diff("f", "x", "y").endswith("\\ No newline at end of file\n")


# -- through the CLI, on the real seeds ----------------------------------------------------

REGISTRY = f"""
claims:
  # The talks' mood
  - id: talks-jovial
    source: {WAPO}
    quote: >
      the atmosphere was jovial
      and very festive
    claim: The mood was festive.  # keep me
  - id: delegation
    source: {WAPO}
    quote: 'sitting between a four-man Taliban delegation'
"""


def test_cli_fix_then_second_run_is_a_no_op(project):
    path = project(REGISTRY)
    before = path.read_text(encoding="utf-8")
    done = run_cli("check", "--fix", cwd=project.root)
    assert "Fixed 1 quote in claims.yaml." in done.stderr, done.stdout + done.stderr
    after = path.read_text(encoding="utf-8")
    assert after != before
    data = yaml.safe_load(after)["claims"]
    assert words(data[0]["quote"]) == "the atmosphere was jovial and almost festive"
    assert data[1]["quote"] == "sitting between a four-man Taliban delegation"  # Q103: untouched
    assert "Q103" in done.stdout and "Q102" not in done.stdout
    assert "claim: The mood was festive.  # keep me" in after
    again = run_cli("check", "--fix", cwd=project.root)
    assert path.read_text(encoding="utf-8") == after
    assert "Fixed" not in again.stderr


def test_cli_diff_writes_nothing(project):
    path = project(REGISTRY)
    before = path.read_bytes()
    done = run_cli("check", "--diff", cwd=project.root)
    assert done.returncode == 1
    assert path.read_bytes() == before
    assert "--- a/claims.yaml" in done.stdout
    expected = "-      and very festive\n+      the atmosphere was jovial and almost festive\n"
    assert expected in done.stdout


def test_failed_write_leaves_the_old_file_whole(project, monkeypatch):
    path = project(REGISTRY)
    before = path.read_bytes()
    mode = 0o640
    os.chmod(path, mode)

    def refuse(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.chdir(project.root)
    monkeypatch.setattr(os, "replace", refuse)
    assert cli.main(["check", "--fix"]) == 2
    assert path.read_bytes() == before
    assert sorted(p.name for p in project.root.iterdir()) == [
        "claims.yaml",
        "seeds",
    ]  # no temp left
    monkeypatch.undo()
    monkeypatch.chdir(project.root)
    assert cli.main(["check", "--fix", "--select", "Q102"]) == 0
    assert path.read_bytes() != before
    assert path.stat().st_mode & 0o777 == mode  # the file's mode is kept


# -- any replacement text reads back, in every style ------------------------------------------

ALPHABET = st.characters(
    codec="utf-8",
    categories=("L", "N", "P", "S", "Zs", "Cc"),
    include_characters="'\"\\:#,[]{}|>-?&*!%@` \t\n\r\u00a0\u2028\u0085\ufeff",
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(exact=st.text(ALPHABET, min_size=1, max_size=60), style=st.sampled_from(list(STYLES)))
def test_any_text_reads_back(tmp_path_factory, exact, style):
    assume(exact.strip() and "\x00" not in exact)
    tmp_path = tmp_path_factory.mktemp("prop")
    text = textwrap.dedent(STYLES[style]).lstrip("\n")
    path = tmp_path / "claims.yaml"
    path.write_text(text, encoding="utf-8")
    registry = load_registry(path, "claims.yaml")
    claim = next(c for c in registry.claims if c.id == "c")
    span = SourceSpan("src.txt", 1, 1, exact, 0, len(exact))
    d = all_rules()["Q102"].diagnostic("x", claim.at("quote"), claim="c", source=span)
    edits = plan_fixes(registry, [d], {})
    assert len(edits) == 1
    new = apply_edits(registry.text, edits)
    assert words(quote_of(new)) == words(exact.replace("\r", "\n"))
    assert new.endswith(text[text.index("  # after") :])


def test_one_unsafe_edit_does_not_change_the_others_style(tmp_path):
    (tmp_path / "src.txt").write_text(SOURCE, encoding="utf-8")
    path = tmp_path / "claims.yaml"
    path.write_text(
        "claims:\n"
        "  - {id: c, source: src.txt, quote: Lavrov said the talks}\n"
        "  - id: d\n"
        "    source: src.txt\n"
        "    quote: the atmosphere was jovial and very festive\n",
        encoding="utf-8",
    )
    registry = load_registry(path, "claims.yaml")
    diagnostics = [q102(registry, "c", "Lavrov said: the talks"), q102(registry, "d", EXACT)]
    new = apply_edits(registry.text, plan_fixes(registry, diagnostics, {"src.txt": SOURCE}))
    assert "quote: 'Lavrov said: the talks'}" in new
    assert f"    quote: {EXACT}\n" in new


def test_cli_fix_keeps_crlf_and_bom(project):
    path = project(REGISTRY)
    original = codecs.BOM_UTF8 + path.read_bytes().replace(b"\n", b"\r\n")
    path.write_bytes(original)
    done = run_cli("check", "--fix", cwd=project.root)
    assert "Fixed 1 quote" in done.stderr, done.stdout + done.stderr
    data = path.read_bytes()
    assert data.startswith(codecs.BOM_UTF8) and not data[3:].startswith(codecs.BOM_UTF8)
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert words(yaml.safe_load(data.decode("utf-8-sig"))["claims"][0]["quote"]) == EXACT

    def outside_quote(raw: bytes) -> list[bytes]:  # the folded body is the 6-space lines
        return [line for line in raw.split(b"\r\n") if not line.startswith(b" " * 6)]

    assert outside_quote(data) == outside_quote(original)
