"""Quotes of short real news sentences, through the real CLI: no changed digit, number
word or negation lets a quote pass as verbatim or as a typo (issue 9).

Sources are sentences of BBC News and Reuters-21578 (the document each comes from is
named); the bracketed headline is from US local news. Each class of miss is here:
digits glued to letters or after a dot, ``n't`` and apostrophes inside words, number
words inside compounds and after spaced dashes, brackets that are in the source,
repetitive pages (captions "Image N of 44", one sentence repeated with other numbers)
and misattributed quotes whose changed word is one of their few rare words.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_cli

_CAPTIONS = [
    "The spring launch of the PSP in the UK is eagerly awaited by gaming fans.",
    "European leaders have openly blamed the US for the sharp rise in the value of the euro.",
    "Warburg already owns about 26 pct of Symbion.",
    "India, which attends the G7 meeting of seven leading industrialised nations on Friday,"
    " is unlikely to be cowed by its newcomer status.",
]

SOURCES = {
    # bbc-business-008
    "g7.txt": "India, which attends the G7 meeting of seven leading industrialised nations"
    " on Friday, is unlikely to be cowed by its newcomer status.\n",
    # bbc-business-049
    "cars.txt": "It confirms that the Mini Cooper 1.6 depreciates slower than any other car,"
    " other than the Mercedes Benz C180 SE and the BMW 1 Series 116i SE.\n",
    # reuters-128
    "liebert.txt": "Under the terms of the merger, each Liebert shareholder will receive\n"
    ".3322 shares of Emerson stock for each Liebert share.\n",
    # bbc-entertainment-226
    "fox.txt": 'Ms Berman said: "I think the audience expects loud things from Fox.'
    " Sometimes they work, and sometimes they don't.\" Who's Your Daddy, the first"
    " episode of which was shown on 3 January, pulled in a disappointing audience.\n",
    # bbc-entertainment-254
    "jamelia.txt": "I still want to make it, but it's not the end of the world if I don't,"
    '" commented Jamelia.\n',
    # bbc-business-451
    "fosters.txt": '"The combination will transform the global wine industry," said Trevor'
    " O'Hoy, Foster's chief executive officer.\n",
    # bbc-tech-017
    "handsets.txt": "The re-used handsets tend to be about one-third of the price of a new"
    " handset.\n",
    # bbc-business-162
    "mci.txt": "A merger between MCI and Verizon would be the fifth billion-dollar telecoms"
    " deal since October.\n",
    # reuters-3829
    "contra.txt": "The House vote expected later today will tell the White House its contra"
    " program -- one of Reagan's pet projects -- is in trouble.\n",
    # reuters-6118
    "showers.txt": "Crop areas in Cordoba, Santa Fe, and Buenos Aires received only light"
    " scattered showers -- three to 13 millimeters.\n",
    # bbc-business-296
    "wto.txt": "The WTO itself has warned that as many as 27 million jobs could be lost as a"
    " result of liberalisation in the textile industry.\n",
    # bbc-business-509
    "pwc.txt": 'The trend has one clear upside: "One risk in one region - for example the'
    " Middle East - won't kill your business anymore.\"\n",
    # bbc-sport-476
    "agassi.txt": "Eighth-seeded American Agassi is set to play a qualifier in round one if he"
    " can shake off a hip injury which ruled him out of the Kooyong Classic.\n",
    # bbc-sport-420
    "oconnor.txt": "\"There's a lot of competition here and I can't just drag my heels around"
    " if I don't get picked.\"\n",
    # bbc-tech-401
    "warcraft.txt": "I know of people who would play Ever[Crack] in shifts...waking at 3am to"
    " take over from their friends.\n",
    # US local news: a related-story line, brackets and all
    "phoenix.txt": "Police said the shooting began after an argument.\n"
    "[RELATED: PD: Gun battle leaves 1 dead, 3 wounded at Phoenix apartment complex]\n",
    # bbc-entertainment-330, bbc-business-089, reuters-7253, bbc-tech-045
    "train.txt": '"The train will be a crucial part of the film. The chase and most of the'
    ' stunts will be on the train," said Mr Singh.\n',
    "euro.txt": "European leaders have openly blamed the US for the sharp rise in the value"
    " of the euro.\n",
    "symbion.txt": "Warburg already owns about 26 pct of Symbion. Symbion has 7,472,000 shares"
    " outstanding.\n",
    "psp.txt": "The spring launch of the PSP in the UK is eagerly awaited by gaming fans.\n",
    # D. repetitive pages: a gallery's captions "Image N of 44" reuse a few real
    # sentences (bbc-tech-045, bbc-business-089, reuters-7253, bbc-business-008), and a
    # listing repeats one sentence (reuters-7253) 40 times with other numbers; the
    # articles the sentences come from are sources too
    "gallery.txt": "".join(f"Image {n} of 44: {_CAPTIONS[n % 4]}\n" for n in range(1, 45)),
    "listing.txt": "".join(
        f"Warburg already owns about {n} pct of Symbion, at {n + 17}.{n % 7}0 dlrs a share.\n"
        for n in range(11, 51)
    ),
}

# id: (source, quote, expected code or None for a pass, text the message must name)
CASES: dict[str, tuple[str, str, str | None, str]] = {
    # A. digits glued to letters, or after a dot
    "g7-verbatim": (
        "g7.txt",
        "attends the G7 meeting of seven leading industrialised nations",
        None,
        "",
    ),
    "g7-to-g8": (
        "g7.txt",
        "attends the G8 meeting of seven leading industrialised nations",
        "Q103",
        "G8",
    ),
    "c180": (
        "cars.txt",
        "other than the Mercedes Benz C190 SE and the BMW 1 Series 116i SE",
        "Q103",
        "C190",
    ),
    "116i": (
        "cars.txt",
        "other than the Mercedes Benz C180 SE and the BMW 1 Series 118i SE",
        "Q103",
        "118i",
    ),
    "dot-3322": (
        "liebert.txt",
        "each Liebert shareholder will receive .3342 shares of Emerson stock",
        "Q103",
        ".3342",
    ),
    "dot-3322-verbatim": (
        "liebert.txt",
        "each Liebert shareholder will receive .3322 shares of Emerson stock",
        None,
        "",
    ),
    # B. n't is part of its word, also at the end of a quote
    "dont-at-end": (
        "fox.txt",
        "I think the audience expects loud things from Fox. Sometimes they work, and"
        " sometimes they do",
        "Q103",
        "don't",
    ),
    "dont-verbatim": ("fox.txt", "Sometimes they work, and sometimes they don\u2019t.", None, ""),
    "if-i-do": (
        "jamelia.txt",
        "I still want to make it, but it's not the end of the world if I do",
        "Q103",
        "don't",
    ),
    "ohoy-verbatim": (
        "fosters.txt",
        "said Trevor O\u2019Hoy, Foster's chief executive officer",
        None,
        "",
    ),
    "ohoy-cut": ("fosters.txt", "Hoy, Foster's chief executive officer", "Q102", ""),
    # C. number words inside compounds, and after spaced dashes
    "one-fourth": (
        "handsets.txt",
        "The re-used handsets tend to be about one-fourth of the price of a new handset.",
        "Q103",
        "one-fourth",
    ),
    "million-dollar": (
        "mci.txt",
        "A merger between MCI and Verizon would be the fifth million-dollar telecoms deal"
        " since October.",
        "Q103",
        "million-dollar",
    ),
    "dash-two": (
        "contra.txt",
        "will tell the White House its contra program -- two of Reagan's pet projects --"
        " is in trouble",
        "Q103",
        "two",
    ),
    "dash-one-verbatim": (
        "contra.txt",
        "its contra program \u2014 one of Reagan's pet projects \u2014 is in trouble",
        None,
        "",
    ),
    "dash-four": (
        "showers.txt",
        "received only light scattered showers \u2013 four to 13 millimeters",
        "Q103",
        "four",
    ),
    "wont-after-dash": ("pwc.txt", "- for example the Middle East - will", "Q103", "won't"),
    "the-other-nt": (
        "oconnor.txt",
        "There's a lot of competition here and I can just drag my heels around if I don't get",
        "Q103",
        "can't",
    ),
    "first-seeded": (
        "agassi.txt",
        "First-seeded American Agassi is set to play a qualifier in round one",
        "Q103",
        "Eighth-seeded",
    ),
    # a quote so short that one changed number is much of it: still Q103
    "short-27-hundred": ("wto.txt", "27 hundred jobs could be", "Q103", "27 hundred"),
    # F. brackets that are in the source are text
    "crack-3am": ("warcraft.txt", "Ever[Crack] in shifts...waking at 2am", "Q103", "2am"),
    "bracketed-verbatim": (
        "phoenix.txt",
        "[RELATED: PD: Gun battle leaves 1 dead, 3 wounded at Phoenix apartment complex]",
        None,
        "",
    ),
    "bracketed-number": (
        "phoenix.txt",
        "[RELATED: PD: Gun battle leaves 1 dead, 4 wounded at Phoenix apartment complex]",
        "Q103",
        "4",
    ),
    # D. repetitive pages: the right caption or line, in the cited page
    "gallery-verbatim": (
        "gallery.txt",
        "Image 29 of 44: European leaders have openly blamed the US for the sharp rise",
        None,
        "",
    ),
    "gallery-image-number": (
        "gallery.txt",
        "Image 32 of 44: European leaders have openly blamed the US for the sharp rise",
        "Q103",
        'became "32"',
    ),
    "gallery-digit": (
        "gallery.txt",
        "Image 26 of 44: Warburg already owns about 28 pct of Symbion.",
        "Q103",
        '"26" (26) became "28"',
    ),
    "gallery-word": (
        "gallery.txt",
        "Image 12 of 44: The spring launch of the PSP in the UK is keenly awaited by gaming",
        "Q102",
        "",
    ),
    "listing-digit": (
        "listing.txt",
        "Warburg already owns about 26 pct of Symbion, at 43.80 dlrs a share.",
        "Q103",
        '"43.50" (43.5) became "43.80"',
    ),
    "listing-word": (
        "listing.txt",
        "Warburg already holds about 37 pct of Symbion, at 54.20 dlrs a share.",
        "Q102",
        "",
    ),
    "bracketed-elsewhere": (
        "g7.txt",
        "[RELATED: PD: Gun battle leaves 1 dead, 3 wounded at Phoenix apartment complex]",
        "Q104",
        "phoenix.txt",
    ),
}


# E. A misattributed quote with one word changed, where that word is one of its three
# rare words: in a corpus where "will", "be", "a", "of" and "the" are common, only "train",
# "crucial" and the changed word "openly" (in euro.txt) pick the documents to compare.
VOTE_SOURCES = ["train.txt", "euro.txt", "symbion.txt", "psp.txt", "g7.txt", "mci.txt"]
VOTE_SOURCES += ["handsets.txt", "contra.txt", "liebert.txt", "cars.txt", "wto.txt", "fox.txt"]
VOTE_CASES: dict[str, tuple[str, str, str | None, str]] = {
    "train-openly": (
        "g7.txt",
        "The train will be a crucial openly of the film.",
        "Q104",
        "train.txt",
    ),
    "train-verbatim-elsewhere": (
        "g7.txt",
        "The train will be a crucial part of the film.",
        "Q104",
        "train.txt",
    ),
}


def check(root: Path, sources: list[str], cases: dict[str, tuple]) -> dict[str, dict]:
    """The Q diagnostics of one ``claimlint check`` of ``cases`` over ``sources``, by claim."""
    (root / "sources").mkdir()
    for name in sources:
        (root / "sources" / name).write_text(SOURCES[name], encoding="utf-8")
    entries = [
        f"  - id: {cid}\n    source: sources/{source}\n"
        f"    quote: {json.dumps(quote, ensure_ascii=False)}\n"
        for cid, (source, quote, _, _) in cases.items()
    ]
    (root / "claims.yaml").write_text("claims:\n" + "".join(entries), encoding="utf-8")
    result = run_cli("check", "--format", "json", "--no-cache", cwd=root)
    assert result.returncode in (0, 1), result.stderr
    found: dict[str, dict] = {}
    for diag in json.loads(result.stdout)["diagnostics"]:
        if diag.get("claim") and diag["code"].startswith("Q"):
            found[diag["claim"]] = diag
    return found


@pytest.fixture(scope="module")
def findings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    found = check(tmp_path_factory.mktemp("real"), list(SOURCES), CASES)
    found.update(check(tmp_path_factory.mktemp("vote"), VOTE_SOURCES, VOTE_CASES))
    return found


@pytest.mark.parametrize("case", sorted(CASES | VOTE_CASES))
def test_real_sentence(findings: dict[str, dict], case: str) -> None:
    _, _, expected, named = (CASES | VOTE_CASES)[case]
    diag = findings.get(case)
    assert (diag["code"] if diag else None) == expected, diag and diag["message"]
    if named:
        assert named in diag["message"]
