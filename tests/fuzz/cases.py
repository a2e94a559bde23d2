"""Hostile projects from a seed: the same seed always gives the same case.

A case is the files of a project (registry, sources, settings), the special
files among them (named pipes, symbolic links, folders, a device), and the
command line. Every class of issue 16 is drawn: mutated YAML and odd tags,
huge numbers, control and bidi characters in quotes, paths and sources, every
line-end style and scalar style under ``--fix``, path escapes and odd globs,
``-o`` onto the registry, a source, a link, a pipe or a device, long quotes of
repeated words and long tokens, bad settings.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent.parent / "seeds"
SENTENCES = [
    s
    for p in sorted(SEEDS.glob("*.txt"))
    for s in re.split(r"(?<=[.!?])\s+", p.read_text(encoding="utf-8"))
    if 40 <= len(s) <= 300
]

# Characters no output may show raw, and others that stress YAML and paths.
HOSTILE = [
    "\u202e", "\u202d", "\u2066", "\u2067", "\u2068", "\u2069", "\u200e", "\u200f", "\u061c",
    "\u200b", "\u200d", "\ufeff", "\u00ad", "\u2028", "\u2029", "\x85", "\x9b", "\x80",
    "\x7f", "\x1b[31m", "\x07", "\x08", "\r", "\x0b", "\x0c", "\U000e0041", "\u0600",
    "\udcff",
]  # fmt: skip
YAML_NOISE = [*"{}[]:,-#&*!|>'\"%@`? \t\n\r\\", "\x00", "\x85", "\u2028", "!!", "&a", "*a"]
LINE_ENDS = ["\n", "\r\n", "\r"]
TAGS = [
    "!!bool maybe", "!!timestamp 2018-99-99", "!!int 0x", "!!float 1.0e+400", "!!float .nan",
    "!!binary aGk=", "!foo x", "!!int " + "9" * 400, "!!null x", "!!str 5", "!<tag:x> y",
    "!!timestamp 9999-12-31T99:00:00", "!!set {a}", "!!omap [a: 1]",
]  # fmt: skip
VALUES = ["1.0e+400", "9" * 400, "-" + "9" * 400, ".inf", "-.nan", "11", "'eleven'", "[1, 2]",
          "2018-11-09", "'" + "thousand " * 60 + "'", "0b101", "1_000", "{a: 1}"]  # fmt: skip
SOURCE_PATHS = [
    "../outside.txt", "/etc/hostname", "//x", "seeds/\\0.txt", "seeds/" + "a" * 300 + ".txt",
    "seeds/../seeds/a.txt", "C:/x.txt", "seeds/dir", "seeds/fifo", "seeds/link_out",
    "seeds/loop", "seeds/missing.txt", "seeds/bad.txt", "seeds/nul.txt", "", ".", "seeds/",
]  # fmt: skip
GLOBS = [
    "../*", "../../**", "/etc/*", "//x", "seeds/**/..", "**/**/**/**", ".", "./", "x/**y",
    "seeds/*.txt", "**/*.txt", "[", "seeds/[a-", "~/*", "C:/x", "a\\u0000b", "", "**",
]  # fmt: skip
FORMATS = ["full", "concise", "json", "github", "gitlab", "sarif"]
REPORT_FORMATS = ["markdown", "html", "json"]
OUTPUTS = ["new", "registry", "source", "link_new", "link_registry", "fifo_reader",
           "fifo_none", "dir", "device", "config"]  # fmt: skip


@dataclass
class Case:
    seed: int
    files: dict[str, bytes] = field(default_factory=dict)
    special: dict[str, str] = field(default_factory=dict)  # path -> fifo|dir|device|link:T
    argv: list[str] = field(default_factory=list)
    output: str | None = None  # the -o kind
    fix: bool = False
    diff: bool = False
    subprocess_only: bool = False  # a case the in-process runner must not attempt
    notes: list[str] = field(default_factory=list)

    def describe(self) -> str:
        return f"seed {self.seed}: {' '.join(self.argv)} [{', '.join(self.notes)}]"


def _line_ends(rng: random.Random, text: str) -> str:
    style = rng.choice(["lf", "lf", "crlf", "cr", "mixed"])
    if style == "lf":
        return text
    if style == "mixed":
        return re.sub("\n", lambda _: rng.choice(LINE_ENDS), text)
    return text.replace("\n", "\r\n" if style == "crlf" else "\r")


def source_text(rng: random.Random, notes: list[str]) -> str:
    """A few real sentences, sometimes made hostile."""
    text = "\n".join(rng.sample(SENTENCES, rng.randint(2, 8))) + "\n"
    roll = rng.random()
    if roll < 0.15:
        at = rng.randrange(len(text))
        text = text[:at] + rng.choice(HOSTILE) + text[at:]
        notes.append("hostile char in source")
    elif roll < 0.2:
        text += " " + "x" * rng.choice([1000, 10000]) + " end.\n"
        notes.append("long token in source")
    elif roll < 0.25:
        text += " the" * 2000 + ".\n"
        notes.append("repeated words in source")
    return _line_ends(rng, text)


def _quote_from(rng: random.Random, text: str, notes: list[str]) -> str:
    words = text.split()
    n = rng.randint(3, min(25, len(words)))
    start = rng.randrange(max(1, len(words) - n))
    quote = " ".join(words[start : start + n])
    roll = rng.random()
    if roll < 0.25 and len(quote) > 10:  # a typo: Q102, the one --fix rewrites
        at = rng.randrange(1, len(quote) - 1)
        if quote[at].isalpha():
            quote = quote[:at] + quote[at + 1] + quote[at] + quote[at + 2 :]
        notes.append("typo")
    elif roll < 0.35:
        quote = re.sub(r"\d+", lambda m: str(int(m.group()) + 1), quote, count=1)
        notes.append("number changed")
    elif roll < 0.42:
        at = rng.randrange(len(quote) + 1)
        quote = quote[:at] + rng.choice(HOSTILE) + quote[at:]
        notes.append("hostile char in quote")
    elif roll < 0.46:
        quote = "great game " * rng.choice([100, 500])
        notes.append("long repeated quote")
    elif roll < 0.49:
        quote = "x" * rng.choice([2000, 10000])
        notes.append("long token quote")
    return quote


def _double(char: str) -> str:
    code = ord(char)
    if char in '"\\':
        return "\\" + char
    if 0x20 <= code < 0x7F:
        return char
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _scalar(rng: random.Random, value: str, indent: str, notes: list[str]) -> str:
    """``value`` written in a random YAML style that reads back as it (or near it)."""
    style = rng.choice(["plain", "single", "double", "literal", "folded", "folded", "multi"])
    printable = not re.search("[^\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]", value)
    if not printable or style == "double":
        return '"' + "".join(_double(c) for c in value) + '"'
    if style == "single":
        return "'" + value.replace("'", "''") + "'"
    if style in ("literal", "folded"):
        header = ("|" if style == "literal" else ">") + rng.choice(["", "-", "+", "2", "-2"])
        width = rng.randint(20, 70)
        lines, line = [], ""
        for word in value.split(" "):
            if line and len(line) + len(word) > width:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        lines.append(line)
        pad = indent + "  "
        notes.append(f"{header} scalar")
        return header + "\n" + "\n".join(pad + x for x in lines) + rng.choice(["", "\n", "\n\n"])
    if style == "multi" and " " in value:
        words = value.split(" ")
        cut = rng.randrange(1, len(words))
        quoted = rng.choice(["'", ""])
        first, rest = " ".join(words[:cut]), " ".join(words[cut:])
        if quoted:
            first, rest = "'" + first.replace("'", "''"), rest.replace("'", "''") + "'"
        notes.append("multi-line scalar")
        return f"{first}\n{indent}  {rest}"
    return value


def registry_text(rng: random.Random, sources: dict[str, str], notes: list[str]) -> str:
    names = sorted(sources)
    lines = ["# a registry", "claims:"] if rng.random() < 0.9 else ["claims:"]
    for i in range(rng.randint(1, 6)):
        cited = rng.choice(names)
        if rng.random() < 0.08:
            cited = rng.choice(SOURCE_PATHS)
            notes.append(f"odd source path {cited[:20]!r}")
        quote = _quote_from(rng, sources.get(cited) or rng.choice(list(sources.values())), notes)
        if rng.random() < 0.15:  # quoted from another document: Q104
            quote = _quote_from(rng, sources[rng.choice(names)], notes)
        ident = f"claim-{i}" if rng.random() < 0.95 else rng.choice(["x\u202ey", "2018", "Bad Id"])
        lines.append(f"  - id: {_scalar(rng, ident, '    ', notes)}")
        lines.append(f"    source: {_scalar(rng, cited, '    ', notes)}")
        lines.append(f"    quote: {_scalar(rng, quote, '    ', notes)}")
        if rng.random() < 0.2:
            lines.append("    topic: t")
            lines.append(f"    value: {rng.choice(VALUES + TAGS)}")
            notes.append("value")
        if rng.random() < 0.05:
            lines.append(f"    claim: {rng.choice(TAGS)}")
            notes.append("tag")
        if rng.random() < 0.1:
            lines.append("    # a comment")
    if rng.random() < 0.3:
        lines += [
            "topics:",
            "  t:",
            f"    kind: {rng.choice(['count', 'quantity', 'date', 'set'])}",
        ]
    if rng.random() < 0.2:
        lines += ["sources:", f"  {names[0]}:", f"    published: {rng.choice(VALUES + TAGS)}"]
    return "\n".join(lines) + "\n"


def mutate_yaml(rng: random.Random, text: str, notes: list[str]) -> str:
    """Byte-level damage: the registry's reader must locate it, never crash."""
    for _ in range(rng.randint(1, 4)):
        kind = rng.choice(["insert", "delete", "duplicate", "truncate", "nest", "alias"])
        at = rng.randrange(len(text) + 1)
        if kind == "insert":
            text = text[:at] + rng.choice(YAML_NOISE + HOSTILE) + text[at:]
        elif kind == "delete":
            text = text[:at] + text[at + rng.randint(1, 5) :]
        elif kind == "duplicate":
            lines = text.split("\n")
            k = rng.randrange(len(lines))
            lines.insert(k, lines[k])
            text = "\n".join(lines)
        elif kind == "truncate":
            text = text[:at]
        elif kind == "nest":
            depth = rng.choice([10, 60, 500])
            text += "deep: " + "[" * depth + "]" * rng.choice([0, depth]) + "\n"
        else:
            text = text.replace("claims:", "claims: &a", 1) + "x: *a\n"
        notes.append(f"yaml {kind}")
    return text


def settings_text(rng: random.Random, notes: list[str]) -> tuple[str, str]:
    name = rng.choice(["claimlint.toml", "pyproject.toml"])
    head = "[tool.claimlint]\n" if name == "pyproject.toml" else ""
    roll = rng.random()
    if roll < 0.5:
        globs = rng.sample(GLOBS, rng.randint(1, 3))
        body = "corpus = [" + ", ".join('"' + g.replace('"', '\\"') + '"' for g in globs) + "]\n"
        notes.append(f"globs {globs}")
    elif roll < 0.6:
        threshold = rng.choice(["0", "1.5", "nan", '"x"', "0.3", "1"])
        body = f"threshold = {threshold}\n"
    elif roll < 0.7:
        body = "a = " + "[" * 3000 + "]" * 3000 + "\n"
        notes.append("deep toml")
    elif roll < 0.8:
        body = rng.choice(["corpus = [", "unknown-key = 1\n", "select = [1]\n", "\x00\n"])
    else:
        body = f"corpus-siblings = {rng.choice(['true', 'false'])}\n"
    notes.append(f"settings {name}")
    return name, head + body


def make_case(seed: int) -> Case:
    """The case for ``seed``: a small project and a command line."""
    rng = random.Random(seed)
    case = Case(seed)
    notes = case.notes
    sources = {f"seeds/s{i}.txt": source_text(rng, notes) for i in range(rng.randint(1, 4))}
    for path, text in sources.items():
        bom = "\ufeff" if rng.random() < 0.05 else ""
        case.files[path] = (bom + text).encode("utf-8", "surrogatepass")
    case.files["seeds/bad.txt"] = b"caf\xe9 au lait\n"
    case.files["seeds/nul.txt"] = b"a\x00b\n"
    # A name that is not UTF-8 (byte 0xE9): Python holds it as a lone surrogate.
    case.files["seeds/caf\udce9.txt"] = (rng.choice(SENTENCES) + "\n").encode()
    case.files["archive/extra.md"] = (rng.choice(SENTENCES) + "\n").encode()
    case.special["seeds/dir"] = "dir"
    case.special["seeds/link_out"] = "link:/etc/hostname"
    case.special["seeds/loop"] = "link:loop"
    text = registry_text(rng, sources, notes)
    if rng.random() < 0.25:
        text = mutate_yaml(rng, text, notes)
    text = _line_ends(rng, text)
    if rng.random() < 0.05:
        text = "\ufeff" + text
    case.files["claims.yaml"] = text.encode("utf-8", "surrogatepass")
    if rng.random() < 0.2:
        name, body = settings_text(rng, notes)
        case.files[name] = body.encode("utf-8", "surrogatepass")
    argv: list[str] = []
    roll = rng.random()
    if roll < 0.15:
        argv = ["report", "--format", rng.choice(REPORT_FORMATS)]
    else:
        argv = ["check", "--output-format", rng.choice(FORMATS)]
        if roll < 0.35:
            case.fix = True
            argv.append("--fix")
            if rng.random() < 0.3:
                case.diff = True
                argv.append("--diff")
        for flag, chance in (("--statistics", 0.05), ("-q", 0.1), ("--show-infos", 0.1)):
            if rng.random() < chance:
                argv.append(flag)
        if rng.random() < 0.05:
            argv += ["--select", rng.choice(["Q", "S,R", "X999", "Q1\u202e01"])]
        if rng.random() < 0.05:
            argv += ["--threshold", rng.choice(["0.5", "2", "nan", "-1", "x"])]
        if rng.random() < 0.05:
            argv.append(rng.choice(["seeds/s0.txt", "claims.yaml", "nope.txt", "a\u202eb"]))
    if rng.random() < 0.03:
        argv += ["--registry", rng.choice(["fifo_registry", "seeds/dir", "missing.yaml"])]
        case.special["fifo_registry"] = "fifo"
        case.subprocess_only = True  # a regression would block the runner for ever
        notes.append("--registry special")
    if rng.random() < 0.03:
        argv += ["--config", rng.choice(["fifo.toml", "seeds/dir", "missing.toml"])]
        case.special["fifo.toml"] = "fifo"
        case.subprocess_only = True
        notes.append("--config special")
    if rng.random() < 0.15 and not case.diff:
        case.output = rng.choice(OUTPUTS)
        argv += ["-o", _output_path(case, case.output)]
        notes.append(f"-o {case.output}")
    if rng.random() < 0.5:
        argv.append("--no-cache")
    case.argv = argv
    return case


def _output_path(case: Case, kind: str) -> str:
    if kind == "registry":
        return "claims.yaml"
    if kind == "source":
        return next(p for p in case.files if p.startswith("seeds/s"))
    if kind == "config":
        return next((p for p in case.files if p.endswith(".toml")), "claims.yaml")
    if kind == "link_new":
        case.special["out_link"] = "link:out_target.txt"
        return "out_link"
    if kind == "link_registry":
        case.special["reg_link"] = "link:claims.yaml"
        return "reg_link"
    if kind in ("fifo_reader", "fifo_none"):
        case.special["out_fifo"] = "fifo"
        if kind == "fifo_reader":
            case.subprocess_only = True  # the reader is a shell process
        return "out_fifo"
    if kind == "dir":
        return "seeds/dir"
    if kind == "device":
        case.special["out_null"] = "device"
        return "out_null"
    return "out.txt"
