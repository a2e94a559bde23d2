"""What ruff and yamllint users expect, through the real CLI: quiet clean runs,
concise output, colour and progress on a terminal only (a real pseudo-terminal),
claimlint.toml, and a first claim written with ``claimlint add``."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import struct
import subprocess
import sys
import termios
from pathlib import Path

from conftest import REPO, WAPO, WSJ, run_cli

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")

ACKNOWLEDGED = f"""
topics:
  countries:
    kind: count
    acknowledged:
      values: [11, 7]
      reason: the Post counts the countries invited, the Journal those attending
claims:
  - id: countries-wapo
    source: {WAPO}
    quote: attended by representatives of 11 countries
    topic: countries
  - id: countries-wsj
    source: {WSJ}
    quote: representatives from seven nations
    topic: countries
"""

CONFLICT = ACKNOWLEDGED.replace("      values: [11, 7]\n", "      values: [11, 8]\n")

ALTERED = f"""
claims:
  - id: delegation-wapo
    source: {WAPO}
    quote: sitting between a four-man Taliban delegation and four members of Afghanistan's
"""

INEXACT = f"""
claims:
  - id: delegation-wapo
    source: {WAPO}
    quote: sitting between a five-man Taliban delegaton
"""


def _env(**changes: str | None) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    for name in ("NO_COLOR", "FORCE_COLOR"):
        env.pop(name, None)
    env.update({k: v for k, v in changes.items() if v is not None})
    return env


def run_pty(*args: str, cwd: Path, stdout_tty: bool = True, stderr_tty: bool = False, **env):
    """Run the CLI with standard output and/or error on a real pseudo-terminal (80 columns).

    Returns (what the terminal showed, the piped stream's text, exit code).
    """
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    proc = subprocess.Popen(
        [sys.executable, "-m", "linter", *args],
        cwd=cwd,
        env=_env(TERM="xterm", **env),
        stdin=subprocess.DEVNULL,
        stdout=slave if stdout_tty else subprocess.PIPE,
        stderr=slave if stderr_tty else subprocess.PIPE,
    )
    os.close(slave)
    shown = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: every writer has closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    os.close(master)
    piped = (proc.stderr if stdout_tty else proc.stdout).read()
    code = proc.wait(timeout=120)
    return shown.decode("utf-8"), piped.decode("utf-8"), code


# -- text output ----------------------------------------------------------------


def test_infos_are_counted_but_shown_only_when_asked(project):
    project(ACKNOWLEDGED)
    quiet = run_cli("check", cwd=project.root)
    assert quiet.returncode == 0
    assert quiet.stdout == (
        "All checks passed: 2 claims in claims.yaml (2 infos, shown with --show-infos).\n"
    )
    for flag in ("--show-infos", "-v"):
        shown = run_cli("check", flag, cwd=project.root)
        assert shown.returncode == 0
        assert shown.stdout.count("F101 [info] fact-conflict: acknowledged") == 2
        assert shown.stdout.endswith("All checks passed: 2 claims in claims.yaml (2 infos).\n")


def test_quiet_prints_nothing_on_a_clean_run_and_only_problems_otherwise(project):
    project(ACKNOWLEDGED)
    clean = run_cli("check", "-q", cwd=project.root)
    assert (clean.returncode, clean.stdout, clean.stderr) == (0, "", "")
    project(ALTERED)
    failing = run_cli("check", "--quiet", cwd=project.root)
    assert failing.returncode == 1
    assert "Q103" in failing.stdout
    assert "Found" not in failing.stdout


def test_concise_is_one_line_a_problem_and_format_is_an_alias(project):
    project(CONFLICT)
    for option in ("--output-format", "--format"):
        result = run_cli("check", option, "concise", cwd=project.root)
        assert result.returncode == 1
        lines = result.stdout.splitlines()
        assert len(lines) == 3, result.stdout
        assert all(line.startswith("claims.yaml:") for line in lines[:2])
        assert " F101 [error] " in lines[0]
        assert lines[2].startswith("Found 2 problems (2 errors)")
    full = run_cli("check", "--output-format", "full", cwd=project.root)
    assert full.stdout == run_cli("check", "--format", "text", cwd=project.root).stdout


def test_full_output_is_readable_at_80_columns_and_never_splits_a_location(project):
    project(CONFLICT)
    long = run_cli("check", cwd=project.root)
    project(ALTERED)
    diff = run_cli("check", cwd=project.root)
    for result in (long, diff):
        lines = result.stdout.splitlines()
        assert lines, result.stderr
        for line in lines:
            if re.match(r"claims\.yaml:\d+:\d+: ", line):
                continue  # a location line: the location itself is never wrapped
            assert len(line) <= 80, line
        locations = [line for line in lines if re.match(r"claims\.yaml:\d+:\d+: [A-Z]\d{3} ", line)]
        assert all(len(line) <= 80 for line in locations)
    assert sum(line.startswith("claims.yaml:") for line in long.stdout.splitlines()) == 2
    wrapped = long.stdout.splitlines()
    assert len(wrapped) > 3  # the 300-character messages went under their location
    assert "    diff: " in diff.stdout
    assert "[-five-man-] {+four-man+}" in diff.stdout  # a change marker is never split


def test_statistics_count_per_code(project):
    project(CONFLICT)
    result = run_cli("check", "--statistics", cwd=project.root)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == "2\tF101\tfact-conflict"
    assert "claims.yaml:" not in result.stdout
    assert run_cli("check", "--statistics", "-q", cwd=project.root).stdout == (
        "2\tF101\tfact-conflict\n"
    )
    mixed = run_cli("check", "--statistics", "--format", "json", cwd=project.root)
    assert mixed.returncode == 2
    assert "--statistics prints text" in mixed.stderr


def test_colour_on_a_terminal_only(project, tmp_path):
    project(ALTERED)
    shown, _, code = run_pty("check", cwd=project.root)
    assert code == 1
    assert "\x1b[1;31mQ103\x1b[0m" in shown  # errors in red, as ruff prints them
    assert "\x1b[31m[-five-man-]\x1b[0m" in shown
    plain = ANSI.sub("", shown).replace("\r\n", "\n")
    assert plain == run_cli("check", cwd=project.root).stdout
    no_color, _, _ = run_pty("check", cwd=project.root, NO_COLOR="1")
    assert "\x1b[" not in no_color
    piped = subprocess.run(
        [sys.executable, "-m", "linter", "check"],
        cwd=project.root,
        env=_env(),
        capture_output=True,
        text=True,
    )
    assert "\x1b[" not in piped.stdout
    forced = subprocess.run(
        [sys.executable, "-m", "linter", "check"],
        cwd=project.root,
        env=_env(FORCE_COLOR="1"),
        capture_output=True,
        text=True,
    )
    assert "\x1b[1;31mQ103" in forced.stdout  # FORCE_COLOR: colour in a CI log's pipe
    out = tmp_path / "out.txt"
    shown, _, _ = run_pty("check", "-o", str(out), cwd=project.root, FORCE_COLOR="1")
    assert "\x1b[" not in out.read_text(encoding="utf-8")  # never in a file


def test_progress_on_a_terminal_only(project):
    project(ACKNOWLEDGED)
    shown, stdout, code = run_pty("check", cwd=project.root, stdout_tty=False, stderr_tty=True)
    assert code == 0
    assert "documents read" in shown and "checking 2 claims" in shown
    assert "2/2 claims checked" in shown
    assert shown.endswith("\r\x1b[2K")  # the status line is cleared at the end
    assert stdout.startswith("All checks passed")
    piped = run_cli("check", cwd=project.root)
    assert piped.stderr == ""


# -- configuration --------------------------------------------------------------


def test_claimlint_toml_is_found_walking_up(project):
    project(ALTERED)
    (project.root / "claimlint.toml").write_text('ignore = ["Q103"]\n', encoding="utf-8")
    sub = project.root / "notes"
    sub.mkdir()
    result = run_cli("check", cwd=sub)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("All checks passed: 1 claim in ")
    assert result.stdout.endswith(f"{project.root / 'claims.yaml'}.\n")


def test_dot_claimlint_toml_through_config_is_honoured(project):
    # The case: top-level keys in .claimlint.toml were silently ignored.
    project(ALTERED)
    (project.root / ".claimlint.toml").write_text('ignore = ["Q"]\n', encoding="utf-8")
    (project.root / "pyproject.toml").write_text(
        '[tool.claimlint]\nselect = ["S"]\nthreshold = 0.9\n', encoding="utf-8"
    )
    result = run_cli("check", "--config", ".claimlint.toml", "--show-settings", cwd=project.root)
    assert 'ignore = ["Q"]' in result.stdout and "threshold = 0.8" in result.stdout
    assert run_cli("check", "--config", ".claimlint.toml", cwd=project.root).returncode == 0
    # In one folder .claimlint.toml wins over pyproject.toml, as .ruff.toml does.
    shown = run_cli("check", "--show-settings", cwd=project.root)
    assert shown.stdout.startswith(f"# settings from {project.root / '.claimlint.toml'}")


def test_misplaced_or_unknown_configuration_is_an_error(project):
    project(ALTERED)
    root = project.root
    (root / "claimlint.toml").write_text('[tool.claimlint]\nignore = ["Q"]\n', encoding="utf-8")
    result = run_cli("check", cwd=root)
    assert result.returncode == 2
    assert "write the keys at the top level" in result.stderr
    (root / "claimlint.toml").unlink()
    (root / "other.toml").write_text('[tool.claimlint]\nignore = ["Q"]\n', encoding="utf-8")
    (root / "settings.yaml").write_text("ignore: [Q]\n", encoding="utf-8")
    (root / "pyproject.toml").write_text('ignore = ["Q"]\n', encoding="utf-8")
    cases = {
        "settings.yaml": "not a claimlint configuration",
        "missing.toml": "no such file",
        "pyproject.toml": "no [tool.claimlint] table; move ignore into [tool.claimlint]",
        "other.toml": "write the keys at the top level",
    }
    for name, message in cases.items():
        result = run_cli("check", "--config", name, cwd=root)
        assert result.returncode == 2, name
        assert message in result.stderr, (name, result.stderr)
        assert "Traceback" not in result.stderr
    (root / "claimlint.toml").write_text("fail-on = 'info'\n", encoding="utf-8")
    result = run_cli("check", cwd=root)
    assert result.returncode == 2
    assert "fail-on must be one of error, warning" in result.stderr


def test_extend_select_and_extend_ignore(project):
    project(ALTERED)
    (project.root / "claimlint.toml").write_text(
        'select = ["S"]\nextend-select = ["Q1"]\n', encoding="utf-8"
    )
    assert run_cli("check", cwd=project.root).returncode == 1
    assert run_cli("check", "--extend-ignore", "Q103", cwd=project.root).returncode == 0
    result = run_cli("check", "--extend-select", "Z9", cwd=project.root)
    assert result.returncode == 2
    assert "extend-select: 'Z9' matches no rule code" in result.stderr


def test_fail_on(project):
    project(INEXACT)
    warned = run_cli("check", cwd=project.root)
    assert warned.returncode == 1  # the default: warnings fail
    assert "Q102 [warning]" in warned.stdout
    lenient = run_cli("check", "--fail-on", "error", cwd=project.root)
    assert lenient.returncode == 0
    assert "Found 1 problem (1 warning)" in lenient.stdout
    (project.root / "claimlint.toml").write_text('fail-on = "error"\n', encoding="utf-8")
    assert run_cli("check", cwd=project.root).returncode == 0
    assert run_cli("check", "--fail-on", "warning", cwd=project.root).returncode == 1
    project(ALTERED)
    assert run_cli("check", cwd=project.root).returncode == 1


def test_show_settings(project):
    project(ALTERED)
    (project.root / "claimlint.toml").write_text("threshold = 0.9\n", encoding="utf-8")
    result = run_cli("check", "--show-settings", "--ignore", "Q", cwd=project.root)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0] == f"# settings from {project.root / 'claimlint.toml'}"
    assert {"threshold = 0.9", 'ignore = ["Q"]', 'fail-on = "warning"'} <= set(lines)


# -- the rest ---------------------------------------------------------------------


def test_rule_docs_are_plain_text():
    for code in ("Q103", "Q102", "R102", "F101"):
        result = run_cli("rule", code, cwd=REPO)
        assert result.returncode == 0
        assert "``" not in result.stdout, code


def test_schema_command_prints_the_shipped_schema():
    result = run_cli("schema", cwd=REPO)
    assert result.returncode == 0
    shipped = (REPO / "linter" / "registry.schema.json").read_text(encoding="utf-8")
    assert result.stdout == shipped
    assert json.loads(result.stdout)["$defs"]["claim"]["required"] == ["id", "source", "quote"]


# -- a first claim: init and add -------------------------------------------------


def test_init_then_add_a_passing_and_a_refused_claim(project):
    root = project.root  # holds the seeds, no registry yet
    result = run_cli("init", cwd=root)
    assert result.returncode == 0, result.stderr
    registry = root / "claims.yaml"
    text = registry.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=claims.schema.json\n")
    assert json.loads((root / "claims.schema.json").read_text()) == json.loads(
        (REPO / "linter" / "registry.schema.json").read_text()
    )
    assert run_cli("check", cwd=root).stdout == "All checks passed: 0 claims in claims.yaml.\n"
    shown = run_cli("check", "--show-settings", cwd=root).stdout
    assert shown.startswith(f"# settings from {root / 'claimlint.toml'}")
    again = run_cli("init", cwd=root)
    assert again.returncode == 2
    assert "writes nothing over an existing file" in again.stderr

    # Straight quotes and a plain hyphen for the source's curly apostrophe: found anyway.
    added = run_cli(
        "add", WAPO, "a five-man Taliban delegation and four members of Afghanistan's", cwd=root
    )
    assert added.returncode == 0, added.stderr
    assert added.stdout.splitlines()[0] == (
        f'{WAPO}:11:204: "a five-man Taliban delegation and four members of Afghanistan’s"'
    )
    assert "Added claim 'a-five-man-taliban-delegation-and-four' to claims.yaml." in added.stdout
    text = registry.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=claims.schema.json\n# Each claim")
    assert run_cli("check", cwd=root).returncode == 0

    # An ellipsis: each piece is written with the source's words.
    added = run_cli(
        "add",
        WSJ,
        "Russia convened Taliban officials … from seven nations",
        "--id",
        "convened",
        cwd=root,
    )
    assert added.returncode == 0, added.stderr
    assert '"Russia convened Taliban officials ... from seven nations"' in added.stdout

    # A changed number is never written: that needs a person.
    before = registry.read_bytes()
    refused = run_cli("add", WAPO, "a four-man Taliban delegation", cwd=root)
    assert refused.returncode == 1
    assert "change a number or a negation" in refused.stderr
    assert "five-man" in refused.stderr
    missing = run_cli("add", WAPO, "the moon is made of green cheese", cwd=root)
    assert missing.returncode == 1
    assert "not in " + WAPO in missing.stderr
    assert registry.read_bytes() == before
    assert sorted(p.name for p in root.iterdir()) == [
        "claimlint.toml",
        "claims.schema.json",
        "claims.yaml",
        "seeds",
    ]  # no temporary file left behind

    result = run_cli("check", "--output-format", "json", cwd=root)
    ids = [d["claim"] for d in json.loads(result.stdout)["diagnostics"]]
    assert result.returncode == 0 and ids == []
    reread = __import__("yaml").safe_load(registry.read_text(encoding="utf-8"))
    assert [c["id"] for c in reread["claims"]] == [
        "a-five-man-taliban-delegation-and-four",
        "convened",
    ]


def test_add_keeps_the_registry_layout_and_checks_its_arguments(project):
    path = project(
        f"""
        # our claims
        claims:
        - id: delegation   # first
          source: {WAPO}
          quote: sitting between a five-man Taliban delegation
        topics:
          countries:
            kind: count
        """
    )
    root = project.root
    result = run_cli(
        "add", WSJ, "representatives from seven nations", "--topic", "countries", cwd=root
    )
    assert result.returncode == 0, result.stderr
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# our claims\nclaims:\n- id: delegation   # first\n")
    assert (
        "  quote: sitting between a five-man Taliban delegation\n"
        "- id: representatives-from-seven-nations\n"
        f"  source: {WSJ}\n"
        "  quote: representatives from seven nations\n"
        "  topic: countries\n"
        "topics:\n"
    ) in text
    before = path.read_bytes()
    for args, message in (
        (("--id", "delegation"), "--id 'delegation' is already used"),
        (("--id", "Bad Id"), "must be a lower-case slug such as 'bad-id'"),
        (("--topic", "countrys"), "topic 'countrys' is not declared under 'topics:'"),
    ):
        result = run_cli("add", WSJ, "representatives from seven nations", *args, cwd=root)
        assert result.returncode == 2, args
        assert message in result.stderr
    result = run_cli("add", "seeds/nope.txt", "words", cwd=root)
    assert result.returncode == 2
    assert "does not exist" in result.stderr
    assert path.read_bytes() == before
    assert "Traceback" not in result.stderr


def test_verifying_in_progress_chunks_gives_the_same_verdicts(project, monkeypatch):
    from linter import context as context_module
    from linter.config import Config
    from linter.corpus import load_corpus
    from linter.registry import load_registry

    path = project(ACKNOWLEDGED + ALTERED.replace("claims:\n", ""))
    registry = load_registry(path)
    assert len(registry.claims) == 3

    def verdicts(on_verified):
        config = Config(cache=False)
        ctx = context_module.Context(registry, load_corpus(registry, config), config)
        ctx.on_verified = on_verified
        return [ctx.verdict(claim) for claim in registry.claims]

    whole = verdicts(None)
    monkeypatch.setattr(context_module, "PROGRESS_CHUNK", 1)
    told = []
    assert verdicts(lambda done, total: told.append((done, total))) == whole
    assert told == [(1, 3), (2, 3), (3, 3)]
    assert [v.outcome.value for v in whole] == ["verbatim", "verbatim", "meaning-changed"]


def test_add_keeps_bom_and_crlf_and_refuses_a_flow_list(project):
    path = project("claims: []\n")
    path.write_bytes(
        b"\xef\xbb\xbfclaims:\r\n  - id: a\r\n    source: " + WAPO.encode() + b"\r\n"
        b"    quote: sitting between\r\n"
    )
    result = run_cli("add", WAPO, "a five-man Taliban delegation", cwd=project.root)
    assert result.returncode == 0, result.stderr
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfclaims:\r\n") and data.count(b"\xef\xbb\xbf") == 1
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert data.endswith(b"    quote: a five-man Taliban delegation\r\n")
    assert run_cli("check", cwd=project.root).returncode == 0
    flow = f"claims: [{{id: a, source: {WAPO}, quote: sitting between}}]\n"
    path.write_text(flow, encoding="utf-8")
    result = run_cli("add", WAPO, "a five-man Taliban delegation", cwd=project.root)
    assert result.returncode == 2
    assert "is a flow list" in result.stderr
    assert path.read_text(encoding="utf-8") == flow
