"""Hostile and broken input (issue 16): one regression test per class, on real files.

No traceback, no destroyed file, no raw control character, no hang: each test
drives the real CLI (or the real module at the root of a fix) with the input
that once broke it.
"""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
import unicodedata
from pathlib import Path

import pytest

from linter import cache, escape, prescan, yamlsafe
from linter.corpus import load_corpus
from linter.errors import UsageError
from linter.registry import load_registry
from linter.text.verdict import Outcome
from linter.text.verify import QuoteMatcher
from tests.conftest import REPO, WAPO, run_cli
from tests.fuzz.cases import make_case
from tests.fuzz.oracle import fix_problem, unsafe_chars

QUOTE = "Moscow shows it's back in the great game"
GOOD = f"""
claims:
  - id: one
    source: {WAPO}
    quote: "{QUOTE}"
"""
HOSTILE = "\u202e\u2066\u200e\u200f\u061c\x85\x9b\x7f\x07\u200b\ufeff\u2028\U000e0041"


def _popen(args: list[str], cwd: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "linter", *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


# --- 4. one escaping policy --------------------------------------------------


def test_the_escaping_class_covers_every_control_and_format_character():
    missing = [
        f"U+{code:04X}"
        for code in range(0x110000)
        if unicodedata.category(chr(code)) in {"Cc", "Cf", "Cs", "Zl", "Zp"}
        and not escape.UNSAFE.match(chr(code))
    ]
    assert not missing


def test_json_escapes_read_back_as_the_original():
    raw = {"q": "a" + HOSTILE + "\udcff\U0001d173 b"}
    text = escape.safe_json(json.dumps(raw, ensure_ascii=False, indent=2))
    assert not unsafe_chars(text)
    assert json.loads(text) == raw


def test_no_raw_control_character_in_any_format(project):
    hostile_source = project.root / "seeds" / "hostile.txt"
    hostile_source.write_text(f"He said {HOSTILE} that 11 countries came.\n", encoding="utf-8")
    project(
        f"""
        claims:
          - id: bidi
            source: seeds/hostile.txt
            quote: "He said \\u202e\\u2066 that 12 countries came"
          - id: alm
            source: {WAPO}
            quote: "Moscow shows \\u061c\\x85 it's back in the great \\x9b game"
        """
    )
    runs = [["check", "--output-format", f] for f in ("full", "concise", "json", "github")]
    runs += [["check", "--output-format", f] for f in ("gitlab", "sarif")]
    runs += [["report", "--format", f] for f in ("markdown", "html", "json")]
    for args in runs:
        result = run_cli(*args, cwd=project.root)
        assert result.returncode in (0, 1), (args, result.stderr)
        assert not unsafe_chars(result.stdout), args
        assert not unsafe_chars(result.stderr), args


def test_messages_and_argument_errors_are_escaped(project):
    project(GOOD)
    result = run_cli("check", "--select", "Q\u202e1", cwd=project.root)
    assert result.returncode == 2
    assert "\u202e" not in result.stderr and "\\u202e" in result.stderr
    result = run_cli("check", "--output-format", "x\x1b[31m", cwd=project.root)
    assert result.returncode == 2 and "\x1b" not in result.stderr


# --- 2. -o never destroys a file ---------------------------------------------


@pytest.mark.parametrize("target", ["claims.yaml", WAPO, "claimlint.toml"])
def test_output_refuses_the_registry_settings_and_sources(project, target):
    project(GOOD)
    (project.root / "claimlint.toml").write_text("threshold = 0.8\n", encoding="utf-8")
    before = (project.root / target).read_bytes()
    result = run_cli("check", "-o", target, cwd=project.root)
    assert result.returncode == 2
    assert "will not overwrite" in result.stderr
    assert (project.root / target).read_bytes() == before


def test_output_refuses_a_source_of_a_registry_that_does_not_read(project):
    project(f"claims:\n  - id: one\n    source: {WAPO}\n    quote: [\n")
    before = (project.root / WAPO).read_bytes()
    result = run_cli("check", "-o", WAPO, cwd=project.root)
    assert result.returncode == 2
    assert (project.root / WAPO).read_bytes() == before


def test_output_writes_through_a_symlink(project):
    project(GOOD)
    (project.root / "link.json").symlink_to("target.json")
    result = run_cli("check", "--format", "json", "-o", "link.json", cwd=project.root)
    assert result.returncode == 0, result.stderr
    assert (project.root / "link.json").is_symlink()
    assert json.loads((project.root / "target.json").read_text())["summary"]["claims"] == 1


def test_output_into_a_fifo_writes_through_and_one_with_no_reader_is_refused(project):
    project(GOOD)
    fifo = project.root / "out.fifo"
    os.mkfifo(fifo)
    start = time.monotonic()
    result = run_cli("check", "-o", "out.fifo", cwd=project.root)
    assert result.returncode == 2 and "nothing reads" in result.stderr
    assert time.monotonic() - start < 30  # an error, not a wait for a reader
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        result = run_cli("check", "--format", "json", "-o", "out.fifo", cwd=project.root)
        assert result.returncode == 0, result.stderr
        assert json.loads(os.read(reader, 65536))["summary"]["claims"] == 1
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device needs root")
def test_output_onto_a_device_writes_into_it(project):
    project(GOOD)
    device = project.root / "null"
    os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # our own /dev/null
    result = run_cli("check", "-o", "null", cwd=project.root)
    assert result.returncode == 0, result.stderr
    assert stat.S_ISCHR(os.lstat(device).st_mode)


# --- 5. nothing blocks, nothing walks the file system ------------------------


@pytest.mark.parametrize("flag", ["--registry", "--config"])
def test_a_fifo_as_registry_or_settings_is_refused_not_waited_on(project, flag):
    project(GOOD)
    os.mkfifo(project.root / "pipe.toml")
    proc = _popen(["check", flag, "pipe.toml"], project.root)
    try:
        err = proc.communicate(timeout=30)[1]
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        pytest.fail(f"{flag} naming a FIFO blocked")
    assert proc.returncode == 2
    assert "regular file" in err


@pytest.mark.parametrize(
    ("pattern", "says"),
    [
        ("../*", "climbs out"),
        ("../../**", "climbs out"),
        ("seeds/**/..", "climbs out"),
        ("/etc/*", "absolute"),
        ("//x", "absolute"),
        ("a\\u0000b", "control character"),
        (".", "names no files"),
        ("", "names no files"),
        ("x/**y", "whole path component"),
    ],
)
def test_corpus_globs_outside_the_folder_are_refused(project, pattern, says):
    project(GOOD)
    (project.root / "claimlint.toml").write_text(f'corpus = ["{pattern}"]\n', encoding="utf-8")
    result = run_cli("check", cwd=project.root)
    assert result.returncode == 2
    assert "claimlint.toml" in result.stderr and "corpus" in result.stderr
    assert says in result.stderr


def test_repeated_double_stars_are_one(project):
    project(GOOD)
    (project.root / "claimlint.toml").write_text('corpus = ["**/**/**/**"]\n', encoding="utf-8")
    result = run_cli("check", "--show-settings", cwd=project.root)
    assert result.returncode == 0
    assert 'corpus = ["**"]' in result.stdout


def test_list_of_too_many_claims_is_refused_at_the_first_extra_one(monkeypatch):
    monkeypatch.setattr(yamlsafe, "MAX_ITEMS", 3)
    text = "claims:\n" + "".join(f"  - {{id: c{i}, source: s.txt, quote: q}}\n" for i in range(5))
    problems: list[yamlsafe.Problem] = []
    assert yamlsafe.compose(text, problems) is None
    assert [(p.line, p.column) for p in problems] == [(5, 5)]
    assert "more than 3 entries" in problems[0].message and "('claims')" in problems[0].message


# Every shape a top-level list or mapping can take, as (text with {n} entries).
_CROWDED = {
    "claims, block": lambda n: "claims:\n" + "".join(
        f"  - id: c{i}\n    source: s.txt\n    quote: q\n" for i in range(n)
    ),
    "claims, flow items": lambda n: "claims:\n" + "".join(
        f"  - {{id: c{i}, source: s.txt, quote: 'a, b'}}\n" for i in range(n)
    ),
    "claims, column 0": lambda n: "# r\n---\nclaims:\n" + "".join(
        f"- id: c{i}\n  source: s.txt\n  quote: q\n" for i in range(n)
    ),
    "claims, flow list": lambda n: "claims: [\n" + "".join(
        f"  {{id: c{i}, source: s.txt, quote: 'it''s, a'}},\n" for i in range(n)
    ) + "]\n",
    "sources, block": lambda n: "claims: []\nsources:\n" + "".join(
        f"  s{i}.txt:\n    title: t\n" for i in range(n)
    ),
    "sources, flow mapping": lambda n: "claims: []\nsources: {\n" + "".join(
        f'  s{i}.txt: {{title: "a, b"}},\n' for i in range(n)
    ) + "}\n",
    "topics, block": lambda n: "claims: []\ntopics:\n" + "".join(
        f"  t{i}:\n    kind: count\n" for i in range(n)
    ),
    "a flow list elsewhere": lambda n: "claims: []\nextra: [" + ", ".join(["1"] * n) + "]\n",
    "JSON registry": lambda n: '{"claims": [' + ", ".join(
        ['{"id": "a, b", "source": "s.txt", "quote": "x"}'] * n
    ) + "]}\n",
    "JSON sources": lambda n: '{"claims": [], "sources": {' + ", ".join(
        f'"s{i}.txt": {{"title": "x"}}' for i in range(n)
    ) + "}}\n",
    "top-level keys": lambda n: "".join(f"k{i}: 1\n" for i in range(n)),
    "top-level list": lambda n: "".join(f"- c{i}\n" for i in range(n)),
}  # fmt: skip


@pytest.mark.parametrize("ends", ["\n", "\r\n", "\r", "\x85", "\u2028"])
@pytest.mark.parametrize("shape", sorted(_CROWDED))
def test_too_many_entries_are_refused_before_yaml_is_read(shape, ends, monkeypatch):
    """The byte count refuses where the YAML reader would, in every section, style and
    line end YAML knows (NEL and LS too), and lets a registry at the limit through."""
    monkeypatch.setattr(yamlsafe, "MAX_ITEMS", 3)

    def registry(n: int) -> str:
        return "\ufeff" + _CROWDED[shape](n).replace("\n", ends)

    assert prescan.too_many_entries(registry(3).encode(), limit=3) is None
    problem = prescan.too_many_entries(registry(5).encode(), limit=3)
    assert problem is not None and "more than 3 entries" in problem.message
    composed: list[yamlsafe.Problem] = []
    assert yamlsafe.compose(registry(5)[1:], composed) is None
    assert [(problem.line, problem.column)] == [(p.line, p.column) for p in composed]
    assert problem.message == composed[0].message


def test_the_byte_count_agrees_with_the_yaml_reader_on_generated_registries(monkeypatch):
    """On the fuzzer's registries (every scalar style, line end and YAML damage), wherever
    the YAML reads, the byte count refuses exactly where the reader does, or neither does."""
    monkeypatch.setattr(yamlsafe, "MAX_NESTED_ITEMS", 10**9)  # not the byte count's to see
    compared = 0
    for number in range(400):
        data = make_case(9_000_000 + number).files["claims.yaml"]
        text, problem = yamlsafe.decode(data)
        if problem is not None:
            continue
        for limit in (2, 3):
            monkeypatch.setattr(yamlsafe, "MAX_ITEMS", limit)
            composed: list[yamlsafe.Problem] = []
            yamlsafe.compose(text.removeprefix(yamlsafe.BOM), composed)
            crowded = [p for p in composed if p.message.startswith(f"more than {limit} ")]
            if len(crowded) != len(composed):
                continue  # a YAML error: the reader's to locate
            found = prescan.too_many_entries(data, limit)
            where = [(found.line, found.column)] if found else []
            assert where == [(p.line, p.column) for p in crowded], (number, text[:300])
            compared += 1
    assert compared > 400  # of 800


def test_a_count_over_the_limit_inside_quotes_is_no_entry():
    """Commas in quoted text, and a trailing comma, are not entries of the list."""
    quoted = "claims: [" + ", ".join(["{id: a, quote: 'x, y, z', claim: \"a, b\"}"] * 3) + ",]\n"
    assert prescan.too_many_entries(quoted.encode(), limit=3) is None


@pytest.mark.parametrize(
    ("section", "text", "where"),
    [
        ("claims", "claims:\n" + "  - {id: c, source: s.txt, quote: q}\n" * 100_001, "100002:5"),
        ("sources", "claims: []\nsources:\n" + "".join(
            f"  s{i}.txt: {{}}\n" for i in range(100_001)), "100003:3"),
        ("extra", "claims: []\nextra: [" + "1, " * 100_000 + "1]\n", "2:300009"),
    ],
)  # fmt: skip
def test_a_registry_of_more_entries_than_the_limit_is_refused_at_once(
    section, text, where, tmp_path
):
    (tmp_path / "claims.yaml").write_text(text, encoding="utf-8")
    result = run_cli("check", "--no-cache", "--output-format", "concise", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert result.stdout.startswith(f"claims.yaml:{where}: R101 "), result.stdout
    assert f"('{section}')" in result.stdout and "split it" in result.stdout


def test_a_list_inside_a_section_is_capped_at_its_own_limit(project):
    """A claim's value list of a million numbers stops at its 1,001st (and at once)."""
    values = ", ".join(["1"] * 1_000_000)
    project(f"claims:\n  - {{id: a, source: s.txt, quote: q, topic: t, value: [{values}]}}\n")
    result = run_cli("check", "--no-cache", "--output-format", "concise", cwd=project.root)
    assert result.returncode == 1, result.stderr
    assert result.stdout.startswith("claims.yaml:2:3056: R101 "), result.stdout
    assert "more than 1,000 entries" in result.stdout and "inside a section" in result.stdout


def test_long_quotes_are_still_placed_right():
    """A piece over the aligner's long limit is placed by its ends, and placed exactly."""
    text = (REPO / WAPO).read_text(encoding="utf-8")
    words = text.split()
    quote = " ".join(words[40:160])  # some 800 characters
    assert len(quote) > 600
    typo = quote.replace(" the ", " teh ", 1)
    verdict = QuoteMatcher({WAPO: text}).verify(typo, WAPO)
    assert verdict.outcome is Outcome.INEXACT
    assert verdict.span is not None
    assert " ".join(text[verdict.span.start : verdict.span.end].split()) == quote


# --- 1. tracebacks -----------------------------------------------------------


def test_nul_and_overlong_source_paths_are_located_problems(project):
    project(
        f"""
        claims:
          - id: nul
            source: "seeds/a\\0b.txt"
            quote: "{QUOTE}"
          - id: long
            source: seeds/{"a" * 300}.txt
            quote: "{QUOTE}"
        """
    )
    result = run_cli("check", "--format", "concise", cwd=project.root)
    assert result.returncode == 1, result.stderr
    assert "claims.yaml:3:13: S101" in result.stdout
    assert "claims.yaml:6:13: S103" in result.stdout


@pytest.mark.parametrize("value", ["!!bool maybe", "!!timestamp 2018-99-99", "!!int 0x"])
def test_a_value_that_does_not_fit_its_tag_is_r101(project, value):
    project(GOOD + f"    claim: {value}\n")
    result = run_cli("check", "--format", "concise", cwd=project.root)
    assert result.returncode == 1, result.stderr
    assert "claims.yaml:5:12: R101" in result.stdout


@pytest.mark.parametrize(
    "value", ["9" * 400, "!!float 1.0e+400", "-.inf", "'" + "thousand " * 120 + "'"]
)
@pytest.mark.parametrize("kind", ["count", "quantity"])
def test_huge_numbers_are_unreadable_values_not_tracebacks(project, value, kind):
    project(
        f"""
        topics:
          t:
            kind: {kind}
        claims:
          - id: one
            source: {WAPO}
            quote: "{QUOTE}"
            topic: t
            value: {value}
          - id: two
            source: {WAPO}
            quote: "{QUOTE}"
            topic: t
            value: 5
        """
    )
    result = run_cli("check", "--format", "concise", cwd=project.root)
    assert result.returncode == 1, result.stderr
    assert "F105" in result.stdout
    assert run_cli("report", cwd=project.root).returncode == 0


def test_lone_surrogates_reach_no_output_raw(project):
    project(
        f"""
        claims:
          - id: one
            source: {WAPO}
            quote: "Moscow shows \\udcff it's back"
        """
    )
    for fmt in ("full", "json", "sarif", "gitlab", "github"):
        result = run_cli("check", "--output-format", fmt, cwd=project.root)
        assert result.returncode == 1, (fmt, result.stderr)
        assert "Traceback" not in result.stderr and not unsafe_chars(result.stdout)


def test_a_corpus_file_whose_name_is_not_utf8_is_read_and_cached(project):
    """A name with byte 0xE9 (Python holds it as a lone surrogate) reaches the cache, whose
    SQLite cannot bind it as text: stored under a key of its bytes, cold and warm alike."""
    quote = "The cafe on the corner served its last customer at noon on Friday"
    name = os.fsencode(project.root / "seeds") + b"/caf\xe9.txt"
    with open(name, "wb") as handle:
        handle.write(f"Local news.\n{quote}.\nMore news.\n".encode())
    project(f"claims:\n  - id: one\n    source: {WAPO}\n    quote: {quote}\n")
    (project.root / "claimlint.toml").write_text('corpus = ["seeds/*"]\n', encoding="utf-8")
    for run in ("cold", "warm"):
        for fmt in ("full", "json", "sarif"):
            result = run_cli("check", "--output-format", fmt, cwd=project.root)
            assert "Traceback" not in result.stderr, (run, fmt, result.stderr[-500:])
            assert result.returncode == 1 and not unsafe_chars(result.stdout), (run, fmt)
            assert "caf\\udce9.txt" in result.stdout, (run, fmt, result.stdout[-300:])


# --- 6. cache faults ---------------------------------------------------------


@pytest.mark.parametrize("damage", ["flip", "forge", "swap", "garbage"])
def test_a_damaged_cache_row_is_recomputed(project, tmp_path, damage):
    import sqlite3

    project(GOOD + f'  - id: two\n    source: {WAPO}\n    quote: "Moscow shows its back"\n')
    env_cache = tmp_path / "cache"
    before = os.environ["CLAIMLINT_CACHE_DIR"]
    os.environ["CLAIMLINT_CACHE_DIR"] = str(env_cache)
    try:
        honest = run_cli("check", "--format", "json", "--no-cache", cwd=project.root).stdout
        run_cli("check", "--format", "json", cwd=project.root)
        db = sqlite3.connect(env_cache / "verdicts.sqlite3")
        rows = db.execute("SELECT key, value FROM verdicts").fetchall()
        assert rows
        for key, value in rows:
            if damage == "flip":
                value = value[:-3] + chr(ord(value[-3]) ^ 1) + value[-2:]
            elif damage == "forge":  # well formed, with a checksum from another row
                value = value.split(":", 1)[0] + ':["found",null,1.0,null,[],[],[]]'
            elif damage == "swap":
                value = rows[0][1] if key != rows[0][0] else rows[-1][1]
            else:
                value = "\x00garbage"
            db.execute("UPDATE verdicts SET value = ? WHERE key = ?", (value, key))
        db.commit()
        db.close()
        cached = run_cli("check", "--format", "json", cwd=project.root).stdout
    finally:
        os.environ["CLAIMLINT_CACHE_DIR"] = before
    assert json.loads(cached)["diagnostics"] == json.loads(honest)["diagnostics"]


def test_cache_decode_survives_deep_nesting_and_huge_numbers():
    assert cache.decode("[" * 100_000 + "]" * 100_000) is None
    assert cache.decode('["found", ["d", 1e400, 2], 1.0, null, [], [], []]') is None


def test_a_verdict_with_lone_surrogates_is_stored(tmp_path):
    from linter.text.verdict import Span, Verdict

    store = cache.VerdictCache(tmp_path)
    verdict = Verdict(Outcome.INEXACT, Span("d\udcff", 0, 3), 0.9, "a [-\udcff-] b")
    store.put_many([("k", verdict)])
    assert store.get_many(["k"]) == {"k": verdict}
    store.close()


# --- 7. signals and staleness ------------------------------------------------


def test_workers_leave_ctrl_c_to_the_parent():
    """A worker that gets SIGINT (as Ctrl-C sends it to the whole group) neither prints
    a traceback nor dies: the parent alone stops the run."""
    code = textwrap.dedent(
        """
        import os, signal
        from linter.text.parallel import fan_out
        def task(x):
            os.kill(os.getpid(), signal.SIGINT)
            return x * 2
        print(fan_out(task, list(range(4)), 2))
        """
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[0, 2, 4, 6]"
    assert "Traceback" not in result.stderr and "KeyboardInterrupt" not in result.stderr


def test_ctrl_c_exits_130_quietly(project):
    project(GOOD)
    proc = _popen(["check", "--no-cache"], project.root)
    time.sleep(0.4)
    os.killpg(proc.pid, signal.SIGINT)
    err = proc.communicate(timeout=60)[1]
    assert proc.returncode in (0, 130, -signal.SIGINT)  # done first, or Python was starting
    assert "Traceback" not in err
    if proc.returncode == 130:
        assert err == ""
    assert not list(project.root.glob(".*.tmp"))


def _rewrite_in_place(source: Path) -> None:
    """Change a file's first bytes, keeping its inode, size and modification time."""
    info = source.stat()
    data = source.read_bytes()
    with open(source, "r+b") as handle:  # same inode, same size
        handle.write(data[:10].swapcase())
    os.utime(source, ns=(info.st_atime_ns, info.st_mtime_ns))  # the old mtime back
    assert source.stat().st_size == info.st_size


def test_a_source_rewritten_during_a_run_leaves_the_text_that_was_checked(project, monkeypatch):
    monkeypatch.setenv("CLAIMLINT_CACHE_DIR", str(project.root / ".cache"))
    registry = load_registry(project(GOOD))
    from linter.config import Config

    doc = load_corpus(registry, Config()).cited(WAPO)
    before = doc.text
    _rewrite_in_place(project.root / WAPO)
    assert doc.text == before  # read once: what was checked is what is reported


def test_a_source_rewritten_in_place_with_its_old_size_and_mtime_is_caught(project, monkeypatch):
    """A document trusted by its signature (not read) is checked when its text is needed."""
    monkeypatch.setenv("CLAIMLINT_CACHE_DIR", str(project.root / ".cache"))
    registry = load_registry(project(GOOD))
    from linter.config import Config

    time.sleep(2.1)  # a file read just after it was written is not trusted (coarse clocks)
    load_corpus(registry, Config())  # read, and its signature recorded
    doc = load_corpus(registry, Config()).cited(WAPO)
    assert doc.kept is None  # trusted, not read
    _rewrite_in_place(project.root / WAPO)
    with pytest.raises(UsageError, match="changed"):
        doc.text  # noqa: B018 - reading it is the test
    doc = load_corpus(registry, Config()).cited(WAPO)  # the change time moved: read again
    assert doc.kept is not None


def test_a_rewrite_within_the_timestamp_granularity_of_a_long_run_is_caught(project, monkeypatch):
    """Git's racy-timestamp rule: a file is trusted by its signature only if its times
    are older than the run's start by more than the clock's granularity. On a file
    system with 2 s timestamps (FAT; simulated here), a rewrite in place just after a
    read keeps every time, size and inode; when the records are written long after the
    read (a long run), comparing with that moment instead of the run's start trusted
    the stale signature on the next run."""
    import linter.cache
    import linter.corpus
    from linter.config import Config

    monkeypatch.setenv("CLAIMLINT_CACHE_DIR", str(project.root / ".cache"))
    registry = load_registry(project(GOOD))
    coarse = 2_000_000_000
    real_stamp, real_clock = linter.corpus._stamp, time.time_ns

    def fat_stamp(info):  # times of a 2 s-granularity file system
        size, mtime, ctime, inode, device = real_stamp(info)
        return size, mtime // coarse * coarse, ctime // coarse * coarse, inode, device

    monkeypatch.setattr(linter.corpus, "_stamp", fat_stamp)
    source = project.root / WAPO
    while real_clock() % coarse > coarse // 2:  # room for the rewrite in the same tick
        time.sleep(0.05)
    source.write_bytes(source.read_bytes())  # written at the start of the run
    real_put = linter.cache.FileRecords.put

    def put_a_minute_later(self, *args, **kwargs):  # the records written at a long run's end
        late = real_clock() + 60 * 1_000_000_000
        with monkeypatch.context() as clock:
            clock.setattr(time, "time_ns", lambda: late)
            real_put(self, *args, **kwargs)

    monkeypatch.setattr(linter.cache.FileRecords, "put", put_a_minute_later)
    before = fat_stamp(source.stat())
    load_corpus(registry, Config())  # read and (if not racy) recorded
    _rewrite_in_place(source)
    assert fat_stamp(source.stat()) == before  # nothing a stat sees has changed
    doc = load_corpus(registry, Config()).cited(WAPO)
    assert doc.kept is not None  # read again, not trusted
    assert doc.text.startswith(source.read_text(encoding="utf-8")[:10])


# --- 3. --fix changes only quote scalars -------------------------------------

STYLES = {
    "plain": "Moscow shows its back in the great game",
    "single": "'Moscow shows its back in the great game'",
    "double": '"Moscow shows its back in the great game"',
    "multi": "Moscow shows its back in the\n      great game",
    "literal": "|\n      Moscow shows its back in the great game",
    "folded": ">\n      Moscow shows its back\n      in the great game",
    "folded-strip": ">-\n      Moscow shows its back\n      in the great game\n",
    "literal-keep": "|+\n      Moscow shows its back in the great game\n\n",
}


@pytest.mark.parametrize("style", sorted(STYLES))
@pytest.mark.parametrize("ends", ["\n", "\r\n", "\r", "mixed"])
def test_fix_changes_only_the_quote_bytes(project, style, ends):
    lines = [
        "claims:",
        "  - id: one  # first",
        f"    source: {WAPO}",
        f"    quote: {STYLES[style]}",
        "  - id: two",
        f"    source: {WAPO}",
        "    quote: Moscow shows it's back",
        "",
    ]
    text = "\n".join(lines)
    if ends == "mixed":
        parts = text.split("\n")
        text = "".join(p + ("\r" if i % 2 else "\r\n") for i, p in enumerate(parts[:-1]))
    else:
        text = text.replace("\n", ends)
    path = project.root / "claims.yaml"
    path.write_bytes(text.encode())
    spans = [(c.quote_span.start, c.quote_span.end) for c in load_registry(path).claims]
    result = run_cli("check", "--fix", "--no-cache", cwd=project.root)
    assert result.returncode == 0, result.stdout + result.stderr
    new = path.read_bytes()
    assert new != text.encode()
    assert fix_problem(text.encode(), new, spans) is None
    fixed = load_registry(path)
    assert [c.id for c in fixed.claims] == ["one", "two"]
    assert " ".join(fixed.claims[0].quote.split()) == QUOTE


# --- 8. locations inside the file --------------------------------------------


@pytest.mark.parametrize("text", ["claims: {a: 1\n\n\n", "claims: [ {a: 1}\n", "claims: {a: 1\r"])
def test_unclosed_flow_collection_is_located_inside_the_file(project, text):
    (project.root / "claims.yaml").write_bytes(text.encode())
    result = run_cli("check", "--format", "concise", cwd=project.root)
    assert result.returncode == 1
    where = result.stdout.split(": R101")[0]
    line = int(where.split(":")[1])
    assert line == 1, result.stdout
