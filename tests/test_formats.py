"""The CI formats: GitHub workflow commands, SARIF 2.1.0 and GitLab Code Quality.

Rendering is checked on hand-built results (to reach hostile text and exact
fields) and end to end through the real CLI on the real seeds.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import WAPO, run_cli
from conftest import validate_sarif as validate

from linter.checker import CheckResult
from linter.diagnostics import Diagnostic, Location, Severity, SourceSpan
from linter.formatters import get
from linter.formatters.github import escape_data, escape_property
from linter.rules import all_rules

HOSTILE = "quote: a%0Ab\r\n::error file=x::injected\n::stop-commands::tok, key: v%"


def diag(
    code: str,
    line: int,
    *,
    claim: str | None = "talks-jovial",
    message: str = "quote differs",
    path: str = "claims.yaml",
    source_text: str | None = "the atmosphere was jovial and almost festive",
    cited: str = WAPO,
) -> Diagnostic:
    rule = all_rules()[code]
    source = (
        SourceSpan(WAPO, 7, 12, source_text, 100, 100 + len(source_text))
        if source_text is not None
        else None
    )
    return rule.diagnostic(
        message,
        Location(path, line, 12),
        claim=claim,
        source=source,
        score=0.93 if source else None,
        diff="very -> almost" if source else None,
        cited=cited if claim else None,
    )


def result_of(*diagnostics: Diagnostic, root: Path = Path("/repo")) -> CheckResult:
    return CheckResult(
        diagnostics=sorted(diagnostics, key=Diagnostic.sort_key),
        registry_display="claims.yaml",
        root=root,
        claims=3,
        sources=5,
    )


# -- GitHub workflow commands ------------------------------------------------

COMMAND = re.compile(r"^::(?P<cmd>error|warning|notice) (?P<props>[^:]*)::(?P<msg>.*)$")


def unescape(text: str) -> str:
    """The runner's unescaping (actions/runner ActionCommand.Unescape)."""
    for escaped, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(escaped, char)
    return text


def parse_commands(output: str) -> list[dict]:
    commands = []
    for line in output.split("\n"):
        match = COMMAND.match(line)
        if match is None:
            assert not line.startswith("::"), f"stray command line: {line!r}"
            continue
        props = dict(part.split("=", 1) for part in match["props"].split(","))
        commands.append(
            {
                "cmd": match["cmd"],
                **{key: unescape(value) for key, value in props.items()},
                "message": unescape(match["msg"]),
            }
        )
    return commands


def test_escaping_matches_the_toolkit():
    assert escape_data("100%\r\nnext") == "100%25%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_github_commands_round_trip():
    d1 = diag("Q102", 4)
    d2 = diag("Q103", 9, claim="delegation", message="quote changes the meaning: 5 -> 4")
    d3 = diag("R101", 1, claim=None, message="invalid YAML", source_text=None)
    output = get("github")(result_of(d1, d2, d3))
    commands = parse_commands(output)
    assert [(c["cmd"], c["file"], c["line"], c["col"]) for c in commands] == [
        ("error", "claims.yaml", "1", "12"),
        ("warning", "claims.yaml", "4", "12"),
        ("error", "claims.yaml", "9", "12"),
    ]
    assert commands[1]["title"] == "Q102 quote-inexact (talks-jovial)"
    assert commands[1]["message"].splitlines() == [
        "quote differs",
        f"source {WAPO}:7:12: the atmosphere was jovial and almost festive",
        "diff: very -> almost",
    ]
    assert output.rstrip("\n").split("\n")[-1].startswith("Found 3 problems")


def test_github_output_cannot_be_injected():
    hostile = diag(
        "Q102",
        4,
        claim="id,with:colon",
        message=HOSTILE,
        path="dir,x/claims:1.yaml",
        source_text=HOSTILE,
    )
    output = get("github")(result_of(hostile))
    lines = output.rstrip("\n").split("\n")
    assert len(lines) == 2  # one command and the summary: no line break survived
    (command,) = parse_commands(output)
    assert command["file"] == "dir,x/claims:1.yaml"
    assert command["title"] == "Q102 quote-inexact (id,with:colon)"
    # The message comes back whole, with its line breaks (control characters made visible).
    assert command["message"].startswith("quote: a%0Ab\\x0d\n::error file=x::injected\n")
    assert "::stop-commands::tok, key: v%" in command["message"]


def test_github_severity_mapping_and_absolute_paths():
    d = replace(diag("Q102", 3, path="/repo/sub/claims.yaml"), severity=Severity.INFO)
    (command,) = parse_commands(get("github")(result_of(d)))
    assert (command["cmd"], command["file"]) == ("notice", "sub/claims.yaml")


# -- SARIF ---------------------------------------------------------------------


def test_sarif_is_valid_and_complete(sarif_validator):
    d1 = diag("Q102", 4)
    d2 = diag("R101", 1, claim=None, message="invalid YAML", source_text=None)
    log = json.loads(get("sarif")(result_of(d1, d2, root=Path("/work/repo"))))
    validate(sarif_validator, log)
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "claimlint"
    rules = {r["id"]: r for r in driver["rules"]}
    assert set(rules) == set(all_rules())
    q102 = rules["Q102"]
    assert q102["name"] == "quote-inexact"
    assert q102["defaultConfiguration"] == {"level": "warning"}
    assert q102["shortDescription"]["text"] == all_rules()["Q102"].summary
    assert "Fails:" in q102["fullDescription"]["text"]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == "file:///work/repo/"
    by_rule = {r["ruleId"]: r for r in run["results"]}
    result = by_rule["Q102"]
    assert driver["rules"][result["ruleIndex"]]["id"] == "Q102"
    assert result["level"] == "warning"
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "claims.yaml", "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {"startLine": 4, "startColumn": 12}
    related = result["relatedLocations"][0]["physicalLocation"]
    assert related["artifactLocation"]["uri"] == WAPO
    assert related["region"]["snippet"]["text"].startswith("the atmosphere")
    assert len(result["partialFingerprints"]["claimlint/v1"]) == 64
    assert by_rule["R101"]["level"] == "error"
    assert "relatedLocations" not in by_rule["R101"]


def test_sarif_hostile_text_stays_valid(sarif_validator):
    d = diag(
        "Q102", 4, claim="a b", message=HOSTILE, path="my dir/claims #1.yaml", source_text=HOSTILE
    )
    text = get("sarif")(result_of(d))
    log = json.loads(text)
    validate(sarif_validator, log)
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"][
        "uri"
    ]
    assert uri == "my%20dir/claims%20%231.yaml"
    assert log["runs"][0]["results"][0]["message"]["text"].startswith(HOSTILE)


def fingerprints_by_claim(log: dict) -> dict[str, str]:
    return {
        r["locations"][0]["logicalLocations"][0]["name"]: r["partialFingerprints"]["claimlint/v1"]
        for r in log["runs"][0]["results"]
    }


def test_fingerprints_survive_moves_and_differ_by_claim():
    before = result_of(diag("Q102", 4, claim="a"), diag("Q102", 9, claim="b"))
    after = result_of(diag("Q102", 30, claim="b"), diag("Q102", 12, claim="a"))  # reordered
    fp_before = fingerprints_by_claim(json.loads(get("sarif")(before)))
    fp_after = fingerprints_by_claim(json.loads(get("sarif")(after)))
    assert fp_before == fp_after
    assert fp_before["a"] != fp_before["b"]
    other_source = result_of(diag("Q102", 4, claim="a", cited="seeds/other.txt"))
    assert fingerprints_by_claim(json.loads(get("sarif")(other_source)))["a"] != fp_before["a"]


def test_repeated_identity_gets_distinct_fingerprints():
    twice = result_of(diag("R105", 4, claim="a"), diag("R105", 5, claim="a"))
    log = json.loads(get("sarif")(twice))
    fps = [r["partialFingerprints"]["claimlint/v1"] for r in log["runs"][0]["results"]]
    assert len(set(fps)) == 2


# -- GitLab Code Quality ---------------------------------------------------------------


def test_gitlab_code_quality_shape():
    d1 = diag("Q102", 4)
    d2 = diag("Q103", 9, claim="other")
    issues = json.loads(get("gitlab")(result_of(d1, d2, root=Path("/repo"))))
    assert len(issues) == 2
    for issue in issues:
        assert set(issue) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert issue["location"]["path"] == "claims.yaml"
        assert isinstance(issue["location"]["lines"]["begin"], int)
    assert [(i["check_name"], i["severity"]) for i in issues] == [
        ("Q102", "minor"),
        ("Q103", "major"),
    ]
    assert issues[0]["description"].startswith("Q102 quote-inexact: quote differs")
    sarif = json.loads(get("sarif")(result_of(d1, d2, root=Path("/repo"))))
    assert [i["fingerprint"] for i in issues] == [
        r["partialFingerprints"]["claimlint/v1"] for r in sarif["runs"][0]["results"]
    ]


def test_empty_results():
    empty = result_of()
    assert json.loads(get("gitlab")(empty)) == []
    assert parse_commands(get("github")(empty)) == []
    assert json.loads(get("sarif")(empty))["runs"][0]["results"] == []


# -- end to end through the CLI ------------------------------------------------------------

INEXACT = f"""
claims:
  - id: talks-jovial
    source: {WAPO}
    quote: the atmosphere was jovial and very festive
"""


@pytest.mark.parametrize("fmt", ["github", "sarif", "gitlab"])
def test_cli_formats(project, fmt, sarif_validator):
    project(INEXACT)
    out = project.root / f"out.{fmt}"
    done = run_cli("check", "--format", fmt, "-o", str(out), cwd=project.root)
    assert done.returncode == 1, done.stderr
    text = out.read_text(encoding="utf-8")
    if fmt == "github":
        (command,) = parse_commands(text)
        assert (command["cmd"], command["file"], command["line"]) == ("warning", "claims.yaml", "4")
        assert "almost festive" in command["message"]
    elif fmt == "sarif":
        log = json.loads(text)
        validate(sarif_validator, log)
        (result,) = log["runs"][0]["results"]
        assert result["ruleId"] == "Q102"
        assert result["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"] == WAPO
    else:
        (issue,) = json.loads(text)
        assert (issue["check_name"], issue["location"]["lines"]["begin"]) == ("Q102", 4)
