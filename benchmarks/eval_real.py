"""Quote verification on real text: what claimlint says about quotes of known verdict.

From the news collections in CORPUS_DIR (Reuters-21578 and BBC News, JSON Lines) it
takes a deterministic sample of documents, writes one text file per document, and
builds one registry of claims drawn from their sentences:

- verbatim quotes (whole sentences, and sub-spans of 5-15 words), and typographic
  ones (curly/straight quotes, dashes, NBSP, zero-width, NFD, line breaks, ``...``
  ellipses, ``[B]racketed`` first letters): all must pass (0 false alarms);
- single edits of one token of every shape (digits in words, decimals with and
  without a leading digit, money, percentages, ordinals, years, decades, times,
  phone numbers, scores, ranges, plain and grouped integers, number words alone
  and in compounds, negation words, ``n't``, also at the end of a quote): each must
  be Q103, and the message must name the edited token;
- word edits that change no number or negation (Q102);
- misattributed quotes, verbatim or with one word changed, cited to another
  document (Q104 naming the holder) and fabricated ones (Q101);
- repetitive pages made of real sentences: a listing repeating one sentence ~40
  times with other numbers, and a gallery whose captions "Image N of 44: ..." cycle
  through a few sentences. A repeat quoted verbatim passes; one digit (or the image
  number) changed is Q103, one word changed Q102, each where it is cited and, where
  one line is the closest, on that line.

claimlint runs once on the registry, through the real CLI with JSON output. The
script prints the figure per class, per token shape and weighted by how often each
shape occurs in the sample's sentences, then lists the misses.

Usage: python benchmarks/eval_real.py ../shared/data/news [--claims 4000] [--docs 6000]
                                                          [--seed 9] [--misses 40]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
import tempfile
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from rapidfuzz import fuzz  # noqa: E402

from benchmarks.bench_real import read_collections  # noqa: E402
from benchmarks.bench_scale import clear_cache, run_claimlint, work_dir  # noqa: E402
from benchmarks.generate import inexact  # noqa: E402
from benchmarks.naive import light_normalize  # noqa: E402
from linter.rules.outcomes import CODE_OUTCOME as CODE  # noqa: E402
from linter.text.numbers import ORDINALS, SCALES, TENS, UNITS  # noqa: E402

_SPLIT = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“(]?[A-Z])")
NEAR = 70  # partial_ratio at or above which a document "nearly says" a sentence

# Token shapes: the first that matches a token (its surrounding punctuation stripped) wins.
_SHAPES: list[tuple[str, re.Pattern[str]]] = [
    ("time", re.compile(r"\d{1,2}:\d{2}(?:[ap]\.?m\.?)?|\d{1,2}(?:\.\d{2})?[ap]\.?m\.?", re.I)),
    ("phone", re.compile(r"\(?\d{3}\)?-\d{3}-\d{4}|\d{3}-\d{4}")),
    ("score", re.compile(r"\d{1,2}-\d{1,2}")),
    ("range", re.compile(r"\d[\d,.]*-\d[\d,.]*%?")),
    ("money", re.compile(r"(?:[$£€¥]|US\$|C\$|A\$)\d[\d,.]*(?:bn|m|mn|k|tn)?", re.I)),
    ("percentage", re.compile(r"\d[\d,.]*%")),
    ("ordinal", re.compile(r"\d+(?:st|nd|rd|th)")),
    ("decade", re.compile(r"'?\d{2,4}'?s")),
    ("year", re.compile(r"(?:1[6-9]|20)\d{2}")),
    ("decimal", re.compile(r"\d+\.\d+")),
    ("decimal, no leading digit", re.compile(r"\.\d+")),
    ("grouped integer", re.compile(r"\d{1,3}(?:,\d{3})+")),
    ("integer", re.compile(r"\d+")),
    ("digits in a word", re.compile(r"(?=.*\d)(?=.*[^\W\d_])[\w.'/+-]+")),
]
_NEGATION_WORDS = {"not", "no", "never", "none", "nothing", "nobody", "without", "neither", "nor"}
_NT = {"can't": "can", "won't": "will", "shan't": "shall", "ain't": None}
_FAMILIES = [list(UNITS), list(TENS), [w for w in ORDINALS if ORDINALS[w] <= 20], list(SCALES)]
_FAMILIES[3].remove("dozen")
_FAMILY_OF = {w: fam for fam in _FAMILIES for w in fam}
_EDGE = "\"'“”‘’()[],.;:!?"
PERCENT_WORDS = {"pct", "percent", "per"}
MONEY_WORDS = {"dlrs", "dollars", "pounds", "stg", "yen", "marks", "francs", "cents", "euros"}


@dataclass
class Claim:
    id: str
    kind: str  # the class: verbatim, typographic, sub-span, edit, word edit, ...
    cited: str
    quote: str
    expect: str
    shape: str = ""  # for edits: the token shape
    token: str = ""  # for edits: the token as the quote writes it
    original: str = ""  # for edits: the source's token
    holder: str = ""  # for misattributed: the document that holds it
    sentence: str = ""
    line: int = 0  # for repetitive pages: the line the diagnostic must point at (0: any)


def sentences(text: str) -> list[str]:
    """Sentences of 40-300 characters, whitespace runs as one space."""
    flat = " ".join(text.split())
    return [s for s in _SPLIT.split(flat) if 40 <= len(s) <= 300 and " " in s]


def tokens(sentence: str) -> list[tuple[int, int, str]]:
    """Whitespace-separated tokens: (start, end, core without edge punctuation)."""
    out = []
    for m in re.finditer(r"\S+", sentence):
        word = m.group()
        lead = len(word) - len(word.lstrip(_EDGE))
        core = word.strip(_EDGE)
        if core[-2:] in {"'s", "’s"} and not core[:-2].isdigit():
            core = core[:-2]  # "Reuters's", "G-7's": the possessive is not the token
        if core:
            start = m.start() + lead
            out.append((start, start + len(core), core))
    return out


def shape_of(core: str, after: str) -> str | None:
    """The shape of one token (``after``: the next word, for "5 pct" and "5 dlrs")."""
    lower = core.lower()
    if lower in _NEGATION_WORDS:
        return "negation word"
    if re.fullmatch(r"[^\W\d_]+n['’]t", lower):
        return "n't"
    if any(c.isdigit() for c in core):
        for name, pattern in _SHAPES:
            if pattern.fullmatch(core):
                if name in {"integer", "grouped integer", "decimal"}:
                    if after in PERCENT_WORDS:
                        return "percentage"
                    if after in MONEY_WORDS:
                        return "money"
                return name
        return "digits in a word"
    if lower in _FAMILY_OF:
        return "number word"
    if "-" in lower and any(p in _FAMILY_OF for p in lower.split("-")):
        return "number word in a compound"
    return None


def _recase(new: str, like: str) -> str:
    if like.isupper() and len(like) > 1:
        return new.upper()
    if like[:1].isupper():
        return new[:1].upper() + new[1:]
    return new


def edit_token(core: str, shape: str, rng: random.Random) -> str | None:
    """The token with one digit, number word or negation changed (None: no such edit)."""
    if shape == "negation word":
        return ""  # dropped
    if shape == "n't":
        lower = core.lower().replace("’", "'")
        if lower in _NT:
            base = _NT[lower]
            return _recase(base, core) if base else None
        return core[:-3]
    if shape in {"number word", "number word in a compound"}:
        parts = core.split("-")
        spots = [i for i, p in enumerate(parts) if p.lower() in _FAMILY_OF]
        i = rng.choice(spots)
        family = _FAMILY_OF[parts[i].lower()]
        new = rng.choice([w for w in family if w != parts[i].lower()])
        parts[i] = _recase(new, parts[i])
        return "-".join(parts)
    digits = [i for i, c in enumerate(core) if c.isdigit()]
    if not digits:
        return None
    i = rng.choice(digits)
    leading = i == 0 or not core[i - 1].isdigit()
    lead_of_many = leading and i + 1 < len(core) and core[i + 1].isdigit()
    pool = [d for d in "0123456789" if d != core[i] and not (d == "0" and lead_of_many)]
    return core[:i] + rng.choice(pool) + core[i + 1 :]


# --- typographic variants ------------------------------------------------------------


def _swap_quotes(q: str, rng: random.Random) -> str:
    if any(c in q for c in "’‘“”"):
        return q.translate(str.maketrans("’‘“”", "''\"\""))
    out = re.sub(r"(?<=\w)'(?=\w)", "’", q)
    out = re.sub(r'"(?=\w)', "“", out)
    return re.sub(r'(?<=[\w.,!?])"', "”", out)


def _one_space(q: str, rng: random.Random) -> str:
    spaces = [i for i, c in enumerate(q) if c == " "]
    if not spaces:
        return q
    i = rng.choice(spaces)
    by = rng.choice(["  ", "\n", "\u00a0", " \u200b", "\u2009", "\t"])
    return q[:i] + by + q[i + 1 :]


def _dashes(q: str, rng: random.Random) -> str:
    if " - " in q or " -- " in q:
        return q.replace(" -- ", rng.choice([" — ", "—", " – "]), 1).replace(
            " - ", rng.choice([" — ", "—", " – ", " -- "]), 1
        )
    if "—" in q or "–" in q:
        return q.replace("—", " -- ").replace("–", "-")
    return re.sub(r"(?<=\w)-(?=\w)", "\u2011", q, count=1)  # a non-breaking hyphen


def _nfd(q: str, rng: random.Random) -> str:
    return unicodedata.normalize("NFD", q)


def _ellipsis(q: str, rng: random.Random) -> str:
    words = q.split(" ")
    if len(words) < 12:
        return q
    cut = rng.randint(3, len(words) - 8)
    gap = rng.randint(4, min(8, len(words) - cut - 3))
    dots = rng.choice([" ... ", " … ", " [...] ", " . . . "])
    return " ".join(words[:cut]) + dots + " ".join(words[cut + gap :])


TYPOGRAPHY: list[Callable[[str, random.Random], str]] = [
    _swap_quotes,
    _one_space,
    _dashes,
    _nfd,
    _ellipsis,
]


def typographic(q: str, rng: random.Random) -> str | None:
    changed = q
    for change in rng.sample(TYPOGRAPHY, k=2):
        changed = change(changed, rng)
    if changed == q:
        changed = _one_space(q, rng)
    return changed if changed != q else None


def bracketed_start(span: str) -> str | None:
    """A mid-sentence span with its first letter capitalized in brackets: "[T]he ..."."""
    if span[:1].islower():
        return f"[{span[0].upper()}]{span[1:]}"
    return None


# --- the workload --------------------------------------------------------------------


def sub_span(sentence: str, rng: random.Random, containing: tuple[int, int] | None = None) -> str:
    """A word-aligned span of 5-15 words (holding ``containing`` if given)."""
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", sentence)]
    size = min(len(words), rng.randint(5, 15))
    if containing is None:
        first = rng.randrange(len(words) - size + 1)
    else:
        at = next(i for i, (s, e) in enumerate(words) if s <= containing[0] < e)
        first = rng.randint(max(0, at - size + 1), min(at, len(words) - size))
    start, end = words[first][0], words[first + size - 1][1]
    return sentence[start:end].rstrip(",;:")


@dataclass
class Sample:
    docs: list[tuple[str, str]]
    by_doc: dict[str, list[str]]
    joined: str  # every document, normalized, one string: is a quote said anywhere?
    shape_counts: Counter


def sample(corpus: Path, count: int, seed: int) -> Sample:
    docs = read_collections(corpus)
    rng = random.Random(seed)
    docs = sorted(rng.sample(docs, min(count, len(docs))))
    by_doc: dict[str, list[str]] = {}
    seen: Counter = Counter()
    for doc_id, text in docs:
        found = sentences(text)
        by_doc[doc_id] = found
        seen.update(light_normalize(s) for s in found)
    for doc_id, found in by_doc.items():  # a sentence in two documents: no clear verdict
        by_doc[doc_id] = [s for s in found if seen[light_normalize(s)] == 1]
    shapes: Counter = Counter()
    for found in by_doc.values():
        for s in found:
            toks = tokens(s)
            for k, (_, _, core) in enumerate(toks):
                after = toks[k + 1][2].lower() if k + 1 < len(toks) else ""
                shape = shape_of(core, after)
                if shape:
                    shapes[shape] += 1
    joined = "\n".join(light_normalize(" ".join(t.split())) for _, t in docs)
    return Sample(docs, {d: s for d, s in by_doc.items() if s}, joined, shapes)


def said(work: Sample, quote: str) -> bool:
    """Whether any document has ``quote`` (its first letter in either case)."""
    flat = light_normalize(" ".join(quote.split()))
    return any(
        v in work.joined for v in {flat, flat[:1].lower() + flat[1:], flat[:1].upper() + flat[1:]}
    )


def edits(work: Sample, rng: random.Random) -> dict[str, list[tuple[str, str, int, int, str]]]:
    """Every editable token, by shape: (doc, sentence, start, end, core)."""
    found: dict[str, list[tuple[str, str, int, int, str]]] = defaultdict(list)
    for doc_id, sents in work.by_doc.items():
        for s in sents:
            toks = tokens(s)
            for k, (start, end, core) in enumerate(toks):
                after = toks[k + 1][2].lower() if k + 1 < len(toks) else ""
                shape = shape_of(core, after)
                if shape:
                    found[shape].append((doc_id, s, start, end, core))
    return found


def build(out: Path, work: Sample, claims: int, seed: int) -> list[Claim]:
    rng = random.Random(seed)
    ids = sorted(work.by_doc)
    mix = {  # class: share of the registry
        "verbatim": 0.12,
        "sub-span": 0.08,
        "typographic": 0.12,
        "word edit": 0.10,
        "misattributed": 0.07,
        "misattributed, one word changed": 0.04,
        "fabricated": 0.03,
    }
    plan: list[Claim] = []

    def draw() -> tuple[str, str]:
        doc = rng.choice(ids)
        return doc, rng.choice(work.by_doc[doc])

    for kind, share in mix.items():
        made, tries = 0, 0
        while made < round(share * claims) and tries < 50 * claims:
            tries += 1
            doc, sentence = draw()
            claim = _make(kind, doc, sentence, work, ids, rng)
            if claim is not None:
                plan.append(claim)
                made += 1
    pool = edits(work, rng)
    shapes = sorted(pool)
    quota = max(1, round((claims - len(plan)) / max(1, len(shapes) + 1)))
    for shape in shapes:
        candidates = pool[shape]
        rng.shuffle(candidates)
        made = 0
        for doc, sentence, start, end, core in candidates:
            if made >= (2 * quota if shape == "n't" else quota):
                break
            new = edit_token(core, shape, rng)
            if new is None or new == core:
                continue
            if not new:  # a dropped word takes one space with it
                end += 1 if sentence[end : end + 1] == " " else 0
                if sentence[end - 1 : end] != " " and sentence[start - 1 : start] == " ":
                    start -= 1
            at_end = shape == "n't" and made % 2 == 1  # half of them close the quote
            edited = sentence[:start] + new + sentence[end:]
            span = sentence
            if at_end:
                words = [m for m in re.finditer(r"\S+", sentence) if m.start() <= start]
                begin = words[max(0, len(words) - rng.randint(6, 12))].start()
                span, edited = sentence[begin:end], sentence[begin:start] + new
            elif rng.random() < 0.5:
                span = sub_span(sentence, rng, (start, end))
                offset = sentence.index(span)
                if not offset <= start < offset + len(span):
                    continue
                s, e = start - offset, end - offset
                edited = span[:s] + new + span[e:]
            if said(work, edited) or len(edited.split()) < 4:
                continue
            plan.append(
                Claim(
                    "",
                    "n't at the end" if at_end else "edit",
                    doc,
                    edited,
                    "meaning-changed",
                    shape + (" (end of quote)" if at_end else ""),
                    new,
                    core,
                    sentence=span,
                )
            )
            made += 1
    plan += repetitive(work, plan, round(0.06 * claims), random.Random(f"{seed}-repetitive"))
    for number, claim in enumerate(plan):
        claim.id = f"c{number:05d}"
    write(out, work, plan)
    return plan


def _make(kind: str, doc: str, sentence: str, work: Sample, ids: list[str], rng) -> Claim | None:
    if kind == "verbatim":
        return Claim("", kind, doc, sentence, "verbatim", sentence=sentence)
    if kind == "sub-span":
        span = sub_span(sentence, rng)
        if len(span) < 25:
            return None
        if rng.random() < 0.2 and (bracketed := bracketed_start(span)):
            span = bracketed
        return Claim("", kind, doc, span, "verbatim", sentence=sentence)
    if kind == "typographic":
        quote = typographic(sentence, rng)
        return quote and Claim("", kind, doc, quote, "verbatim", sentence=sentence)
    if kind == "word edit":
        quote = inexact(sentence, rng)
        if quote is None or said(work, quote):
            return None
        return Claim("", kind, doc, quote, "inexact", sentence=sentence)
    if kind.startswith("misattributed"):
        cited = rng.choice(ids)
        if cited == doc:
            return None
        text = " ".join(dict(work.docs)[cited].split())
        if fuzz.partial_ratio(light_normalize(sentence), light_normalize(text)) >= NEAR:
            return None
        quote = sentence
        if kind != "misattributed":
            quote = inexact(sentence, rng)
            if quote is None or said(work, quote):
                return None
        return Claim("", kind, cited, quote, "misattributed", holder=doc, sentence=sentence)
    # fabricated: two-word pieces of six sentences of other documents
    pieces = []
    for _ in range(6):
        words = rng.choice(work.by_doc[rng.choice(ids)]).split()
        at = rng.randrange(max(1, len(words) - 1))
        pieces.extend(words[at : at + 2])
    quote = " ".join(pieces)
    if said(work, quote):
        return None
    return Claim("", "fabricated", doc, quote, "not-found")


# --- repetitive pages ------------------------------------------------------------------

_RUN = re.compile(r"\d+")
_PAGE_LINES = 40  # repeats of a listing's sentence
_CAPTIONS = 44  # captions of a gallery ...
_CAPTION_SENTENCES = 4  # ... cycling through this many sentences
_PER_PAGE = 8  # claims per repetitive page


def _shifted(sentence: str, k: int) -> str:
    """The sentence with every number raised by ``k``: "2.37 dlrs" -> "3.38 dlrs" for 1.

    Digits after a dot or comma keep their width ("1.81" + 23 is "24.04").
    """

    def shift(m: re.Match[str]) -> str:
        run, width = m.group(), len(m.group())
        if m.start() > 0 and sentence[m.start() - 1] in ".,":
            return str((int(run) + k) % 10**width).zfill(width)
        return str(int(run) + k).zfill(width)

    return _RUN.sub(shift, sentence)


def _numbered(sentence: str) -> int:
    """How many of the sentence's tokens hold a digit."""
    return sum(bool(_RUN.search(core)) for _, _, core in tokens(sentence))


def _digit_changed(text: str, lo: int, rng: random.Random) -> tuple[str, str, str] | None:
    """``text`` with one digit at or after ``lo`` changed: (text, new token, old token)."""
    found = [(s, e, core) for s, e, core in tokens(text) if s >= lo and _RUN.search(core)]
    if not found:
        return None
    start, end, core = rng.choice(found)
    new = edit_token(core, "integer", rng)
    if new is None:
        return None
    return text[:start] + new + text[end:], new, core


def repetitive(work: Sample, plan: list[Claim], count: int, rng: random.Random) -> list[Claim]:
    """Pages repeating real sentences, added to the sample, and claims quoting their repeats.

    Templates come from documents no other claim uses, so the classes do not interact
    (documents that others use only once these run out, in a small sample);
    the template's own document stays in the corpus as a near match elsewhere.
    """
    used = {c.cited for c in plan} | {c.holder for c in plan}
    free: list[str] = []  # popped from the end: unused documents first
    multi: list[tuple[str, str]] = []
    for taken in (True, False):
        docs = [d for d in sorted(work.by_doc) if (d in used) == taken]
        rng.shuffle(docs)
        # Two numbers at least, so that one changed digit leaves its line the closest.
        numbered = [(d, s) for d in docs for s in work.by_doc[d] if _numbered(s) >= 2]
        rng.shuffle(numbered)
        free += docs
        multi += numbered
    out: list[Claim] = []
    pages: list[tuple[str, str]] = []
    while len(out) < count and (multi or len(free) >= _CAPTION_SENTENCES):
        name = f"repeat-{len(pages):03d}"
        if len(pages) % 2 == 0 and multi:
            _, sentence = multi.pop()
            lines = [_shifted(sentence, k) for k in range(1, _PAGE_LINES + 1)]
            kind = "listing"
        else:
            picks = [free.pop() for _ in range(_CAPTION_SENTENCES)]
            sents = [rng.choice(work.by_doc[d]) for d in picks]
            lines = [
                f"Image {n} of {_CAPTIONS}: {sents[n % len(sents)]}"
                for n in range(1, _CAPTIONS + 1)
            ]
            kind = "gallery"
        text = "\n".join(lines) + "\n"
        work.joined += "\n" + light_normalize(" ".join(text.split()))
        pages.append((name, text))
        for _ in range(_PER_PAGE):
            claim = _repeat_claim(kind, name, lines, work, rng)
            if claim is not None and len(out) < count:
                out.append(claim)
    work.docs.extend(pages)
    return out


def _repeat_claim(
    kind: str, doc: str, lines: list[str], work: Sample, rng: random.Random
) -> Claim | None:
    """One claim on a repetitive page: a repeat verbatim, a digit or a word changed."""
    at = rng.randrange(len(lines))
    line = lines[at]
    head = line.index(": ") + 2 if kind == "gallery" else 0
    what = rng.choice(["verbatim", "digit", "word", "image number" if head else "digit"])
    if what == "verbatim":
        return Claim("", f"repetitive {kind}: a repeat", doc, line, "verbatim", sentence=line)
    if what == "word":
        quote = inexact(line, rng)
        expect, token, original = "inexact", "", ""
    elif what == "digit":
        changed = _digit_changed(line, head, rng)
        if changed is None:
            return None
        (quote, token, original), expect = changed, "meaning-changed"
    else:  # another caption's number on this caption's sentence
        mine = (at + 1) % _CAPTION_SENTENCES  # the sentence of caption at + 1
        other = rng.choice([n for n in range(1, len(lines) + 1) if n % _CAPTION_SENTENCES != mine])
        quote = f"Image {other}{line[line.index(' of ') :]}"
        token, original, expect = str(other), "", "meaning-changed"
    if quote is None or said(work, quote):
        return None
    # The closest line is the one changed, except for an image number: any caption
    # with the same sentence is as close. A changed number that another line has
    # makes that line (differing in one other number) as close: no one answer.
    others = (core for n, o in enumerate(lines) if n != at for _, _, core in tokens(o))
    if what == "digit" and not head and token in others:
        return None
    return Claim(
        "",
        f"repetitive {kind}: one {what} changed",
        doc,
        quote,
        expect,
        token=token,
        original=original,
        sentence=line,
        line=0 if what == "image number" else at + 1,
    )


def write(out: Path, work: Sample, plan: list[Claim]) -> None:
    if out.exists():
        shutil.rmtree(out)
    (out / "sources").mkdir(parents=True)
    for doc_id, text in work.docs:
        (out / "sources" / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    entries = [
        f"  - id: {c.id}\n    source: sources/{c.cited}.txt\n"
        f"    quote: {json.dumps(c.quote, ensure_ascii=False)}\n"
        for c in plan
    ]
    (out / "claims.yaml").write_text("claims:\n" + "".join(entries), encoding="utf-8")
    (out / "pyproject.toml").write_text('[tool.claimlint]\nregistry = "claims.yaml"\n')


# --- scoring -------------------------------------------------------------------------


@dataclass
class Result:
    claim: Claim
    got: str
    message: str
    holders: list[str]
    ok: bool
    named: bool


def judge(folder: Path, plan: list[Claim]) -> tuple[list[Result], float]:
    clear_cache(folder)
    ids = [c.id for c in plan]
    wanted = set(ids)
    saved = work_dir(folder) / "eval_real.json"
    run = run_claimlint(folder, "eval", ids, save=saved)
    if run.exit_code not in (0, 1):
        raise SystemExit(f"eval_real: claimlint failed (exit {run.exit_code}):\n{run.stderr}")
    output = json.loads(saved.read_text(encoding="utf-8"))
    diagnostics = {
        d["claim"]: d
        for d in output["diagnostics"]
        if d.get("claim") in wanted and d["code"] in CODE
    }
    results = []
    for claim in plan:
        diag = diagnostics.get(claim.id)
        code = diag["code"] if diag and diag["code"] in CODE else None
        got = CODE[code] if code else "verbatim"
        message = diag["message"] if code else ""
        holders = [Path(h).stem for h in (diag or {}).get("details", {}).get("holders", [])]
        ok = got == claim.expect
        if ok and claim.expect == "misattributed":
            ok = claim.holder in holders
        if ok and claim.line:  # a repetitive page: the closest line, not another repeat
            ok = ((diag or {}).get("source") or {}).get("line") == claim.line
        named = claim.expect != "meaning-changed" or (ok and _names(message, claim))
        results.append(Result(claim, got, message, holders, ok, named))
    return results, run.seconds


def _names(message: str, claim: Claim) -> bool:
    """Whether a Q103 message names the edited token (as quoted, or as the source has it)."""
    lowered = light_normalize(message).lower()  # messages show normalized text
    return any(light_normalize(t).lower() in lowered for t in (claim.token, claim.original) if t)


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "n/a"


def report(results: list[Result], work: Sample, misses: int) -> None:
    by_kind: dict[str, list[Result]] = defaultdict(list)
    by_shape: dict[str, list[Result]] = defaultdict(list)
    for r in results:
        by_kind[r.claim.kind if not r.claim.shape else "single edit"].append(r)
        if r.claim.shape:
            by_shape[r.claim.shape].append(r)
    print("\n| class | claims | expected | right | rate | what else came back |")
    print("| --- | ---: | --- | ---: | ---: | --- |")
    for kind, rows in by_kind.items():
        right = sum(r.ok for r in rows)
        other = Counter(r.got for r in rows if not r.ok)
        wrong_holder = sum(r.got == r.claim.expect and not r.ok for r in rows)
        detail = ", ".join(f"{k} {n}" for k, n in other.most_common())
        if wrong_holder:
            detail = detail.replace(f"misattributed {wrong_holder}", f"wrong holder {wrong_holder}")
        print(
            f"| {kind} | {len(rows)} | {rows[0].claim.expect} | {right}"
            f" | {pct(right, len(rows))} | {detail or '-'} |"
        )
    print("\n| token shape | share of tokens | edits | Q103 | named | silent | other |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | --- |")
    total = sum(work.shape_counts.values())
    weighted = weight = 0.0
    for shape in sorted(by_shape, key=lambda s: -work.shape_counts[s.split(" (")[0]]):
        rows = by_shape[shape]
        right = sum(r.ok for r in rows)
        named = sum(r.named for r in rows)
        silent = sum(r.got == "verbatim" for r in rows)
        other = Counter(r.got for r in rows if not r.ok and r.got != "verbatim")
        share = work.shape_counts[shape.split(" (")[0]] / total
        if "(" not in shape:
            weighted += share * right / len(rows)
            weight += share
        print(
            f"| {shape} | {100 * share:.2f}% | {len(rows)} | {pct(right, len(rows))}"
            f" | {pct(named, len(rows))} | {silent} | "
            + (", ".join(f"{k} {n}" for k, n in other.most_common()) or "-")
            + " |"
        )
    edits_ = [r for r in results if r.claim.shape]
    right = sum(r.ok for r in edits_)
    print(
        f"\nsingle edits: {right} of {len(edits_)} Q103 ({pct(right, len(edits_))});"
        f" weighted by natural frequency: {100 * weighted / weight:.2f}%;"
        f" silent: {sum(r.got == 'verbatim' for r in edits_)};"
        f" message names the token: {pct(sum(r.named for r in edits_), len(edits_))}"
    )
    passing = [r for r in results if r.claim.expect == "verbatim"]
    alarms = sum(not r.ok for r in passing)
    print(
        "false alarms on verbatim, sub-span, typographic and repeated quotes:"
        f" {alarms} of {len(passing)}"
    )
    wrong = [r for r in results if not r.ok or not r.named]
    if wrong:
        print(f"\nmisses ({len(wrong)}; the first {min(misses, len(wrong))}):")
    for r in wrong[:misses]:
        c = r.claim
        what = f"{c.shape}: {c.original!r} -> {c.token!r}" if c.shape else c.kind
        print(f"- {c.id} [{what}] expected {c.expect}, got {r.got}")
        print(f"    quote:  {c.quote!r}")
        if c.sentence and c.sentence != c.quote:
            print(f"    source: {c.sentence!r}")
        if r.message:
            print(f"    said:   {r.message[:240]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="folder of the news collections (JSON Lines)")
    parser.add_argument("--claims", type=int, default=4000)
    parser.add_argument("--docs", type=int, default=6000, help="documents in the corpus sample")
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("--misses", type=int, default=40, help="misses listed (0: none)")
    parser.add_argument(
        "--out", type=Path, default=Path(tempfile.gettempdir()) / "claimlint-eval-real"
    )
    args = parser.parse_args(argv)
    start = time.perf_counter()
    work = sample(args.corpus, args.docs, args.seed)
    plan = build(args.out, work, args.claims, args.seed)
    print(f"(built in {time.perf_counter() - start:.1f} s)", file=sys.stderr)
    results, seconds = judge(args.out, plan)
    size = sum(len(t) for _, t in work.docs) / 1e6
    print(
        f"# Quotes on real text: {len(plan):,} claims over {len(work.docs):,} documents"
        f" ({size:.1f} MB), seed {args.seed}; claimlint took {seconds:.1f} s"
    )
    report(results, work, args.misses)
    return 0


if __name__ == "__main__":
    sys.exit(main())
