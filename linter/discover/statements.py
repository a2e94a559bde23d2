"""What sentences say that is no number: titles, roles, dates, bodies' names, how often, firsts.

Each reader takes one sentence and returns ``Statement``s, each a subject and a
value: "the U.S. special envoy for Afghanistan reconciliation, Zalmay Khalilzad"
says the title (value ``envoy``) of Khalilzad (subject); "the United States will
not be attending" says the role (value ``absent``) of the United States. The
readers are plain patterns of English news prose (no model, no list of the
corpus's words); ``conflicts`` then pairs the statements of two documents that are
about one subject and disagree, each kind with its own reason to think so.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace

from linter.discover.model import Sentence, Statement
from linter.facts.dates import find_dates, interval
from linter.facts.names import _FUNCTION_WORDS, norm, stem
from linter.facts.variants import names_in
from linter.text.numbers import UNITS

_TOKEN = re.compile(r"[^\W\d_]+(?:[-'’.][^\W\d_]+)*\.?|\d[\d,.]*|[^\w\s]")
_POSSESSIVE = re.compile(r"['’]s?$")

# --- who: countries and their governments -----------------------------------------------

# A country's name, its adjective and its capital stand for its government in news prose
# ("Washington declined", "the Afghan government", "Kabul has chosen not to send").
_COUNTRIES_TEXT = """united states: us usa america american washington
    afghanistan: afghan kabul | russia: russian moscow kremlin | china: chinese beijing
    india: indian delhi | pakistan: pakistani islamabad | iran: iranian tehran
    britain: british london uk | france: french paris | germany: german bonn berlin
    japan: japanese tokyo | saudi arabia: saudi riyadh | israel: israeli jerusalem
    egypt: egyptian cairo | turkey: turkish ankara | iraq: iraqi baghdad
    syria: syrian damascus | qatar: qatari doha | canada: canadian ottawa
    italy: italian rome | spain: spanish madrid | brazil: brazilian brasilia
    mexico: mexican | australia: australian canberra | south korea: seoul
    north korea: pyongyang | ukraine: ukrainian kiev | turkmenistan: turkmen
    uzbekistan: uzbek tashkent | tajikistan: tajik dushanbe | kuwait: kuwaiti
    nigeria: nigerian | indonesia: indonesian jakarta | venezuela: venezuelan caracas"""
COUNTRY: dict[str, str] = {}
for _entry in re.split(r"\n|\|", _COUNTRIES_TEXT):
    _name, _, _others = _entry.partition(":")
    if _name.strip():
        COUNTRY[_name.strip()] = _name.strip()
        COUNTRY.update({w: _name.strip() for w in _others.split()})


# Capitalized words that open a sentence before a name and are none of it.
_OPENERS = _FUNCTION_WORDS | frozenset({"only", "even", "also", "however", "meanwhile"})


def _capitalized(token: str) -> bool:
    return token[:1].isupper() and token[:1].isalpha()


def actors(text: str) -> list[tuple[int, int, str, str]]:
    """The named parties of a sentence: (start, end, comparison key, as written).

    A run of capitalized words is one party ("U.S. Embassy", "High Peace Council");
    a country's adjective or capital names the country ("Afghan" -> afghanistan). A
    place ("in Moscow", "U.S.-backed") and a sentence's capitalized first word are none.
    """
    found = []
    tokens = list(_TOKEN.finditer(text))
    i = 0
    while i < len(tokens):
        if not _capitalized(tokens[i].group()):
            i += 1
            continue
        j = i
        while (
            j + 1 < len(tokens)
            and _capitalized(tokens[j + 1].group())
            and text[tokens[j].end() : tokens[j + 1].start()] == " "
        ):
            j += 1
        while i < j and norm(tokens[i].group()) in _OPENERS:
            i += 1  # "Only Pakistan has confirmed", "The U.S. and India"
        start, end = tokens[i].start(), tokens[j].end()
        words = [_POSSESSIVE.sub("", t.group()) for t in tokens[i : j + 1]]
        keys = [norm(w) for w in words]
        previous = norm(tokens[i - 1].group()) if i else ""
        i = j + 1
        keys = [k for k in keys if k and k not in _FUNCTION_WORDS]
        if not keys or previous in {"in", "at", "near", "outside", "inside"}:
            continue  # "talks in Moscow": a place
        if text[end : end + 1] == "-":
            continue  # "U.S.-backed": a modifier, not a party
        joined = " ".join(keys)
        key = COUNTRY.get(joined) or COUNTRY.get(keys[0]) or COUNTRY.get(keys[-1])
        if key is None:
            if start == 0 and len(keys) == 1:
                continue  # "Officials from ...": the sentence's first word
            key = joined
        found.append((start, end, key, text[start:end]))
    return found


# --- roles -------------------------------------------------------------------------------

_AUX = r"(?:will|would|did|does|do|shall|could|can|is|are|was|were|has|have|had)"
_TAKE = r"(?:attend(?:ing)?|participat(?:e|ing)|tak(?:e|ing) part|go|join|send)"
_ROLE_CUES = [
    (
        "observer",
        re.compile(
            r"(?i)\bas (?:an? )?observers?\b|\bsen[dt]s? (?:\w+ ){0,2}observers?\b"
            r"|\bobserver status\b|\bto observe\b"
        ),
    ),
    (
        "absent",
        re.compile(
            rf"(?i)\b{_AUX}(?: not|n['’]t)(?: be)? {_TAKE}\b"
            rf"|\b(?:refused|declined|refuses|declines|refusal|decided not|chose not|chosen not)"
            rf" to {_TAKE}\b|\bdeclined (?:the |its |their |an? )?invitation\b"
            r"|\bboycott(?:ed|ing)\b|\bstay(?:ed)? away\b"
        ),
    ),
    (
        "delegates",
        re.compile(
            r"(?i)\bsen[dt]s? (?:(?:a|an|\w+) ){0,4}(?:delegation|delegates|diplomats|envoys"
            r"|representatives?|officials|ministers?|team)\b"
        ),
    ),
    (
        "present",
        re.compile(
            r"(?i)\btook part\b|\b(?:agreed to|will|would) (?:take part|attend|participate)\b"
            r"|\b(?:attended|participated)(?! by)\b|\b(?:is|are|was|were) attending\b"
            r"|\bconfirmed (?:its|their|his|her) (?:attendance|participation)\b"
            r"|\baccepted (?:\w+['’]?s? ){0,3}invitation\b"
        ),
    ),
]
# Cues whose parties follow: "convened Taliban officials, Afghan government envoys and ...".
_AMONG = re.compile(
    r"(?i)\bconvened\b|\bsitting between\b|\bsat (?:\w+ ){0,2}between\b"
    r"|\battended by\b"
)
_AMONG_END = re.compile(r"(?i)\b(?:for|to|on|at|who|which|that|where|when|with)\b|[;:!?]|\.\s*$")
_BOUNDARY = re.compile(r"[,;:—–(]|\b(?:that|who|which|while|but|when|because)\b")
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)(?:the\s+)?")
ROLE_SHOWN = {
    "absent": "did not take part",
    "observer": "observer",
    "present": "took part",
    "delegates": "sent delegates",
}
ROLE_TOOK_PART = frozenset({"present", "observer", "delegates"})
# Roles that do not contradict: an observer, or a party sending delegates, took part.
ROLES_AGREE = frozenset({frozenset({"observer", "present"}), frozenset({"delegates", "present"})})
# What one takes part in: any of these is the event the documents report.
_EVENTS_TEXT = """talks talk meeting meetings conference session summit negotiations gathering
    forum round discussions event"""
_EVENTS = frozenset(_EVENTS_TEXT.split())
_OBJECT = re.compile(
    r"\s+(?:\w+ly\s+)?(?:in|to|at)?\s*(?:the|a|an|its|their|this|next|any|that)?\s*"
    r"((?:[A-Za-z][\w'’-]*\s+){0,3}?)([A-Za-z][\w'’-]*)(?=\s*(?:[,.;:]|$|\s+(?:in|on|at|for|of"
    r"|with|and|but|which|because|as|saying|since)\b))"
)


def _coordinated(found: list[tuple[int, int, str, str]], first: int, text: str) -> list[int]:
    """The party at ``first`` and those listed with it ("China, Iran and Pakistan")."""
    chosen = [first]
    i = first
    while i > 0 and _LIST_GAP.fullmatch(text, found[i - 1][1], found[i][0]):
        i -= 1
        chosen.insert(0, i)
    i = first
    while i + 1 < len(found) and _LIST_GAP.fullmatch(text, found[i][1], found[i + 1][0]):
        i += 1
        chosen.append(i)
    return chosen


def roles(sentence: Sentence, words: frozenset[str], published: str | None) -> list[Statement]:
    """Who took part and how: absent ("declined to attend"), observer, present ("took part")."""
    text = sentence.text
    found = actors(text)
    if not found:
        return []
    out: dict[tuple[str, str], Statement] = {}
    for value, cue in _ROLE_CUES:
        for match in cue.finditer(text):
            if value == "present" and re.search(
                r"(?i)\b(?:not|n['’]t|never)\s+$", text[: match.start()]
            ):
                continue  # "had Taliban delegates not participated": said of what did not happen
            subjects = _subject_of(found, match.start(), text)
            # "Only Pakistan has so far confirmed its attendance": no other party has
            alone = len(subjects) == 1 and bool(
                re.search(r"(?i)\bonly\s+(?:the\s+)?$", text[: found[subjects[0]][0]])
            )
            for index in subjects:
                _, _, key, written = found[index]
                if value == "present" and {(key, "observer"), (key, "absent")} & set(out):
                    continue  # "will attend, but only as an observer"
                if value == "delegates" and (key, "absent") in out:
                    continue  # "has chosen not to send diplomats"
                out.setdefault(
                    (key, value),
                    replace(
                        _statement(
                            sentence,
                            match.start(),
                            match.end(),
                            "role",
                            key,
                            _party(key, written),
                            value,
                            ROLE_SHOWN[value],
                            words,
                            published,
                        ),
                        what=_object(text, match.end()),
                        alone=alone and value == "present",
                    ),
                )
    for match in _AMONG.finditer(text):
        stop = _AMONG_END.search(text, match.end())
        limit = stop.start() if stop else len(text)
        if match.group().lower().startswith("sit"):
            comma = text.find(",", match.end())
            limit = min(limit, comma) if comma >= 0 else limit
        for start, _, key, written in found:
            if match.end() <= start < limit and not {(key, v) for v in ROLE_SHOWN} & set(out):
                phrase = re.match(r"[^,;.]*?(?=,| and |$|[;.])", text[start:limit])
                tail = phrase.group() if phrase else written
                out[(key, "present")] = _statement(
                    sentence,
                    start,
                    start + len(tail),
                    "role",
                    key,
                    _party(key, written),
                    "present",
                    ROLE_SHOWN["present"],
                    words,
                    published,
                )
    return list(out.values())


def _object(text: str, at: int) -> str:
    """What a party takes part in, said right after the verb: "" (not said), "event" (the
    talks, the meeting, ...) or the word ("the Paris pact" -> pact)."""
    match = _OBJECT.match(text, at)
    if match is None or not match.group(2)[0].isalpha():
        return ""
    head = stem(norm(match.group(2)))
    if head in _EVENTS or stem(head) in _EVENTS:
        return "event"
    if head in _FUNCTION_WORDS or head in _VERB_WORDS or head in {"either", "too", "also", "again"}:
        return ""
    return head


def _party(key: str, written: str) -> str:
    """A party for people: a country by its name ("Kabul" -> Afghanistan), others as written."""
    return key.title() if key in COUNTRY.values() else written


def _subject_of(found: list[tuple[int, int, str, str]], at: int, text: str) -> list[int]:
    """The parties a verb at ``at`` is said of: the first named in its clause, with its list."""
    end = at
    for _ in range(3):
        bounds = [m.end() for m in _BOUNDARY.finditer(text, 0, end)]
        begin = bounds[-1] if bounds else 0
        inside = [i for i, f in enumerate(found) if begin <= f[0] < at]
        if inside:
            return _coordinated(found, inside[0], text)
        if begin == 0:
            return []
        end = begin - 1
    return []


# --- titles ------------------------------------------------------------------------------

_HEADS_TEXT = """chairman chairwoman chair head leader chief president envoy emissary adviser
    advisor minister secretary spokesman spokeswoman spokesperson director ambassador governor
    commander gen official representative negotiator executive officer deputy analyst
    economist expert researcher mayor senator premier chancellor treasurer manager founder
    editor correspondent strategist aide coordinator mediator commissioner counsel"""
_HEADS = frozenset(_HEADS_TEXT.split())
# One office, several words for it.
_HEAD_CLASS = {
    "chairwoman": "chairman",
    "chair": "chairman",
    "leader": "head",
    "chief": "head",
    "advisor": "adviser",
    "spokeswoman": "spokesman",
    "spokesperson": "spokesman",
    "emissary": "envoy",
    "representative": "envoy",
    "negotiator": "envoy",
    "mediator": "envoy",
    "gen": "general",
    "premier": "minister",
    "secretary": "minister",
}
# Words for a person that describe and name no office ("official", "economist"; "head" or
# "leader" of whatever they lead): compatible with any title.
_ANY_OFFICE_TEXT = (
    "official aide executive officer head economist expert analyst researcher strategist"
)
_ANY_OFFICE = frozenset(_ANY_OFFICE_TEXT.split())
_PREFIXES_TEXT = "vice deputy assistant acting"
_PREFIXES = frozenset(_PREFIXES_TEXT.split())
_TIME_WORDS_TEXT = "former ex late then outgoing incoming designate elect"
_TIME_WORDS = frozenset(_TIME_WORDS_TEXT.split())
_ORG_WORDS_TEXT = """corp inc co ltd plc bank group department ministry council commission office
    committee agency party union association exchange board fund university institute center
    centre service services news times post journal press army navy command movement
    government embassy house senate congress parliament court republic state states"""
_ORG_WORDS = frozenset(_ORG_WORDS_TEXT.split())
_VERBISH = re.compile(r"(?:ing|ed)$")
_VERB_WORDS_TEXT = """is are was were be been has have had will would said says told met sat
    went came made led named called"""
_VERB_WORDS = frozenset(_VERB_WORDS_TEXT.split())


def _head_runs(tokens: list[str]) -> list[str]:
    """The offices a title names: "chairman and chief executive" -> chairman, chief executive;
    "Assistant Treasury Secretary" -> assistant secretary; "Prime Minister" -> minister."""
    keys = [norm(part) for t in tokens for part in t.split("-")]
    offices = []
    n = 0
    while n < len(keys):
        if keys[n] not in _HEADS:
            n += 1
            continue
        m = n
        while m + 1 < len(keys) and keys[m + 1] in _HEADS | {"financial", "operating"}:
            m += 1
        run = keys[n : m + 1]
        prefix = [k for k in keys[max(0, n - 3) : n] if k in _PREFIXES]
        n = m + 1
        if run == ["deputy"] and any(k in _HEADS for k in keys[n : n + 3]):
            continue  # "deputy energy minister": the prefix of the office that follows
        if run[0] == "chief" and run[-1] in {"executive", "officer"} and len(run) > 1:
            office = "chief executive" if "executive" in run else " ".join(run)
        elif len(run) > 1 and run[-1] == "general":
            office = " ".join(run)  # "secretary general", "attorney general"
        else:
            office = _HEAD_CLASS.get(run[-1], run[-1])
        offices.append(" ".join([*prefix[-1:], office]) if prefix else office)
    return offices


def compatible_offices(a: str, b: str) -> bool:
    """Whether two offices may be one: the same, or either a word naming no office."""
    return a == b or a in _ANY_OFFICE or b in _ANY_OFFICE


def _title_words(tokens: Sequence[re.Match[str]]) -> bool:
    """Whether tokens can be a title's words: no verb, no time word ("former")."""
    for match in tokens:
        word = match.group()
        key = norm(word)
        if not word[0].isalpha() and word not in {"."}:
            return False
        if key in _TIME_WORDS or key in _VERB_WORDS:
            return False
        if word[0].islower() and _VERBISH.search(key) and len(key) > 4 and key not in _HEADS:
            return False
    return True


def titles(sentence: Sentence, words: frozenset[str], published: str | None) -> list[Statement]:
    """A person's title: before the name, or in an apposition after or before it."""
    text = sentence.text
    tokens = list(_TOKEN.finditer(text))
    out = []
    for name in names_in(text):
        if len(name) < 2 or norm(name[-1]) in _ORG_WORDS or norm(name[-1]) in COUNTRY:
            continue
        pattern = re.compile(r"[ \u00a0]+".join(map(re.escape, name)))
        located = pattern.search(text)
        if located is None:
            continue
        first = next(i for i, t in enumerate(tokens) if t.start() >= located.start())
        last = max(i for i, t in enumerate(tokens) if t.end() <= located.end())
        for span in _title_spans(tokens, first, last, text):
            offices = _head_runs([t.group() for t in span])
            for office in dict.fromkeys(offices):
                out.append(
                    _statement(
                        sentence,
                        span[0].start(),
                        span[-1].end(),
                        "title",
                        norm(name[-1]),
                        " ".join(name),
                        office,
                        office,
                        words,
                        published,
                        person=tuple(norm(w) for w in name),
                    )
                )
    return out


def _title_spans(tokens, first: int, last: int, text: str) -> Iterator[list[re.Match[str]]]:
    # before the name: "top political envoy Mohammad Abbas Stanekzai"
    i = first - 1
    if i >= 0 and norm(tokens[i].group()) in _HEADS:
        begin = i
        while begin - 1 >= 0 and first - begin < 7:
            word = tokens[begin - 1].group()
            key = norm(word)
            joined = key == "and" and begin >= 2 and norm(tokens[begin - 2].group()) in _HEADS
            if not word[0].isalpha() or (key in _FUNCTION_WORDS and key != "of" and not joined):
                break
            if not _title_words([tokens[begin - 1]]):
                if key in _TIME_WORDS:
                    return  # "former Bank of Japan head": an office once held
                break
            begin -= 1
            if _POSSESSIVE.search(word) and word[-1] in "s’'":
                break  # "the Taliban's political chief": the owner opens the title
        while begin < i and norm(tokens[begin].group()) == "of":
            begin += 1
        yield list(tokens[begin : i + 1])
    # after it: "Zalmay Khalilzad, the U.S. special envoy for Afghanistan reconciliation,"
    if last + 2 < len(tokens) and tokens[last + 1].group() == ",":
        span = []
        for token in tokens[last + 2 : last + 14]:
            if token.group() in {",", ";", ")", "—", "–"} or (
                token.group() == "." and text[token.start() - 1 : token.start()] == " "
            ):
                break
            span.append(token)
        if span and norm(span[0].group()) in {"the", "a", "an", "his", "her", "its"}:
            span = span[1:]
        elif span and norm(span[0].group()) in _FUNCTION_WORDS:
            span = []  # "Cordovez, and IADB President Antonio Ortiz Mena": a list goes on
        heads = [n for n, t in enumerate(span) if norm(t.group()) in _HEADS]
        if heads and heads[-1] + 1 < len(span) and _capitalized(span[heads[-1] + 1].group()):
            span = []  # "..., Federal Deposit Insurance Corp chairman William Seidman": the next
        if span and _title_words(span) and heads:
            yield span
    # before it, set off by a comma: "the commission's head, Muhammad Abbas Stanikzai"
    if first >= 2 and tokens[first - 1].group() == ",":
        span = []
        for token in reversed(tokens[max(0, first - 12) : first - 1]):
            if token.group() in {",", ";", "(", "—", "–", ":"}:
                break
            span.insert(0, token)
        heads = [n for n, t in enumerate(span) if norm(t.group()) in {"the", "a", "an", "its"}]
        if heads:
            span = span[heads[-1] + 1 :]
            if span and _title_words(span) and any(norm(t.group()) in _HEADS for t in span):
                yield span


# --- bodies: one organisation's commission, office, council ... -------------------------

_BODIES_TEXT = """commission office council committee bureau board department ministry agency
    secretariat directorate cabinet division wing branch panel"""
_BODIES = frozenset(_BODIES_TEXT.split())


def bodies(sentence: Sentence, words: frozenset[str], published: str | None) -> list[Statement]:
    """An organisation's body with a modifier: "the Taliban's political office", "its political
    commission", "Taliban Political Commission" (owner, modifier, body)."""
    text = sentence.text
    tokens = list(_TOKEN.finditer(text))
    out = []
    for n, token in enumerate(tokens):
        body = norm(token.group())
        if body not in _BODIES or n < 2:
            continue
        mod, owner = tokens[n - 1], tokens[n - 2]
        mod_key, owner_word = norm(mod.group()), owner.group()
        if not mod.group()[0].isalpha() or mod_key in _FUNCTION_WORDS or mod_key in _VERB_WORDS:
            continue
        if _POSSESSIVE.search(mod.group()) or mod_key in COUNTRY:
            continue  # "Japan's ministry": no modifier
        possessive = bool(re.search(r"['’]s$", owner_word))
        if norm(owner_word) in {"its", "their"}:
            before = [a for a in actors(text[: owner.start()])]
            if not before:
                continue
            key, shown = before[0][2], _POSSESSIVE.sub("", before[0][3])
        elif possessive or (
            _capitalized(owner_word) and _capitalized(mod.group()) and _capitalized(token.group())
        ):
            key = norm(_POSSESSIVE.sub("", owner_word))
            key, shown = COUNTRY.get(key, key), _POSSESSIVE.sub("", owner_word)
        else:
            continue
        if not key or key in _FUNCTION_WORDS:
            continue
        out.append(
            _statement(
                sentence,
                mod.start(),
                token.end(),
                "body",
                f"{key} {mod_key}",
                f"{shown}'s {mod.group().lower()}",
                body,
                f"{mod.group().lower()} {body}",
                words,
                published,
            )
        )
    return out


# --- how often: "postponed at least twice", "a previous attempt ... was thwarted" ------

_PUT_OFF = re.compile(
    r"(?i)\b(?:postponed|delayed|put off|deferred|rescheduled|cancell?ed|called off|adjourned"
    r"|thwarted|derailed|scrapped|foiled|collapsed|failed)\b"
)
_TIMES = re.compile(
    r"(?i)\b(?:(?P<bound>at least|more than|already)\s+)?(?P<n>once|twice|thrice"
    r"|(?:two|three|four|five|six|seven|eight|nine|ten|\d+) times)\b"
)
_ONE_EARLIER = re.compile(
    r"(?i)\b(?:an?|one) (?:previous|earlier|prior) (?:attempt|bid|effort|try)\b"
)
# "once", "twice", "thrice" and the number words of text.numbers.
_NUMBER_WORDS = {"once": 1, "twice": 2, "thrice": 3} | UNITS


def frequencies(
    sentence: Sentence, words: frozenset[str], published: str | None
) -> list[Statement]:
    """How often something was put off: a count of times next to a verb of putting off."""
    text = sentence.text
    verb = _PUT_OFF.search(text)
    if verb is None:
        return []
    for match in _TIMES.finditer(text):
        if abs(match.start() - verb.end()) > 30 and abs(verb.start() - match.end()) > 30:
            continue
        word = match.group("n").lower().split()[0]
        count = _NUMBER_WORDS.get(word) or int(word)
        bound = (match.group("bound") or "").lower()
        low = count + 1 if bound == "more than" else count
        high = math.inf if bound in {"at least", "more than"} else count
        shown = f"{'at least ' if high == math.inf else ''}{low}"
        return [_frequency(sentence, verb, match, low, high, shown, words, published)]
    earlier = _ONE_EARLIER.search(text)
    if earlier and earlier.start() < verb.start():
        return [_frequency(sentence, verb, earlier, 1, 1, "1", words, published)]
    return []


def _frequency(sentence, verb, match, low, high, shown, words, published) -> Statement:
    start, end = min(verb.start(), match.start()), max(verb.end(), match.end())
    return _statement(
        sentence,
        start,
        end,
        "frequency",
        "put off",
        "how often it was put off",
        shown,
        shown,
        words - {stem(norm(verb.group()))},
        published,
        low=low,
        high=high,
    )


# --- firsts: "the first official visit" against "already hosted three rounds" ------------

_FIRST = re.compile(
    r"(?i)\b(?:(?P<lone>unprecedented|first[- ]ever|for the first time(?! since))|(?:the|its|their"
    r"|a|\w+['’]s) (?P<core>first (?:\w+ ){0,2}?(?:visit|meeting|talks|conference|round"
    r"|interaction|trip|summit|session|negotiations|contact|of its kind))(?! since))\b"
)
_BEFORE = re.compile(
    r"(?i)\b(?:already (?:hosted|held|had|staged|convened) (?:\w+ ){0,2}?(?:rounds?|times"
    r"|meetings|sessions|talks|conferences)|(?:previous|earlier|prior) (?:rounds|meetings"
    r"|sessions|conferences|visits)|(?:second|third|fourth|fifth|sixth|\d+(?:nd|rd|th)) round)\b"
)


def firsts(sentence: Sentence, words: frozenset[str], published: str | None) -> list[Statement]:
    """A claim that something happened for the first time, or that it had happened before."""
    out = []
    for value, shown, cue in (("first", "the first", _FIRST), ("before", "not the first", _BEFORE)):
        match = cue.search(sentence.text)
        if match:
            cue_words = {stem(norm(w)) for w in match.group().split()}
            part = "core" if match.groupdict().get("core") else 0
            out.append(
                _statement(
                    sentence,
                    match.start(part),
                    match.end(part),
                    "first",
                    "first",
                    "whether it was the first",
                    value,
                    shown,
                    words - cue_words,
                    published,
                )
            )
    return out


# --- dates of one event ------------------------------------------------------------------

_MONTHISH = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b|\d{4}-\d{2}")


_EVENT_WORDS = re.compile(
    r"(?i)\b(?:talks|meeting|meet|met|conference|summit|session|visit|visited|negotiations"
    r"|convened|convene|hosted|host|gathering|invited|forum)\b"
)


def dates(sentence: Sentence, words: frozenset[str], published: str | None) -> list[Statement]:
    """The one date, to the month or the day, of a sentence that gives one."""
    if not _MONTHISH.search(sentence.text):
        return []
    if not _EVENT_WORDS.search(sentence.text):
        return []  # a date of a meeting, a visit, talks: not of a figure's period
    found = [t for t in find_dates(sentence.text, published) if t.month]
    if len(found) != 1:
        return []
    token = found[0]
    in_year = interval(2000, token.month, token.day, token.part)
    statement = _statement(
        sentence,
        token.start,
        token.end,
        "date",
        "date",
        "the date",
        token.display,
        token.display,
        words,
        published,
        low=token.low,
        high=token.high,
    )
    rest = sentence.text[: token.start] + " " + sentence.text[token.end :]
    figures = frozenset(n.group() for n in re.finditer(r"\d[\d,.]*\d|\d", rest))
    names = frozenset(norm(w) for name in names_in(sentence.text) for w in name)
    return [replace(statement, in_year=in_year, names=names, figures=figures)]


READERS: tuple[Callable[[Sentence, frozenset[str], str | None], list[Statement]], ...] = (
    roles,
    titles,
    bodies,
    frequencies,
    firsts,
    dates,
)
# A sentence none of these words is in says none of these things (a fast first look).
_CUE = re.compile(
    r"(?i)attend|participat|part\b|observ|boycott|away\b|invitation|convened|between|sen[dt]"
    r"|declin|refus|chose|"
    + "|".join(sorted(_HEADS | _BODIES))
    + r"|postpon|delay|put off|defer|reschedul|cancel|called off|adjourn|thwart|derail|scrap"
    r"|foil|collaps|fail|first|unprecedented|already|previous|earlier|prior|round"
    r"|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)|\d{4}-\d{2}"
)


def statements(
    sentence: Sentence, words: frozenset[str], published: str | None = None
) -> list[Statement]:
    """Everything the readers find in one sentence."""
    if not _CUE.search(sentence.text):
        return []
    found: list[Statement] = []
    for reader in READERS:
        found += reader(sentence, words, published)
    return found


def _statement(
    sentence,
    start,
    end,
    kind,
    subject,
    shown,
    value,
    display,
    words,
    published,
    low=None,
    high=None,
    person=(),
) -> Statement:
    return Statement(
        sentence=sentence,
        start=sentence.start + start,
        end=sentence.start + end,
        kind=kind,
        subject=subject,
        shown=shown,
        value=value,
        display=display,
        words=frozenset(words),
        low=low,
        high=high,
        person=person,
        published=published,
    )
