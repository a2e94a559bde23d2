"""Generate a deterministic, real-looking quote-checking workload of any size.

Documents recombine sentences from ``seeds/*.txt`` (numbers and names perturbed)
with templated news sentences whose random names, numbers and dates make every
document distinct. Claims quote those documents, verbatim or altered in the ways
fact-checks go wrong, and ``labels.json`` records the outcome each one should get.

Every random choice comes from seeded ``random.Random`` instances (one per
document, one for the claims), so a seed always yields the same bytes, and the
first N documents are the same whatever ``--docs`` is.

Usage: python benchmarks/generate.py --docs 1000 --claims 10000 --seed 1 --out /tmp/cl-bench
"""

# ruff: noqa: SIM905 (word lists read best as one string)
from __future__ import annotations

import argparse
import json
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from linter.rules.outcomes import OUTCOMES  # noqa: E402
from linter.text.numbers import (  # noqa: E402
    MULTIPLIERS,
    ORDINALS,
    SCALES,
    SPECIAL,
    TENS,
    UNITS,
    find_negations,
    find_numbers,
)

SEEDS = ROOT / "seeds"
DOC_SIZE = 48_000  # characters, on average
TEMPLATES_PER_DOC = (6, 9)
WRAPPED_SHARE = 0.2  # documents hard-wrapped at 76 columns (quotes then span line breaks)

# Claim kinds -> (share of claims, expected outcome).
KINDS: dict[str, tuple[float, str]] = {
    "verbatim": (0.70, "verbatim"),
    "typographic": (0.10, "verbatim"),
    "inexact": (0.05, "inexact"),
    "number": (0.05, "meaning-changed"),
    "fabricated": (0.05, "not-found"),
    "misattributed": (0.05, "misattributed"),
}

FIRST = (
    "Amir Anna Boris Carla Dmitri Elena Farid Grace Hamid Irina Javed Karen Lena Mikhail "
    "Nadia Omar Pavel Rahim Sara Tomas Ulrich Vera Wahid Yelena Zalmay Ahmad Beatrice Colin "
    "Daria Emil Fatima Gul Hassan Ivan Jamila Kamal Lucia Masood Nikolai Olga"
).split()
LAST = (
    "Ahmadzai Baranov Carter Durrani Ershova Farooqi Golubev Haidari Ivanova Jalali Karimov "
    "Lindqvist Mansoor Novak Orlov Popal Qureshi Rostami Sokolov Tarzi Umarov Volkova Wardak "
    "Yusufzai Zhukov Barakzai Chen Dostum Egorov Fedorov Ghafoori Hotak Ismaili Kuznetsov "
    "Lodin Morozov Noorzai Osmani Petrov Rahmani"
).split()
TITLES = (
    "deputy foreign minister|special envoy|senior adviser|provincial governor|ministry spokesman|"
    "defense analyst|regional director|delegation head|security official|trade representative|"
    "programme officer|senior researcher|former ambassador|chief negotiator|field coordinator"
).split("|")
COUNTRIES = (
    "Afghanistan|Pakistan|Iran|China|India|Russia|Uzbekistan|Tajikistan|Turkmenistan|"
    "Kazakhstan|Kyrgyzstan|Qatar|Turkey|Germany|Norway|Japan|Saudi Arabia|Indonesia"
).split("|")
CITIES = (
    "Kabul|Moscow|Doha|Islamabad|Tehran|Beijing|New Delhi|Tashkent|Dushanbe|Herat|Kandahar|"
    "Mazar-i-Sharif|Jalalabad|Kunduz|Ghazni|Peshawar|Quetta|Astana|Geneva|Oslo|Ankara"
).split("|")
ORGS = (
    "the Foreign Ministry|the High Peace Council|the United Nations mission|the Red Crescent|"
    "the central bank|the election commission|the interior ministry|the World Food Programme|"
    "the provincial council|the border police|the customs office|the chamber of commerce|"
    "the university senate|the refugee agency|the mining ministry|the health directorate"
).split("|")
MONTHS = (
    "January February March April May June July August September October November December"
).split()
WORDS = "two three four five six seven eight nine ten eleven twelve".split()
ITEMS = (
    "schools|clinics|checkpoints|observers|delegates|trucks|villages|wells|bridges|"
    "teachers|families|convoys|prisoners|polling stations|kilometres of road|workshops"
).split("|")

# Sentences documents are made of, around the seeds. Each has several random
# slots, so a whole templated sentence practically never occurs twice.
TEMPLATES = (
    "Farmers near {city} said that {n} {items} were lost to floods in {month} {year}, and "
    "{org} has yet to pay the {money} in compensation it announced.",
    "When {person} took office in {year}, {country} had only {n} {items}; by {month} {year2} "
    "there were {n2}, the ministry's yearbook shows.",
    "Journalists who visited {city} on {date} counted {n} {items} flying the flag of "
    "{country}, although {org} insisted there were none.",
    "The {title} {person} resigned on {date} after an audit by {org} found {money} missing "
    "from accounts in {city}.",
    "Fewer than {n} of the {n2} {items} inspected in {city} in {year} met the standard set by "
    "{org}, the inspectors' report concluded.",
    "Asked on {date} about the {pct} rise in prices in {city}, {person} blamed traders from "
    "{country} and promised an inquiry by {org}.",
    "{person}, the {title} of {country}, told reporters in {city} on {date} that {n} {items} "
    "had been handed over to {org}.",
    "According to {org}, {n} {items} were registered in {city} between {month} and {month2} "
    "{year}, {pct} more than a year earlier.",
    "The delegation led by {person} arrived in {city} on {date} and met officials from "
    "{org} for {hours} hours of closed talks.",
    "In {year}, {org} reported that {pct} of the {items} near {city} were out of service, "
    "a figure {person} later disputed.",
    "{person} said the agreement signed on {date} would cost {money} over {years} years and "
    "cover {n} {items} in the province around {city}.",
    "Officials in {city} confirmed that {n} {items} were damaged during the fighting of "
    "{month} {year}, and {org} promised to rebuild them.",
    "Speaking at {org} on {date}, {person} described the talks with {country} as "
    "{adjective} but warned that {n} issues remained open.",
    "By {month} {year}, {org} had trained {n} {items} staff in {city}, the {title} "
    "{person} wrote in a report to donors.",
    "A survey published by {org} on {date} found that {pct} of residents in {city} "
    "expected the talks in {city2} to fail.",
    "The {title}, {person}, travelled from {city} to {city2} on {date} with {n} advisers "
    "and a budget of {money}.",
    "{country} pledged {money} at the conference in {city} on {date}, of which {pct} was "
    "earmarked for {items}, {person} said.",
    "Local elders told {person} that {n} {items} had not been repaired since {year}, even "
    "though {org} had promised to do so by {month}.",
    "The {ordinal} round of talks, held in {city} on {date}, brought together {n} "
    "delegates from {country} and {country2}.",
    "{person}, who has worked for {org} since {year}, estimated that {n} {items} would be "
    "needed before the winter of {year2}.",
    "On {date}, {org} announced that {n} {items} in {city} would reopen within {weeks} "
    "weeks, the {title} {person} confirmed.",
    "Trade between {country} and {country2} reached {money} in {year}, up {pct}, "
    "according to figures released by {org} in {city}.",
    "Neither {person} nor the {title} from {country} would say whether the {n} {items} "
    "promised in {month} {year} had been delivered.",
    "The convoy left {city} at dawn on {date} carrying supplies for {n} {items}, and "
    "reached {city2} {hours} hours later, {org} said.",
    "{person} recalled that in {month} {year} only {n} {items} were working in {city}, "
    "compared with {n2} today.",
    "At a hearing on {date}, the {title} {person} told {org} that the project in {city} "
    "was {pct} complete and {money} over budget.",
)
# Sentences for fabricated quotes: built from the same vocabulary but from no template
# documents use, so no stretch of any document comes close.
FABRICATIONS = (
    "We will never accept a deal that leaves {n} {items} without protection, {person} "
    "insisted in a letter to {org} dated {date}.",
    "My government is ready to host a final summit in {city} before {month} {year}, "
    "whatever {country} may think of it, {person} declared.",
    "Everyone at the table understood that {country2} wanted {money} up front, {person} "
    "admitted during an interview on {date}.",
    "Frankly, {pct} of what {org} promised us has vanished into thin air, a furious "
    "{person} complained to the assembled press.",
    "Our troops can leave {city} within {weeks} weeks if the ceasefire holds, {person} "
    "was overheard telling a colleague on {date}.",
)
ADJECTIVES = "constructive|difficult|frank|cordial|tense|productive|cautious|useful".split("|")

# Replacement words for inexact quotes: not in any template or seed, not numbers or negations.
REPLACEMENTS = (
    "purportedly|hastily|quietly|abruptly|formally|reluctantly|eagerly|secretly|bitterly|"
    "promptly|partially|tentatively|openly|briefly|firmly|loosely|jointly|gravely"
).split("|")
NUMBER_VOCAB = set(UNITS) | set(TENS) | set(SCALES) | set(ORDINALS) | set(MULTIPLIERS)
NUMBER_VOCAB |= set(SPECIAL) | {"a", "and"}

_SENTENCE = re.compile(r"(?<=[.!?”])\s+(?=[A-Z“\"‘'])")
_SEED_NAMES = re.compile(
    r"\b(Lavrov|Kabulov|Ghani|Khalilzad|Putin|Trump|Zakharova|Karzai|Abdullah|Stanekzai)\b"
)
_DIGITS = re.compile(r"(?<![\w,.])\d{1,3}(?:,\d{3})+(?![\w,])|(?<![\w,.])\d+(?![\w,.])")


@dataclass(slots=True)
class Sentence:
    text: str
    template: int | None  # index into TEMPLATES, None for a seed sentence


@dataclass(slots=True)
class Document:
    index: int
    text: str
    # (start, end, template) of each templated sentence in ``text``: practically unique.
    unique: list[tuple[int, int, int]] = field(default_factory=list)
    # (start, end) of every sentence in ``text``.
    sentences: list[tuple[int, int]] = field(default_factory=list)


@dataclass(slots=True)
class PlannedClaim:
    id: str
    kind: str
    cited: int
    donor: int  # the document the quote is taken from (== cited unless misattributed)
    avoid: frozenset[int] = frozenset()  # misattributed: the cited document's templates
    quote: str = ""


def seed_sentences(folder: Path = SEEDS) -> list[str]:
    """Prose sentences of the seed articles (headings, bylines and boilerplate dropped)."""
    found: list[str] = []
    for path in sorted(folder.glob("*.txt")):
        for paragraph in path.read_text(encoding="utf-8").splitlines():
            if len(paragraph.split()) < 12:
                continue
            for sentence in _SENTENCE.split(paragraph.strip()):
                if 8 <= len(sentence.split()) <= 60 and sentence[-1] in '.!?”"':
                    found.append(sentence)
    if not found:
        raise SystemExit(f"no seed sentences found in {folder}")
    return found


def _number(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.25:
        return rng.choice(WORDS)
    if roll < 0.6:
        return str(rng.randint(13, 999))
    return f"{rng.randint(1, 99)},{rng.randint(0, 999):03d}"


def _date(rng: random.Random) -> str:
    return f"{rng.choice(MONTHS)} {rng.randint(1, 28)}, {rng.randint(1996, 2024)}"


def fill(template: str, rng: random.Random) -> str:
    """A template with every slot drawn at random."""
    slots = {
        "person": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        "title": rng.choice(TITLES),
        "country": rng.choice(COUNTRIES),
        "country2": rng.choice(COUNTRIES),
        "city": rng.choice(CITIES),
        "city2": rng.choice(CITIES),
        "org": rng.choice(ORGS),
        "date": _date(rng),
        "month": rng.choice(MONTHS),
        "month2": rng.choice(MONTHS),
        "year": str(rng.randint(1996, 2024)),
        "year2": str(rng.randint(2019, 2030)),
        "n": _number(rng),
        "n2": _number(rng),
        "items": rng.choice(ITEMS),
        "pct": f"{rng.randint(2, 95)}.{rng.randint(0, 9)} percent",
        "money": f"${rng.randint(2, 950)}.{rng.randint(1, 9)} million",
        "hours": str(rng.randint(2, 36)),
        "years": str(rng.randint(2, 15)),
        "weeks": str(rng.randint(2, 20)),
        "adjective": rng.choice(ADJECTIVES),
        "ordinal": rng.choice(["second", "third", "fourth", "fifth", "sixth", "seventh"]),
    }
    text = template.format(**slots)
    return text[0].upper() + text[1:]


def perturb(sentence: str, rng: random.Random) -> str:
    """A seed sentence with some numbers and names changed, as another outlet might write it."""
    if rng.random() < 0.5:
        sentence = _DIGITS.sub(lambda m: str(rng.randint(2, 99)), sentence)
    if rng.random() < 0.3:
        sentence = _SEED_NAMES.sub(lambda m: rng.choice(LAST), sentence)
    return sentence


def templates_of(index: int, seed: int) -> list[int]:
    """The templates document ``index`` is written with: its house style.

    Two fillings of one template are ~80% alike, so a quote taken from another
    document is only clearly misattributed if the cited one never uses its template.
    """
    rng = random.Random(f"{seed}:templates:{index}")
    return sorted(rng.sample(range(len(TEMPLATES)), rng.randint(*TEMPLATES_PER_DOC)))


def make_document(index: int, seed: int, seeds: list[str]) -> Document:
    """Document ``index``: paragraphs of seed and templated sentences, ~DOC_SIZE characters."""
    rng = random.Random(f"{seed}:doc:{index}")
    own = templates_of(index, seed)
    target = int(DOC_SIZE * rng.uniform(0.9, 1.1))
    title = fill(TEMPLATES[rng.choice(own)], rng).rstrip(".")
    parts = [title[:90].rsplit(" ", 1)[0], "", f"By {rng.choice(FIRST)} {rng.choice(LAST)}", ""]
    size = sum(len(p) + 1 for p in parts)
    doc = Document(index, "")
    offset = size
    paragraphs: list[str] = []
    while size < target:
        sentences: list[Sentence] = []
        for _ in range(rng.randint(3, 8)):
            if rng.random() < 0.4:
                sentences.append(Sentence(perturb(rng.choice(seeds), rng), None))
            else:
                template = rng.choice(own)
                sentences.append(Sentence(fill(TEMPLATES[template], rng), template))
        for number, sentence in enumerate(sentences):
            start = offset + (1 if number else 0)
            end = start + len(sentence.text)
            doc.sentences.append((start, end))
            if sentence.template is not None:
                doc.unique.append((start, end, sentence.template))
            offset = end
        paragraph = " ".join(s.text for s in sentences)
        paragraphs.append(paragraph)
        offset += 2  # the blank line between paragraphs
        size += len(paragraph) + 2
    text = "\n".join(parts) + "\n" + "\n\n".join(paragraphs) + "\n"
    if rng.random() < WRAPPED_SHARE:
        # Hard-wrapped text: spaces become line breaks, so offsets do not move.
        text = "\n".join(hard_wrap(line, 76) for line in text.split("\n"))
    doc.text = text
    return doc


def hard_wrap(line: str, width: int) -> str:
    """``line`` broken at spaces into lines of at most ``width`` characters where possible."""
    pieces = []
    start = 0
    while len(line) - start > width:
        cut = line.rfind(" ", start, start + width + 1)
        if cut <= start:
            cut = line.find(" ", start + width)
            if cut == -1:
                break
        pieces.append(line[start:cut])
        start = cut + 1
    pieces.append(line[start:])
    return "\n".join(pieces)


def _words(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(r"\S+", text)]


def verbatim_span(doc: Document, rng: random.Random) -> str:
    """A run of 6-35 whole words within one sentence (whole sentence about a third of the time)."""
    start, end = rng.choice(doc.sentences)
    sentence = doc.text[start:end]
    words = _words(sentence)
    if rng.random() < 0.35 or len(words) <= 8:
        chosen = sentence
    else:
        count = rng.randint(6, min(35, len(words)))
        first = rng.randint(0, len(words) - count)
        chosen = sentence[words[first][0] : words[first + count - 1][1]]
        chosen = chosen.rstrip(",;:")
    return " ".join(chosen.split())  # as pasted from a browser: line breaks become spaces


def unique_sentence(doc: Document, rng: random.Random, avoid: frozenset[int] = frozenset()) -> str:
    """A whole templated sentence of ``doc``, from a template not in ``avoid``."""
    start, end, _ = rng.choice([u for u in doc.unique if u[2] not in avoid])
    return " ".join(doc.text[start:end].split())


def typographic(quote: str, rng: random.Random) -> str:
    """The quote as another editor typed it: quotes, dashes and spaces changed, words kept."""
    changes = [
        lambda q: q.replace("’", "'").replace("“", '"').replace("”", '"'),
        lambda q: q.replace("'", "’"),
        lambda q: q.replace("—", "–"),
        lambda q: _replace_one_space(q, rng, rng.choice(["  ", "\n", "\u00a0", " \u200b"])),
    ]
    changed = quote
    for change in rng.sample(changes, k=len(changes)):
        changed = change(changed)
        if changed != quote and rng.random() < 0.6:
            break
    if changed == quote:
        changed = _replace_one_space(quote, rng, "  ")
    return changed


def _replace_one_space(quote: str, rng: random.Random, by: str) -> str:
    spaces = [i for i, c in enumerate(quote) if c == " "]
    if not spaces:
        return quote
    i = rng.choice(spaces)
    return quote[:i] + by + quote[i + 1 :]


def inexact(quote: str, rng: random.Random) -> str | None:
    """One ordinary word changed (never a number, number word or negation)."""
    words = [
        m
        for m in re.finditer(r"(?<![\w'’-])[a-z]{4,}(?![\w'’-])", quote)
        if m.group() not in NUMBER_VOCAB and not find_negations(m.group())
    ]
    if not words:
        return None
    target = rng.choice(words)
    replacement = rng.choice([w for w in REPLACEMENTS if w != target.group()])
    return quote[: target.start()] + replacement + quote[target.end() :]


def number_altered(quote: str, rng: random.Random) -> str | None:
    """One number changed to another value ("nine" -> "ten", "14,000" -> "15,000")."""
    candidates = [t for t in find_numbers(quote) if t.kind in {"cardinal", "decimal", "year"}]
    if not candidates:
        return None
    token = rng.choice(candidates)
    if token.text.lower() in WORDS:
        new = rng.choice([w for w in WORDS if w != token.text.lower()])
    elif re.fullmatch(r"\d{1,3}(,\d{3})*", token.text):
        value = int(token.text.replace(",", ""))
        new = f"{value + rng.choice([-1, 1]) * rng.randint(1, max(1, value // 10)):,}"
        if "," not in token.text:
            new = new.replace(",", "")
    elif re.fullmatch(r"\d+\.\d", token.text):
        new = f"{float(token.text) + rng.randint(1, 9) / 10 + 1:.1f}"
    else:
        return None
    changed = quote[: token.start] + new + quote[token.end :]
    before = sorted(t.value for t in find_numbers(quote))
    after = sorted(t.value for t in find_numbers(changed))
    return changed if before != after else None


def plan_claims(docs: int, claims: int, seed: int) -> list[PlannedClaim]:
    """Kind, cited document and donor document of every claim, shuffled."""
    rng = random.Random(f"{seed}:claims")
    kinds: list[str] = []
    for kind, (share, _) in KINDS.items():
        kinds.extend([kind] * round(share * claims))
    kinds = (kinds + ["verbatim"] * claims)[:claims]
    rng.shuffle(kinds)
    planned = []
    for number, kind in enumerate(kinds, 1):
        cited = rng.randrange(docs)
        donor = cited
        avoid: frozenset[int] = frozenset()
        if kind == "misattributed":
            avoid = frozenset(templates_of(cited, seed))
            donor = cited
            for _ in range(20) if docs > 1 else ():
                candidate = (cited + rng.randrange(1, docs)) % docs
                if set(templates_of(candidate, seed)) - avoid:
                    donor = candidate
                    break
            if donor == cited:
                kind = "fabricated"
        planned.append(PlannedClaim(f"c{number:05d}", kind, cited, donor, avoid=avoid))
    return planned


def quote_for(claim: PlannedClaim, doc: Document, rng: random.Random) -> str:
    """The quote of a planned claim, taken from its donor document ``doc``."""
    if claim.kind == "verbatim":
        return verbatim_span(doc, rng)
    if claim.kind == "typographic":
        return typographic(verbatim_span(doc, rng), rng)
    if claim.kind == "misattributed":
        return unique_sentence(doc, rng, claim.avoid)
    if claim.kind == "fabricated":
        return fill(rng.choice(FABRICATIONS), rng)
    alter = inexact if claim.kind == "inexact" else number_altered
    for _ in range(50):
        changed = alter(unique_sentence(doc, rng), rng)
        if changed is not None:
            return changed
    raise RuntimeError(f"document {doc.index} has no sentence to alter for {claim.kind}")


def generate(out: Path, docs: int, claims: int, seed: int) -> dict[str, str]:
    """Write ``out/sources/doc_NNNN.txt``, ``out/claims.yaml`` and ``out/labels.json``."""
    if docs < 1 or claims < 0:
        raise SystemExit("need --docs >= 1 and --claims >= 0")
    seeds = seed_sentences()
    sources = out / "sources"
    sources.mkdir(parents=True, exist_ok=True)
    for stale in sources.glob("doc_*.txt"):
        stale.unlink()
    planned = plan_claims(docs, claims, seed)
    by_donor: dict[int, list[PlannedClaim]] = {}
    for claim in planned:
        by_donor.setdefault(claim.donor, []).append(claim)
    width = max(4, len(str(docs - 1)))
    names = [f"doc_{i:0{width}d}.txt" for i in range(docs)]
    for index in range(docs):
        doc = make_document(index, seed, seeds)
        (sources / names[index]).write_text(doc.text, encoding="utf-8")
        rng = random.Random(f"{seed}:quotes:{index}")
        for claim in by_donor.get(index, []):
            claim.quote = quote_for(claim, doc, rng)
    entries = [
        {"id": c.id, "source": f"sources/{names[c.cited]}", "quote": c.quote} for c in planned
    ]
    registry = yaml.safe_dump(
        {"claims": entries}, allow_unicode=True, sort_keys=False, width=1_000_000
    )
    (out / "claims.yaml").write_text(registry, encoding="utf-8")
    labels = {c.id: KINDS[c.kind][1] for c in planned}
    (out / "labels.json").write_text(json.dumps(labels, indent=0) + "\n", encoding="utf-8")
    return labels


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000, help="number of source documents")
    parser.add_argument("--claims", type=int, default=10000, help="number of claims")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True, help="output folder")
    args = parser.parse_args(argv)
    labels = generate(args.out, args.docs, args.claims, args.seed)
    counts = {o: sum(1 for v in labels.values() if v == o) for o in OUTCOMES}
    size = sum(p.stat().st_size for p in (args.out / "sources").glob("*.txt"))
    print(
        f"wrote {args.docs} documents ({size / 1e6:.1f} MB) and {len(labels)} claims to "
        f"{args.out}: " + ", ".join(f"{n} {o}" for o, n in counts.items())
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
