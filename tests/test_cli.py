"""The command line, driven for real through ``python -m linter``."""

from __future__ import annotations

import json

import pytest
from conftest import CARNEGIE, WAPO, WSJ, run_cli

GOOD = f"""
claims:
  - id: delegation-wapo
    source: {WAPO}
    quote: >-
      sitting between a five-man Taliban delegation and four members of Afghanistan's
      High Peace Council
"""

ALTERED = f"""
claims:
  - id: delegation-wapo
    source: {WAPO}
    quote: sitting between a four-man Taliban delegation and four members of Afghanistan's
"""


def test_clean_registry_exits_zero(project):
    project(GOOD)
    result = run_cli("check", cwd=project.root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "All checks passed: 1 claim in claims.yaml." in result.stdout


def test_changed_number_is_located_at_the_quote_value(project):
    project(ALTERED)
    result = run_cli("check", cwd=project.root)
    assert result.returncode == 1
    first = result.stdout.splitlines()[0]
    assert first.startswith("claims.yaml:4:12: Q103 [error] quote-meaning-changed: ")
    assert f"source {WAPO}:" in result.stdout
    assert "Found 1 problem (1 error) in 1 claim of claims.yaml." in result.stdout


def test_json_shape(project):
    project(ALTERED)
    result = run_cli("check", "--format", "json", cwd=project.root)
    assert result.returncode == 1
    payload = json.loads(result.stdout)
    assert payload["version"] == 1
    assert payload["summary"]["errors"] == 1
    (d,) = payload["diagnostics"]
    assert set(d) >= {"code", "name", "severity", "claim", "path", "line", "column", "message"}
    assert set(d) >= {"source", "score"}
    assert (d["code"], d["name"], d["severity"], d["claim"]) == (
        "Q103",
        "quote-meaning-changed",
        "error",
        "delegation-wapo",
    )
    assert (d["path"], d["line"], d["column"]) == ("claims.yaml", 4, 12)
    assert d["source"]["path"] == WAPO
    assert "five-man" in d["source"]["text"]
    assert 0 < d["score"] < 1


def test_registry_left_untouched(project):
    path = project(ALTERED)
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    for fmt in ("text", "json"):
        run_cli("check", "--format", fmt, cwd=project.root)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_missing_registry_is_a_usage_error(tmp_path):
    result = run_cli("check", cwd=tmp_path)
    assert result.returncode == 2
    assert "claims.yaml" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_select_code_is_a_usage_error(project):
    project(GOOD)
    result = run_cli("check", "--select", "Z999", cwd=project.root)
    assert result.returncode == 2
    assert "'Z999' matches no rule code" in result.stderr


def test_select_and_ignore_and_exit_zero(project):
    project(ALTERED)
    assert run_cli("check", "--select", "S", cwd=project.root).returncode == 0
    assert run_cli("check", "--ignore", "Q103", cwd=project.root).returncode == 0
    assert run_cli("check", "--select", "Q1", cwd=project.root).returncode == 1
    result = run_cli("check", "--exit-zero", cwd=project.root)
    assert result.returncode == 0
    assert "Q103" in result.stdout


def test_pyproject_settings(project):
    project(ALTERED, name="facts.yaml")
    (project.root / "pyproject.toml").write_text(
        '[tool.claimlint]\nregistry = "facts.yaml"\nignore = ["Q103"]\n', encoding="utf-8"
    )
    result = run_cli("check", cwd=project.root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "facts.yaml" in result.stdout


def test_pyproject_unknown_key_has_did_you_mean(project):
    project(GOOD)
    (project.root / "pyproject.toml").write_text(
        "[tool.claimlint]\nthreshhold = 0.9\n", encoding="utf-8"
    )
    result = run_cli("check", cwd=project.root)
    assert result.returncode == 2
    assert "did you mean 'threshold'?" in result.stderr


def test_bad_threshold_is_a_usage_error(project):
    project(GOOD)
    result = run_cli("check", "--threshold", "7", cwd=project.root)
    assert result.returncode == 2
    assert "between 0 and 1" in result.stderr


def test_rules_and_rule_docs():
    result = run_cli("rules", cwd=REPO_ROOT)
    assert result.returncode == 0
    for code in ("Q101", "Q102", "Q103", "Q104", "S101", "S102", "S103", "R101", "R105"):
        assert code in result.stdout
    doc = run_cli("rule", "Q103", cwd=REPO_ROOT)
    assert doc.returncode == 0
    assert doc.stdout.startswith("Q103 quote-meaning-changed (default severity: error)")
    assert "Passes:" in doc.stdout and "Fails:" in doc.stdout
    by_name = run_cli("rule", "quote-meaning-changed", cwd=REPO_ROOT)
    assert by_name.stdout == doc.stdout
    unknown = run_cli("rule", "Q130", cwd=REPO_ROOT)
    assert unknown.returncode == 2
    assert "did you mean" in unknown.stderr


def test_every_rule_documents_a_passing_and_failing_example():
    from linter.rules import all_rules

    for rule in all_rules().values():
        assert "Passes:" in rule.doc and "Fails:" in rule.doc, rule.code
        assert rule.name == rule.name.lower() and " " not in rule.name


def test_source_problems_are_located_at_the_source_value(project):
    project(
        """
        claims:
          - id: missing
            source: seeds/nope.txt
            quote: anything at all here
          - id: outside
            source: ../outside.txt
            quote: anything at all here
          - id: binary
            source: seeds/blob.txt
            quote: anything at all here
        """
    )
    (project.root / "seeds" / "blob.txt").write_bytes(b"\x00\x01\x02binary")
    result = run_cli("check", "--format", "json", cwd=project.root)
    assert result.returncode == 1
    found = {(d["code"], d["line"], d["column"]) for d in json.loads(result.stdout)["diagnostics"]}
    assert found == {("S101", 3, 13), ("S102", 6, 13), ("S103", 9, 13)}


def test_symlink_out_of_the_root_is_refused(project, tmp_path_factory):
    outside = tmp_path_factory.mktemp("elsewhere") / "secret.txt"
    outside.write_text("the secret text of another folder", encoding="utf-8")
    (project.root / "seeds" / "link.txt").symlink_to(outside)
    project(
        """
        claims:
          - id: linked
            source: seeds/link.txt
            quote: the secret text of another folder
        """
    )
    result = run_cli("check", cwd=project.root)
    assert result.returncode == 1
    assert "S102" in result.stdout and "symbolic link" in result.stdout


def test_bom_and_crlf_sources_are_fine(project):
    (project.root / "seeds" / "crlf.txt").write_bytes(
        "\ufeffFirst line of a Windows file.\r\nSecond line, with more words.\r\n".encode()
    )
    project(
        """
        claims:
          - id: crlf
            source: seeds/crlf.txt
            quote: First line of a Windows file. Second line, with more words.
        """
    )
    result = run_cli("check", cwd=project.root)
    assert result.returncode == 0, result.stdout


def test_ignore_suppresses_and_unused_ignore_warns(project):
    project(
        f"""
        claims:
          - id: delegation-wapo
            source: {WAPO}
            quote: sitting between a four-man Taliban delegation
            ignore:
              Q103: testing suppression
          - id: lavrov-spelling
            source: {CARNEGIE}
            quote: Russian Foreign Minister Sergey Lavrov convened representatives
            ignore:
              Q102: nothing to suppress
        """
    )
    result = run_cli("check", "--format", "json", cwd=project.root)
    codes = [(d["code"], d["claim"], d["line"]) for d in json.loads(result.stdout)["diagnostics"]]
    assert codes == [("R105", "lavrov-spelling", 11)]
    assert result.returncode == 1


def test_control_characters_never_reach_the_terminal_raw(project):
    (project.root / "seeds" / "evil.txt").write_text(
        "Plain words then \x1b[31mred\x1b[0m and a bell \x07 here.", encoding="utf-8"
    )
    project(
        """
        claims:
          - id: evil
            source: seeds/evil.txt
            quote: "Plain words then \\e[31mred and a bell here and more"
        """
    )
    for fmt in ("text", "json"):
        result = run_cli("check", "--format", fmt, cwd=project.root)
        assert "\x1b" not in result.stdout and "\x07" not in result.stdout, fmt


def test_misattributed_quote_names_the_holder(project):
    project(
        f"""
        claims:
          - id: observers
            source: {WAPO}
            quote: The U.S. and India sent observers.
        """
    )
    result = run_cli("check", cwd=project.root)
    assert result.returncode == 1
    assert "Q104" in result.stdout and WSJ in result.stdout


def test_output_file(project):
    project(GOOD)
    out = project.root / "out.json"
    result = run_cli("check", "--format", "json", "-o", str(out), cwd=project.root)
    assert result.returncode == 0
    assert result.stdout == ""
    assert json.loads(out.read_text())["summary"]["claims"] == 1


def test_python_dash_m_and_no_command_runs_check(project):
    # --help calls check the default job, so a bare claimlint runs it.
    project(GOOD)
    result = run_cli(cwd=project.root)
    assert result.returncode == 0, result.stderr
    assert "All checks passed: 1 claim in claims.yaml." in result.stdout
    project(ALTERED)
    result = run_cli("--select", "Q", cwd=project.root)
    assert result.returncode == 1
    assert "Q103" in result.stdout


REPO_ROOT = __import__("conftest").REPO


def test_a_source_changed_during_the_check_is_a_clear_error(project, monkeypatch):
    """A document trusted by its signature is read only for a reported span; a file
    changed by then must not give wrong spans."""
    import time

    from linter.config import Config
    from linter.corpus import load_corpus
    from linter.errors import UsageError
    from linter.registry import load_registry

    monkeypatch.setenv("CLAIMLINT_CACHE_DIR", str(project.root / ".cache"))
    path = project(GOOD)
    registry = load_registry(path, "claims.yaml")
    time.sleep(2.1)  # a file read just after it was written is not trusted (coarse clocks)
    load_corpus(registry, Config())
    corpus = load_corpus(registry, Config())
    (project.root / WAPO).write_text("rewritten meanwhile, with other words", encoding="utf-8")
    with pytest.raises(UsageError, match="changed or vanished"):
        corpus.cited(WAPO).text  # noqa: B018
